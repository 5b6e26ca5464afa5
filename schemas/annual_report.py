"""pandera schemas of the annual report, one per template, over a frame with one row per report.

Per cell: completeness (``nullable=False``: a blank cell is missing, never 0), value domain
(counts are non-negative whole numbers, gov-2019 本年增/减 may be negative, amounts are
non-negative). Per relation of ``checks.relations``: a registered ``sums_equal`` check whose
``error`` is the relation id, so a failure names its relation. ``schema(tid).to_yaml()`` is kept
under version control beside this file (gov-2019.yaml, gov-2021.yaml): a rule change is a diff.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandera.pandas as pa

from disclosure_audit import templates
from disclosure_audit.checks.relations import optional_keys, relations
from disclosure_audit.schemas import checks as _registered  # noqa: F401  (registers the check methods)

HERE = Path(__file__).resolve().parent


@cache
def schema(template_id: str) -> pa.DataFrameSchema:
    tpl = templates.get(template_id)
    optional = set(optional_keys(template_id))
    columns: dict[str, pa.Column] = {}
    for key in tpl.keys() + sorted(optional):
        if tpl.is_amount(key):
            checks = [pa.Check.ge(0)]
        elif tpl.is_signed(key):
            checks = [pa.Check.whole_number()]
        else:
            checks = [pa.Check.ge(0), pa.Check.whole_number()]
        columns[key] = pa.Column(float, checks=checks, nullable=key in optional, required=key not in optional)
    return pa.DataFrameSchema(
        columns,
        checks=[pa.Check.sums_equal(lhs=list(r.lhs), rhs=list(r.rhs), error=r.id) for r in relations(template_id)],
        name=f"annual-report-{template_id}",
        description=f"政府信息公开工作年度报告（{tpl.name}）：完整性、取值范围与表三、表四勾稽关系",
    )


def yaml_path(template_id: str) -> Path:
    return HERE / f"{template_id}.yaml"


def write_yaml() -> list[Path]:
    """Regenerate the serialised schemas (run after changing templates or relations)."""
    out = []
    for tid in templates.TEMPLATE_IDS:
        p = yaml_path(tid)
        p.write_text(schema(tid).to_yaml(), encoding="utf-8")
        out.append(p)
    return out


if __name__ == "__main__":  # python -m disclosure_audit.schemas.annual_report
    for p in write_yaml():
        print(p)
