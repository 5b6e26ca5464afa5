"""Consistent report values built in the tests (no ../shared needed), and documents made from them."""

from __future__ import annotations

import random

from disclosure_audit import templates
from disclosure_audit.model import ReportRecord
from disclosure_audit.synth.document import Document, build_document

SECTIONS = {
    "s1": "{year}年，本单位认真贯彻落实《条例》要求，共受理政府信息公开申请{apps}件，均已按时答复。",
    "s5": "存在的主要问题：政策解读形式不够丰富，公开渠道有限。改进措施：一是丰富解读形式；二是拓宽公开渠道；三是加强业务培训，提升工作人员能力。",
    "s6": "无",
}


def consistent_values(template_id: str, seed: int = 1) -> dict[str, int | float]:
    """Values of a report that satisfy every relation of its template."""
    rng = random.Random(seed)
    tpl = templates.get(template_id)
    v: dict[str, int | float] = {}
    for k in tpl.t2_keys():
        v[k] = rng.randint(0, 60)
        if tpl.is_signed(k):
            v[k] = rng.randint(-5, 9)
        if tpl.is_amount(k):
            v[k] = round(rng.uniform(1000, 90000), 2) if tpl.amount_cells[k] == "万元" else round(rng.uniform(1e5, 1e8), 2)
    leaves = tpl.t3_result_leaf_rows
    for c in templates.T3_APPLICANT_COLUMNS:
        res = {r: (rng.randint(0, 6) if rng.random() < 0.4 else 0) for r in leaves}
        forward = rng.randint(0, 2)
        carried = rng.randint(0, 2)
        total = sum(res.values())
        new = total + forward - carried
        if new < 0:
            forward -= new
            new = 0
        for r, x in res.items():
            v[f"t3.{r}.{c}"] = x
        v[f"t3.results_total.{c}"] = total
        v[f"t3.new_received.{c}"] = new
        v[f"t3.carried_over.{c}"] = carried
        v[f"t3.carried_forward.{c}"] = forward
    for r, _ in tpl.t3_rows:
        v[f"t3.{r}.total"] = sum(v[f"t3.{r}.{c}"] for c in templates.T3_APPLICANT_COLUMNS)
    for r, _ in tpl.t4_rows:
        parts = [rng.randint(0, 4) for _ in templates.T4_PART_COLUMNS]
        for c, x in zip(templates.T4_PART_COLUMNS, parts):
            v[f"t4.{r}.{c}"] = x
        v[f"t4.{r}.total"] = sum(parts)
    return v


def sections_for(values: dict, year: int) -> dict[str, str]:
    return {s: t.format(year=year, apps=values.get("t3.new_received.total", 0)) for s, t in SECTIONS.items()}


def document(template_id: str = "gov-2021", year: int = 2022, seed: int = 1, unit: str = "示例县人民政府", **kw) -> tuple[Document, dict]:
    values = consistent_values(template_id, seed)
    values.update(kw.pop("override", {}))
    doc = build_document(unit=unit, year=year, template_id=template_id, values=values, sections=sections_for(values, year), **kw)
    return doc, values


def record(template_id: str = "gov-2021", year: int = 2022, seed: int = 1, unit: str = "示例县人民政府", **over) -> ReportRecord:
    """A parsed-looking record built directly (for check tests that need no parsing)."""
    values = consistent_values(template_id, seed)
    values.update(over.pop("values", {}))
    secs = sections_for(values, year)
    secs.update({"s2": "表格", "s3": "表格", "s4": "表格"})
    rec = ReportRecord(source=f"{unit}-{year}.txt", format="txt", unit=unit, year=year, template=template_id,
                       published_at=f"{year + 1}-01-20", values=dict(values), sections=secs,
                       section_order=list(templates.SECTION_IDS))
    for k, v in over.items():
        setattr(rec, k, v)
    return rec
