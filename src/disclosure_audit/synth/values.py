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
