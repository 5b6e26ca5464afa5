"""The report's pure parts on plain dicts: figures, the drill-down payload, labels and values,
the deadline, sheet names, JSON inside a script element, and the charts' Vega-Lite/SVG."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from disclosure_audit import templates
from disclosure_audit.report import charts, figures
from disclosure_audit.report.excel import sheet_title
from disclosure_audit.report.html import json_for_script
from disclosure_audit.report.layout import all_layouts, layout_id_for


def rep(vid: int, unit: str, region: str = "甲市", level: str = "county", year: int = 2024, template: str = "gov-2021") -> dict:
    return {"version_id": vid, "unit": unit, "region": region, "level": level, "year": year,
            "source": f"/in/{unit}.txt", "template": template, "published_at": "2025-01-10"}


def fnd(fid: int, vid: int | None, unit: str | None, rule: str, severity: str = "error", region: str | None = "甲市",
        cells: list[str] | None = None, first_seen_run: int = 2, **kw) -> dict:
    return {"id": fid, "version_id": vid, "unit": unit, "year": 2024 if unit else None, "region": region,
            "level": "county", "source": kw.pop("source", f"/in/{unit}.txt"), "rule": rule, "severity": severity,
            "cells": cells or [], "expected": kw.pop("expected", 5), "observed": kw.pop("observed", 6),
            "message": kw.pop("message", "不相等"), "status": kw.pop("status", "open"), "first_seen_run": first_seen_run, **kw}


REPORTS = [rep(1, "甲县人民政府"), rep(2, "乙县人民政府"), rep(3, "丙县财政局", region="乙市", level="department"), rep(4, "丁县人民政府", region="乙市")]
FINDINGS = [
    fnd(1, 1, "甲县人民政府", "t3.balance", cells=["t3.new_received.total", "t3.carried_over.total"]),
    fnd(2, 1, "甲县人民政府", "t4.total", cells=["t4.review.total"], first_seen_run=1),
    fnd(3, 2, "乙县人民政府", "timeliness.deadline", "warning"),
    fnd(4, None, "戊县人民政府", "roster.missing", region="乙市", source=None),
    fnd(5, None, None, "ingest.unreadable", region=None, source="/in/坏.pdf"),
    fnd(6, 3, "丙县财政局", "narrative.applications", "warning", region="乙市", cells=["t3.new_received.total"]),
]


def test_headline_counts() -> None:
    h = figures.headline(REPORTS, FINDINGS, run_id=2, resolved=3)
    assert h == {"reports": 4, "with_errors": 1, "with_findings": 3, "missing": 1, "late": 1, "unreadable": 1,
                 "findings": 6, "errors": 4, "warnings": 2, "new": 5, "resolved": 3}


def test_count_by_rule_region_level() -> None:
    by_region = {r["label"]: (r["error"], r["warning"]) for r in figures.count_by(FINDINGS, "region")}
    assert by_region == {"甲市": (2, 1), "乙市": (1, 1), "未知地区": (1, 0)}
    assert [r["label"] for r in figures.count_by(FINDINGS, "region")][0] == "甲市"  # most findings first
    assert {r["key"] for r in figures.count_by(FINDINGS, "rule")} == {f["rule"] for f in FINDINGS}
    assert figures.count_by(FINDINGS, "level")[0]["label"] == "县级"
    long = figures.long_form(figures.count_by(FINDINGS, "region"))
    assert sum(r["count"] for r in long) == len(FINDINGS) and all(r["count"] > 0 for r in long)


def test_error_rate_by_region_counts_reports_not_findings() -> None:
    rates = {r["region"]: r for r in figures.error_rate_by_region(REPORTS, FINDINGS)}
    assert rates["甲市"]["reports"] == 2 and rates["甲市"]["with_errors"] == 1 and rates["甲市"]["rate"] == 0.5
    assert rates["乙市"]["reports"] == 2 and rates["乙市"]["with_errors"] == 0  # roster.missing has no report
    assert list(rates) == ["甲市", "乙市"]


def test_unit_rows_worst_first_and_one_row_per_report_unit_or_file() -> None:
    rows = figures.unit_rows(REPORTS, FINDINGS)
    assert len(rows) == 4 + 1 + 1
    assert [r["severity"] for r in rows] == ["error", "error", "error", "warning", "warning", "none"]
    assert rows[0]["unit"] == "甲县人民政府" and rows[0]["errors"] == 2 and rows[0]["rules"] == ["t3.balance", "t4.total"]
    assert [r["id"] for r in rows] == [f"r{i}" for i in range(1, 7)]
    assert {r["file"] for r in rows if not r["unit"]} == {"坏.pdf"}
    assert rows[-1]["unit"] == "丁县人民政府" and not rows[-1]["rules"]


def test_drilldown_carries_values_in_layout_order_and_only_rows_with_findings() -> None:
    rows = figures.unit_rows(REPORTS, FINDINGS)
    layouts = all_layouts()
    keys = layouts["gov-2021"]["keys"]
    cells = {1: {k: i for i, k in enumerate(keys)} | {"t3.other_handling.total": 9}, 3: {keys[0]: None}}
    d = figures.drilldown(rows, REPORTS, FINDINGS, cells, layouts)
    assert set(d) == {r["id"] for r in rows if r["rules"]}
    first = d[rows[0]["id"]]
    assert first["layout"] == "gov-2021" and first["values"] == list(range(len(keys)))
    assert first["extra"] == [["t3.other_handling.total", templates.label_of("t3.other_handling.total"), 9]]
    assert [f["rule"] for f in first["findings"]] == ["t3.balance", "t4.total"]
    assert first["findings"][0]["cells"] == ["t3.new_received.total", "t3.carried_over.total"]
    row_of = {r["unit"]: r["id"] for r in rows}
    missing = d[row_of["戊县人民政府"]]
    assert "values" not in missing and missing["findings"][0]["rule"] == "roster.missing"
    dept = d[row_of["丙县财政局"]]
    assert dept["values"][0] is None and dept["values"][1:] == [None] * (len(keys) - 1)


def test_payload_round_trip() -> None:
    from disclosure_audit.report import payload

    rows = figures.unit_rows(REPORTS, FINDINGS)
    layouts = all_layouts()
    keys = layouts["gov-2021"]["keys"]
    extra = dict(FINDINGS[0], id=9, rule="completeness.cell", cells=["t3.other_handling.total", keys[3]])
    cells = {1: {k: 1 for k in keys}, 2: {}, 3: {}}
    details = figures.drilldown(rows, REPORTS, [*FINDINGS, extra], cells, layouts)
    data = payload.encode(rows, details, layouts)
    back = payload.decode_rows(data)
    assert [{k: r[k] for k in ("id", "unit", "region", "level", "year", "file", "severity", "errors", "warnings", "rules")}
            for r in back] == [{k: r[k] for k in ("id", "unit", "region", "level", "year", "file", "severity", "errors", "warnings", "rules")}
                               for r in rows]
    assert payload.decode_details(data) == {
        rid: {k: v.get(k) if k != "extra" else v.get(k) or [] for k in ("source", "template", "published", "layout", "values", "extra", "findings")}
        for rid, v in details.items()}
    assert data["labels"] == {"t3.other_handling.total": templates.label_of("t3.other_handling.total")}
    flat = [c for d in data["details"].values() for f in d[6] for c in f[2]]
    assert keys.index(keys[3]) in flat  # cells inside the layout travel as indexes
    with pytest.raises(ValueError):
        payload.encode(list(reversed(rows)), details, layouts)


def test_layout_for_templates_and_years() -> None:
    assert layout_id_for("gov-2019", 2024) == "gov-2019"
    assert layout_id_for("mixed", 2020) == "gov-2019" and layout_id_for(None, 2023) == "gov-2021"
    assert layout_id_for(None, None) == "gov-2021"
    lay = all_layouts()["gov-2019"]
    n = sum(len(g["rows"]) * len(g["columns"]) for g in lay["t2"]) + len(lay["t3"]["rows"]) * len(lay["t3"]["columns"]) \
        + len(lay["t4"]["rows"]) * len(lay["t4"]["columns"])
    assert n == len(lay["keys"]) == len(templates.get("gov-2019").keys())


def test_year_trend() -> None:
    trend = figures.year_trend({2023: {"error": 4, "warning": 2}, 2024: {"error": 1, "warning": 0}, None: {"error": 3}},
                               {2023: 3, 2024: 2, 2022: 1})
    assert [t["year"] for t in trend] == [2022, 2023, 2024]
    assert trend[1] == {"year": 2023, "reports": 3, "error": 4, "warning": 2, "per_report": 2.0}
    assert trend[0]["error"] == 0 and trend[0]["per_report"] == 0.0


@pytest.mark.parametrize(("value", "text"), [(None, "—"), (3.0, "3"), (2.5, "2.5"), ([1, 2], "1、2"), ("已发布", "已发布"), (True, "是")])
def test_display_value(value: object, text: str) -> None:
    assert figures.display_value(value) == text


def test_cell_labels_are_official_and_capped() -> None:
    assert figures.cell_labels(["t4.review.total"]) == "表四“行政复议”行“总计”列"
    many = templates.get("gov-2021").t3_keys()[:12]
    text = figures.cell_labels(many, limit=3)
    assert text.count("表三") == 3 and text.endswith("等 12 个单元格")


def test_deadline_is_the_run_date_in_china_plus_days() -> None:
    late_utc = datetime(2025, 3, 1, 20, 30)  # naive = UTC, as stored: already 2 March in China
    assert figures.rectification_deadline(late_utc, 15) == date(2025, 3, 17)
    assert figures.rectification_deadline(datetime(2025, 3, 1, 1, 0, tzinfo=timezone.utc), 15) == date(2025, 3, 16)
    assert figures.rectification_deadline("2025-12-25T00:00:00+08:00", 10) == date(2026, 1, 4)


def test_sheet_titles_are_valid_and_unique() -> None:
    taken: set[str] = set()
    a = sheet_title("湖南省/湘潭市:[县]?*", taken)
    assert not set("[]:*?/\\") & set(a) and len(a) <= 31
    long = "示例省" * 20
    b, c = sheet_title(long, taken), sheet_title(long, taken)
    assert len(b) <= 31 and len(c) <= 31 and b != c and c.endswith("(2)")
    assert sheet_title("说明", taken) != "说明"


def test_json_for_script_cannot_close_the_script() -> None:
    data = {"unit": "</script><script>alert(1)</script>", "n": "a & b <!--"}
    text = json_for_script(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_charts_are_vega_lite_with_a_cjk_font_and_render_offline() -> None:
    counts = figures.count_by(FINDINGS, "rule")
    chart = charts.findings_bar(counts, "按规则统计的问题", "规则")
    spec = chart.to_dict()
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert "CJK" in spec["config"]["font"]
    assert len(spec["data"]["values"]) == len(figures.long_form(counts))
    svg = charts.to_svg(chart)
    assert svg.startswith("<svg") and "表三收结不平衡" in svg and svg.count('aria-roledescription="bar"') == len(spec["data"]["values"])
    assert charts.findings_bar([], "t", "a") is None and charts.error_rate_bar([]) is None
    assert charts.trend_bar(figures.year_trend({2024: {"error": 1}}, {2024: 1})) is None  # one year: no trend


def test_building_the_report_needs_neither_sqlalchemy_nor_prefect() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import disclosure_audit.report.build, disclosure_audit.report.excel, disclosure_audit.report.payload\n"
        "print(sorted(m for m in ('sqlalchemy', 'prefect') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
