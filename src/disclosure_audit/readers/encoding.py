"""Character encodings of web pages and text files: BOM, a declared charset, else UTF-8, else GB18030."""

from __future__ import annotations

import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "utf8": "utf-8"}


def declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    return _ALIASES.get(name, name)


def _decoded(data: bytes) -> tuple[str, str]:
    """(encoding, text): BOM first, then the meta charset, then UTF-8, then GB18030 (lenient at the end)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", data.decode("utf-16", "replace")
    tried: list[str] = []
    declared = declared_charset(data)
    for enc in [e for e in (declared, "utf-8", "gb18030") if e]:
        if enc in tried:
            continue
        tried.append(enc)
        try:
            return enc, data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return "gb18030", data.decode("gb18030", "replace")


def decode_html(data: bytes) -> str:
    """Decode a page: BOM first, then its meta charset, then UTF-8, then GB18030 (lenient at the end)."""
    return _decoded(data)[1]


def html_for_parser(data: bytes) -> bytes | str:
    """The page as the HTML parser (lexbor) takes it fastest: a UTF-8 page as its bytes (lexbor reads
    bytes as UTF-8 and ignores a meta charset), any other page as the text ``decode_html`` gives."""
    enc, text = _decoded(data)
    if enc == "utf-8":
        return data
    if enc == "utf-8-sig":
        return data[3:]
    return text
