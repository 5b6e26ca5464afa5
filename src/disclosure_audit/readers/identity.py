"""Who published a report, for which year, and when: from the manifest, the page header, the title
or the text (in that order of trust)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from disclosure_audit.model import ManifestEntry
from disclosure_audit.readers import labels
from disclosure_audit.readers.lines import Line

_HEADER = re.compile(r"^\s*(标题|发布时间|发布日期|发布机构)\s*[:：]\s*(.*)$")
_TITLE_LINE = re.compile(r"(20\d{2})\s*年度?.{0,40}?政[府务]信息公开.{0,6}?报告")
_LEADING_YEAR = re.compile(r"^\s*(20\d{2})\s*年度?\s*")
_STAT_PERIOD = re.compile(r"统计期限自\s*(20\d{2})\s*年")
_YEAR_OF_REPORT = re.compile(r"(20\d{2})\s*年度?\s*政[府务]信息公开")


@dataclass
class Identity:
    unit: str | None
    year: int | None
    published_at: str | None
    title: str | None
    unit_from: str | None


def _unit_from_title(title: str) -> str | None:
    t = re.sub(r"\s+", "", title)
    m = _LEADING_YEAR.match(t)
    if m:  # 2024年度淮安市洪泽区政府信息公开工作年度报告
        rest = t[m.end() :]
        unit = re.split(r"政[府务]信息公开", rest)[0]
        return unit or None
    unit = labels.TITLE_SUFFIX.sub("", t)
    unit = re.sub(r"关于(?:印发|公布)?$", "", unit)
    return unit if unit and unit != t else None


def _published(text: str) -> str | None:
    m = labels.PUBLISHED.search(text)
    if not m:
        return None
    y, mo, d, hm = m.groups()
    date = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    return f"{date} {hm}" if hm else date


def identify(lines: list[Line], manifest: ManifestEntry | None) -> Identity:
    header: dict[str, str] = {}
    for line in lines[:12]:
        m = _HEADER.match(line.text)
        if m and m.group(2).strip():
            header.setdefault(m.group(1), m.group(2).strip())
    title = header.get("标题")
    if not title:
        texts = [l.text.strip() for l in lines[:40] if l.text.strip()]
        for i, t in enumerate(texts):
            if _TITLE_LINE.search(t) and len(t) <= 80:
                title = t
                if _LEADING_YEAR.match(t) and i > 0 and _unit_from_title(t) is None and len(texts[i - 1]) <= 30:
                    title = texts[i - 1] + t  # 淮安市人民政府 / 2024 年政府信息公开工作年度报告
                break
    year: int | None = None
    if manifest and manifest.year:
        year = manifest.year
    elif title and (m := _YEAR_OF_REPORT.search(title) or labels.YEAR_IN_TITLE.search(title)):
        year = int(m.group(1))
    else:
        head = "\n".join(l.text for l in lines[:60])
        m = _STAT_PERIOD.search(head) or _YEAR_OF_REPORT.search(head)
        year = int(m.group(1)) if m else None
    unit, unit_from = None, None
    if manifest and manifest.unit:
        unit, unit_from = manifest.unit, "manifest"
    elif title:
        unit = _unit_from_title(title)
        unit_from = "title" if unit else None
    published = manifest.published_at if manifest and manifest.published_at else None
    if not published:
        for key in ("发布时间", "发布日期"):
            if key in header:
                published = _published(f"{key}:{header[key]}")
                if published:
                    break
    if not published:
        published = _published("\n".join(l.text for l in lines[:80]))
    return Identity(unit, year, published, title, unit_from)
