"""Findings for people: a rich table per report, or the JSON of ``disclosure-audit check --json``."""

from __future__ import annotations

from rich.console import Console

from disclosure_audit.audit import AuditResult

_SEVERITY = {"error": "[red]错误[/red]", "warning": "[yellow]警告[/yellow]"}


def result_json(result: AuditResult) -> dict:
    reports = []
    grouped = result.by_source()
    for rec in result.records:
        reports.append({"source": rec.source, "unit": rec.unit, "year": rec.year, "template": rec.template,
                        "findings": [f.to_json() for f in grouped.get(rec.source, [])]})
    parsed = {r.source for r in result.records}
    for source, fs in grouped.items():
        if source not in parsed:  # unreadable files and roster units without a report
            for f in fs:
                reports.append({"source": source, "unit": f.unit, "year": f.year, "template": None, "findings": [f.to_json()]})
    return {"reports": reports}


def print_findings(result: AuditResult, console: Console) -> None:
    grouped = result.by_source()
    errors = sum(1 for f in result.findings if f.severity == "error")
    for rec in result.records:
        fs = grouped.get(rec.source, [])
        title = f"{rec.unit or '（单位未识别）'} {rec.year or ''}年度（{rec.source}）"
        if not fs:
            console.print(f"[green]✓[/green] {title}：未发现问题", highlight=False)
            continue
        console.print(f"[bold]{title}[/bold]：{len(fs)} 个问题", highlight=False)
        for f in fs:
            console.print(f"  {_SEVERITY[f.severity]} [dim]{f.rule}[/dim] {f.message}（应为 {f.expected}，实为 {f.observed}）", highlight=False)
    parsed = {r.source for r in result.records}
    for source, fs in grouped.items():
        if source in parsed:
            continue
        for f in fs:
            console.print(f"{_SEVERITY[f.severity]} [dim]{f.rule}[/dim] {source or f.unit}：{f.message}", highlight=False)
    console.print(f"共审核 {len(result.records)} 份报告，发现 {errors} 个错误、{len(result.findings) - errors} 个警告。")
