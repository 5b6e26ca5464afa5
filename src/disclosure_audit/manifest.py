"""The manifest of a landing folder: a CSV saying which unit, region, level and year each file is.

Columns (header row required, any order): ``file`` (required; path relative to the manifest's
folder), ``unit``, ``region``, ``level``, ``year``, ``published_at``, ``contact``. Blank cells are
None. A bad manifest raises ``ManifestError`` naming the file and the line, in Chinese, saying
what to fix.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

from disclosure_audit.model import ManifestEntry

COLUMNS: tuple[str, ...] = ("file", "unit", "region", "level", "year", "published_at", "contact")
# Chinese headers that data staff tend to write, mapped to the canonical column names.
HEADER_ALIASES: dict[str, str] = {
    "文件": "file",
    "文件名": "file",
    "单位": "unit",
    "单位名称": "unit",
    "地区": "region",
    "区划": "region",
    "层级": "level",
    "级别": "level",
    "年度": "year",
    "年份": "year",
    "发布时间": "published_at",
    "发布日期": "published_at",
    "联系人": "contact",
    "联系方式": "contact",
}


class ManifestError(ValueError):
    """The manifest cannot be used. ``str()`` names the file, the line and what to fix."""


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ManifestError(f"{path}: 清单文件编码无法识别；请另存为 UTF-8 编码的 CSV")


def _column(name: str) -> str:
    key = name.strip().lstrip("\ufeff")
    return HEADER_ALIASES.get(key, key.lower())


def _year(text: str, path: Path, line: int) -> int:
    digits = text.strip().removesuffix("年").removesuffix("年度")
    if not digits.isdigit() or not 2000 <= int(digits) <= 2100:
        raise ManifestError(f"{path} 第 {line} 行：年度“{text}”不是有效年份；请填写四位年份，如 2024")
    return int(digits)


_DATE = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:(?:T|\s+)(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$"
)
CHINA = timezone(timedelta(hours=8))  # the deadlines of 条例第四十九条 are dates in Beijing time


def _published(text: str, path: Path, line: int) -> str:
    """A publication date as the checks compare it: ``YYYY-MM-DD`` (with `` HH:MM`` where given),
    in Beijing time; 2025/1/20, 2025年1月20日 and ISO timestamps with an offset are accepted."""
    m = _DATE.match(text)
    problem = f"{path} 第 {line} 行：发布时间“{text}”不是有效日期；请填写如 2025-01-20 或 2025-01-20 10:30"
    if not m:
        raise ManifestError(problem)
    y, mo, d, hh, mm, ss, tz = m.groups()
    try:
        when = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        raise ManifestError(problem) from None
    if tz:
        sign = -1 if tz.startswith("-") else 1
        offset = timedelta(0) if tz == "Z" else sign * timedelta(hours=int(tz[1:3]), minutes=int(tz[-2:]))
        when = when.replace(tzinfo=timezone(offset)).astimezone(CHINA).replace(tzinfo=None)
    return when.strftime("%Y-%m-%d %H:%M") if hh else when.strftime("%Y-%m-%d")


def load_manifest(path: str | Path) -> list[ManifestEntry]:
    """Read a manifest CSV. Raises ManifestError (file and line named) on any problem."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ManifestError(f"{p}: 无法打开清单文件（{exc.strerror or exc}）；请检查路径") from None
    reader = csv.reader(io.StringIO(_decode(data, p)))
    try:
        header = next(reader)
    except StopIteration:
        raise ManifestError(f"{p}: 清单文件为空；第 1 行应为表头 {','.join(COLUMNS)}") from None
    columns = [_column(h) for h in header]
    if "file" not in columns:
        raise ManifestError(f"{p} 第 1 行：表头缺少 file（文件名）列；表头应为 {','.join(COLUMNS)}")
    unknown = [h for h, c in zip(header, columns) if c not in COLUMNS]
    if unknown:
        raise ManifestError(f"{p} 第 1 行：无法识别的列 {'、'.join(unknown)}；可用的列为 {','.join(COLUMNS)}")
    entries: list[ManifestEntry] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            raise ManifestError(f"{p} 第 {line} 行：有 {len(row)} 列，多于表头的 {len(columns)} 列；请检查是否多了逗号")
        cells = {c: (row[i].strip() if i < len(row) else "") or None for i, c in enumerate(columns)}
        file = cells.get("file")
        if not file:
            raise ManifestError(f"{p} 第 {line} 行：file（文件名）为空；请填写年报文件相对于清单所在文件夹的路径")
        norm = Path(file).as_posix()
        if norm in seen:
            raise ManifestError(f"{p} 第 {line} 行：文件 {file} 已在第 {seen[norm]} 行出现；每个文件只能登记一次")
        seen[norm] = line
        year, published = cells.get("year"), cells.get("published_at")
        entries.append(
            ManifestEntry(
                file=norm,
                unit=cells.get("unit"),
                region=cells.get("region"),
                level=cells.get("level"),
                year=_year(year, p, line) if year else None,
                published_at=_published(published, p, line) if published else None,
                contact=cells.get("contact"),
            )
        )
    return entries


def write_manifest(path: str | Path, entries: list[ManifestEntry]) -> None:
    """Write entries as a manifest CSV (UTF-8 with BOM so that Excel opens it correctly)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for e in entries:
            writer.writerow(["" if getattr(e, c) is None else getattr(e, c) for c in COLUMNS])
