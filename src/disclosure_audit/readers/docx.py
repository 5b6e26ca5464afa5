"""Word (.docx) reports: body paragraphs and tables in document order.

The main part's XML is read from the package and walked directly with lxml (python-docx's
``doc.paragraphs`` and ``doc.tables`` lose the order between them, and opening the whole package
costs more than reading it). A cell merged horizontally (gridSpan) is one ``w:tc`` and appears once; a cell
merged vertically appears only where the merge starts (``vMerge`` restart), not in the rows it
continues into.
"""

from __future__ import annotations

import io
import zipfile

import lxml.etree

from disclosure_audit.model import ParseError
from disclosure_audit.readers.lines import Line

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_T, _TAB, _BR, _P = f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}p"
_TBL, _TR, _TC, _TCPR, _VMERGE, _VAL = f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}tcPr", f"{_W}vMerge", f"{_W}val"


def _text(el) -> str:  # noqa: ANN001 - lxml element
    """The words of an element: its runs' text, a blank at each tab, line break and paragraph."""
    parts: list[str] = []
    for node in el.iter(_T, _TAB, _BR, _P):
        tag = node.tag
        if tag == _T:
            parts.append(node.text or "")
        elif tag != _P or parts:  # a paragraph separates only from the text before it
            parts.append(" ")
    return " ".join("".join(parts).split())


def _continues_merge(tc) -> bool:  # noqa: ANN001 - lxml element
    """Whether a cell continues a cell merged from the row above (``vMerge`` without ``restart``).
    Children walked directly: ``find`` with a path goes through lxml's Python ElementPath."""
    for pr in tc.iterchildren(_TCPR):
        for vmerge in pr.iterchildren(_VMERGE):
            return vmerge.get(_VAL) in (None, "continue")
    return False


def _table(tbl, n: int) -> list[Line]:  # noqa: ANN001
    out: list[Line] = []
    for r, tr in enumerate(tbl.iterchildren(_TR), 1):
        for c, tc in enumerate(tr.iterchildren(_TC), 1):
            if _continues_merge(tc):
                continue
            out.append(Line(_text(tc), f"table {n} row {r} col {c}", is_cell=True))
    return out


_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


def _main_part(z: zipfile.ZipFile) -> str:
    """The package's main document part (``word/document.xml`` by convention; the package
    relationships say where it really is)."""
    try:
        rels = lxml.etree.fromstring(z.read("_rels/.rels"), _PARSER)
    except KeyError:
        return "word/document.xml"
    for rel in rels.iter(_REL):
        if rel.get("Type") == _OFFICE_DOCUMENT:
            return rel.get("Target", "word/document.xml").lstrip("/")
    return "word/document.xml"


def _body(data: bytes, source: str) -> lxml.etree._Element:
    """The document body, read straight from the package: only the main part is parsed (opening
    the whole package with python-docx parses styles, settings and numbering too: 2.5× slower)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read(_main_part(z))
        body = lxml.etree.fromstring(xml, _PARSER).find(f"{_W}body")
    except (zipfile.BadZipFile, KeyError, ValueError, lxml.etree.XMLSyntaxError, OSError, EOFError) as exc:
        raise ParseError(source, f"Word 文件已损坏或不是 .docx 格式（{type(exc).__name__}）；请用 Word 另存为 .docx 后重新上传") from None
    if body is None:
        raise ParseError(source, "Word 文件没有正文；请用 Word 另存为 .docx 后重新上传")
    return body


def lines_from_docx(data: bytes, source: str) -> list[Line]:
    body = _body(data, source)
    lines: list[Line] = []
    tables = 0
    for child in body.iterchildren():
        if child.tag == _P:
            text = _text(child)
            if text:
                lines.append(Line(text, f"paragraph {len(lines) + 1}"))
        elif child.tag == _TBL:
            tables += 1
            lines.extend(_table(child, tables))
    if not lines:
        raise ParseError(source, "Word 文件没有文字内容；请检查文件是否完整")
    return lines
