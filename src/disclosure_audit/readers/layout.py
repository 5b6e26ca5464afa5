"""Turn a document's lines into one searchable text, keeping where each character came from.

Whitespace between two non-digits is dropped (labels broken over lines or cells become whole
again); whitespace next to a digit is kept as one space or newline, because it may be the only
separator between two cells. ``CompactText.where(pos)`` maps a position back to the source line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from disclosure_audit.readers.lines import Line
from disclosure_audit.readers.numbers import is_missing, normalise
from disclosure_audit.readers.split import MISSING_MARK

_INNER_WS = re.compile(r"(?<=\D)\s+(?=\D)")
_BLANK_MARKS = frozenset({"—", "——", "-", "--", "－", "/", "／", "\\"})
_BARE_CELL = re.compile(r"^-?[\d,]+(?:\.\d+)?\s*(?:万元|元|件|个|条|项)?$")


@dataclass
class CompactText:
    text: str
    starts: list[int]  # start offset of each line in text
    lines: list[Line]

    def where(self, pos: int) -> str:
        """The source location ("line 12", "table 2 row 3 col 4") of a position in the text."""
        i = bisect_right(self.starts, pos) - 1
        return self.lines[max(i, 0)].where if self.lines else "?"


def _flat(t: str) -> str:
    """One line's text with its inner white space folded (kept only next to digits)."""
    if not t.isprintable() or " " in t:
        t = " ".join(t.split())  # every kind of white space, one space between words
        if " " in t:
            t = _INNER_WS.sub("", t)
    return t


def _among_cells(prev_last: str, following: str) -> bool:
    """Whether a line 无 stands among a text table's cells: after a cell, or as the first cell of a
    row (after its label, before the row's numbers). 无 as the text of section 六 is followed by
    text or nothing, never by a bare number."""
    if prev_last.isdigit() or prev_last == MISSING_MARK:
        return True
    return bool(_BARE_CELL.match(following)) or following in _BLANK_MARKS


def compact(lines: list[Line]) -> CompactText:
    parts: list[str] = []
    starts: list[int] = []
    kept: list[Line] = []
    pos = 0
    prev_last = ""
    texts = [_flat(normalise(line.text)) for line in lines]
    for i, line in enumerate(lines):
        t = texts[i]
        if line.is_cell and is_missing(t):
            t = MISSING_MARK  # an empty or dashed table cell is a blank value, never nothing
        elif t in _BLANK_MARKS or (t == "无" and _among_cells(prev_last, texts[i + 1] if i + 1 < len(texts) else "")):
            t = MISSING_MARK  # a dash line, or 无 standing among the cells of a text table
        if not t:
            continue
        if parts:
            # keep a separator only where a digit could otherwise run into another digit
            if prev_last.isdigit() or t[0].isdigit() or line.is_cell or t == MISSING_MARK or prev_last == MISSING_MARK:
                parts.append("\n")
                pos += 1
        starts.append(pos)
        kept.append(line)
        parts.append(t)
        pos += len(t)
        prev_last = t[-1]
    return CompactText("".join(parts), starts, kept)
