"""What the CLI shows while a run goes on and after it: a rich progress bar fed by the flow's
progress reports, and a closing summary table (Chinese, for data staff)."""

from __future__ import annotations

import contextlib
from typing import Any, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from disclosure_audit.pipeline import progress
from disclosure_audit.rules import catalogue


@contextlib.contextmanager
def progress_bar(console: Console) -> Iterator[None]:
    """Show one bar per stage while the block runs (the flow must run in this process)."""
    bars = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=False,
    )
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(progress.STAGE_LABELS.get(stage, stage), total=total)
        bars.update(tasks[stage], completed=done, total=total)

    with bars, progress.listening(update):
        yield


def summary_table(summary: dict[str, Any]) -> Table:
    """The closing table: what was read, what was found (by rule) and the alerts."""
    table = Table(title=f"审核结果（运行 {summary.get('run_id')}）")
    table.add_column("项目")
    table.add_column("说明")
    table.add_column("数量", justify="right")
    table.add_row("文件", "文件夹中的全部文件", str(summary.get("files", 0)))
    table.add_row("已解析年报", "", str(summary.get("reports", 0)))
    table.add_row("无法读取的文件", "损坏、格式不支持或清单中缺失", str(summary.get("unreadable", 0)))
    table.add_row("未发布年报的单位", "名单内单位", str(summary.get("missing", 0)))
    if summary.get("filtered"):
        table.add_row("其他年度", "未审核", str(summary["filtered"]))
    sev = summary.get("by_severity", {})
    table.add_row("问题", "错误 / 警告", f"{sev.get('error', 0)} / {sev.get('warning', 0)}", end_section=True)
    rules = catalogue()
    for rule_id, n in summary.get("by_rule", {}).items():
        table.add_row(rule_id, rules[rule_id].description if rule_id in rules else "", str(n))
    table.add_section()
    table.add_row("提醒邮件（本次新增）", "本次发现新错误的单位和地区", str(summary.get("alerts_queued", 0)))
    note = "含以前未发出的提醒；演示或 --dry-run-alerts 时为写出的 .eml 文件"
    if summary.get("alerts_error"):
        note = f"发送失败，已保留待发，下次运行时重发（{summary['alerts_error'][:60]}）"
    table.add_row("提醒邮件（已发出）", note, str(summary.get("alerts_sent", 0)), end_section=True)
    return table


def print_outputs(summary: dict[str, Any], console: Console) -> None:
    """Where the run wrote its results, one line each."""
    names = {"warehouse": "数据仓库", "html": "审核报告（HTML）", "excel": "整改清单（Excel）"}
    for name, path in summary.get("outputs", {}).items():
        console.print(f"{names.get(name, name)}：{path}", highlight=False, soft_wrap=True)
