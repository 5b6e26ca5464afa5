"""Audit files or folders without orchestration: parse every file, check them together.

Used by ``disclosure-audit check`` and by the flows' parse/check tasks. A file that cannot be read
becomes an ``ingest.unreadable`` finding; nothing is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from disclosure_audit.checks import run_checks
from disclosure_audit.checks.config import CheckConfig
from disclosure_audit.checks.ingest import unreadable_finding
from disclosure_audit.model import Finding, ManifestEntry, ParseError, ReportRecord, RosterUnit
from disclosure_audit.pipeline.discover import REPORT_SUFFIXES, unsupported_reason
from disclosure_audit.readers import read_report

IGNORED_NAMES = {"manifest.csv", "roster.csv", "labels.jsonl", "values.jsonl"}


@dataclass
class ParsedBatch:
    records: list[ReportRecord] = field(default_factory=list)
    unreadable: list[Finding] = field(default_factory=list)


@dataclass
class AuditResult:
    records: list[ReportRecord]
    findings: list[Finding]

    def by_source(self) -> dict[str | None, list[Finding]]:
        out: dict[str | None, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.source, []).append(f)
        return out


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Every file under the given files and folders (sorted, as absolute paths: the warehouse keeps
    them for reruns started from any folder), except the run's own CSV/JSONL files and hidden
    files. Unknown suffixes are kept: they become ingest.unreadable, not silence."""
    out: list[Path] = []
    for p in (Path(x).resolve() for x in paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".") and f.name not in IGNORED_NAMES)
        else:
            out.append(p)
    return out


def parse_files(files: Iterable[Path], manifest: dict[str, ManifestEntry] | None = None) -> ParsedBatch:
    batch = ParsedBatch()
    for f in files:
        entry = (manifest or {}).get(str(f)) or (manifest or {}).get(f.name)
        if f.suffix.lower() not in REPORT_SUFFIXES:  # the same rule as the flows' discovery
            batch.unreadable.append(unreadable_finding(str(f), unsupported_reason(f), entry))
            continue
        try:
            batch.records.append(read_report(f, entry))
        except ParseError as exc:
            batch.unreadable.append(unreadable_finding(str(f), exc.reason, entry))
    return batch


def _manifest_by_file(files: list[Path], manifest: str | Path) -> dict[str, ManifestEntry]:
    from disclosure_audit.manifest import load_manifest

    base = Path(manifest).resolve().parent
    rows = {str((base / e.file).resolve()): e for e in load_manifest(manifest)}
    return {str(f): rows[str(f.resolve())] for f in files if str(f.resolve()) in rows}


def audit_paths(
    paths: Iterable[str | Path],
    *,
    roster: list[RosterUnit] | None = None,
    config: CheckConfig | None = None,
    history: list[ReportRecord] | None = None,
    engine: str = "both",
    docs_dir: Path | None = None,
    manifest: str | Path | None = None,
) -> AuditResult:
    """Parse and check the files under ``paths``; ``manifest``: a manifest CSV whose rows give the
    unit, level, year and date of the files (paths relative to the manifest's folder)."""
    files = discover(paths)
    if manifest:  # the manifest is the run's own file, whatever its name
        files = [f for f in files if f.resolve() != Path(manifest).resolve()]
    batch = parse_files(files, _manifest_by_file(files, manifest) if manifest else None)
    findings = run_checks(batch.records, history=history or [], roster=roster, config=config, engine=engine, docs_dir=docs_dir,
                          also_present={(f.unit, f.year) for f in batch.unreadable if f.unit and f.year})
    return AuditResult(batch.records, [*batch.unreadable, *findings])
