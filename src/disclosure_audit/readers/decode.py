"""The one decoder: a document's lines -> the canonical ``ReportRecord``.

Every format reader produces ``Line``s; this module finds the sections, the template actually
printed (gov-2019, gov-2021 or mixed), and every cell of tables 2-4 with its provenance, then keys
the values by the template the report prints (templates.yaml: a mixed report is keyed by the
template of its year plus the printed rows of the other one).
"""

from __future__ import annotations

from disclosure_audit import templates
from disclosure_audit.model import ManifestEntry, ParseError, ReportRecord
from disclosure_audit.readers import labels
from disclosure_audit.readers.identity import identify
from disclosure_audit.readers.layout import compact
from disclosure_audit.readers.lines import Line
from disclosure_audit.readers.sections import find_headings, section_texts
from disclosure_audit.readers.tables import Tables, read_t2, read_t3, read_t4


def _template_used(tables: Tables) -> str | None:
    t2, t3 = tables.t2_template, tables.t3_template
    if t2 and t3:
        return t2 if t2 == t3 else templates.MIXED
    return t2 or t3


def _row_id(key: str) -> str:
    return key.rsplit(".", 1)[0]


def decode(lines: list[Line], source: str, fmt: str, manifest: ManifestEntry | None = None) -> ReportRecord:
    """Decode a document's lines; raises ParseError when it holds neither the tables nor the sections."""
    ct = compact(lines)
    text = ct.text
    ident = identify(lines, manifest)
    heads = find_headings(text)
    tables = Tables()

    n = len(text)
    t2_start = heads["s2"].end if "s2" in heads else 0
    t3_start = heads["s3"].end if "s3" in heads else None
    if t3_start is None:
        m = labels.T3_START.search(text, t2_start)
        t3_start = m.start() if m else n
    t3_end = next((heads[s].start for s in ("s4", "s5", "s6") if s in heads and heads[s].start > t3_start), n)
    read_t2(ct, t2_start, t3_start, ident.year, tables)
    read_t3(ct, t3_start, t3_end, ident.year, tables)
    if "s4" in heads:
        t4_start = heads["s4"].end
    else:
        m = labels.T3_ROWS["carried_forward"].search(text, t3_start)
        t4_start = m.end() if m else t3_end
    t4_end = next((heads[s].start for s in ("s5", "s6") if s in heads and heads[s].start > t4_start), n)
    read_t4(ct, t4_start, t4_end, tables)

    if not tables.found_tables and len(heads) < 2:
        raise ParseError(
            source,
            "未找到年报的章节和表格（不是政府信息公开工作年度报告，或正文为图片）；请确认文件内容，或提供可复制文字的版本",
        )

    used = _template_used(tables)
    year = ident.year
    keyed_by = templates.for_year(year) if year and year >= 2019 else templates.get(templates.GOV_2021)
    if used in templates.TEMPLATE_IDS:
        keyed_by = templates.get(used)  # type: ignore[arg-type]
    keys = list(keyed_by.keys())
    if used == templates.MIXED:
        other = templates.get(templates.GOV_2019 if keyed_by.id == templates.GOV_2021 else templates.GOV_2021)
        own_rows = {_row_id(k) for k in keys}
        extra = [k for k in other.keys() if _row_id(k) not in own_rows and _row_id(k) in tables.printed_rows]
        keys += extra
    elif keyed_by.id == templates.GOV_2021 and "t3.other_handling" in tables.printed_rows:
        # a gov-2021 report that prints the （六）其他处理 subtotal above its three sub-rows: keyed too,
        # so that t3.other_handling can check it (an optional column of the gov-2021 frame)
        keys += [f"t3.other_handling.{c}" for c, _ in keyed_by.t3_columns]

    values = {k: tables.values.get(k) for k in keys}
    provenance = {k: tables.provenance[k] for k in keys if k in tables.provenance}
    missing_tables = [t for t in ("t2", "t3", "t4") if t not in tables.found_tables]
    missing_rows: list[str] = []
    for k in keys:
        row = _row_id(k)
        if k.split(".")[0] in missing_tables or row in missing_rows:
            continue
        if row not in tables.printed_rows:
            missing_rows.append(row)

    problems = list(tables.problems)
    if used is None:
        problems.append("未能从表格标签识别所用模板")
    for t in missing_tables:
        problems.append(f"未找到{ {'t2': '表二', 't3': '表三', 't4': '表四'}[t] }")
    sections = section_texts(text, heads)
    return ReportRecord(
        source=source,
        format=fmt,
        unit=ident.unit,
        year=year,
        template=used,
        published_at=ident.published_at,
        title=ident.title,
        region=manifest.region if manifest else None,
        level=manifest.level if manifest else None,
        values=values,
        provenance=provenance,
        sections=sections,
        section_order=[h.section for h in sorted(heads.values(), key=lambda h: h.start)],
        uncertain=sorted(k for k in tables.uncertain if k in values),
        missing_rows=missing_rows,
        missing_tables=missing_tables,
        problems=problems,
        unit_from=ident.unit_from,
    )
