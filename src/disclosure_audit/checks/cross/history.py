"""The previous year of the same unit: carry-over of table 3, item counts (gov-2019), documents in
force (gov-2021)."""

from __future__ import annotations

from disclosure_audit import templates
from disclosure_audit.checks.config import CheckConfig
from disclosure_audit.checks.messages import finding
from disclosure_audit.checks.relations import T3_COL_LABELS
from disclosure_audit.model import Finding, ReportRecord
from disclosure_audit.units import normalise_unit

_ITEM_ROWS = [("art20_5", "administrative_licensing"), ("art20_5", "other_services"), ("art20_6", "administrative_penalty"),
              ("art20_6", "administrative_coercion"), ("art20_8", "administrative_fees")]


class PreviousIndex:
    """Finds the report of the same unit for the previous year (the last one given wins)."""

    def __init__(self, reports: list[ReportRecord]) -> None:
        self._by: dict[tuple[str, int], ReportRecord] = {}
        for r in reports:
            if r.unit and r.year and r.values:
                self._by[(normalise_unit(r.unit), r.year)] = r

    def previous(self, rec: ReportRecord) -> ReportRecord | None:
        if not rec.unit or not rec.year:
            return None
        return self._by.get((normalise_unit(rec.unit), rec.year - 1))


def _n(x):  # noqa: ANN001, ANN202
    return int(x) if isinstance(x, float) and x.is_integer() else x


def findings(rec: ReportRecord, prev: ReportRecord, config: CheckConfig) -> list[Finding]:
    out: list[Finding] = []
    v, p = rec.values, prev.values
    for c, _ in templates.get(templates.GOV_2021).t3_columns:
        now, before = v.get(f"t3.carried_over.{c}"), p.get(f"t3.carried_forward.{c}")
        if now is None or before is None or now == before:
            continue
        out.append(finding(rec, "history.carry_over", [f"t3.carried_over.{c}"], _n(before), _n(now),
                           f"表三“上年结转政府信息公开申请数量”行“{T3_COL_LABELS[c]}”列为{_n(now)}，但本单位{prev.year}年度年报“结转下年度继续办理”为{_n(before)}，两者应相等",
                           previous=prev.source))
    for g, r in _ITEM_ROWS:
        key = f"t2.{g}.{r}.prev_items"
        now, last, change = v.get(key), p.get(key), p.get(f"t2.{g}.{r}.change")
        if now is None or last is None or change is None or now == last + change:
            continue
        label = templates.label_of(key).split("“")[1].split("”")[0]
        out.append(finding(rec, "history.items", [key], _n(last + change), _n(now),
                           f"表二“{label}”的上一年项目数量为{_n(now)}，但本单位{prev.year}年度年报为{_n(last)}、本年增/减{_n(change)}，应为{_n(last + change)}",
                           previous=prev.source))
    for r, name in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        base = f"t2.art20_1.{r}"
        now, last = v.get(f"{base}.in_force"), p.get(f"{base}.in_force")
        issued, repealed = v.get(f"{base}.issued"), v.get(f"{base}.repealed")
        if None in (now, last, issued, repealed):
            continue
        expected = last + issued - repealed  # type: ignore[operator]
        if abs(now - expected) <= max(1.0, config.in_force_tolerance * max(expected, 1)):  # type: ignore[operator]
            continue
        out.append(finding(rec, "history.in_force", [f"{base}.in_force", f"{base}.issued", f"{base}.repealed"], _n(expected), _n(now),
                           f"表二“{name}”现行有效件数为{_n(now)}，但按本单位{prev.year}年度的{_n(last)}件加本年制发{_n(issued)}件、减本年废止{_n(repealed)}件，应约为{_n(expected)}件",
                           previous=prev.source))
    return out
