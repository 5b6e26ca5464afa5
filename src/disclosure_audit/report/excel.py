"""The rectification list (整改清单) of a run as an Excel workbook (openpyxl): a 说明 sheet first
(the run, the deadline rule, one line per region), then one sheet per region with one row per open
finding of the run — frozen header row, autofilter, fixed column widths, wrapped long text.

整改期限 (documented on the 说明 sheet and in docs/REPORT.md): the run's date in China (UTC+8)
plus ``deadline_days`` calendar days (15 by default), the same for errors and warnings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter

from disclosure_audit.report.figures import cell_labels, china_time, display_value, file_name
from disclosure_audit.report.labels import (
    SEVERITY_RANK,
    level_label,
    region_label,
    rule_description,
    rule_short,
    severity_label,
)

README_SHEET = "说明"
# (header, width, wrap)
COLUMNS: tuple[tuple[str, int, bool], ...] = (
    ("单位", 28, True),
    ("年度", 8, False),
    ("规则", 22, True),
    ("规则说明", 48, True),
    ("严重程度", 10, False),
    ("单元格", 44, True),
    ("应为", 16, True),
    ("实为", 16, True),
    ("问题说明", 60, True),
    ("整改期限", 12, False),
    ("地区", 22, True),
    ("层级", 12, False),
    ("文件", 40, True),
    ("规则编号", 24, False),
    ("问题编号", 10, False),
)
HEADERS: tuple[str, ...] = tuple(c[0] for c in COLUMNS)
MAX_CELL_LABELS = 20
MAX_TEXT = 32000  # an Excel cell holds at most 32,767 characters
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
ERROR_FONT = Font(color="C00000", bold=True)
WARNING_FONT = Font(color="9C5700")


def sheet_title(region: str, taken: set[str]) -> str:
    """A valid, unique sheet name for a region: no []:*?/\\, at most 31 characters."""
    # Excel refuses a name that starts or ends with an apostrophe: strip after cutting to 31
    base = _BAD_SHEET_CHARS.sub("-", _printable(region))[:31].strip("'") or "未知地区"
    title, n = base, 2
    while title.lower() in taken or title == README_SHEET:
        suffix = f"({n})"
        title, n = base[: 31 - len(suffix)].rstrip("'") + suffix, n + 1
    taken.add(title.lower())
    return title


def excel_value(value: Any) -> Any:
    """A number stays a number (2.0 -> 2); anything else as the text staff read."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else value
    return display_value(value)[:MAX_TEXT]


def finding_row(f: dict[str, Any], deadline: date) -> list[Any]:
    """One finding as the values of ``COLUMNS``."""
    return [
        f.get("unit") or "（单位不明）",
        f.get("year"),
        rule_short(f["rule"]),
        rule_description(f["rule"]),
        severity_label(f["severity"]),
        cell_labels(f.get("cells") or [], MAX_CELL_LABELS)[:MAX_TEXT] or "—",
        excel_value(f.get("expected")),
        excel_value(f.get("observed")),
        (f.get("message") or "")[:MAX_TEXT],
        deadline,
        region_label(f.get("region")),
        level_label(f.get("level")),
        file_name(f.get("source")),
        f["rule"],
        f.get("id"),
    ]


def _sorted(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(findings, key=lambda f: (SEVERITY_RANK.get(f["severity"], 9), f.get("unit") or "",
                                           f.get("year") or 0, f["rule"], f.get("id") or 0))


def _styles(wb: Workbook) -> None:
    """Named cell styles, registered once: a cell then costs one name lookup (30,000 rows)."""
    for name, font, wrap, fmt, fill in (
        ("da_head", Font(bold=True), True, None, HEADER_FILL), ("da_title", Font(bold=True, size=14), False, None, None),
        ("da_text", None, True, None, None), ("da_plain", None, False, None, None),
        ("da_error", ERROR_FONT, False, None, None), ("da_warning", WARNING_FONT, False, None, None),
        ("da_date", None, False, "yyyy-mm-dd", None),
    ):
        style = NamedStyle(name=name, alignment=Alignment(wrap_text=wrap, vertical="top"))
        if font is not None:
            style.font = font
        if fill is not None:
            style.fill = fill
        if fmt:
            style.number_format = fmt
        wb.add_named_style(style)


def _printable(text: str) -> str:
    """Text without the control characters openpyxl refuses (text read from a PDF or a file name
    can carry them); one such character must not cost the whole list."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _cells(ws: Any, values: list[Any], styles: list[str]) -> list[WriteOnlyCell]:
    out = []
    for value, style in zip(values, styles):
        c = WriteOnlyCell(ws, value=_printable(value) if isinstance(value, str) else value)
        c.style = style
        out.append(c)
    return out


def _region_sheet(ws: Any, findings: list[dict[str, Any]], deadline: date) -> None:
    """Header, widths, frozen first row, autofilter, then one styled row per finding."""
    for i, (_, width, _) in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(findings) + 1}"
    ws.append(_cells(ws, list(HEADERS), ["da_head"] * len(HEADERS)))
    styles = ["da_text" if wrapped else "da_plain" for _, _, wrapped in COLUMNS]
    sev_col = HEADERS.index("严重程度")
    styles[HEADERS.index("整改期限")] = "da_date"
    for f in _sorted(findings):
        styles[sev_col] = "da_error" if f["severity"] == "error" else "da_warning"
        ws.append(_cells(ws, finding_row(f, deadline), styles))


def _readme(ws: Any, run: dict[str, Any], deadline: date, deadline_days: int,
            sheets: list[tuple[str, str, int, int]]) -> None:
    started = china_time(run.get("started_at"))
    started_text = started.strftime("%Y-%m-%d %H:%M") if started else "—"
    for col, width in zip("ABCD", (28, 40, 10, 10)):
        ws.column_dimensions[col].width = width
    ws.append(_cells(ws, ["政府信息公开工作年度报告整改清单"], ["da_title"]))
    for line in (
        f"审核运行编号：{run.get('id')}；运行开始：{started_text}（北京时间）",
        f"整改期限：{deadline:%Y-%m-%d}（本次审核运行当日（北京时间）起 {deadline_days} 日）。"
        "“错误”须在期限内整改并重新发布；“警告”须在期限内核实，确有错误的一并整改。",
        "每个地区一张工作表，每行一个尚未整改的问题；“单元格”列给出表格中的位置，“应为”“实为”列给出核对结果。",
        "首行已冻结并设置筛选，可按单位、规则、严重程度筛选。整改后重新运行审核，已改正的问题会自动标记为已整改。",
    ):
        ws.append([_printable(line)])
    ws.append([])
    ws.append(_cells(ws, ["工作表", "地区", "错误", "警告"], ["da_head"] * 4))
    for row in sheets or [("（无）", "本次运行没有待整改的问题", 0, 0)]:
        ws.append([_printable(v) if isinstance(v, str) else v for v in row])


def write_excel(path: str | Path, run: dict[str, Any], findings: list[dict[str, Any]], deadline: date,
                deadline_days: int) -> Path:
    """Write the rectification list of ``findings`` (the run's open findings) to ``path``
    (openpyxl's write-only mode: rows are streamed, 30,000 findings take a few seconds)."""
    by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        by_region[region_label(f.get("region"))].append(f)
    order = sorted(by_region, key=lambda r: (-sum(f["severity"] == "error" for f in by_region[r]), r))
    taken: set[str] = {README_SHEET.lower()}
    sheets: list[tuple[str, str, int, int]] = []
    for region in order:
        errors = sum(f["severity"] == "error" for f in by_region[region])
        sheets.append((sheet_title(region, taken), region, errors, len(by_region[region]) - errors))
    wb = Workbook(write_only=True)
    _styles(wb)
    _readme(wb.create_sheet(README_SHEET), run, deadline, deadline_days, sheets)
    for title, region, _, _ in sheets:
        _region_sheet(wb.create_sheet(title), by_region[region], deadline)
    path = Path(path)
    wb.save(path)
    return path
