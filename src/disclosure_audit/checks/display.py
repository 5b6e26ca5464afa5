"""Print an audit on the terminal (rich): one table of findings per report, then a one-line total."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from disclosure_audit.checks.audit import AuditResult
from disclosure_audit.model import Finding

_SEVERITY = {"error": "[red]错误[/red]", "warning": "[yellow]提示[/yellow]"}


def _findings_table(title: str, findings: list[Finding]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    table.add_column("级别", no_wrap=True)
    table.add_column("规则", no_wrap=True)
    table.add_column("说明", overflow="fold")
    for f in findings:
        table.add_row(_SEVERITY.get(f.severity, f.severity), f.rule, f.message)
    return table


def print_audit(result: AuditResult, console: Console) -> None:
    for rep in result.reports:
        rec = rep.record
        who = f"{rec.unit or '单位不明'} {rec.year or '年度不明'}年度（{rec.template or '模板不明'}）" if rec else "无法读取"
        title = f"{rep.source} — {who}"
        if rep.findings:
            console.print(_findings_table(title, rep.findings))
        else:
            console.print(f"{title}：[green]未发现问题[/green]")
    if result.other_findings:
        console.print(_findings_table("其他（不属于某一份年报）", result.other_findings))
    errors = sum(f.severity == "error" for f in result.findings)
    warnings = sum(f.severity == "warning" for f in result.findings)
    console.print(f"共审核 {len(result.reports)} 份文件：错误 {errors} 条，提示 {warnings} 条。")
