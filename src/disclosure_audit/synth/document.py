"""A report as a format-neutral document: title, headings, paragraphs and tables with merged cells.

The generator and the tests build a ``Document`` from values and section texts, then render it to
txt, html, docx or pdf (``render_*``). Tables follow the official layout of the template, including
its merged cells (the 申请人情况 header, the 三、本年度办理结果 and （三）不予公开 label blocks, and
table 4's two-level header), so readers are exercised on realistic structure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from disclosure_audit import templates

Value = int | float | None


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Table:
    rows: list[list[Cell]]
    width: int
    weights: tuple[float, ...] | None = None  # relative column widths where a format sets them (pdf); None: equal


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "table"
    text: str = ""
    table: Table | None = None


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    published_at: str | None = None


def fmt(value: Value, blank: str = "") -> str:
    if value is None:
        return blank
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def _t2_tables(tpl: templates.Template, values: dict[str, Value], label_variant: int, blank: str) -> list[Table]:
    out: list[Table] = []
    for g in tpl.t2:
        width = 1 + len(g.columns)
        rows = [[Cell(g.label, colspan=width)], [Cell("信息内容"), *[Cell(lbl) for _, lbl in g.columns]]]
        for r, lbl in g.rows:
            if r == "normative_documents" and label_variant % 2 and tpl.id == templates.GOV_2021:
                lbl = "规范性文件"
            cells = [Cell(fmt(values.get(f"t2.{g.group}.{r}.{c}"), blank)) for c, _ in g.columns]
            rows.append([Cell(lbl), *cells])
        out.append(Table(rows, width))
    return out


_DENIED = "（三）不予公开"
_UNABLE = "（四）无法提供"
_REJECTED = "（五）不予处理"
_OTHER = "（六）其他处理"


def _t3_table(tpl: templates.Template, values: dict[str, Value], rows_printed: list[str], blank: str) -> Table:
    cols = [c for c, _ in tpl.t3_columns]
    header = [
        [Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3), Cell("申请人情况", colspan=7)],
        [Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)],
        [Cell(lbl) for c, lbl in tpl.t3_columns if c in templates.T3_ORG_COLUMNS],
    ]
    labels = dict(tpl.t3_rows)
    labels.update(dict(templates.get(templates.GOV_2019).t3_rows))
    body: list[list[Cell]] = []
    results = [r for r in rows_printed if r not in templates.T3_NON_RESULT_ROWS]
    groups = {_DENIED: [r for r in results if r.startswith("denied_")], _UNABLE: [r for r in results if r.startswith("unable_")],
              _REJECTED: [r for r in results if r.startswith("rejected_")], _OTHER: [r for r in results if r in templates.T3_OTHER_HANDLING_SUBROWS]}
    # 三、本年度办理结果 heads the result rows and （七）总计 (as in the official form): the total row's
    # label spans columns 2-3 like the others', so its cells sit under the applicant columns
    block = results + [r for r in rows_printed if r == "results_total"]
    first_result = block[0] if block else None
    for r in rows_printed:
        cells = [Cell(fmt(values.get(f"t3.{r}.{c}"), blank)) for c in cols]
        full = labels[r]
        if r in templates.T3_NON_RESULT_ROWS and r != "results_total":
            body.append([Cell(full, colspan=3), *cells])
            continue
        row: list[Cell] = []
        if r == first_result:
            row.append(Cell("三、本年度办理结果", rowspan=len(block)))
        group = next((g for g, members in groups.items() if r in members), None)
        if group is not None:
            leaf = full.split(" ", 1)[1] if " " in full else full
            if groups[group][0] == r:
                row.append(Cell(group, rowspan=len(groups[group])))
            row.append(Cell(leaf))
        else:
            row.append(Cell(full, colspan=2))
        body.append([*row, *cells])
    # wide leaf labels keep the rows low: the 三、 block (up to 22 rows, not split across pages) fits one page
    return Table(header + body, 10, weights=(0.8, 1.0, 2.2, *(1.0,) * 7))


def _t4_table(values: dict[str, Value], blank: str) -> Table:
    tpl = templates.get(templates.GOV_2021)
    parts = [lbl for _, lbl in tpl.t4_columns]
    header = [
        [Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10)],
        [*[Cell(p, rowspan=2) for p in parts], Cell("未经复议直接起诉", colspan=5), Cell("复议后起诉", colspan=5)],
        [*[Cell(p) for p in parts], *[Cell(p) for p in parts]],
    ]
    cells = [Cell(fmt(values.get(k), blank)) for k in tpl.t4_keys()]
    return Table([*header, cells], 15)


def build_document(
    *,
    unit: str,
    year: int,
    template_id: str,
    values: dict[str, Value],
    sections: dict[str, str],
    t3_rows: list[str] | None = None,
    omit_sections: tuple[str, ...] = (),
    label_variant: int = 0,
    blank: str = "",
    published_at: str | None = None,
    title: str | None = None,
) -> Document:
    """The whole report: title, preface, sections 一–六 with tables 2–4 under 二, 三 and 四."""
    tpl = templates.get(template_id)
    rows = t3_rows or [r for r, _ in tpl.t3_rows]
    heads = templates.sections()
    doc = Document(title or f"{unit}{year}年度政府信息公开工作年度报告", published_at=published_at)
    doc.blocks.append(Block("paragraph", f"本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"))
    for sid in templates.SECTION_IDS:
        if sid in omit_sections:
            continue
        doc.blocks.append(Block("heading", heads[sid]))
        if sid == "s2":
            doc.blocks.extend(Block("table", table=t) for t in _t2_tables(tpl, values, label_variant, blank))
        elif sid == "s3":
            doc.blocks.append(Block("table", table=_t3_table(tpl, values, rows, blank)))
        elif sid == "s4":
            doc.blocks.append(Block("table", table=_t4_table(values, blank)))
        text = sections.get(sid, "")
        for para in [p for p in text.split("\n") if p.strip()]:
            doc.blocks.append(Block("paragraph", para))
    return doc
