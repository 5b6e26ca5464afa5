"""The report's charts: Vega-Lite specs built with altair from the figures, rendered to inline SVG
at build time with vl-convert (which bundles Vega and draws without a browser or network).

Every chart uses a CJK-capable font family so that Chinese labels are measured and drawn (Noto
Sans CJK from Debian's fonts-noto-cjk on Linux; the usual Windows/macOS Chinese fonts as fallbacks
when the SVG is viewed elsewhere). External data loading is switched off (``allowed_base_urls=[]``).
"""

from __future__ import annotations

from typing import Any

import altair as alt

from disclosure_audit.report.figures import long_form

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, WenQuanYi Micro Hei, sans-serif"
SEVERITY_DOMAIN = ["错误", "警告"]
SEVERITY_COLORS = ["#c9302c", "#f0ad4e"]
BAR_HEIGHT = 22
WIDTH = 420
MAX_BARS = 30  # longer lists show their first 30 (the table below has them all)


def _configured(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelLimit=300, grid=False)
        .configure_legend(labelFontSize=12, titleFontSize=12, orient="top")
        .configure_title(fontSize=15, anchor="start")
        .configure_view(stroke=None)
    )


def _severity_color(title: str = "严重程度") -> alt.Color:
    return alt.Color("severity:N", title=title, scale=alt.Scale(domain=SEVERITY_DOMAIN, range=SEVERITY_COLORS),
                     sort=SEVERITY_DOMAIN)


def _count_axis(largest: int) -> alt.Axis:
    """An axis of whole numbers (no 0.5 ticks when the counts are small)."""
    return alt.Axis(format="d", tickMinStep=1, tickCount=max(1, min(int(largest), 8)))


def findings_bar(counts: list[dict[str, Any]], title: str, axis_title: str) -> alt.TopLevelMixin | None:
    """Horizontal bars of findings per label (``figures.count_by``), errors and warnings stacked."""
    counts = counts[:MAX_BARS]
    if not counts:
        return None
    rows = long_form(counts)
    order = [r["label"] for r in counts]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=order),
            x=alt.X("sum(count):Q", title="问题数", axis=_count_axis(max(r["total"] for r in counts))),
            color=_severity_color(),
            order=alt.Order("severity:N", sort="descending"),
            tooltip=[alt.Tooltip("label:N", title=axis_title), alt.Tooltip("severity:N", title="严重程度"),
                     alt.Tooltip("count:Q", title="问题数")],
        )
        .properties(title=title, width=WIDTH, height=BAR_HEIGHT * len(counts))
    )
    return _configured(chart)


def error_rate_bar(rates: list[dict[str, Any]]) -> alt.TopLevelMixin | None:
    """Bars of the share of each region's reports with at least one error, labelled n/m."""
    rates = rates[:MAX_BARS]
    if not rates:
        return None
    rows = [{**r, "text": f"{r['with_errors']}/{r['reports']}"} for r in rates]
    order = [r["region"] for r in rates]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("region:N", title=None, sort=order),
        x=alt.X("rate:Q", title="有错误的年报占比", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
    )
    bars = base.mark_bar(color="#c9302c").encode(
        tooltip=[alt.Tooltip("region:N", title="地区"), alt.Tooltip("rate:Q", title="占比", format=".0%"),
                 alt.Tooltip("text:N", title="有错误/已审核")])
    labels = base.mark_text(align="left", dx=4, fontSize=11).encode(text="text:N")
    chart = (bars + labels).properties(title="各地区年报错误率（有错误的年报 / 已审核年报）", width=WIDTH,
                                       height=BAR_HEIGHT * len(rows))
    return _configured(chart)


def trend_bar(trend: list[dict[str, Any]]) -> alt.TopLevelMixin | None:
    """Findings per report year across the warehouse (stacked by severity); None for one year."""
    if len(trend) < 2:
        return None
    rows = [
        {"year": str(t["year"]), "severity": label, "count": t[sev], "reports": t["reports"]}
        for t in trend
        for sev, label in (("error", "错误"), ("warning", "警告"))
    ]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="报告年度", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(count):Q", title="问题数（含已整改）",
                    axis=_count_axis(max(t["error"] + t["warning"] for t in trend))),
            color=_severity_color(),
            order=alt.Order("severity:N", sort="descending"),
            tooltip=[alt.Tooltip("year:O", title="年度"), alt.Tooltip("severity:N", title="严重程度"),
                     alt.Tooltip("count:Q", title="问题数"), alt.Tooltip("reports:Q", title="年报数")],
        )
        .properties(title="各年度问题数", width=max(WIDTH // 2, 60 * len(trend)), height=220)
    )
    return _configured(chart)


def to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an SVG string (vl-convert; no external data, no network)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(chart.to_dict(), allowed_base_urls=[])
