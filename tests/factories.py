"""Consistent report values built in the tests (no ../shared needed), and documents made from them."""

from __future__ import annotations

import random

from disclosure_audit import templates
from disclosure_audit.model import ReportRecord
from disclosure_audit.synth.document import Document, build_document
from disclosure_audit.synth import narrative
from disclosure_audit.synth.values import consistent_values

def sections_for(values: dict, year: int, unit: str = "示例县人民政府", seed: int = 1) -> dict[str, str]:
    return narrative.sections(unit, year, values, random.Random(f"{unit}{seed}"))


def document(template_id: str = "gov-2021", year: int = 2022, seed: int = 1, unit: str = "示例县人民政府", **kw) -> tuple[Document, dict]:
    values = consistent_values(template_id, seed)
    values.update(kw.pop("override", {}))
    doc = build_document(unit=unit, year=year, template_id=template_id, values=values, sections=sections_for(values, year, unit, seed), **kw)
    return doc, values


def record(template_id: str = "gov-2021", year: int = 2022, seed: int = 1, unit: str = "示例县人民政府", **over) -> ReportRecord:
    """A parsed-looking record built directly (for check tests that need no parsing)."""
    values = consistent_values(template_id, seed)
    values.update(over.pop("values", {}))
    secs = sections_for(values, year, unit, seed)
    secs.update({"s2": "表格", "s3": "表格", "s4": "表格"})
    rec = ReportRecord(source=f"{unit}-{year}.txt", format="txt", unit=unit, year=year, template=template_id,
                       published_at=f"{year + 1}-01-20", values=dict(values), sections=secs,
                       section_order=list(templates.SECTION_IDS))
    for k, v in over.items():
        setattr(rec, k, v)
    return rec
