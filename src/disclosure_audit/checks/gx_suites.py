"""The Great Expectations suites (expectations/*.json): written from the templates, read at run time.

Each suite is GX's own JSON form (``{"name", "expectations": [{"type", "kwargs", "meta"}]}``) with a
Chinese ``meta.说明`` and the ``meta.rule`` id on every expectation, so data staff can read and edit
it. Completeness: expect_column_values_to_not_be_null per cell. Arithmetic:
expect_column_values_to_be_between(0, 0) on the helper column ``chk:<relation id>`` that
``checks.frame.with_helpers`` adds. The value domain (non-negative whole numbers) is pandera's: GX
has no whole-number expectation, and 200 more expectations per suite would double GX's time.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from disclosure_audit import templates
from disclosure_audit.checks.relations import relations

SUITE_DIR_PACKAGE = "disclosure_audit.expectations"


def suite_dict(template_id: str) -> dict:
    tpl = templates.get(template_id)
    exps: list[dict] = []
    for key in tpl.keys():
        exps.append({"type": "expect_column_values_to_not_be_null", "kwargs": {"column": key},
                     "meta": {"rule": "completeness.cell", "说明": f"{templates.label_of(key)}必须填写"}})
    for rel in relations(template_id):
        exps.append({"type": "expect_column_values_to_be_between", "kwargs": {"column": f"chk:{rel.id}", "min_value": 0, "max_value": 0},
                     "meta": {"rule": rel.rule, "relation": rel.id, "说明": f"{rel.where}：{' + '.join(rel.lhs)} = {' + '.join(rel.rhs)}"}})
    return {"name": f"annual-report-{template_id}", "meta": {"说明": f"政府信息公开工作年度报告（{tpl.name}）的完整性、取值范围和勾稽关系"}, "expectations": exps}


def load_suite_dict(template_id: str, folder: Path | None = None) -> dict:
    """The suite as stored in expectations/ (or ``folder``), so edits by data staff take effect."""
    name = f"{template_id}.json"
    if folder is not None:
        return json.loads((folder / name).read_text("utf-8"))
    return json.loads(resources.files(SUITE_DIR_PACKAGE).joinpath(name).read_text("utf-8"))


def write_suites(folder: Path) -> list[Path]:
    out = []
    for tid in templates.TEMPLATE_IDS:
        p = folder / f"{tid}.json"
        p.write_text(json.dumps(suite_dict(tid), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        out.append(p)
    return out


if __name__ == "__main__":  # python -m disclosure_audit.checks.gx_suites expectations/
    import sys

    for p in write_suites(Path(sys.argv[1] if len(sys.argv) > 1 else "expectations")):
        print(p)
