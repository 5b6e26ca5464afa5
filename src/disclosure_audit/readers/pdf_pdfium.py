"""PDF reports read by pdfium (pypdfium2), measured as pdfplumber measures them.

Per page: the tables from ``pdf_grid`` (pdfplumber's table finder over pdfium's ruling lines);
the characters with pdfplumber's boxes (font boxes, top = bottom of the box raised by the font
size); a cell takes the characters whose centre it holds, printed lines are characters whose
tops chain within 3 pt, words split at gaps over 3 pt. Tables become one line per cell,
row-major, a merged cell once; text outside the tables one line per printed line; both in
reading order. The lines are those of ``pdf_plumber``, text and places, on every real and
generated sample (tests/test_pdf_readers.py), in a sixth of the time or less: pdfium (C++)
interprets the page instead of pdfminer (pure Python).

pdfium needs glyphs to place characters: a text object drawn in a font that is neither embedded
nor found on the machine (no CJK font installed; an OCR layer's glyphless font) has no extent,
and pdfium then takes repeated characters ("0" in cell after cell) for overprinted copies and
drops them. Such a page raises ``Unmeasured``, and so does a rotated page (pdfplumber reads it as
shown, pdfium as drawn); ``readers.pdf`` then reads the file with pdfplumber.
"""

from __future__ import annotations

import ctypes
import struct
import threading
from bisect import bisect_left, bisect_right
from functools import partial
from typing import Any

from disclosure_audit.readers.lines import Line
from disclosure_audit.readers.pdf import damaged, encrypted
from disclosure_audit.readers.pdf_grid import page_objects, tables

Char = tuple[str, float, float, float, float, float]  # text, x0, top, x1, centre x, centre y (pdfplumber's)

_LINE_TOLERANCE = 3.0  # pdfplumber's y_tolerance: characters whose tops chain within it are one line
_WORD_GAP = 3.0  # pdfplumber's x_tolerance: a wider gap between characters starts a new word
_LOOSE_MAX = 3.0  # a font box over this many times the font size high is wrong (see _chars)
_SKIPPED = frozenset((0, 0x0A, 0x0D, 0xFFFE, 0xFFFF))  # no character, line breaks, pdfium's markers
# pdfium is not thread-safe (ctypes releases the GIL around every call): one document at a time in
# a process. Parse workers are single-threaded; runs that parse in threads (one core, Dask with
# several threads a worker) read their PDFs one after another.
_PDFIUM = threading.Lock()


class Unmeasured(Exception):
    """pdfium's reading of the page could differ from pdfplumber's: a text object without extent
    (its font has no glyphs here: text may be missing) or a rotated page."""


def lines_from_pdf(data: bytes, source: str) -> list[Line]:
    """The lines of a PDF (see the module docstring); raises ParseError or ``Unmeasured``."""
    with _PDFIUM:
        return _read(data, source)


def _read(data: bytes, source: str) -> list[Line]:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise encrypted(source) from None
        raise damaged(source, str(exc)[:80]) from None
    lines: list[Line] = []
    try:
        for pno in range(len(doc)):
            page = doc[pno]
            try:
                lines.extend(_page_lines(page, pno + 1))
            finally:
                page.close()
    except Unmeasured:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged page raises from deep inside pdfium
        raise damaged(source, type(exc).__name__) from None
    finally:
        doc.close()
    return lines


def _page_lines(page: Any, pno: int) -> list[Line]:
    if page.get_rotation():  # pdfplumber reads such a page as shown, pdfium as drawn: keep one reading
        raise Unmeasured(f"page {pno} is rotated")
    paths, texts = page_objects(page)
    _require_glyphs(texts)
    height = page.get_height()
    grid = tables(paths, height)
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage, height)
    finally:
        textpage.close()
    chars.sort(key=lambda ch: ch[5])  # by the vertical centre, for the cells' bisect
    centres = [ch[5] for ch in chars]
    # as pdfplumber: a character inside a table's box but in none of its cells (the corner label of
    # a header split by a diagonal) is left out, not read as a line of its own after the table
    taken = [False] * len(chars)
    items: list[tuple[float, int, list[Line]]] = []
    for ti, cells in enumerate(grid, 1):
        bx0, btop = min(c[0] for c in cells), min(c[1] for c in cells)
        bx1, bbottom = max(c[2] for c in cells), max(c[3] for c in cells)
        for k in range(bisect_left(centres, btop), bisect_right(centres, bbottom)):
            if bx0 <= chars[k][4] <= bx1:
                taken[k] = True
        tops = {t: r for r, t in enumerate(sorted({c[1] for c in cells}), 1)}
        lefts = {x: c for c, x in enumerate(sorted({c[0] for c in cells}), 1)}
        bands: dict[tuple[float, float], list[Char]] = {}  # a row's characters, for each of its cells
        out: list[Line] = []
        for x0, top, x1, bottom in cells:
            band = bands.get((top, bottom))
            if band is None:
                band = bands[(top, bottom)] = chars[bisect_left(centres, top) : bisect_left(centres, bottom)]
            # pdfplumber's test: the centre in [x0, x1) x [top, bottom)
            inside = [ch for ch in band if x0 <= ch[4] < x1]
            where = f"page {pno} table {ti} row {tops[top]} col {lefts[x0]}"
            out.append(Line(_cell_text(inside), where, is_cell=True))
        items.append((btop, 1, out))
    rest = [ch for ch, t in zip(chars, taken) if not t]
    for top, text in _text_lines(rest):
        items.append((top, 0, [Line(text, f"page {pno} line {round(top)}")]))
    items.sort(key=lambda it: (it[0], it[1]))
    return [line for _, _, ls in items for line in ls]


def _cell_text(inside: list[Char]) -> str:
    """A cell's text: its printed lines joined by a space (most cells: one character)."""
    if len(inside) == 1:
        text = inside[0][0]
        return "" if text.isspace() else text
    return " ".join([text for _, text in _text_lines(inside)])


def _require_glyphs(texts: list[Any]) -> None:
    """Raise ``Unmeasured`` if one of the page's text objects has an empty extent."""
    import pypdfium2.raw as raw

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    bounds = raw.FPDFPageObj_GetBounds
    for obj in texts:
        if bounds(obj, left, bottom, right, top) and (right.value <= left.value or top.value <= bottom.value):
            raise Unmeasured(f"a text object at ({left.value:.0f}, {bottom.value:.0f}) has no extent")


def _chars(textpage: Any, height: float) -> list[Char]:
    """The page's printed characters with their font boxes (pdfium's generated spaces left out).

    The font box ("loose" box) is what pdfplumber measures; where pdfium gets it wrong (seen:
    vertical text in a merged cell, the box of the font unscaled, 20 times too high) the glyph's
    own box is used.
    """
    import pypdfium2.raw as raw

    out: list[Char] = []
    rect = raw.FS_RECTF()
    unpack = partial(struct.unpack_from, "4f")
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    matrix = raw.FS_MATRIX()
    handle = textpage.raw
    loose, generated = raw.FPDFText_GetLooseCharBox, raw.FPDFText_IsGenerated
    glyph = raw.FPDFText_GetCharBox
    size_of: dict[float, float] = {}  # font box height -> font size: one font and size per height
    count = raw.FPDFText_CountChars(handle)
    codes = _codes(handle, count)
    low = -1  # the index of a low surrogate already joined to the character before it
    for i in range(count):
        if i == low:
            continue
        code = codes[i]
        if code in _SKIPPED or not loose(handle, i, rect):
            continue
        if 0xD800 <= code <= 0xDFFF:  # pdfium gives a character beyond U+FFFF as two UTF-16 halves
            code, low = _joined(code, codes[i + 1] if i + 1 < count else 0), i + 1
        text = chr(code)
        if text.isspace() and generated(handle, i) == 1:
            continue
        x0, y1, x1, y0 = unpack(rect)  # FS_RECTF: left, top, right, bottom
        size = size_of.get(y1 - y0)
        if size is None:
            size = size_of[y1 - y0] = _size(handle, i, matrix)
        if y1 - y0 > _LOOSE_MAX * size and glyph(handle, i, left, right, bottom, top):
            x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value  # the box of the font unscaled
        # pdfplumber's top (and so its centre): the font box's bottom raised by the font size
        # (pdfium's box top is the font's ascent instead, which differs from font to font)
        out.append((text, x0, height - y0 - size, x1, (x0 + x1) / 2, height - y0 - size / 2))
    return out


def _codes(handle: Any, count: int) -> list[int]:
    """Every character's UTF-16 unit, in one ``FPDFText_GetText`` call (one ``FPDFText_GetUnicode``
    per character was a third of ``_chars``' time); asked per character when pdfium's text is not
    one unit per character."""
    import pypdfium2.raw as raw

    if count <= 0:
        return []
    buf = (ctypes.c_ushort * (count + 1))()
    if raw.FPDFText_GetText(handle, 0, count, buf) != count + 1:  # the units written, with the closing NUL
        return [raw.FPDFText_GetUnicode(handle, i) for i in range(count)]
    return buf[:count]


def _joined(high: int, low: int) -> int:
    """The code point of a UTF-16 surrogate pair; ``Unmeasured`` for half a pair."""
    if not (0xD800 <= high <= 0xDBFF and 0xDC00 <= low <= 0xDFFF):
        raise Unmeasured(f"a lone UTF-16 surrogate U+{high:04X}")
    return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)


def _size(handle: Any, index: int, matrix: Any) -> float:
    """The character's font size on the page (the font's size scaled by its text matrix)."""
    import pypdfium2.raw as raw

    size = raw.FPDFText_GetFontSize(handle, index)
    if not raw.FPDFText_GetMatrix(handle, index, matrix):
        return size
    return size * abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5


def _text_lines(chars: list[Char]) -> list[tuple[float, str]]:
    """(top, text) of each printed line, worded as pdfplumber's ``extract_text`` does.

    Lines: characters whose tops chain within 3 pt.
    Words: a gap of over 3 pt or a blank starts a new one; a line's words are joined with a space.
    """
    if len(chars) == 1:  # most cells: one digit
        ch = chars[0]
        return [] if ch[0].isspace() else [(ch[2], ch[0])]
    out: list[tuple[float, str]] = []
    line: list[Char] = []
    for ch in sorted(chars, key=lambda c: c[2]):
        if line and ch[2] - line[-1][2] > _LINE_TOLERANCE:
            out.append(_line_text(line))
            line = []
        line.append(ch)
    if line:
        out.append(_line_text(line))
    return [(top, text) for top, text in out if text]


def _line_text(line: list[Char]) -> tuple[float, str]:
    words: list[str] = []
    word = ""
    last_x1: float | None = None
    for text, x0, _, x1, _, _ in sorted(line, key=lambda c: c[1]):
        if text.isspace():
            if word:
                words.append(word)
            word, last_x1 = "", None
            continue
        if word and last_x1 is not None and x0 - last_x1 > _WORD_GAP:
            words.append(word)
            word = ""
        word += text
        last_x1 = x1
    if word:
        words.append(word)
    return min(c[2] for c in line), " ".join(words)
