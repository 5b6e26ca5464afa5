"""Units on the roster that published no report for an audited year."""

from __future__ import annotations

from disclosure_audit import rules
from disclosure_audit.model import Finding, ReportRecord, RosterUnit
from disclosure_audit.units import match_unit, normalise_unit


def findings(records: list[ReportRecord], roster: list[RosterUnit], years: set[int] | None,
             also_present: set[tuple[str, int]]) -> list[Finding]:
    audited = years or {r.year for r in records if r.year}
    known = {normalise_unit(u.unit): u.unit for u in roster}
    present: set[tuple[str, int]] = set()
    for r in records:
        key = match_unit(r.unit, known)
        if key and r.year:
            present.add((key, r.year))
    for unit, year in also_present:
        key = match_unit(unit, known)
        if key:
            present.add((key, year))
    out: list[Finding] = []
    for u in roster:
        for year in sorted(audited):
            if (normalise_unit(u.unit), year) in present:
                continue
            out.append(Finding(rule="roster.missing", severity=rules.severity("roster.missing"), cells=[], expected="已发布年报",
                               observed="未找到", message=f"{u.unit}（{u.region}）未发布{year}年度政府信息公开工作年度报告，或报告未报送",
                               source=None, unit=u.unit, year=year, details={"region": u.region, "level": u.level}))
    return out
