"""Amounts whose magnitude suggests 元 written where 万元 was meant, or the reverse."""

from __future__ import annotations

from disclosure_audit.checks.config import CheckConfig
from disclosure_audit.checks.messages import finding
from disclosure_audit.numtext import number_text as n
from disclosure_audit.model import Finding, ReportRecord

FEE = "t2.art20_8.administrative_fees.fee_amount"
PROC_AMOUNT = "t2.art20_9.centralized_procurement.amount"
PROC_PROJECTS = "t2.art20_9.centralized_procurement.projects"


def findings(rec: ReportRecord, config: CheckConfig) -> list[Finding]:
    v = rec.values
    if any(k in rec.uncertain for k in (FEE, PROC_AMOUNT, PROC_PROJECTS)):
        return []  # the reader could not tell where one number ends: no magnitude to judge
    fee = v.get(FEE)
    if fee is not None and fee > config.fee_wan_max:
        return [finding(rec, "plausibility.amount_unit", [FEE], f"不超过{n(config.fee_wan_max)}万元", fee,
                        f"表二“行政事业性收费”本年收费金额为{n(fee)}万元（即{n(fee / 10000)}亿元），数额异常，疑似按“元”填写；该栏单位为万元，请核对")]
    amount, projects = v.get(PROC_AMOUNT), v.get(PROC_PROJECTS)
    if amount and projects and amount / projects < config.procurement_yuan_min_per_project:
        return [finding(rec, "plausibility.amount_unit", [PROC_AMOUNT, PROC_PROJECTS], f"每个项目不少于{n(config.procurement_yuan_min_per_project)}元", amount,
                        f"表二“政府集中采购”{n(projects)}个项目总金额仅{n(amount)}元，平均每项不足{n(config.procurement_yuan_min_per_project)}元，疑似按“万元”填写；该栏单位为元，请核对")]
    return []
