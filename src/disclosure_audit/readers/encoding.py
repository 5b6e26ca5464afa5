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


def decode_html(data: bytes) -> str:
    """Decode a page: BOM first, then its meta charset, then UTF-8, then GB18030 (lenient at the end)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    tried: list[str] = []
    declared = declared_charset(data)
    for enc in [e for e in (declared, "utf-8", "gb18030") if e]:
        if enc in tried:
            continue
        tried.append(enc)
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", "replace")
