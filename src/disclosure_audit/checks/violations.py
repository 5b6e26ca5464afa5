"""What an engine reports before it becomes a finding: one failed relation or cell of one report."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    report: int  # position of the record in the run
    rule: str
    subject: str  # a relation id (arithmetic) or a cell key (completeness, domain)
    engine: str  # "pandera" or "gx"
