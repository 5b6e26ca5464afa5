"""A readable terminal view of a parsed report (``disclosure-audit parse FILE`` without --json)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from disclosure_audit import templates
from disclosure_audit.model import ReportRecord

_TEMPLATE_NAMES = {"gov-2019": "2019版（国办公开办函〔2019〕60号）", "gov-2021": "2021版（国办公开办函〔2021〕30号）", "mixed": "新旧模板混用"}


def render_record(record: ReportRecord, console: Console) -> None:
    console.print(f"[bold]{record.title or record.source}[/bold]")
    console.print(
        f"单位：{record.unit or '（未识别）'}　年度：{record.year or '（未识别）'}　"
        f"模板：{_TEMPLATE_NAMES.get(record.template or '', '（未识别）')}　发布时间：{record.published_at or '（未给出）'}"
    )
    missing_sections = [s for s in templates.SECTION_IDS if not record.sections.get(s)]
    if missing_sections:
        console.print(f"[yellow]缺少的部分：{'、'.join(templates.sections()[s] for s in missing_sections)}[/yellow]")
    table = Table("单元格", "数值", "来源", title=f"{len(record.values)} 个单元格")
    for key, value in record.values.items():
        mark = "（不确定）" if key in record.uncertain else ""
        shown = "[red]空白[/red]" if value is None else f"{value}{mark}"
        table.add_row(templates.label_of(key), shown, record.provenance.get(key, ""))
    console.print(table)
    for p in record.problems:
        console.print(f"[yellow]注意：{p}[/yellow]")
