"""Readers: any report file (txt, html, docx, pdf) -> one canonical ``ReportRecord``.

``read_report(path)`` and ``read_bytes(data, source, suffix)`` pick the format reader by suffix and
content, turn the file into ``Line``s and run the one decoder. Every failure is a ``ParseError``
naming the file and the reason; nothing else escapes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from disclosure_audit.model import ManifestEntry, ParseError, ReportRecord
from disclosure_audit.readers.lines import Line

FORMATS = ("txt", "html", "docx", "pdf")


def sniff(data: bytes, suffix: str) -> str:
    """The format of a file from its first bytes, then its suffix."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    low = head.lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in low or b"<body" in low or b"<table" in low:
        return "html"
    s = suffix.lower().lstrip(".")
    if s in {"htm", "html", "shtml", "xhtml"}:
        return "html"
    if s in {"pdf", "docx"}:
        return s  # wrong magic bytes: the reader will say the file is damaged
    return "txt"


def _lines(data: bytes, source: str, fmt: str) -> list[Line]:
    if fmt == "txt":
        from disclosure_audit.readers.text import lines_from_text

        return lines_from_text(data, source)
    try:
        if fmt == "html":
            from disclosure_audit.readers.html import lines_from_html as reader
        elif fmt == "docx":
            from disclosure_audit.readers.docx import lines_from_docx as reader
        else:
            from disclosure_audit.readers.pdf import lines_from_pdf as reader
    except ImportError:
        raise ParseError(source, f"暂不支持读取 {fmt} 格式；请提供 txt 文本") from None
    return reader(data, source)


def read_bytes(data: bytes, source: str, suffix: str = "", manifest: ManifestEntry | None = None) -> ReportRecord:
    """Parse a report held in memory. Raises ParseError (one line: file and reason) and nothing else."""
    from disclosure_audit.readers.decode import decode

    try:
        if not data or not data.strip():
            raise ParseError(source, "文件为空（0 字节或只有空白）；请重新上传完整的年报")
        fmt = sniff(data, suffix)
        lines = _lines(data, source, fmt)
        record = decode(lines, source, fmt, manifest)
    except ParseError:
        raise
    except RecursionError:
        raise ParseError(source, "文件结构过深，无法解析；请另存为 txt 或 pdf 后重新上传") from None
    except Exception as exc:  # noqa: BLE001 - a broken file must never stop a run
        raise ParseError(source, f"无法解析（{type(exc).__name__}: {str(exc)[:120]}）；请检查文件是否完整") from None
    record.sha256 = hashlib.sha256(data).hexdigest()
    return record


def read_report(path: str | Path, manifest: ManifestEntry | None = None) -> ReportRecord:
    """Parse a report file. Raises ParseError naming the file and the reason."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ParseError(str(p), f"无法打开文件（{exc.strerror or exc}）；请检查路径和权限") from None
    return read_bytes(data, str(p), p.suffix, manifest)
