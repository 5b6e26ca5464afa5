"""The records every stage shares: a parsed report, a finding, and the project's parse error.

These are plain dataclasses (no Prefect, no SQLAlchemy) so that readers, checks, the warehouse and
the alerts agree on one shape. Cell keys are the canonical keys of ``templates``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Number = int | float
Severity = Literal["error", "warning"]


class ParseError(Exception):
    """A file could not be read as a report. ``str()`` is one line naming the file and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass
class ReportRecord:
    """One annual report in canonical form, whatever format it came in.

    ``values`` holds every cell key of the template(s) the report is keyed by (None = blank in the
    source, never 0). ``provenance`` says for a key where its value came from ("line 123",
    "table 3 row 5 col 2", "page 2 table 1 row 4 col 3") so a finding can point at it.
    ``missing_rows`` names the table rows (e.g. "t3.other_other") that the source does not print at
    all, and ``missing_tables`` the tables ("t2", "t3", "t4") it lacks: structure findings, not cell
    findings. ``problems`` are reader notes in Chinese for data staff.
    """

    source: str
    format: str
    unit: str | None = None
    year: int | None = None
    template: str | None = None  # gov-2019, gov-2021, mixed, or None when not recognised
    published_at: str | None = None  # ISO "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" as printed
    title: str | None = None
    region: str | None = None
    level: str | None = None
    values: dict[str, Number | None] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)  # s1..s6 -> text ("" if absent)
    section_order: list[str] = field(default_factory=list)  # section ids in the order found
    uncertain: list[str] = field(default_factory=list)
    missing_rows: list[str] = field(default_factory=list)
    missing_tables: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    sha256: str | None = None
    unit_from: str | None = None  # "manifest", "title" or "text"

    def to_json(self) -> dict[str, Any]:
        """The public JSON of ``disclosure-audit parse --json``."""
        return {
            "source": self.source,
            "unit": self.unit,
            "year": self.year,
            "template": self.template,
            "published_at": self.published_at,
            "values": dict(self.values),
            "sections": {s: self.sections.get(s, "") for s in ("s1", "s2", "s3", "s4", "s5", "s6")},
            "uncertain": sorted(self.uncertain),
            "problems": list(self.problems),
            "provenance": dict(self.provenance),
            "missing_rows": list(self.missing_rows),
            "missing_tables": list(self.missing_tables),
            "format": self.format,
        }

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ReportRecord":
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


@dataclass
class Finding:
    """One violation of one rule by one report (or by a roster unit with no report)."""

    rule: str
    severity: Severity
    cells: list[str]
    expected: Any
    observed: Any
    message: str  # Chinese, for a county clerk
    source: str | None = None  # the report's source path; None for roster.missing
    unit: str | None = None
    year: int | None = None
    details: dict[str, Any] = field(default_factory=dict)  # e.g. similarity, other report

    @property
    def fingerprint(self) -> str:
        """Stable identity across runs: the same violation of the same unit/year/rule/cells."""
        return "|".join([self.unit or "", str(self.year or ""), self.rule, ",".join(sorted(self.cells))])

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "cells": list(self.cells),
            "expected": self.expected,
            "observed": self.observed,
            "message": self.message,
        }


@dataclass(frozen=True)
class RosterUnit:
    """A unit expected to report (one row of the roster CSV)."""

    unit: str
    region: str
    level: str  # e.g. province, city, county, township, department
    email: str
    parent: str | None = None
    deadline: str | None = None  # "MM-DD" of the following year, overrides the level's default
    supervisor_email: str | None = None  # region supervisor that receives a digest


@dataclass(frozen=True)
class ManifestEntry:
    """One row of a landing folder's manifest CSV: which unit and year a file is."""

    file: str
    unit: str | None = None
    region: str | None = None
    level: str | None = None
    year: int | None = None
    published_at: str | None = None
    contact: str | None = None
