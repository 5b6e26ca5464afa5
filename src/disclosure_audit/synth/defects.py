"""Planted defects: each kind turns a clean ``ReportPlan`` into one that breaks a catalogue rule.

Every rule of ``data/rules.yaml`` that a file (or its absence) can carry has at least one kind
(``KINDS``: kind -> the rule it plants). A kind only changes what the report prints; it never
decides the labels. ``expected.expected_findings`` derives them from the plans, so side effects of
a defect (one changed cell breaking a row total and a column balance, a wrong carried_forward
breaking next year's carry-over) are labelled as a correct audit reports them.

``assign(plans, rate, rng)`` picks ``round(rate * len(plans))`` plans, in year order, and gives each
the applicable kind used least so far, so a small province still gets every kind.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from disclosure_audit import templates
from disclosure_audit.synth.plan import ReportPlan
from disclosure_audit.synth.province import deadline
from disclosure_audit.synth.values import report_values

T3_COLS = [c for c, _ in templates.get(templates.GOV_2021).t3_columns]


@dataclass
class Context:
    """What a defect may look at: the plans by (unit, year), and the plans no defect may touch."""

    by_key: dict[tuple[str, int], ReportPlan]
    protected: set[tuple[str, int]]  # clean plans whose text another report copies
    rng: random.Random
    first_year: int

    def previous(self, plan: ReportPlan) -> ReportPlan | None:
        return self.by_key.get((plan.unit.unit, plan.year - 1))


def _prev_ok(plan: ReportPlan, ctx: Context) -> ReportPlan | None:
    """The previous report when the audit will read and identify it (history rules can fire)."""
    prev = ctx.previous(plan)
    if prev is None or not prev.readable or not prev.identity:
        return None
    return prev


def _bump(plan: ReportPlan, key: str, delta: int) -> None:
    plan.values[key] = (plan.values[key] or 0) + delta


def _delta(rng: random.Random, current: int | float | None) -> int:
    """A non-zero change that keeps the cell non-negative."""
    d = rng.randint(1, 5)
    return -d if current and current >= d and rng.random() < 0.5 else d


def _t3_col(rng: random.Random) -> str:
    return rng.choice(["natural_person", "natural_person", "commercial_enterprise", "legal_service_org"])


# -- kinds -------------------------------------------------------------------------------------
def applicant_total(plan: ReportPlan, ctx: Context) -> None:
    row = ctx.rng.choice(["new_received", "carried_over", "granted", "unable_not_held", "carried_forward"])
    key = f"t3.{row}.total"
    _bump(plan, key, _delta(ctx.rng, plan.values[key]))


def results_total(plan: ReportPlan, ctx: Context) -> None:
    key = f"t3.results_total.{_t3_col(ctx.rng)}"
    _bump(plan, key, _delta(ctx.rng, plan.values[key]))


def balance(plan: ReportPlan, ctx: Context) -> None:
    c = _t3_col(ctx.rng)
    d = ctx.rng.randint(1, 4)
    _bump(plan, f"t3.carried_forward.{c}", d)
    _bump(plan, "t3.carried_forward.total", d)


def t4_total(plan: ReportPlan, ctx: Context) -> None:
    key = f"t4.{ctx.rng.choice(['review', 'litigation_direct', 'litigation_after_review'])}.{ctx.rng.choice(templates.T4_PART_COLUMNS)}"
    _bump(plan, key, _delta(ctx.rng, plan.values[key]))


def other_handling(plan: ReportPlan, ctx: Context) -> None:
    """gov-2021 with a printed （六）其他处理 subtotal row that does not add up."""
    rows = list(templates.get(templates.GOV_2021).t3_row_ids)
    rows.insert(rows.index(templates.T3_OTHER_HANDLING_SUBROWS[0]), "other_handling")
    plan.t3_rows = rows
    for c in T3_COLS:
        plan.values[f"t3.other_handling.{c}"] = sum(plan.values[f"t3.{s}.{c}"] or 0 for s in templates.T3_OTHER_HANDLING_SUBROWS)
    c = _t3_col(ctx.rng)
    d = ctx.rng.randint(1, 3)
    _bump(plan, f"t3.other_handling.{c}", d)
    _bump(plan, "t3.other_handling.total", d)
    if plan.fmt == "pdf":  # reportlab cannot fit the longer table 3 on one page
        plan.fmt = "html"


def blank_cell(plan: ReportPlan, ctx: Context) -> None:
    keys = [k for k in templates.get(plan.doc_template).keys()]
    for key in ctx.rng.sample(keys, ctx.rng.choice([1, 1, 2])):
        plan.values[key] = None
    plan.blank = ctx.rng.choice(["—", "/", "无"] if plan.fmt == "txt" else ["", "—", "/"])


def sections(plan: ReportPlan, ctx: Context) -> None:
    choice = ctx.rng.choice(["omit_s6", "omit_s1", "swap"])
    if choice == "swap":
        plan.swap_s5_s6 = True
    else:
        plan.omit_sections = (choice.removeprefix("omit_"),)


def empty_text(plan: ReportPlan, ctx: Context) -> None:
    plan.texts[ctx.rng.choice(["s5", "s5", "s6"])] = ""


def _convert_t3(values: dict, to: str) -> dict:
    """Table 3 of one template re-keyed for the other: （六）其他处理 is one row in gov-2019 and
    three in gov-2021."""
    out = {k: v for k, v in values.items() if k.startswith(("t3.", "t4."))}
    if to == templates.GOV_2019:
        for c in T3_COLS:
            out[f"t3.other_handling.{c}"] = sum(out.pop(f"t3.{s}.{c}") or 0 for s in templates.T3_OTHER_HANDLING_SUBROWS)
    else:
        for c in T3_COLS:
            out[f"t3.other_other.{c}"] = out.pop(f"t3.other_handling.{c}")
            out[f"t3.other_overdue_correction.{c}"] = 0
            out[f"t3.other_unpaid_fee.{c}"] = 0
    return out


def wrong_template(plan: ReportPlan, ctx: Context) -> None:
    """The template of another year: gov-2019 in 2021 or later (or gov-2021 tables with the single
    gov-2019 row, a mixed report), gov-2021 in 2019/2020."""
    if plan.year >= 2021 and ctx.rng.random() < 0.35:
        rows = [r for r in templates.get(templates.GOV_2021).t3_row_ids if r not in templates.T3_OTHER_HANDLING_SUBROWS]
        rows.insert(rows.index("results_total"), "other_handling")
        plan.t3_rows = rows
        for c in T3_COLS:
            plan.values[f"t3.other_handling.{c}"] = sum(plan.values[f"t3.{s}.{c}"] or 0 for s in templates.T3_OTHER_HANDLING_SUBROWS)
            for s in templates.T3_OTHER_HANDLING_SUBROWS:
                plan.values[f"t3.{s}.{c}"] = None
        return
    to = templates.GOV_2019 if plan.year >= 2021 else templates.GOV_2021
    t2 = {k: v for k, v in report_values(to, ctx.rng, level=plan.unit.level).items() if k.startswith("t2.")}
    plan.values = {**t2, **_convert_t3(plan.values, to)}
    plan.doc_template = to
    plan.cell_text = {}


def missing_table_or_row(plan: ReportPlan, ctx: Context) -> None:
    if ctx.rng.random() < 0.5:
        plan.drop_tables = ("t4",)
        for k in list(plan.values):
            if k.startswith("t4."):
                plan.values[k] = None
        return
    tpl = templates.get(plan.doc_template)
    row = ctx.rng.choice(["denied_query_matter", "denied_enforcement_file", "rejected_confirmation", "unable_unclear"])
    plan.t3_rows = [r for r in tpl.t3_row_ids if r != row]
    for c in T3_COLS:
        plan.values[f"t3.{row}.{c}"] = None


def negative_count(plan: ReportPlan, ctx: Context) -> None:
    key = ctx.rng.choice(["t2.art20_6.administrative_penalty.decisions", "t2.art20_5.administrative_licensing.decisions"])
    plan.values[key] = -ctx.rng.randint(1, 30)


def fractional_count(plan: ReportPlan, ctx: Context) -> None:
    key = ctx.rng.choice(["t2.art20_6.administrative_penalty.decisions", "t2.art20_6.administrative_coercion.decisions"])
    plan.values[key] = ctx.rng.randint(0, 20) + 0.5


def negative_amount(plan: ReportPlan, ctx: Context) -> None:
    key = "t2.art20_8.administrative_fees.fee_amount"
    plan.values[key] = -round(ctx.rng.uniform(1, 50), 1)
    plan.cell_text.pop(key, None)


def _stated_off(plan: ReportPlan, ctx: Context, state: str, what: str) -> None:
    plan.states.add(state)
    key = {"applications": "applications", "normative": "normative_2021" if plan.doc_template == templates.GOV_2021 else "normative_2019",
           "review": "review", "litigation": "litigation"}[what]
    true = plan.stated()[key] or 0
    plan.stated_override[what] = true + _delta(ctx.rng, true)


def narrative_applications(plan: ReportPlan, ctx: Context) -> None:
    _stated_off(plan, ctx, "applications", "applications")


def narrative_normative(plan: ReportPlan, ctx: Context) -> None:
    _stated_off(plan, ctx, "normative", "normative")


def narrative_cases(plan: ReportPlan, ctx: Context) -> None:
    _stated_off(plan, ctx, "cases", ctx.rng.choice(["review", "litigation"]))


def carry_over(plan: ReportPlan, ctx: Context) -> None:
    """Carried over from last year differs from last year's carried forward (the report itself
    still adds up: the same number is added to carried_over and carried_forward)."""
    c = _t3_col(ctx.rng)
    d = ctx.rng.randint(1, 4)
    for key in (f"t3.carried_over.{c}", "t3.carried_over.total", f"t3.carried_forward.{c}", "t3.carried_forward.total"):
        _bump(plan, key, d)


def items(plan: ReportPlan, ctx: Context) -> None:
    key = f"t2.{ctx.rng.choice(['art20_5.administrative_licensing', 'art20_6.administrative_penalty', 'art20_8.administrative_fees'])}.prev_items"
    _bump(plan, key, ctx.rng.randint(3, 12))


def in_force(plan: ReportPlan, ctx: Context) -> None:
    key = "t2.art20_1.normative_documents.in_force"
    plan.values[key] = int(plan.values[key] or 0) + max(3, int((plan.values[key] or 0) * 0.3)) + ctx.rng.randint(0, 5)


def copied_text(plan: ReportPlan, ctx: Context) -> None:
    """Section 五 copied from another unit's report of the same year, or from the unit's own
    previous report."""
    prev = _prev_ok(plan, ctx)
    if prev is not None and prev.texts.get("s5") and "s5" in prev.section_order and ctx.rng.random() < 0.4:
        plan.texts["s5"] = prev.texts["s5"]
        plan.copied_from = f"{prev.unit.unit} {prev.year}"
        return
    donors = [p for (u, y), p in ctx.by_key.items() if y == plan.year and u != plan.unit.unit and not p.defects
              and (u, y) in ctx.protected and p.readable]
    donor = ctx.rng.choice(donors)
    ctx.protected.discard((donor.unit.unit, donor.year))  # one copier per donor
    plan.texts["s5"] = donor.texts["s5"]
    plan.copied_from = f"{donor.unit.unit} {donor.year}"


def late(plan: ReportPlan, ctx: Context) -> None:
    mm, dd = map(int, deadline(plan.unit).split("-"))
    due = date(plan.year + 1, mm, dd)
    plan.published_at = (due + timedelta(days=ctx.rng.randint(1, 60))).isoformat()


def amount_unit(plan: ReportPlan, ctx: Context) -> None:
    if plan.doc_template == templates.GOV_2021:
        key = "t2.art20_8.administrative_fees.fee_amount"
        plan.values[key] = round(ctx.rng.uniform(150, 900), 2) * 10000  # 元 written in the 万元 cell
        plan.values[key] = round(plan.values[key], 2)
    else:
        key = "t2.art20_9.centralized_procurement.amount"
        projects = plan.values["t2.art20_9.centralized_procurement.projects"] or 1
        plan.values["t2.art20_9.centralized_procurement.projects"] = projects
        plan.values[key] = round(projects * ctx.rng.randint(200, 9000) / 100, 2)  # 万元 written in the 元 cell
    plan.cell_text.pop(key, None)


def missing_report(plan: ReportPlan, ctx: Context) -> None:
    plan.missing = True


def unreadable(plan: ReportPlan, ctx: Context) -> None:
    plan.damage = ctx.rng.choice(["pdf", "docx", "empty"])
    if plan.damage in ("pdf", "docx"):
        plan.fmt = plan.damage


def unknown_identity(plan: ReportPlan, ctx: Context) -> None:
    plan.identity = False
    if plan.fmt == "html" or plan.fmt_options.get("header"):
        plan.fmt, plan.fmt_options = "txt", {}


Apply = Callable[[ReportPlan, Context], None]
Applicable = Callable[[ReportPlan, Context], bool]


def _always(plan: ReportPlan, ctx: Context) -> bool:
    return True


def _gov2021(plan: ReportPlan, ctx: Context) -> bool:
    return plan.doc_template == templates.GOV_2021


def _has_prev(plan: ReportPlan, ctx: Context) -> bool:
    return _prev_ok(plan, ctx) is not None


def _prev_same(tid: str) -> Applicable:
    def ok(plan: ReportPlan, ctx: Context) -> bool:
        prev = _prev_ok(plan, ctx)
        return prev is not None and prev.doc_template == tid == plan.doc_template
    return ok


def _copy_ok(plan: ReportPlan, ctx: Context) -> bool:
    return any(y == plan.year and u != plan.unit.unit and p.readable for (u, y), p in ctx.by_key.items() if (u, y) in ctx.protected)


# kind -> (rule it plants, apply, applicable)
KINDS: dict[str, tuple[str, Apply, Applicable]] = {
    "applicant_total": ("t3.applicant_total", applicant_total, _always),
    "results_total": ("t3.results_total", results_total, _always),
    "balance": ("t3.balance", balance, _always),
    "t4_total": ("t4.total", t4_total, _always),
    "other_handling": ("t3.other_handling", other_handling, _gov2021),
    "blank_cell": ("completeness.cell", blank_cell, _always),
    "sections": ("structure.sections", sections, _always),
    "empty_text": ("completeness.text", empty_text, _always),
    "wrong_template": ("structure.template", wrong_template, _always),
    "missing_table_or_row": ("structure.tables", missing_table_or_row, _always),
    "negative_count": ("domain.integer", negative_count, _always),
    "fractional_count": ("domain.integer", fractional_count, _always),
    "negative_amount": ("domain.amount", negative_amount, _gov2021),
    "narrative_applications": ("narrative.applications", narrative_applications, _always),
    "narrative_normative": ("narrative.normative_documents", narrative_normative, _always),
    "narrative_cases": ("narrative.review_litigation", narrative_cases, _always),
    "carry_over": ("history.carry_over", carry_over, _has_prev),
    "items": ("history.items", items, _prev_same(templates.GOV_2019)),
    "in_force": ("history.in_force", in_force, _prev_same(templates.GOV_2021)),
    "copied_text": ("duplicate.text", copied_text, _copy_ok),
    "late": ("timeliness.deadline", late, _always),
    "amount_unit": ("plausibility.amount_unit", amount_unit, _always),
    "missing_report": ("roster.missing", missing_report, _always),
    "unreadable": ("ingest.unreadable", unreadable, _always),
    "unknown_identity": ("completeness.identity", unknown_identity, _always),
}


def assign(plans: list[ReportPlan], rate: float, rng: random.Random, kinds: list[str] | None = None) -> dict[str, int]:
    """Plant defects in ``round(rate * len(plans))`` plans; returns how often each kind was used."""
    kinds = kinds or list(KINDS)
    by_key = {(p.unit.unit, p.year): p for p in plans}
    count = round(rate * len(plans))
    chosen = rng.sample(plans, count) if count else []
    chosen_keys = {(p.unit.unit, p.year) for p in chosen}
    # donors of copied text: clean plans, as many as there may be copiers
    clean = [k for k in by_key if k not in chosen_keys]
    protected = set(rng.sample(clean, min(len(clean), max(1, count // len(kinds) + 2)))) if clean else set()
    ctx = Context(by_key, protected, rng, min((p.year for p in plans), default=0))
    used = dict.fromkeys(kinds, 0)
    for plan in sorted(chosen, key=lambda p: (p.year, p.unit.unit)):
        options = [k for k in kinds if KINDS[k][2](plan, ctx)]
        if not options:
            continue
        least = min(used[k] for k in options)
        kind = rng.choice([k for k in options if used[k] == least])
        used[kind] += 1
        KINDS[kind][1](plan, ctx)
        plan.defects.append(kind)
    return used
