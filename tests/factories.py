"""Consistent report values built in the tests (no ../shared needed), and documents made from them."""

from __future__ import annotations

from disclosure_audit import templates
from disclosure_audit.model import ReportRecord
from disclosure_audit.synth.document import Document, build_document
from disclosure_audit.synth.values import consistent_values

SECTIONS = {
    "s1": "{year}年，本单位认真贯彻落实《条例》要求，共受理政府信息公开申请{apps}件，均已按时答复。",
    "s5": "存在的主要问题：政策解读形式不够丰富，公开渠道有限。改进措施：一是丰富解读形式；二是拓宽公开渠道；三是加强业务培训，提升工作人员能力。",
    "s6": "无",
}


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
