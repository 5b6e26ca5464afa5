"""The alert emails in Chinese: one per unit listing its new errors, and a digest per region
supervisor. Each has a plain-text and an HTML body; every value in the HTML is escaped."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, Iterable

from disclosure_audit import numtext, rules, templates

PRODUCT = "政务公开年报审核"
FOOTER = "此邮件由 disclosure-audit 自动发送，请勿直接回复。如对审核结果有疑问，请联系本地区政务公开主管部门。"


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def rule_text(rule_id: str) -> str:
    """The rule's description; its id when the catalogue lacks it."""
    return rules.description(rule_id, unknown=rule_id)


def value_text(value: Any) -> str:
    """A finding's expected/observed value as the emails write it (blank: "（空白）")."""
    return numtext.value_text(value, blank="（空白）")


def cells_text(cells: Iterable[str]) -> str:
    return "；".join(f"{templates.label_of(c)}（{c}）" for c in cells) or "—"


def _finding_lines(n: int, f: dict[str, Any], with_unit: bool) -> list[str]:
    head = f"{n}. "
    if with_unit:
        head += f"{f.get('unit') or '（单位未识别）'} "
    head += f"{f.get('year') or '—'} 年度 — 规则 {f['rule']}：{rule_text(f['rule'])}"
    return [
        head,
        f"   单元格：{cells_text(f.get('cells') or [])}",
        f"   应为：{value_text(f.get('expected'))}；实际：{value_text(f.get('observed'))}",
        f"   说明：{f.get('message') or ''}",
        f"   文件：{f.get('source') or '—'}",
    ]


def _rows_html(found: list[dict[str, Any]], with_unit: bool) -> str:
    rows = []
    for n, f in enumerate(found, 1):
        cols = [str(n)]
        if with_unit:
            cols.append(f.get("unit") or "（单位未识别）")
        cols += [
            str(f.get("year") or "—"),
            f"{f['rule']}：{rule_text(f['rule'])}",
            cells_text(f.get("cells") or []),
            value_text(f.get("expected")),
            value_text(f.get("observed")),
            f.get("message") or "",
            f.get("source") or "—",
        ]
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cols) + "</tr>")
    heads = ["序号", *(["单位"] if with_unit else []), "年度", "规则", "单元格", "应为", "实际", "说明", "文件"]
    head = "".join(f"<th>{h}</th>" for h in heads)
    return f'<table border="1" cellspacing="0" cellpadding="4"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _html(title: str, intro: str, table: str) -> str:
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>"
        f"<p>{escape(intro)}</p>{table}<p>{escape(FOOTER)}</p></body></html>"
    )


def unit_alert(unit: str, run_id: int, found: list[dict[str, Any]]) -> RenderedEmail:
    """The email to a unit's contact: its new errors of this run."""
    subject = f"【{PRODUCT}】{unit}：发现 {len(found)} 项需整改的问题"
    intro = (f"{unit}：您单位报送的政府信息公开工作年度报告在本次审核（运行编号 {run_id}）中发现以下 "
             f"{len(found)} 项新的错误，请核实后整改并重新报送。")
    lines = [intro, ""]
    for n, f in enumerate(found, 1):
        lines += _finding_lines(n, f, with_unit=False) + [""]
    text = "\n".join(lines + [FOOTER, ""])
    return RenderedEmail(subject, text, _html(subject, intro, _rows_html(found, with_unit=False)))


def digest(regions: list[str], run_id: int, found: list[dict[str, Any]]) -> RenderedEmail:
    """The digest to a region supervisor: units with new errors, counts and every finding."""
    per_unit: dict[str, int] = {}
    for f in found:
        per_unit[f.get("unit") or "（单位未识别）"] = per_unit.get(f.get("unit") or "（单位未识别）", 0) + 1
    where = "、".join(regions) or "本地区"
    subject = f"【{PRODUCT}】{where}汇总：{len(per_unit)} 家单位共 {len(found)} 项新问题"
    intro = f"本次审核（运行编号 {run_id}）在 {where} 发现 {len(per_unit)} 家单位共 {len(found)} 项新的错误，已分别通知各单位。"
    lines = [intro, "", "各单位问题数："]
    lines += [f"  {u}：{n} 项" for u, n in per_unit.items()] + ["", "问题明细："]
    for n, f in enumerate(found, 1):
        lines += _finding_lines(n, f, with_unit=True) + [""]
    text = "\n".join(lines + [FOOTER, ""])
    counts = "".join(f"<tr><td>{escape(u)}</td><td>{n}</td></tr>" for u, n in per_unit.items())
    table = (f'<table border="1" cellspacing="0" cellpadding="4"><thead><tr><th>单位</th><th>问题数</th></tr></thead>'
             f"<tbody>{counts}</tbody></table><p>问题明细：</p>{_rows_html(found, with_unit=True)}")
    return RenderedEmail(subject, text, _html(subject, intro, table))
