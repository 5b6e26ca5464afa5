"""The printed layout of 表二/表三/表四 per template, as plain JSON for the report's drill-down.

A report's cell values travel in the page as one list in the order of ``Template.keys()``; the
layout says which rows and columns those values fill, so the browser can draw the official tables
without 200 key strings per report.
"""

from __future__ import annotations

from typing import Any

from disclosure_audit import templates

TABLE_TITLES: dict[str, str] = {
    "t2": "表二 主动公开政府信息情况",
    "t3": "表三 收到和处理政府信息公开申请情况",
    "t4": "表四 政府信息公开行政复议、行政诉讼情况",
}


def _pairs(items: tuple[tuple[str, str], ...]) -> list[list[str]]:
    return [[a, b] for a, b in items]


def template_layout(template_id: str) -> dict[str, Any]:
    """{id, name, keys, t2: [{group, label, rows, columns}], t3: {rows, columns}, t4: {…}, titles}."""
    tpl = templates.get(template_id)
    return {
        "id": tpl.id,
        "name": tpl.name,
        "keys": tpl.keys(),
        "titles": TABLE_TITLES,
        "t2": [{"group": g.group, "label": g.label, "rows": _pairs(g.rows), "columns": _pairs(g.columns)} for g in tpl.t2],
        "t3": {"rows": _pairs(tpl.t3_rows), "columns": _pairs(tpl.t3_columns)},
        "t4": {"rows": _pairs(tpl.t4_rows), "columns": _pairs(tpl.t4_columns)},
    }


def all_layouts() -> dict[str, dict[str, Any]]:
    """The layouts of both official templates, by template id."""
    return {tid: template_layout(tid) for tid in templates.TEMPLATE_IDS}


def layout_id_for(template: str | None, year: int | None) -> str:
    """Which layout draws a report: its own template, else (mixed or unrecognised) the template of
    its year, else the current one."""
    if template in templates.TEMPLATE_IDS:
        return template  # type: ignore[return-value]
    if year is not None:
        try:
            return templates.for_year(int(year)).id
        except ValueError:
            pass
    return templates.GOV_2021
