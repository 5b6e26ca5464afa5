"""Plain-text reports: text copied from a web page (one cell a line) or saved by a crawler
(cells flattened into runs of digits). Decodes UTF-8 (with or without BOM) or GB18030/GBK."""

from __future__ import annotations

from disclosure_audit.model import ParseError
from disclosure_audit.readers.lines import Line


def decode_text(data: bytes, source: str) -> str:
    """Bytes -> str: UTF-8 first, then GB18030 (a superset of GBK and GB2312)."""
    if not data.strip():
        raise ParseError(source, "文件为空（没有任何文字）；请重新上传完整的年报")
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError(source, "不是文本文件（含二进制内容）；请提供 txt、html、docx 或 pdf 格式的年报")
    for enc in ("utf-8-sig", "utf-16") if head.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ParseError(source, "无法识别文字编码（不是 UTF-8 或 GBK/GB18030）；请另存为 UTF-8 文本") from None


def lines_from_text(data: bytes, source: str) -> list[Line]:
    text = decode_text(data, source).replace("\r\n", "\n").replace("\r", "\n")
    return [Line(t, f"line {i}") for i, t in enumerate(text.split("\n"), 1)]
