"""Units on the roster that published no report for an audited year, once their deadline for it
has passed (a weekly audit in January does not call a government's report missing before 31 March)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from disclosure_audit import rules
from disclosure_audit.checks.config import CheckConfig
from disclosure_audit.checks.cross.timeliness import deadline_for
from disclosure_audit.model import Finding, ReportRecord, RosterUnit
from disclosure_audit.units import match_unit, normalise_unit


def is_due(unit: RosterUnit, year: int, config: CheckConfig) -> bool:
    """Whether the unit's deadline for the year's report has passed on the audit's date (Beijing)."""
    today = config.today or datetime.now(timezone(timedelta(hours=8))).strftime("%Y-%m-%d")
    return today > f"{year + 1}-{deadline_for(unit.level, unit.deadline, config)}"


def findings(records: list[ReportRecord], roster: list[RosterUnit], years: set[int] | None,
             also_present: set[tuple[str, int]], config: CheckConfig | None = None) -> list[Finding]:
    config = config or CheckConfig()
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
            if (normalise_unit(u.unit), year) in present or not is_due(u, year, config):
                continue
            out.append(Finding(rule="roster.missing", severity=rules.severity("roster.missing"), cells=[], expected="已发布年报",
                               observed="未找到", message=f"{u.unit}（{u.region}）未发布{year}年度政府信息公开工作年度报告，或报告未报送",
                               source=None, unit=u.unit, year=year, details={"region": u.region, "level": u.level}))
    return out
