"""Audit files and folders without the warehouse or Prefect: parse, check, group findings per report.

``audit_paths`` is the work behind ``disclosure-audit check``: every file under the given paths is
read with ``readers.read_report`` (a ParseError becomes an ``ingest.unreadable`` finding, never a
crash), all readable reports are checked together with ``checks.run_checks`` (batched per template),
and the result lists each report with its findings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from disclosure_audit.checks.config import CheckConfig
from disclosure_audit.checks.ingest import unreadable_finding
from disclosure_audit.model import Finding, ParseError, ReportRecord, RosterUnit

REPORT_SUFFIXES: frozenset[str] = frozenset({".txt", ".htm", ".html", ".shtml", ".docx", ".pdf"})


@dataclass
class AuditedReport:
    """One file of the audit: its record (None when unreadable) and its findings."""

    source: str
    record: ReportRecord | None
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        rec = self.record
        return {
            "source": self.source,
            "unit": rec.unit if rec else None,
            "year": rec.year if rec else None,
            "template": rec.template if rec else None,
            "findings": [f.to_json() for f in self.findings],
        }


@dataclass
class AuditResult:
    """Every file of the audit, plus findings that belong to no file (roster.missing)."""

    reports: list[AuditedReport]
    other_findings: list[Finding] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.reports for f in r.findings] + self.other_findings

    @property
    def records(self) -> list[ReportRecord]:
        return [r.record for r in self.reports if r.record is not None]

    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"reports": [r.to_json() for r in self.reports]}
        if self.other_findings:
            out["other_findings"] = [
                {**f.to_json(), "unit": f.unit, "year": f.year} for f in self.other_findings
            ]
        return out


def report_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to audit: each file given, and every report file under each folder (sorted).

    A path that does not exist raises FileNotFoundError naming it."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for folder, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(Path(folder) / f for f in sorted(files) if Path(f).suffix.lower() in REPORT_SUFFIXES)
        elif p.exists():
            out.append(p)
        else:
            raise FileNotFoundError(f"{p}: 文件或文件夹不存在；请检查路径")
    return out


def audit_records(
    records: list[ReportRecord],
    *,
    unreadable: list[tuple[str, str]] | None = None,
    roster: list[RosterUnit] | None = None,
    config: CheckConfig | None = None,
    engine: str = "both",
    docs_dir: Path | None = None,
) -> AuditResult:
    """Check parsed records together and group the findings per report (by source)."""
    from disclosure_audit.checks import run_checks

    reports = [AuditedReport(r.source, r) for r in records]
    by_source = {r.source: r for r in reports}
    other: list[Finding] = []
    for f in run_checks(records, roster=roster, config=config, engine=engine, docs_dir=docs_dir):
        target = by_source.get(f.source or "")
        (target.findings if target else other).append(f)
    for source, reason in unreadable or []:
        reports.append(AuditedReport(source, None, [unreadable_finding(source, reason)]))
    for r in reports:
        r.findings.sort(key=_finding_order)
    return AuditResult(reports, other)


def audit_paths(
    paths: Iterable[str | Path],
    *,
    roster: list[RosterUnit] | None = None,
    config: CheckConfig | None = None,
    engine: str = "both",
    docs_dir: Path | None = None,
) -> AuditResult:
    """Parse every report file under ``paths`` and check them all at once."""
    from disclosure_audit.readers import read_report

    records: list[ReportRecord] = []
    unreadable: list[tuple[str, str]] = []
    for path in report_files(paths):
        try:
            records.append(read_report(path))
        except ParseError as exc:
            unreadable.append((str(path), exc.reason))
    return audit_records(records, unreadable=unreadable, roster=roster, config=config, engine=engine, docs_dir=docs_dir)


def _finding_order(f: Finding) -> tuple:
    return (0 if f.severity == "error" else 1, f.rule, f.cells)
