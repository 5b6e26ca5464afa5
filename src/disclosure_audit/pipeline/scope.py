"""What a rerun covers: one unit, one region or one whole year (or a combination), and which
sources and records belong to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from disclosure_audit.model import Finding, ManifestEntry, ReportRecord


@dataclass(frozen=True)
class RerunScope:
    """The part of the province a clerk asks to re-check; a field left None means "any"."""

    unit: str | None = None
    region: str | None = None
    year: int | None = None

    def __post_init__(self) -> None:
        if self.unit is None and self.region is None and self.year is None:
            raise ValueError("重新审核需要指定单位（unit）、地区（region）或年度（year）中的至少一项")

    def describe(self) -> str:
        """Chinese description for logs and alerts, e.g. ``单位 湘潭县人民政府、2020 年度``."""
        parts = []
        if self.unit:
            parts.append(f"单位 {self.unit}")
        if self.region:
            parts.append(f"地区 {self.region}")
        if self.year is not None:
            parts.append(f"{self.year} 年度")
        return "、".join(parts)

    def _matches(self, unit: str | None, region: str | None, year: int | None) -> bool:
        if self.unit is not None and unit != self.unit:
            return False
        if self.region is not None and not (region or "").startswith(self.region):
            return False
        return self.year is None or year == self.year

    def matches_entry(self, entry: ManifestEntry) -> bool:
        return self._matches(entry.unit, entry.region, entry.year)

    def matches_record(self, record: ReportRecord) -> bool:
        return self._matches(record.unit, record.region, record.year)

    def matches_finding(self, finding: Finding, regions: dict[str, str | None]) -> bool:
        """Whether a finding belongs to the scope (``regions``: unit -> region of the run)."""
        return self._matches(finding.unit, regions.get(finding.unit or ""), finding.year)


def unit_years(records: Iterable[ReportRecord], findings: Iterable[Finding] = ()) -> list[tuple[str, int]]:
    """The (unit, year) pairs a rerun replaces in the warehouse, sorted."""
    pairs = {(r.unit, r.year) for r in records if r.unit and r.year is not None}
    pairs |= {(f.unit, f.year) for f in findings if f.unit and f.year is not None}
    return sorted(pairs)  # type: ignore[arg-type]


def manifest_sources(manifest_path: str, scope: RerunScope) -> list[str]:
    """Files the manifest assigns to the scope."""
    from disclosure_audit.manifest import load_manifest
    from disclosure_audit.pipeline.discover import manifest_files

    files = manifest_files(load_manifest(manifest_path), manifest_path)
    return [path for path, entry in files.items() if scope.matches_entry(entry)]


def in_scope(
    scope: RerunScope, records: list[ReportRecord], findings: list[Finding], others: list[ReportRecord]
) -> tuple[list[ReportRecord], list[Finding]]:
    """The records and findings a rerun keeps: those of the scope, not those of the other units'
    reports it only read for comparison (duplicate.text)."""
    kept = [r for r in records if scope.matches_record(r)]
    regions = {r.unit: r.region for r in [*others, *records] if r.unit}
    pairs = {(r.unit, r.year) for r in kept}
    sources = {r.source for r in kept}
    other_sources = {o.source for o in others}
    out = [
        f
        for f in findings
        if (f.source in sources or (f.unit, f.year) in pairs or scope.matches_finding(f, regions))
        and f.source not in other_sources
    ]
    return kept, out


def rerun_result(
    scope: RerunScope,
    records: list[ReportRecord],
    findings: list[Finding],
    unreadable: list[Finding],
    others: list[ReportRecord],
    whole_folder: bool,
) -> tuple[list[ReportRecord], list[Finding], list[tuple[str, int]]]:
    """What a rerun stores: the scope's records and findings, and the (unit, year) pairs it
    replaces in the warehouse. ``whole_folder``: every file of the landing folder was read (no
    stored or manifest sources), so unreadable files outside the scope are dropped too; otherwise
    every file re-read belongs to the scope. A unit's pair is replaced even when its report is gone
    (its old findings are then resolved or kept by the store step's rules)."""
    if whole_folder:
        kept, out = in_scope(scope, records, findings + unreadable, others)
    else:
        kept, out = in_scope(scope, records, findings, others)
        out += unreadable
    replaced = unit_years(kept, out)
    if scope.unit and scope.year is not None and (scope.unit, scope.year) not in replaced:
        replaced.append((scope.unit, scope.year))
    return kept, out, replaced
