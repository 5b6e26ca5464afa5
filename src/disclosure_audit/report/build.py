"""Put a run's report together from ``RunData`` (plain dicts): the figures, the charts rendered to
SVG, the units table, the drill-down, the deadline — the ``page`` that ``html.render_html`` draws."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from disclosure_audit.report import charts, figures
from disclosure_audit.report.data import RunData
from disclosure_audit.report.layout import all_layouts


def chart_svgs(data: RunData) -> dict[str, tuple[str | None, str, str]]:
    """{chart id: (svg or None, caption, text shown when there is nothing to draw)}."""
    f = data.findings
    rates = figures.error_rate_by_region(data.reports, f)
    trend = figures.year_trend(data.year_findings, data.year_reports)
    specs = {
        "chart-rule": (charts.findings_bar(figures.count_by(f, "rule"), "按规则统计的问题", "规则"),
                       "本次运行发现的问题按规则统计（最多显示 30 项）", "本次运行没有发现问题"),
        "chart-region": (charts.findings_bar(figures.count_by(f, "region"), "按地区统计的问题", "地区"),
                         "按地区统计（最多显示 30 个地区）", "本次运行没有发现问题"),
        "chart-level": (charts.findings_bar(figures.count_by(f, "level"), "按单位层级统计的问题", "层级"),
                        "按单位层级统计", "本次运行没有发现问题"),
        "chart-rate": (charts.error_rate_bar(rates), "各地区有错误的年报占已审核年报的比例（最多显示 30 个地区，错误率高的在前）",
                       "本次运行没有读取到年报"),
        "chart-trend": (charts.trend_bar(trend), "数据仓库中各报告年度的全部问题（含已整改的）",
                        "数据仓库中只有一个报告年度的数据，暂无跨年度趋势" if trend else "数据仓库中还没有年报"),
    }
    return {cid: (charts.to_svg(c) if c is not None else None, caption, empty) for cid, (c, caption, empty) in specs.items()}


def build_page(data: RunData, *, excel_name: str, deadline: date, generated_at: datetime | None = None) -> dict[str, Any]:
    """The page dict of ``html.render_html``."""
    layouts = all_layouts()
    rows = figures.unit_rows(data.reports, data.findings)
    return {
        "run": data.run,
        "headline": figures.headline(data.reports, data.findings, data.run_id, data.resolved),
        "charts": chart_svgs(data),
        "rows": rows,
        "details": figures.drilldown(rows, data.reports, data.findings, data.cells, layouts),
        "layouts": layouts,
        "excel_name": excel_name,
        "deadline": deadline,
        "generated_at": generated_at or datetime.now(figures.CHINA_TZ),
    }


