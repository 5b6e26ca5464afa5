"""HTML reports: whole portal pages (navigation, scripts and footers around the report).

The page is parsed with lxml (BeautifulSoup is ten times slower, see STACK-NOTES). Running text
becomes one line per block; every table cell becomes its own line (row-major; a cell merged by
rowspan/colspan appears once, where it starts). The page's title and publication date (meta
ArticleTitle/PubDate, or 发布时间 in the text) are emitted first as ``标题:`` / ``发布时间:`` lines.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from disclosure_audit.model import ParseError
from disclosure_audit.readers.encoding import decode_html
from disclosure_audit.readers.lines import Line

_SKIP = {"script", "style", "noscript", "iframe", "select", "option", "button", "svg", "head", "template"}
_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
    "header", "footer", "nav", "tr", "table", "tbody", "thead", "blockquote", "dd", "dt", "center", "form",
}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_WS = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_PUBDATE = re.compile(r"(?:发布时间|发布日期|时间)\s*[:：]\s*(20\d{2}[-年/.]\d{1,2}[-月/.]\d{1,2}日?(?:\s+\d{1,2}:\d{2})?)")


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _cell_text(el: lxml.html.HtmlElement) -> str:
    parts: list[str] = []
    for node in el.iter():
        if node.tag in _SKIP:
            continue
        if node.tag == "br" or node.tag == "p":
            parts.append("\n")
        if node.text and node is not el or (node is el and el.text):
            parts.append(node.text or "")
        if node is not el and node.tail:
            parts.append(node.tail)
    return _clean("".join(parts).replace("\n", " "))


def _table_lines(table: lxml.html.HtmlElement, n: int) -> list[Line]:
    out: list[Line] = []
    rows = [tr for tr in table.iter("tr") if _owner_table(tr) is table]
    for r, tr in enumerate(rows, 1):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        for c, cell in enumerate(cells, 1):
            out.append(Line(_cell_text(cell), f"table {n} row {r} col {c}", is_cell=True))
    return out


def _owner_table(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    p = el.getparent()
    while p is not None and p.tag != "table":
        p = p.getparent()
    return p


def _walk(root: lxml.html.HtmlElement) -> list[Line]:
    lines: list[Line] = []
    buf: list[str] = []
    tables = 0

    def flush() -> None:
        text = _clean("".join(buf))
        buf.clear()
        if text:
            lines.append(Line(text, f"paragraph {len(lines) + 1}"))

    def visit(el: lxml.html.HtmlElement) -> None:
        nonlocal tables
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            if el.tail and tag:
                buf.append(el.tail)
            return
        if tag == "table":
            flush()
            tables += 1
            lines.extend(_table_lines(el, tables))
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            flush()
        if el.text:
            buf.append(el.text)
        for child in el:
            visit(child)
        if block:
            flush()
        if el.tail:
            buf.append(el.tail)

    visit(root)
    flush()
    return lines


def _meta(doc: lxml.html.HtmlElement, name: str) -> str | None:
    for m in doc.xpath(f'//meta[@name="{name}"]/@content'):
        if m and m.strip():
            return m.strip()
    return None


def lines_from_html(data: bytes, source: str) -> list[Line]:
    text = _XML_DECL.sub("", decode_html(data))
    if not text.strip():
        raise ParseError(source, "网页为空；请重新保存完整的网页")
    try:
        doc = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ParseError(source, f"网页无法解析（{exc}）；请重新保存完整的网页") from None
    head: list[Line] = []
    title = _meta(doc, "ArticleTitle")
    if not title:
        t = doc.findtext(".//title")
        title = _clean(t.split("_")[0]) if t else None
    if title:
        head.append(Line(f"标题: {_clean(title)}", "page title"))
    body = doc.find("body")
    lines = _walk(body if body is not None else doc)
    published = _meta(doc, "PubDate")
    if not published:
        for line in lines[:400]:
            m = _PUBDATE.search(line.text)
            if m:
                published = m.group(1)
                break
    if published:
        head.append(Line(f"发布时间: {published}", "page date"))
    return head + lines
