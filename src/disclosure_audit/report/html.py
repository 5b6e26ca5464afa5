"""The run's HTML report as one self-contained file: headline figures, the charts as inline SVG,
the units table with filters and the per-report drill-down (the page's own inline CSS and JS,
package data in ``report/assets``). Nothing is loaded from anywhere: no CDN, no fonts, no images.

Every value written into the markup goes through ``html.escape``; the data the script renders is
JSON in a ``<script type="application/json">`` element with ``<``, ``>`` and ``&`` escaped, and the
script puts it on the page with ``textContent`` only.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from disclosure_audit.report.figures import china_time
from disclosure_audit.report import payload

TITLE = "政府信息公开工作年度报告审核报告"
SEVERITY_OPTIONS = (("", "全部"), ("problem", "有问题（错误或警告）"), ("error", "有错误"), ("warning", "仅有警告"), ("none", "无问题"))
KIND_LABELS = {"province-audit": "全省审核", "audit": "审核", "rerun": "复核", "check": "检查"}


@cache
def asset(name: str) -> str:
    """The text of ``report/assets/<name>``."""
    return resources.files("disclosure_audit.report").joinpath("assets", name).read_text("utf-8")


def json_for_script(data: Any) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>``, no ``<!--``, no entity)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _time(value: Any) -> str:
    """A time as staff read it: China time, to the minute."""
    moment = china_time(value) if isinstance(value, (datetime, str)) and value else None
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "—"


def _kpi(number: Any, label: str, note: str = "", tone: str = "") -> str:
    text = f"{number:,}" if isinstance(number, int) else str(number)
    return (f'<div class="kpi {escape(tone)}"><div class="n">{escape(text)}</div>'
            f'<div class="l">{escape(label)}</div><div class="s">{escape(note)}</div></div>')


def _percent(part: int, whole: int) -> str:
    return f"占 {part / whole:.0%}" if whole else ""


def headline_html(h: dict[str, int]) -> str:
    """The row of headline cards."""
    cards = [
        _kpi(h["reports"], "已审核年报", "本次运行读取的年报"),
        _kpi(h["with_errors"], "有错误的年报", _percent(h["with_errors"], h["reports"]), "err" if h["with_errors"] else "ok"),
        _kpi(h["missing"], "未发布年报的单位", "名单内单位（roster.missing）", "err" if h["missing"] else "ok"),
        _kpi(h["late"], "逾期发布", "超过法定期限（timeliness.deadline）", "warn" if h["late"] else "ok"),
        _kpi(h["unreadable"], "无法读取的文件", "损坏或格式不支持", "err" if h["unreadable"] else "ok"),
        _kpi(f"{h['errors']:,} / {h['warnings']:,}", "问题：错误 / 警告", f"共 {h['findings']:,} 条"),
        _kpi(h["new"], "本次新发现的问题", "首次出现"),
        _kpi(h["resolved"], "本次已整改的问题", "上次存在、本次不再出现", "ok"),
    ]
    return '<section class="kpis" id="da-kpis">' + "".join(cards) + "</section>"


def chart_html(chart_id: str, svg: str | None, caption: str, empty: str) -> str:
    """One chart card; ``svg`` is vl-convert's markup (Vega escapes the text it draws)."""
    if not svg:
        return f'<figure class="chart empty" id="{escape(chart_id)}">{escape(empty)}</figure>'
    return (f'<figure class="chart" id="{escape(chart_id)}">{svg}'
            f'<figcaption>{escape(caption)}</figcaption></figure>')


def filters_html() -> str:
    options = "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in SEVERITY_OPTIONS)
    return (
        '<div class="filters">'
        '<label>地区<select id="f-region"><option value="">全部地区</option></select></label>'
        '<label>层级<select id="f-level"><option value="">全部层级</option></select></label>'
        '<label>规则<select id="f-rule"><option value="">全部规则</option></select></label>'
        f'<label>严重程度<select id="f-severity">{options}</select></label>'
        '<label>搜索<input type="search" id="f-search" placeholder="单位、地区、文件名或规则"></label>'
        '<button type="button" id="f-reset">清除筛选</button>'
        '<span id="da-count"></span></div>'
    )


def units_table_html() -> str:
    heads = ("严重程度", "单位", "地区", "层级", "年度", "错误", "警告", "问题类型", "文件", "")
    return (
        '<table class="list" id="units-table"><thead><tr>'
        + "".join(f"<th>{escape(h)}</th>" for h in heads)
        + '</tr></thead><tbody id="da-rows"></tbody></table>'
        '<p id="da-empty" class="muted" hidden>没有符合条件的单位。</p>'
        '<button type="button" id="da-more" hidden>显示更多</button>'
        '<noscript><p>单位清单和年报详情需要浏览器启用 JavaScript；整改清单见同一文件夹中的 Excel 文件。</p></noscript>'
    )


def detail_html() -> str:
    return (
        '<div id="detail" hidden role="dialog" aria-modal="true" aria-labelledby="detail-title"><div class="sheet">'
        '<div class="head"><h3 id="detail-title"></h3><button type="button" id="detail-close">关闭（Esc）</button></div>'
        '<div id="detail-body"></div></div></div>'
    )


def render_html(page: dict[str, Any]) -> str:
    """The whole document. ``page``: run, headline, charts ({id: (svg, caption, empty)}), rows,
    details, layouts, excel_name, generated_at, deadline."""
    run = page["run"]
    params = run.get("parameters") or {}
    year = params.get("year")
    kind = KIND_LABELS.get(run.get("kind"), run.get("kind") or "")
    subtitle = "；".join(x for x in (
        f"运行编号 {run.get('id')}（{kind}）",
        f"报告年度 {year}" if year else "",
        f"开始于 {_time(run.get('started_at'))}",
        f"报告生成于 {_time(page['generated_at'])}",
    ) if x)
    charts = "".join(chart_html(cid, svg, caption, empty) for cid, (svg, caption, empty) in page["charts"].items())
    data = payload.encode(page["rows"], page["details"], page["layouts"])
    excel = escape(page.get("excel_name") or "")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>{escape(TITLE)}（运行 {escape(str(run.get('id')))}）</title>"
        f"<style>{asset('report.css')}</style></head><body>"
        f'<header class="top"><h1>{escape(TITLE)}</h1><p>{escape(subtitle)}</p></header><main>'
        f"<h2>总体情况</h2>{headline_html(page['headline'])}"
        f'<h2>问题分布</h2><section class="charts" id="da-charts">{charts}</section>'
        f"<h2>单位问题清单</h2>"
        '<p class="muted">按严重程度排序（有错误的在前）。可按地区、层级、规则、严重程度筛选或搜索；点击一行查看该年报的表格，问题单元格以红色（错误）或黄色（警告）标出。</p>'
        f"{filters_html()}{units_table_html()}"
        f"<footer>本报告为离线文件，不连接网络。整改清单（Excel）：{excel}；整改期限：{escape(str(page['deadline']))}。"
        "规则说明见“问题类型”的提示或整改清单。</footer></main>"
        f"{detail_html()}"
        f'<script type="application/json" id="da-data">{json_for_script(data)}</script>'
        f"<script>{asset('report.js')}</script></body></html>\n"
    )
