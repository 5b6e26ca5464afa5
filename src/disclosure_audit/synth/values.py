"""Values of a report that satisfy every relation of its template (tables 3 and 4 add up)."""

from __future__ import annotations

import random

from disclosure_audit import templates


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


# Typical yearly applications received by level (a province office gets hundreds, a township a few).
APPLICATION_SCALE = {"province": 400, "city": 200, "county": 80, "department": 15, "township": 3}
# Share of applicants by column (natural persons dominate) and of results by leaf row.
_APPLICANT_WEIGHTS = {"natural_person": 80, "commercial_enterprise": 10, "research_institution": 1, "social_welfare_org": 2,
                      "legal_service_org": 5, "other_org": 2}
_RESULT_WEIGHTS = {"granted": 40, "partially_granted": 8, "unable_not_held": 25, "unable_needs_creation": 4, "unable_unclear": 3,
                   "denied_third_party": 2, "denied_process_info": 2, "denied_internal_affairs": 1, "rejected_petition": 4,
                   "rejected_duplicate": 3, "rejected_publication": 1, "rejected_excessive": 1, "rejected_confirmation": 1,
                   "other_handling": 3, "other_overdue_correction": 2, "other_unpaid_fee": 1, "other_other": 2}


def _split(rng: random.Random, n: int, weights: dict[str, float]) -> dict[str, int]:
    """``n`` items drawn into the keys of ``weights`` (multinomial)."""
    out = dict.fromkeys(weights, 0)
    if n:
        for k in rng.choices(list(weights), weights=list(weights.values()), k=n):
            out[k] += 1
    return out


def report_values(
    template_id: str,
    rng: random.Random,
    *,
    level: str = "county",
    carried_over: dict[str, int] | None = None,
    previous: dict[str, int | float | None] | None = None,
) -> dict[str, int | float]:
    """Values of one unit's report with magnitudes plausible for its ``level`` that satisfy every
    relation of the template and continue the unit's previous report: table 3 carried_over per
    applicant column (``carried_over``, last year's carried_forward), gov-2019 prev_items = last
    year's prev_items + change, gov-2021 in_force = last year's in_force + issued − repealed
    (``previous``: last year's values, either template)."""
    tpl = templates.get(template_id)
    previous = previous or {}
    scale = APPLICATION_SCALE.get(level, 15)
    government = level in ("province", "city", "county")
    v: dict[str, int | float] = {}
    new_total = max(0, int(rng.gauss(scale, scale * 0.5)))
    new = _split(rng, new_total, _APPLICANT_WEIGHTS)
    leaves = tpl.t3_result_leaf_rows
    weights = {r: _RESULT_WEIGHTS.get(r, 0.3) for r in leaves}
    for c in templates.T3_APPLICANT_COLUMNS:
        carried = (carried_over or {}).get(c)
        if carried is None:
            carried = rng.randint(0, max(1, new[c] // 10)) if new[c] else 0
        handled = new[c] + carried
        forward = rng.randint(0, handled // 8) if handled else 0
        res = _split(rng, handled - forward, weights)
        for r, x in res.items():
            v[f"t3.{r}.{c}"] = x
        v[f"t3.results_total.{c}"] = handled - forward
        v[f"t3.new_received.{c}"] = new[c]
        v[f"t3.carried_over.{c}"] = carried
        v[f"t3.carried_forward.{c}"] = forward
    for r, _ in tpl.t3_rows:
        v[f"t3.{r}.total"] = sum(v[f"t3.{r}.{c}"] for c in templates.T3_APPLICANT_COLUMNS)
    cases = max(0, int(rng.gauss(scale / 40, scale / 60)))
    for r, _ in tpl.t4_rows:
        n = cases if r == "review" else rng.randint(0, max(0, cases // 2))
        parts = _split(rng, n, {"upheld": 6, "corrected": 1, "other": 1, "pending": 2})
        for c in templates.T4_PART_COLUMNS:
            v[f"t4.{r}.{c}"] = parts[c]
        v[f"t4.{r}.total"] = n
    rules_power = level in ("province", "city")
    if template_id == templates.GOV_2019:
        for r in ("regulations", "normative_documents"):
            made = (rng.randint(0, 6) if rules_power else 0) if r == "regulations" else rng.randint(0, 12 if government else 3)
            base = f"t2.art20_1.{r}"
            v[f"{base}.made"] = made
            v[f"{base}.published"] = made
            before = previous.get(f"{base}.total_public")
            v[f"{base}.total_public"] = int(before if isinstance(before, (int, float)) and before >= 0 else rng.randint(0, 40 if government else 8)) + made
        for g, r in (("art20_5", "administrative_licensing"), ("art20_5", "other_services"), ("art20_6", "administrative_penalty"),
                     ("art20_6", "administrative_coercion"), ("art20_8", "administrative_fees")):
            base = f"t2.{g}.{r}"
            last, change = previous.get(f"{base}.prev_items"), previous.get(f"{base}.change")
            if isinstance(last, (int, float)) and isinstance(change, (int, float)) and last + change >= 0:
                items = int(last + change)
            else:
                items = rng.randint(0, 80 if government else 20)
            v[f"{base}.prev_items"] = items
            v[f"{base}.change"] = rng.randint(-min(items, 5), 6)
            if g != "art20_8":
                v[f"{base}.decisions"] = rng.randint(0, scale * 20)
        projects = rng.randint(1, 40 if government else 8)
        v["t2.art20_9.centralized_procurement.projects"] = projects
        # whole hundreds of yuan, so that the amount can also be printed in 万元 with two decimals
        v["t2.art20_9.centralized_procurement.amount"] = projects * rng.randint(200, 50_000) * 100
    else:
        for r in ("regulations", "normative_documents"):
            issued = (rng.randint(0, 5) if rules_power else 0) if r == "regulations" else rng.randint(0, 10 if government else 3)
            base = f"t2.art20_1.{r}"
            last = previous.get(f"{base}.in_force")
            if not isinstance(last, (int, float)) or last < 0:
                last = previous.get(f"{base}.total_public")
            if not isinstance(last, (int, float)) or last < 0 or (r == "regulations" and not rules_power and last):
                last = (rng.randint(0, 40 if government else 6) if r == "normative_documents" or rules_power else 0)
            repealed = rng.randint(0, min(int(last), 3))
            v[f"{base}.issued"] = issued
            v[f"{base}.repealed"] = repealed
            v[f"{base}.in_force"] = int(last) + issued - repealed
        v["t2.art20_5.administrative_licensing.decisions"] = rng.randint(0, scale * 30)
        v["t2.art20_6.administrative_penalty.decisions"] = rng.randint(0, scale * 10)
        v["t2.art20_6.administrative_coercion.decisions"] = rng.randint(0, scale * 2)
        v["t2.art20_8.administrative_fees.fee_amount"] = round(rng.uniform(0, 30 if level == "township" else 800), 2)
    return v
