"""What a correct audit of a generated province reports: the labels (labels.jsonl), derived from
the plans, i.e. from what each file prints, never from the defect that was meant.

A label is ``{"source", "unit", "year", "rule", "cells"}``: ``source`` the file's path relative to
the landing folder (None for roster.missing), ``cells`` the canonical keys the finding names. The
arithmetic rules come from the relation list of ``checks.relations`` (a relation is broken when all
its cells are printed and the sums differ; the cells named are those ``checks.messages`` names);
the other rules follow ../shared/spec/rules.md with the default ``CheckConfig``. The audit is
assumed to read the landing folder with its manifest (unit, level, year and date per file), all
years together, and the roster.
"""

from __future__ import annotations

import re
from typing import Any

from disclosure_audit import templates
from disclosure_audit.checks.config import CheckConfig
from disclosure_audit.checks.messages import relation_finding
from disclosure_audit.checks.relations import frame_template, optional_keys, relations
from disclosure_audit.checks.cross.roster_missing import is_due
from disclosure_audit.checks.cross.timeliness import deadline_for
from disclosure_audit.model import ReportRecord, RosterUnit
from disclosure_audit.synth.plan import ReportPlan
from disclosure_audit.units import normalise_unit

FEE = "t2.art20_8.administrative_fees.fee_amount"
PROC_AMOUNT = "t2.art20_9.centralized_procurement.amount"
PROC_PROJECTS = "t2.art20_9.centralized_procurement.projects"
_ITEM_ROWS = [("art20_5", "administrative_licensing"), ("art20_5", "other_services"), ("art20_6", "administrative_penalty"),
              ("art20_6", "administrative_coercion"), ("art20_8", "administrative_fees")]
_NOISE = re.compile(r"[\d\s０-９，。、；：！？,.;:!?（）()“”\"'《》【】\[\]—\-－/／%％]+")


def label(plan: ReportPlan | None, rule: str, cells: list[str] | tuple[str, ...] = (), *, unit: str | None = None,
          year: int | None = None) -> dict[str, Any]:
    if plan is None:
        return {"source": None, "unit": unit, "year": year, "rule": rule, "cells": sorted(cells)}
    return {"source": plan.path, "unit": plan.reader_unit, "year": plan.year, "rule": rule, "cells": sorted(cells)}


def _record(plan: ReportPlan) -> ReportRecord:
    """The record a correct reader makes of the plan's file (what the checks' cell naming needs)."""
    return ReportRecord(source=plan.path, format=plan.fmt, unit=plan.reader_unit, year=plan.year, template=plan.template_used,
                        values=dict(plan.values), sections=plan.sections(), section_order=plan.section_order,
                        missing_rows=plan.missing_rows, missing_tables=plan.missing_tables)


def _relation_labels(plan: ReportPlan) -> list[dict]:
    v = plan.values
    tid = frame_template(v)
    rec = _record(plan)
    out = []
    for rel in relations(tid):
        vals = [v.get(k) for k in rel.cells]
        if any(x is None for x in vals):
            continue
        if abs(sum(v[k] for k in rel.lhs) - sum(v[k] for k in rel.rhs)) < 1e-6:  # type: ignore[misc]
            continue
        if "~mixed" in rel.id:
            c = rel.id.split(":")[1]
            if all(v.get(f"t3.{s}.{c}") is not None for s in templates.T3_OTHER_HANDLING_SUBROWS):
                continue  # the variant for reports printing the single row only
        out.append(label(plan, rel.rule, relation_finding(rec, rel).cells))
    return out


def _cell_labels(plan: ReportPlan) -> list[dict]:
    v = plan.values
    tid = frame_template(v)
    tpl = templates.get(tid)
    out = []
    skip_rows = set(plan.missing_rows)
    for key in tpl.keys():
        if v.get(key) is None and key.split(".")[0] not in plan.missing_tables and key.rsplit(".", 1)[0] not in skip_rows:
            out.append(label(plan, "completeness.cell", [key]))
    for key in tpl.keys() + optional_keys(tid):
        x = v.get(key)
        if x is None:
            continue
        if tpl.is_amount(key):
            if x < 0:
                out.append(label(plan, "domain.amount", [key]))
        elif (x != round(x)) or (x < 0 and not tpl.is_signed(key)):
            out.append(label(plan, "domain.integer", [key]))
    return out


def _structure_labels(plan: ReportPlan) -> list[dict]:
    out = []
    due = templates.for_year(plan.year).id
    if plan.template_used != due:
        out.append(label(plan, "structure.template"))
    order = plan.section_order
    if order != list(templates.SECTION_IDS):
        out.append(label(plan, "structure.sections"))
    for t in plan.missing_tables:
        out.append(label(plan, "structure.tables", [k for k in plan.values if k.startswith(t + ".")]))
    rows = plan.missing_rows
    if rows:
        out.append(label(plan, "structure.tables", [k for k in plan.values if k.rsplit(".", 1)[0] in rows]))
    texts = plan.sections()
    for sid in ("s5", "s6"):
        if sid in order and not texts[sid].strip():
            out.append(label(plan, "completeness.text"))
    if plan.reader_unit is None:
        out.append(label(plan, "completeness.identity"))
    return out


def _narrative_labels(plan: ReportPlan) -> list[dict]:
    if "s1" not in plan.section_order:
        return []
    v, stated, out = plan.values, plan.stated(), []
    apps, table = stated.get("applications"), v.get("t3.new_received.total")
    if apps is not None and table is not None and apps != table:
        out.append(label(plan, "narrative.applications", ["t3.new_received.total"]))
    for what, key in (("normative_2021", "t2.art20_1.normative_documents.issued"), ("normative_2019", "t2.art20_1.normative_documents.made")):
        n = stated.get(what)
        if n is not None and v.get(key) is not None and n != v[key]:
            out.append(label(plan, "narrative.normative_documents", [key]))
    review, lit = stated.get("review"), stated.get("litigation")
    if review is not None and v.get("t4.review.total") is not None and review != v["t4.review.total"]:
        out.append(label(plan, "narrative.review_litigation", ["t4.review.total"]))
    parts = [v.get("t4.litigation_direct.total"), v.get("t4.litigation_after_review.total")]
    if lit is not None and None not in parts and lit != sum(parts):  # type: ignore[arg-type]
        out.append(label(plan, "narrative.review_litigation", ["t4.litigation_direct.total", "t4.litigation_after_review.total"]))
    return out


def _amount_labels(plan: ReportPlan, config: CheckConfig) -> list[dict]:
    v = plan.values
    fee = v.get(FEE)
    if fee is not None and fee > config.fee_wan_max:
        return [label(plan, "plausibility.amount_unit", [FEE])]
    amount, projects = v.get(PROC_AMOUNT), v.get(PROC_PROJECTS)
    if amount and projects and amount / projects < config.procurement_yuan_min_per_project:
        return [label(plan, "plausibility.amount_unit", [PROC_AMOUNT, PROC_PROJECTS])]
    return []


def _deadline(plan: ReportPlan, config: CheckConfig) -> str:
    return deadline_for(plan.unit.level, plan.unit.deadline if plan.identity else None, config)


def _history_labels(plan: ReportPlan, prev: ReportPlan, config: CheckConfig) -> list[dict]:
    v, p, out = plan.values, prev.values, []
    for c, _ in templates.get(templates.GOV_2021).t3_columns:
        now, before = v.get(f"t3.carried_over.{c}"), p.get(f"t3.carried_forward.{c}")
        if now is not None and before is not None and now != before:
            out.append(label(plan, "history.carry_over", [f"t3.carried_over.{c}"]))
    for g, r in _ITEM_ROWS:
        key = f"t2.{g}.{r}.prev_items"
        now, last, change = v.get(key), p.get(key), p.get(f"t2.{g}.{r}.change")
        if None not in (now, last, change) and now != last + change:  # type: ignore[operator]
            out.append(label(plan, "history.items", [key]))
    for r in ("regulations", "normative_documents"):
        base = f"t2.art20_1.{r}"
        now, last, issued, repealed = v.get(f"{base}.in_force"), p.get(f"{base}.in_force"), v.get(f"{base}.issued"), v.get(f"{base}.repealed")
        if None in (now, last, issued, repealed):
            continue
        expected = last + issued - repealed  # type: ignore[operator]
        if abs(now - expected) > max(1.0, config.in_force_tolerance * max(expected, 1)):  # type: ignore[operator]
            out.append(label(plan, "history.in_force", [f"{base}.in_force", f"{base}.issued", f"{base}.repealed"]))
    return out


def _s5_key(plan: ReportPlan, min_chars: int) -> str | None:
    if "s5" not in plan.section_order:
        return None
    text = plan.texts.get("s5", "")
    if plan.reader_unit:
        text = text.replace(plan.reader_unit, "")
    text = _NOISE.sub("", text)
    return text if len(text) >= min_chars else None


def _duplicate_labels(readable: list[ReportPlan], previous: dict, config: CheckConfig) -> list[dict]:
    """Copies of section 五 (the generator copies it verbatim; other texts never come near the
    threshold): every report of a group of same-year reports of different units sharing the text,
    and a report repeating its own previous one."""
    out = []
    groups: dict[tuple[int, str], list[ReportPlan]] = {}
    for p in readable:
        key = _s5_key(p, config.duplicate_min_chars)
        if key:
            groups.setdefault((p.year, key), []).append(p)
    for (_, text), members in groups.items():
        for p in members:
            if any(normalise_unit(o.reader_unit) != normalise_unit(p.reader_unit) for o in members if o is not p):
                out.append(label(p, "duplicate.text"))
    for p in readable:
        prev = previous.get((normalise_unit(p.reader_unit), p.year - 1)) if p.reader_unit else None
        if prev is not None:
            a, b = _s5_key(p, config.duplicate_min_chars), _s5_key(prev, config.duplicate_min_chars)
            if a and b and a == b:
                out.append(label(p, "duplicate.text"))
    return out


def expected_findings(plans: list[ReportPlan], roster: list[RosterUnit], config: CheckConfig | None = None) -> list[dict]:
    """Every finding a correct audit of the generated landing folder reports, as labels."""
    config = config or CheckConfig()
    out: list[dict] = []
    readable = [p for p in plans if p.readable]
    for p in plans:
        if p.damage is not None:
            out.append(label(p, "ingest.unreadable") | {"unit": p.unit.unit})
    previous = {(normalise_unit(p.reader_unit), p.year): p for p in readable if p.reader_unit}
    for p in readable:
        out += _relation_labels(p)
        out += _cell_labels(p)
        out += _structure_labels(p)
        out += _narrative_labels(p)
        out += _amount_labels(p, config)
        if p.published_at[:10] > f"{p.year + 1}-{_deadline(p, config)}":
            out.append(label(p, "timeliness.deadline"))
        prev = previous.get((normalise_unit(p.reader_unit), p.year - 1)) if p.reader_unit else None
        if prev is not None:
            out += _history_labels(p, prev, config)
    out += _duplicate_labels(readable, previous, config)
    audited = sorted({p.year for p in readable})
    present = {(p.reader_unit, p.year) for p in readable if p.reader_unit}
    present |= {(p.unit.unit, p.year) for p in plans if p.damage is not None}
    for u in roster:
        for y in audited:
            if (u.unit, y) not in present and is_due(u, y, config):
                out.append(label(None, "roster.missing", unit=u.unit, year=y))
    return out
