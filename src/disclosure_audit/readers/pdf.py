"""PDF reports with a text layer: pdfium where it can measure every character, else pdfplumber.

``pdf_pdfium`` reads a report in a few milliseconds a page and gives the lines ``pdf_plumber``
gives; when a page uses a font pdfium has no glyphs for (not embedded and not on the machine, or
an OCR layer's glyphless font) it refuses rather than guess, and the file is read by
``pdf_plumber`` (pdfminer: 6-8 times slower, same lines). Installing a CJK TrueType font
(Debian: fonts-wqy-microhei) lets pdfium read reports whose fonts are not embedded.

Both raise ParseError with the messages below: the file is not a PDF or is damaged, encrypted, or
has no text layer (a scan).
"""

from __future__ import annotations

from disclosure_audit.model import ParseError
from disclosure_audit.readers.lines import Line


def lines_from_pdf(data: bytes, source: str) -> list[Line]:
    from disclosure_audit.readers import pdf_pdfium, pdf_plumber

    if not data.lstrip().startswith(b"%PDF"):
        raise ParseError(source, "不是有效的 PDF 文件（文件头缺失或已损坏）；请重新导出 PDF")
    try:
        lines = pdf_pdfium.lines_from_pdf(data, source)
    except pdf_pdfium.Unmeasured:
        lines = pdf_plumber.lines_from_pdf(data, source)
    if not any(line.text for line in lines):
        raise ParseError(source, "PDF 没有文字层（可能是扫描件）；请提供可复制文字的 PDF 或 Word 版本")
    return lines


def encrypted(source: str) -> ParseError:
    return ParseError(source, "PDF 已加密，无法读取；请提供未加密的版本")


def damaged(source: str, detail: str) -> ParseError:
    return ParseError(source, f"PDF 已损坏，无法读取（{detail}）；请重新导出 PDF")
