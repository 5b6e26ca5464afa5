"""Findings in words a county clerk understands: expected vs observed, with the cells named."""

from __future__ import annotations

from disclosure_audit import rules, templates
from disclosure_audit.checks.relations import Relation
from disclosure_audit.model import Finding, ReportRecord
from disclosure_audit.numtext import number_text


def _num(v: float | int | None) -> str:
    return "空白" if v is None else number_text(v)


def _sum_text(keys: tuple[str, ...] | list[str], values: dict) -> tuple[str, float]:
    vals = [values.get(k) or 0 for k in keys]
    return "+".join(_num(v) for v in vals), float(sum(vals))


def finding(rec: ReportRecord, rule: str, cells: list[str], expected, observed, message: str, **details) -> Finding:  # noqa: ANN001
    return Finding(rule=rule, severity=rules.severity(rule), cells=cells, expected=expected, observed=observed,
                   message=message, source=rec.source, unit=rec.unit, year=rec.year, details=details)


def relation_finding(rec: ReportRecord, rel: Relation) -> Finding:
    v = rec.values
    if rel.rule == "t3.balance":
        l_txt, l_sum = _sum_text(rel.lhs, v)
        r_txt, r_sum = _sum_text(rel.rhs, v)
        msg = f"{rel.where}：第一项加第二项（{l_txt}={_num(l_sum)}）应等于第三项加第四项（{r_txt}={_num(r_sum)}）"
        cells = list(rel.cells)
        expected, observed = l_sum, r_sum
    else:
        # lhs is the printed total; name the parts that hold a value (all of them when few)
        total_key = rel.lhs[0]
        parts = [k for k in rel.rhs if (v.get(k) or 0) != 0] if len(rel.rhs) > 6 else list(rel.rhs)
        p_txt, p_sum = _sum_text(parts or list(rel.rhs)[:1], v)
        if not parts:
            p_txt, p_sum = "0", 0.0
        total = v.get(total_key)
        what = {
            "t3.applicant_total": "自然人与法人或其他组织各列之和",
            "t3.results_total": "各项办理结果之和",
            "t4.total": "结果维持、结果纠正、其他结果、尚未审结之和",
            "t3.other_handling": "其下三项之和",
        }[rel.rule]
        total_name = {"t3.results_total": "“（七）总计”", "t3.other_handling": "“（六）其他处理”"}.get(rel.rule, "总计")
        msg = f"{rel.where}：{what}（{p_txt}={_num(p_sum)}）应等于{total_name}（{_num(total)}）"
        cells = [total_key, *parts]
        expected, observed = p_sum, total
    unsure = [c for c in cells if c in rec.uncertain]
    if unsure:
        msg += "（注意：原文数字连写，部分数值的拆分不唯一，请核对原文）"
    return finding(rec, rel.rule, cells, _plain(expected), _plain(observed), msg, relation=rel.id)


def cell_finding(rec: ReportRecord, rule: str, key: str) -> Finding:
    label = templates.label_of(key)
    value = rec.values.get(key)
    if rule == "completeness.cell":
        return finding(rec, rule, [key], "数值（没有请填0）", None, f"{label}未填写（空白、“—”“/”或“无”都视为缺失，没有发生请填写0）")
    if rule == "domain.amount":
        return finding(rec, rule, [key], "不小于0的金额", _plain(value), f"{label}为{_num(value)}，金额不能为负数")
    return finding(rec, rule, [key], "不小于0的整数", _plain(value), f"{label}为{_num(value)}，件数应为不小于0的整数")


def _plain(v):  # noqa: ANN001, ANN202
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v
