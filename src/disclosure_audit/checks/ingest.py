"""A file that could not be read is a finding of its own (ingest.unreadable), never dropped."""

from __future__ import annotations

from disclosure_audit import rules
from disclosure_audit.model import Finding, ManifestEntry


def unreadable_finding(source: str, reason: str, manifest: ManifestEntry | None = None) -> Finding:
    return Finding(
        rule="ingest.unreadable",
        severity=rules.severity("ingest.unreadable"),
        cells=[],
        expected="可读取的年报文件",
        observed=reason,
        message=f"文件无法读取：{reason}",
        source=source,
        unit=manifest.unit if manifest else None,
        year=manifest.year if manifest else None,
    )
