"""Run the pandera schema of each template over all reports of a run at once (lazy validation)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from disclosure_audit import templates
from disclosure_audit.checks.relations import by_id
from disclosure_audit.checks.violations import Violation
from disclosure_audit.schemas.annual_report import schema


def validate(df: pd.DataFrame, template_id: str) -> list[Violation]:
    try:
        schema(template_id).validate(df, lazy=True)
        return []
    except pa.errors.SchemaErrors as err:
        fc = err.failure_cases
    tpl = templates.get(template_id)
    rels = by_id(template_id)
    fc = fc[fc["index"].notna()]
    # frame-wide checks repeat a failing row once per column (STACK-NOTES): one per (row, check)
    out: set[Violation] = set()
    for idx, check, column in zip(fc["index"], fc["check"], fc["column"]):
        report = int(idx)
        if check in rels:
            out.add(Violation(report, rels[check].rule, check, "pandera"))
        elif check == "not_nullable":
            out.add(Violation(report, "completeness.cell", column, "pandera"))
        elif check.startswith("greater_than_or_equal_to") or check == "whole_number":
            rule = "domain.amount" if tpl.is_amount(column) else "domain.integer"
            out.add(Violation(report, rule, column, "pandera"))
    return sorted(out, key=lambda v: (v.report, v.rule, v.subject))
