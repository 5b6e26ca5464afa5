"""Parse one chunk of sources. A file that cannot be read becomes an ``ingest.unreadable`` finding
(with the manifest's unit and year when known); parsing a chunk never raises for a bad file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from disclosure_audit.model import Finding, ManifestEntry, ParseError, ReportRecord
from disclosure_audit.pipeline.discover import Rejected, Source


@dataclass
class ParsedChunk:
    """The records of a chunk and the findings for its unreadable files."""

    records: list[ReportRecord] = field(default_factory=list)
    unreadable: list[Finding] = field(default_factory=list)


def unreadable(source: str, reason: str, entry: ManifestEntry | None = None) -> Finding:
    """The ``ingest.unreadable`` finding of a file, tied to the manifest's unit and year if known."""
    from disclosure_audit.checks.ingest import unreadable_finding

    return unreadable_finding(source, reason, entry)


def parse_chunk(sources: Iterable[Source]) -> ParsedChunk:
    """Read every source of the chunk; ParseError (or any reader crash) -> unreadable finding."""
    from disclosure_audit.readers import read_report

    out = ParsedChunk()
    for src in sources:
        try:
            out.records.append(read_report(src.path, manifest=src.entry))
        except ParseError as exc:
            out.unreadable.append(unreadable(src.path, exc.reason, src.entry))
        except Exception as exc:  # noqa: BLE001 - one bad file must never stop a run
            out.unreadable.append(unreadable(src.path, f"读取时出错（{type(exc).__name__}: {exc}）", src.entry))
    return out


def rejected_findings(rejected: Iterable[Rejected]) -> list[Finding]:
    """The unreadable findings of files that were not parsed at all (unsupported or missing)."""
    return [unreadable(r.path, r.reason, r.entry) for r in rejected]


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
