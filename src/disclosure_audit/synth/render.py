"""Render a ``Document`` to the formats reports reach a province in: txt, html, docx and pdf.

- txt: the layout of text copied from a web page (one cell a line, tab-indented, blank lines).
- html: a portal page (navigation, breadcrumbs, footer) around the report; rowspan/colspan kept;
  UTF-8 or GBK.
- docx: python-docx's document, merged cells as Word merges (gridSpan/vMerge); the tables'
  XML written directly, as python-docx writes it.
- pdf: reportlab, in a subset of a CJK TrueType font embedded in the file, as published reports
  embed theirs (every real sample does), where the machine has one (``CJK_TRUETYPE``); otherwise,
  or with ``embed_font=False``, in the CID font STSong-Light, not embedded (a real text layer that
  pdfium reads where a CJK TrueType font is installed, pdfplumber elsewhere).
"""

from __future__ import annotations

import html as htmlmod
import io
from functools import lru_cache
from pathlib import Path

from disclosure_audit.synth.document import Document, Table


def to_txt(doc: Document, header: bool = False) -> bytes:
    out: list[str] = []
    if header:
        out += [f"标题: {doc.title}", f"发布时间: {doc.published_at or ''}", "==================== 正文 ====================", ""]
    out += [doc.title, ""]
    for b in doc.blocks:
        if b.kind == "table" and b.table:
            for row in b.table.rows:
                for cell in row:
                    out.append("\t" + cell.text)
                out.append("")
        else:
            out += [b.text, ""]
    return "\n".join(out).encode("utf-8")


def _html_table(t: Table) -> str:
    rows = []
    for row in t.rows:
        cells = "".join(
            f"<td{' rowspan=%d' % c.rowspan if c.rowspan > 1 else ''}{' colspan=%d' % c.colspan if c.colspan > 1 else ''}>"
            f"{htmlmod.escape(c.text) if c.text else '&nbsp;'}</td>"
            for c in row
        )
        rows.append(f"<tr>{cells}</tr>")
    return '<table border="1" cellspacing="0">' + "".join(rows) + "</table>"


def to_html(doc: Document, encoding: str = "utf-8", portal: bool = True) -> bytes:
    body: list[str] = [f"<h1>{htmlmod.escape(doc.title)}</h1>"]
    if doc.published_at:
        body.append(f'<div class="info">发布时间：{htmlmod.escape(doc.published_at)}　来源：本单位</div>')
    for b in doc.blocks:
        if b.kind == "table" and b.table:
            body.append(_html_table(b.table))
        elif b.kind == "heading":
            body.append(f"<p><strong>{htmlmod.escape(b.text)}</strong></p>")
        else:
            body.append(f"<p>{htmlmod.escape(b.text)}</p>")
    nav = (
        '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>'
        '<li><a href="/zwgk/nb">政府信息公开年报</a></li></ul></div>'
        '<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>'
        if portal else ""
    )
    footer = '<div class="footer">主办单位：本单位　网站标识码 1234567890　<script>var x=1;</script></div>' if portal else ""
    charset = "gbk" if encoding.lower() in ("gbk", "gb18030", "gb2312") else "utf-8"
    page = (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{htmlmod.escape(doc.title)}_政府信息公开年报</title>'
        f'<style>td{{border:1px solid #000}}</style></head><body>{nav}<div class="article">{"".join(body)}</div>{footer}</body></html>'
    )
    return page.encode("gb18030" if charset == "gbk" else "utf-8")


def to_docx(doc: Document) -> bytes:
    import docx

    d = docx.Document()
    d.add_heading(doc.title, level=1)
    for b in doc.blocks:
        if b.kind == "table" and b.table:
            _docx_table(d, b.table)
        elif b.kind == "heading":
            d.add_paragraph().add_run(b.text).bold = True
        else:
            d.add_paragraph(b.text)
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip_times(buf.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same document gives the same bytes: python-docx stamps every zip member with the time
    of saving; rewrite them with a fixed time."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _grid(t: Table) -> list[tuple[int, int, int, int, str]]:
    """Place the cells of a table with spans on a grid: (row, col, rowspan, colspan, text)."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(t.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell.rowspan, cell.colspan, cell.text))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return placed


_DOCX_TEXT_WIDTH_EMU = 5486400  # python-docx's default section: 8.5 in less two 1.25 in margins


def _docx_table(d, t: Table) -> None:  # noqa: ANN001 - python-docx document
    """Append the table as python-docx's ``add_table`` + ``merge`` + ``cell.text`` writes it (the
    same XML: style Table Grid, equal columns over the 6-inch text width, gridSpan/vMerge), built
    in one parse: python-docx rebuilds its cell grid on every merge and cell access, nine tenths
    of a generated report's time."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = t.width
    col = round((_DOCX_TEXT_WIDTH_EMU // w) / 635)  # twips, as python-docx rounds them
    origin = {(r, c): (rs, cs, text) for r, c, rs, cs, text in _grid(t)}
    below: dict[tuple[int, int], int] = {}  # (row, col) covered by a vertical merge -> its colspan
    for (r, c), (rs, cs, _) in origin.items():
        for dr in range(1, rs):
            below[(r + dr, c)] = cs
    rows = []
    for r in range(len(t.rows)):
        cells, c = [], 0
        while c < w:
            if (r, c) in origin:
                rs, cs, text = origin[(r, c)]
                cells.append(_docx_tc(col * cs, cs, "restart" if rs > 1 else None, _docx_p(text)))
            elif (r, c) in below:
                cs = below[(r, c)]
                cells.append(_docx_tc(col * cs, cs, "continue", "<w:p/>"))
            else:
                cs = 1
                cells.append(_docx_tc(col, 1, None, "<w:p/>"))
            c += cs
        rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{col}"/>' for _ in range(w))
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    d.element.body._insert_tbl(parse_xml(xml))


def _docx_tc(width: int, span: int, vmerge: str | None, content: str) -> str:
    props = f'<w:tcW w:type="dxa" w:w="{width}"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def _docx_p(text: str) -> str:
    """A paragraph of one run as python-docx's ``cell.text = text`` writes it: a tab is
    ``w:tab``, a line break ``w:br``, a text with blanks at either end keeps them."""
    parts: list[str] = []
    chunk = ""
    for ch in text:
        if ch in "\t\n\r":
            if chunk:
                parts.append(_docx_t(chunk))
                chunk = ""
            parts.append("<w:tab/>" if ch == "\t" else "<w:br/>")
        else:
            chunk += ch
    if chunk:
        parts.append(_docx_t(chunk))
    return "<w:p><w:r>" + "".join(parts) + "</w:r></w:p>" if parts else "<w:p><w:r/></w:p>"


def _docx_t(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:t{space}>{htmlmod.escape(text, quote=False)}</w:t>"


# CJK fonts with TrueType outlines, which reportlab can subset and embed (Noto CJK's are CFF: it
# cannot), as Debian installs them (fonts-wqy-microhei, fonts-wqy-zenhei)
CJK_TRUETYPE = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
_EMBEDDED = "CJK-Embedded"
_NOT_EMBEDDED = "STSong-Light"


@lru_cache(maxsize=2)
def _pdf_font(embed: bool) -> str:
    """The registered name of the font to print in: the first CJK TrueType font found (embedded as
    a subset) when ``embed``, else (or when none is installed) STSong-Light, not embedded."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    if embed:
        for path in CJK_TRUETYPE:
            if Path(path).is_file():
                pdfmetrics.registerFont(TTFont(_EMBEDDED, path, subfontIndex=0))
                return _EMBEDDED
    pdfmetrics.registerFont(UnicodeCIDFont(_NOT_EMBEDDED))
    return _NOT_EMBEDDED


def to_pdf(doc: Document, embed_font: bool = True) -> bytes:
    """The document as a PDF with a text layer; ``embed_font``: in an embedded subset of a CJK
    TrueType font where the machine has one (see the module docstring)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    font = _pdf_font(embed_font)
    style = ParagraphStyle("zh", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    cell_style = ParagraphStyle("zhc", fontName=font, fontSize=7, leading=9, wordWrap="CJK")
    story: list = [Paragraph(htmlesc(doc.title), ParagraphStyle("t", parent=style, fontSize=14, leading=20)), Spacer(1, 6)]
    for b in doc.blocks:
        if b.kind == "table" and b.table:
            grid = [["" for _ in range(b.table.width)] for _ in b.table.rows]
            spans = []
            for r, c, rs, cs, text in _grid(b.table):
                grid[r][c] = Paragraph(htmlesc(text), cell_style) if text else ""
                if rs > 1 or cs > 1:
                    spans.append(("SPAN", (c, r), (c + cs - 1, r + rs - 1)))
            weights = b.table.weights or (1.0,) * b.table.width
            rl = RLTable(grid, colWidths=[500 * w / sum(weights) for w in weights])
            rl.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), font), *spans]))
            story += [rl, Spacer(1, 6)]
        else:
            story.append(Paragraph(htmlesc(b.text), style))
    buf = io.BytesIO()
    # invariant: no creation date or random id in the file, so the same document gives the same bytes
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=40, rightMargin=40, invariant=1).build(story)
    return buf.getvalue()


def htmlesc(text: str) -> str:
    return htmlmod.escape(text, quote=False)
