"""The arithmetic relations of tables 3 and 4 as data: ``sum(lhs) == sum(rhs)``.

One ``Relation`` per row or column of each rule (t3.applicant_total per row, t3.results_total and
t3.balance per column, t4.total per row, t3.other_handling per column). The pandera schemas, the GX
helper columns and the finding messages are all built from this one list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Iterable

from disclosure_audit import templates
from disclosure_audit.model import ReportRecord

T3_COL_LABELS = dict(templates.get(templates.GOV_2021).t3_columns)
T3_ROW_SHORT = {
    "new_received": "本年新收政府信息公开申请数量", "carried_over": "上年结转政府信息公开申请数量",
    "results_total": "（七）总计", "carried_forward": "结转下年度继续办理", "other_handling": "（六）其他处理",
}


def t3_row_label(row: str) -> str:
    labels = dict(templates.get(templates.GOV_2021).t3_rows)
    labels.update(dict(templates.get(templates.GOV_2019).t3_rows))
    return T3_ROW_SHORT.get(row, labels.get(row, row))


@dataclass(frozen=True)
class Relation:
    id: str  # unique, e.g. "t3.balance:natural_person"
    rule: str
    lhs: tuple[str, ...]  # the side that is printed as a total (or 第一项+第二项)
    rhs: tuple[str, ...]
    where: str  # Chinese: 表三“自然人”列

    @property
    def cells(self) -> list[str]:
        return [*self.lhs, *self.rhs]


@cache
def relations(template_id: str) -> tuple[Relation, ...]:
    """Every relation a report keyed by ``template_id`` must satisfy. For gov-2021 this includes the
    variant of t3.results_total over the single （六）其他处理 row that mixed reports print."""
    tpl = templates.get(template_id)
    cols = [c for c, _ in tpl.t3_columns]
    rels: list[Relation] = []
    for r, _ in tpl.t3_rows:
        rels.append(Relation(f"t3.applicant_total:{r}", "t3.applicant_total", (f"t3.{r}.total",),
                             tuple(f"t3.{r}.{c}" for c in templates.T3_APPLICANT_COLUMNS), f"表三“{t3_row_label(r)}”行"))
    if template_id == templates.GOV_2021:
        rels.append(Relation("t3.applicant_total:other_handling", "t3.applicant_total", ("t3.other_handling.total",),
                             tuple(f"t3.other_handling.{c}" for c in templates.T3_APPLICANT_COLUMNS), "表三“（六）其他处理”行"))
    leaves = tpl.t3_result_leaf_rows
    for c in cols:
        where = f"表三“{T3_COL_LABELS[c]}”列"
        rels.append(Relation(f"t3.results_total:{c}", "t3.results_total", (f"t3.results_total.{c}",),
                             tuple(f"t3.{r}.{c}" for r in leaves), where))
        if template_id == templates.GOV_2021:
            mixed = [r for r in leaves if r not in templates.T3_OTHER_HANDLING_SUBROWS] + ["other_handling"]
            rels.append(Relation(f"t3.results_total~mixed:{c}", "t3.results_total", (f"t3.results_total.{c}",),
                                 tuple(f"t3.{r}.{c}" for r in mixed), where))
            rels.append(Relation(f"t3.other_handling:{c}", "t3.other_handling", (f"t3.other_handling.{c}",),
                                 tuple(f"t3.{r}.{c}" for r in templates.T3_OTHER_HANDLING_SUBROWS), where))
        rels.append(Relation(f"t3.balance:{c}", "t3.balance", (f"t3.new_received.{c}", f"t3.carried_over.{c}"),
                             (f"t3.results_total.{c}", f"t3.carried_forward.{c}"), where))
    t4_labels = {"review": "行政复议", "litigation_direct": "行政诉讼（未经复议直接起诉）", "litigation_after_review": "行政诉讼（复议后起诉）"}
    for r, _ in tpl.t4_rows:
        rels.append(Relation(f"t4.total:{r}", "t4.total", (f"t4.{r}.total",),
                             tuple(f"t4.{r}.{c}" for c in templates.T4_PART_COLUMNS), f"表四“{t4_labels[r]}”"))
    return tuple(rels)


def by_id(template_id: str) -> dict[str, Relation]:
    return {r.id: r for r in relations(template_id)}


def frame_template(values: dict) -> str:
    """Which template's frame a record's values belong to (gov-2019 keys or gov-2021 keys)."""
    return templates.GOV_2019 if "t2.art20_9.centralized_procurement.amount" in values else templates.GOV_2021


def frame_templates(records: Iterable[ReportRecord]) -> set[str]:
    """The templates of the frames ``checks.frame.build_frames`` makes of ``records``."""
    return {frame_template(r.values) for r in records if r.values}


def optional_keys(template_id: str) -> list[str]:
    """Cells a report of this frame may lack without a completeness error (printed by mixed reports only)."""
    if template_id == templates.GOV_2021:
        return [f"t3.other_handling.{c}" for c, _ in templates.get(template_id).t3_columns]
    return []
