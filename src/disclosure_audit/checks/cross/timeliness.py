"""Publication deadline (条例第四十九条): departments of governments at county level and above by
31 January of the following year, those governments by 31 March; townships and others as the
province sets (CheckConfig); a roster ``deadline`` overrides for one unit."""

from __future__ import annotations

import re

from disclosure_audit.checks.config import CheckConfig
from disclosure_audit.checks.messages import finding
from disclosure_audit.model import Finding, ReportRecord, RosterUnit
from disclosure_audit.units import match_unit, normalise_unit

_TOWNSHIP = re.compile(r"(镇|乡|街道)(人民政府|办事处)?$")
_GOVERNMENT = re.compile(r"(人民政府|管委会|管理委员会|（区本级）|\(区本级\))$")
_DEPARTMENT = re.compile(r"(局|委员会|委|办公室|办|中心|厅|署|院|站|所)$")
_LEVEL_NAMES = {"department": "县级以上政府部门", "government": "县级以上人民政府", "township": "乡镇、街道", "other": "其他单位"}


def infer_level(unit: str | None) -> str:
    """Level from a unit name where no roster says it: township, government, department or other."""
    name = normalise_unit(unit)
    if _TOWNSHIP.search(name):
        return "township"
    if _GOVERNMENT.search(name):
        return "government"
    if _DEPARTMENT.search(name):
        return "department"
    return "other"


def deadline_for(level: str, override: str | None, config: CheckConfig) -> str:
    """The MM-DD a unit of this level publishes by (the roster's own deadline first)."""
    if override:
        return override
    if level in ("province", "city", "county", "government"):
        return config.government_deadline
    return {"department": config.department_deadline, "township": config.township_deadline}.get(level, config.other_deadline)


def findings(records: list[ReportRecord], roster: list[RosterUnit] | None, config: CheckConfig) -> list[Finding]:
    by_name = {normalise_unit(u.unit): u for u in roster or []}
    known = {k: k for k in by_name}
    out: list[Finding] = []
    for rec in records:
        if not rec.published_at or not rec.year:
            continue
        key = match_unit(rec.unit, known) if by_name else None
        unit = by_name.get(key) if key else None
        level = unit.level if unit else (rec.level or infer_level(rec.unit))
        if level in ("province", "city", "county"):
            shown = "government"
        elif level in _LEVEL_NAMES:
            shown = level
        else:
            shown = "other"
        deadline = f"{rec.year + 1}-{deadline_for(level, unit.deadline if unit else None, config)}"
        published = rec.published_at[:10]
        if published > deadline:
            out.append(finding(rec, "timeliness.deadline", [], deadline, rec.published_at,
                               f"{rec.year}年度年报于{published}发布，晚于{_LEVEL_NAMES[shown]}的发布期限{deadline}（《条例》第四十九条及本省规定）",
                               level=level))
    return out
