"""HTML reports: whole portal pages (navigation, scripts and footers around the report).

The page is parsed with lxml (BeautifulSoup is ten times slower, see STACK-NOTES). Running text
becomes one line per block; every table cell becomes its own line (row-major; a cell merged by
rowspan/colspan appears once, where it starts). The page's title and publication date (meta
ArticleTitle/PubDate, or 发布时间 in the text) are emitted first as ``标题:`` / ``发布时间:`` lines.
"""

from __future__ import annotations

import re

import lxml.etree

from disclosure_audit.model import ParseError
from disclosure_audit.readers.encoding import decode_html
from disclosure_audit.readers.lines import Line

_SKIP = {"script", "style", "noscript", "iframe", "select", "option", "button", "svg", "head", "template"}
_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
    "header", "footer", "nav", "tr", "table", "tbody", "thead", "blockquote", "dd", "dt", "center", "form",
}
_PARSER = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_WS = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_PUBDATE = re.compile(r"(?:发布时间|发布日期|时间)\s*[:：]\s*(20\d{2}[-年/.]\d{1,2}[-月/.]\d{1,2}日?(?:\s+\d{1,2}:\d{2})?)")


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _cell_text(el: lxml.etree._Element) -> str:
    return _clean(" ".join(el.itertext()))


def _table_lines(table: lxml.etree._Element, n: int) -> list[Line]:
    out: list[Line] = []
    rows = [tr for tr in table.iter("tr") if _owner_table(tr) is table]
    for r, tr in enumerate(rows, 1):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        for c, cell in enumerate(cells, 1):
            out.append(Line(_cell_text(cell), f"table {n} row {r} col {c}", is_cell=True))
    return out


def _owner_table(el: lxml.etree._Element) -> lxml.etree._Element | None:
    p = el.getparent()
    while p is not None and p.tag != "table":
        p = p.getparent()
    return p


def _walk(root: lxml.etree._Element) -> list[Line]:
    lines: list[Line] = []
    buf: list[str] = []
    tables = 0

    def flush() -> None:
        text = _clean("".join(buf))
        buf.clear()
        if text:
            lines.append(Line(text, f"paragraph {len(lines) + 1}"))

    def visit(el: lxml.etree._Element) -> None:
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


_REPORT_TABLE = re.compile(r"第二十条|申请人情况|行政复议")


def _report_region(root: lxml.etree._Element) -> lxml.etree._Element:
    """The element holding the report: the lowest common ancestor of the report's tables, widened
    until it also holds the report's text (its section headings). Navigation and footers outside it
    are not read, which keeps a 400 KB portal page fast."""
    tables = [t for t in root.iter("table") if _REPORT_TABLE.search("".join(t.itertext()))]
    if not tables:
        return root
    paths = [list(t.iterancestors())[::-1] for t in tables]
    common = root
    for level in zip(*paths):
        if all(el is level[0] for el in level):
            common = level[0]
        else:
            break
    node = common
    while node is not None and node is not root:
        text = "".join(node.itertext())
        if "总体情况" in text and ("其他需要报告" in text or "改进" in text):
            return node
        node = node.getparent()
    return root


def _meta(doc: lxml.etree._Element, name: str) -> str | None:
    for m in doc.xpath(f'//meta[@name="{name}"]/@content'):
        if m and m.strip():
            return m.strip()
    return None


def lines_from_html(data: bytes, source: str) -> list[Line]:
    text = _XML_DECL.sub("", decode_html(data))
    if not text.strip():
        raise ParseError(source, "网页为空；请重新保存完整的网页")
    try:
        doc = lxml.etree.fromstring(text, _PARSER)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError(source, f"网页无法解析（{exc}）；请重新保存完整的网页") from None
    head: list[Line] = []
    title = _meta(doc, "ArticleTitle")
    if not title:
        t = doc.findtext(".//title")
        title = _clean(t.split("_")[0]) if t else None
    if title:
        head.append(Line(f"标题: {_clean(title)}", "page title"))
    if doc is None:
        raise ParseError(source, "网页无法解析（没有内容）；请重新保存完整的网页")
    body = doc.find("body")
    lines = _walk(_report_region(body if body is not None else doc))
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
