"""Checks of one report's shape in plain Python: template, sections, tables, texts, identity."""

from __future__ import annotations

from disclosure_audit import templates
from disclosure_audit.checks.messages import finding
from disclosure_audit.checks.relations import t3_row_label
from disclosure_audit.model import Finding, ReportRecord

_TABLE_NAMES = {"t2": "表二（主动公开政府信息情况）", "t3": "表三（收到和处理政府信息公开申请情况）", "t4": "表四（行政复议、行政诉讼情况）"}
_TEMPLATE_NAMES = {"gov-2019": "2019版模板（国办公开办函〔2019〕60号）", "gov-2021": "2021版模板（国办公开办函〔2021〕30号）"}


def _row_name(row: str) -> str:
    parts = row.split(".")
    if parts[0] == "t3":
        return f"“{t3_row_label(parts[1])}”行"
    if parts[0] == "t4":
        return f"“{dict(templates.get(templates.GOV_2021).t4_rows)[parts[1]]}”行"
    for tid in templates.TEMPLATE_IDS:
        for g in templates.get(tid).t2:
            if g.group == parts[1] and parts[2] in dict(g.rows):
                return f"{g.label}“{dict(g.rows)[parts[2]]}”行"
    return row


def template_findings(rec: ReportRecord) -> list[Finding]:
    if rec.template is None:
        return [finding(rec, "structure.template", [], "2019版或2021版官方模板", None, "未能识别报告使用的模板：表格标签与官方模板不符，请按官方模板重新填报")]
    if rec.year is None:
        return []
    due = templates.for_year(rec.year).id if rec.year >= 2019 else None
    if rec.template == templates.MIXED:
        return [finding(rec, "structure.template", [], _TEMPLATE_NAMES.get(due or "", due), "mixed",
                        f"{rec.year}年度报告新旧模板混用（例如表三使用了2019版的单行“（六）其他处理”），应全部使用{_TEMPLATE_NAMES.get(due or '', '')}")]
    if due and rec.template != due:
        return [finding(rec, "structure.template", [], due, rec.template,
                        f"{rec.year}年度报告使用了{_TEMPLATE_NAMES[rec.template]}，应使用{_TEMPLATE_NAMES[due]}")]
    return []


def section_findings(rec: ReportRecord) -> list[Finding]:
    heads = templates.sections()
    missing = [s for s in templates.SECTION_IDS if s not in rec.section_order]
    out = []
    if missing:
        out.append(finding(rec, "structure.sections", [], "一至六部分齐全", f"缺少{len(missing)}部分",
                           "缺少以下部分：" + "、".join(heads[s] for s in missing), missing=missing))
    elif rec.section_order != list(templates.SECTION_IDS):
        out.append(finding(rec, "structure.sections", [], "一至六部分依次排列", "顺序错误",
                           "各部分顺序与模板不符：" + "→".join(heads[s] for s in rec.section_order)))
    return out


def table_findings(rec: ReportRecord) -> list[Finding]:
    out = []
    keys = list(rec.values)
    for t in rec.missing_tables:
        cells = [k for k in keys if k.startswith(t + ".")]
        out.append(finding(rec, "structure.tables", cells, "表格完整", "整表缺失", f"缺少{_TABLE_NAMES[t]}，请按模板补充整张表格"))
    by_table: dict[str, list[str]] = {}
    for row in rec.missing_rows:
        by_table.setdefault(row.split(".")[0], []).append(row)
    for t, rows in by_table.items():
        if t in rec.missing_tables:
            continue
        cells = [k for k in keys if k.rsplit(".", 1)[0] in rows]
        names = "、".join(_row_name(r) for r in rows)
        out.append(finding(rec, "structure.tables", cells, "模板规定的全部行", f"缺少{len(rows)}行",
                           f"{_TABLE_NAMES[t]}缺少以下行：{names}", rows=rows))
    return out


def text_findings(rec: ReportRecord) -> list[Finding]:
    heads = templates.sections()
    out = []
    for sid in ("s5", "s6"):
        if sid in rec.section_order and not rec.sections.get(sid, "").strip():
            hint = "（没有其他事项也请写“无”）" if sid == "s6" else "（应写明存在的主要问题和改进情况）"
            out.append(finding(rec, "completeness.text", [], "有内容", "空白", f"“{heads[sid]}”部分没有内容{hint}", section=sid))
    return out


def identity_findings(rec: ReportRecord) -> list[Finding]:
    missing = [n for n, v in (("报告单位", rec.unit), ("报告年度", rec.year)) if not v]
    if not missing:
        return []
    return [finding(rec, "completeness.identity", [], "报告单位和年度", "无法确定",
                    f"无法确定{'和'.join(missing)}：标题和正文中没有写明，清单中也没有；请在标题中写明“××单位××××年度政府信息公开工作年度报告”")]


def structure_findings(rec: ReportRecord) -> list[Finding]:
    return [*template_findings(rec), *section_findings(rec), *table_findings(rec), *text_findings(rec), *identity_findings(rec)]
