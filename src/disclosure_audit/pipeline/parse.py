"""Parse one chunk of sources with ``audit.parse_files`` (a file that cannot be read becomes an
``ingest.unreadable`` finding carrying the manifest's unit and year; a chunk never raises for a
bad file), and put chunks together."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from disclosure_audit.audit import ParsedBatch
from disclosure_audit.model import Finding
from disclosure_audit.pipeline.discover import Rejected, Source

ParsedChunk = ParsedBatch  # records + unreadable findings


def parse_chunk(sources: Iterable[Source]) -> ParsedChunk:
    """Read every source of the chunk."""
    from disclosure_audit.audit import parse_files

    sources = list(sources)
    return parse_files([Path(s.path) for s in sources], {s.path: s.entry for s in sources if s.entry})


def rejected_findings(rejected: Iterable[Rejected]) -> list[Finding]:
    """The unreadable findings of files that were not parsed at all (unsupported or missing)."""
    from disclosure_audit.checks.ingest import unreadable_finding

    return [unreadable_finding(r.path, r.reason, r.entry) for r in rejected]


def merge(chunks: Iterable[ParsedChunk]) -> ParsedChunk:
    """All chunks as one, in chunk order."""
    out = ParsedChunk()
    for c in chunks:
        out.records.extend(c.records)
        out.unreadable.extend(c.unreadable)
    return out


def keep_year(parsed: ParsedChunk, year: int | None) -> tuple[ParsedChunk, int]:
    """Drop records of another year than ``year`` (records with no year are kept: the checks flag
    them); returns the kept chunk and how many were left out."""
    if year is None:
        return parsed, 0
    kept = [r for r in parsed.records if r.year is None or r.year == year]
    return ParsedChunk(kept, [f for f in parsed.unreadable if f.year is None or f.year == year]), len(parsed.records) - len(kept)


def present(unreadable: Iterable[Finding]) -> set[tuple[str, int]]:
    """(unit, year) of units whose report arrived but could not be read: not roster.missing."""
    return {(f.unit, f.year) for f in unreadable if f.unit and f.year is not None}
