"""The rectification list (整改清单) of a run as an Excel workbook (XlsxWriter): a 说明 sheet first
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
_ILLEGAL_CHARACTERS = re.compile(r"[\000-\010\013\014\016-\037]")  # control characters XML 1.0 cannot carry
# the cell formats, by name: XlsxWriter's format properties (every cell aligned to the top)
FORMATS: dict[str, dict[str, Any]] = {
    "head": {"bold": True, "bg_color": "#DCE6F1", "text_wrap": True},
    "title": {"bold": True, "font_size": 14},
    "text": {"text_wrap": True},
    "plain": {},
    "error": {"font_color": "#C00000", "bold": True},
    "warning": {"font_color": "#9C5700"},
    "date": {"num_format": "yyyy-mm-dd"},
}


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


def _printable(text: str) -> str:
    """Text without the control characters a workbook cannot hold (text read from a PDF or a file
    name can carry them); one such character must not cost the whole list."""
    return _ILLEGAL_CHARACTERS.sub("", text)


def _row(ws: Any, r: int, values: list[Any], formats: list[Any]) -> None:
    """Write one row: text cleaned, a date as a date, None as an empty cell, each with its format."""
    for c, (value, fmt) in enumerate(zip(values, formats)):
        if value is None:
            continue
        if isinstance(value, str):
            ws.write_string(r, c, _printable(value), fmt)
        elif isinstance(value, date):
            ws.write_datetime(r, c, value, fmt)
        else:
            ws.write_number(r, c, value, fmt)


def _region_sheet(ws: Any, findings: list[dict[str, Any]], deadline: date, fmt: dict[str, Any]) -> None:
    """Header, widths, frozen first row, autofilter, then one formatted row per finding."""
    for i, (_, width, _) in enumerate(COLUMNS):
        ws.set_column(i, i, width)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(findings), len(COLUMNS) - 1)
    _row(ws, 0, list(HEADERS), [fmt["head"]] * len(HEADERS))
    formats = [fmt["text"] if wrapped else fmt["plain"] for _, _, wrapped in COLUMNS]
    sev_col = HEADERS.index("严重程度")
    formats[HEADERS.index("整改期限")] = fmt["date"]
    for r, f in enumerate(_sorted(findings), 1):
        formats[sev_col] = fmt["error"] if f["severity"] == "error" else fmt["warning"]
        _row(ws, r, finding_row(f, deadline), formats)


def _readme(ws: Any, run: dict[str, Any], deadline: date, deadline_days: int,
            sheets: list[tuple[str, str, int, int]], fmt: dict[str, Any]) -> None:
    started = china_time(run.get("started_at"))
    started_text = started.strftime("%Y-%m-%d %H:%M") if started else "—"
    for col, width in enumerate((28, 40, 10, 10)):
        ws.set_column(col, col, width)
    lines = [
        f"审核运行编号：{run.get('id')}；运行开始：{started_text}（北京时间）",
        f"整改期限：{deadline:%Y-%m-%d}（本次审核运行当日（北京时间）起 {deadline_days} 日）。"
        "“错误”须在期限内整改并重新发布；“警告”须在期限内核实，确有错误的一并整改。",
        "每个地区一张工作表，每行一个尚未整改的问题；“单元格”列给出表格中的位置，“应为”“实为”列给出核对结果。",
        "首行已冻结并设置筛选，可按单位、规则、严重程度筛选。整改后重新运行审核，已改正的问题会自动标记为已整改。",
    ]
    _row(ws, 0, ["政府信息公开工作年度报告整改清单"], [fmt["title"]])
    for r, line in enumerate(lines, 1):
        _row(ws, r, [line], [fmt["plain"]])
    r = len(lines) + 2  # a blank row, then the sheets
    _row(ws, r, ["工作表", "地区", "错误", "警告"], [fmt["head"]] * 4)
    for r, row in enumerate(sheets or [("（无）", "本次运行没有待整改的问题", 0, 0)], r + 1):
        _row(ws, r, list(row), [fmt["plain"]] * len(row))


def write_excel(path: str | Path, run: dict[str, Any], findings: list[dict[str, Any]], deadline: date,
                deadline_days: int) -> Path:
    """Write the rectification list of ``findings`` (the run's open findings) to ``path``
    (XlsxWriter: 1,500 findings on 190 sheets in 0.3 s, openpyxl's write-only mode took 1.8 s)."""
    by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        by_region[region_label(f.get("region"))].append(f)
    order = sorted(by_region, key=lambda r: (-sum(f["severity"] == "error" for f in by_region[r]), r))
    taken: set[str] = {README_SHEET.lower()}
    sheets: list[tuple[str, str, int, int]] = []
    for region in order:
        errors = sum(f["severity"] == "error" for f in by_region[region])
        sheets.append((sheet_title(region, taken), region, errors, len(by_region[region]) - errors))
    import xlsxwriter

    path = Path(path)
    # text stays text: no formula from a leading "=", no link from a URL, no number from digits;
    # a value that is not a finite number shows as an error cell instead of failing the list
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
                                          "nan_inf_to_errors": True})
    fmt = {name: wb.add_format({"valign": "top", **props}) for name, props in FORMATS.items()}
    _readme(wb.add_worksheet(README_SHEET), run, deadline, deadline_days, sheets, fmt)
    for title, region, _, _ in sheets:
        _region_sheet(wb.add_worksheet(title), by_region[region], deadline, fmt)
    wb.close()
    return path
