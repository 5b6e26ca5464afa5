"""Chinese labels the report shows for severities, unit levels and rules (short names for charts;
the full description comes from the rule catalogue)."""

from __future__ import annotations

from disclosure_audit import rules

SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告", "none": "无问题"}
SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "none": 2}

LEVEL_LABELS: dict[str, str] = {
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "township": "乡镇（街道）",
    "department": "政府部门",
    "government": "人民政府",
    "other": "其他",
}
UNKNOWN_REGION = "未知地区"
UNKNOWN_LEVEL = "未知层级"

RULE_SHORT: dict[str, str] = {
    "structure.template": "模板不符",
    "structure.sections": "章节缺失或顺序错误",
    "structure.tables": "表格或行列缺失",
    "completeness.cell": "单元格未填写",
    "completeness.text": "第五、六部分为空",
    "completeness.identity": "单位或年度不明",
    "domain.integer": "件数不是非负整数",
    "domain.amount": "金额错误",
    "t3.applicant_total": "表三行合计不符",
    "t3.results_total": "表三办理结果总计不符",
    "t3.balance": "表三收结不平衡",
    "t4.total": "表四总计不符",
    "t3.other_handling": "表三其他处理合计不符",
    "narrative.applications": "正文申请数与表三不符",
    "narrative.normative_documents": "正文规范性文件数与表二不符",
    "narrative.review_litigation": "正文复议诉讼数与表四不符",
    "history.carry_over": "上年结转与上年年报不符",
    "history.items": "上一年项目数量不符",
    "history.in_force": "现行有效件数不连贯",
    "duplicate.text": "文字与其他年报雷同",
    "roster.missing": "未发布年报",
    "timeliness.deadline": "逾期发布",
    "plausibility.amount_unit": "金额单位疑似错误",
    "ingest.unreadable": "文件无法读取",
}


def severity_label(severity: str | None) -> str:
    return SEVERITY_LABELS.get(severity or "none", severity or "")


def level_label(level: str | None) -> str:
    return LEVEL_LABELS.get(level, level) if level else UNKNOWN_LEVEL


def region_label(region: str | None) -> str:
    return region or UNKNOWN_REGION


def rule_short(rule_id: str) -> str:
    """A short Chinese name for charts and filters (the rule id for a rule this table lacks)."""
    return RULE_SHORT.get(rule_id, rule_id)


def rule_description(rule_id: str) -> str:
    """The catalogue's one-line Chinese description ("" for an unknown rule)."""
    return rules.description(rule_id)
