"""The shape every format reader produces before decoding: the document as a list of lines.

A format reader (text, html, docx, pdf) turns a file into ``Line`` objects in reading order. Running
text is one line per paragraph; every table cell is a line of its own (row-major, a merged cell once),
so that structured formats look like the cell-per-line text of a page copied from a browser, and the
one decoder (``readers.decode``) serves all formats. ``where`` says where the line came from, in the
words a finding shows to staff ("line 123", "table 3 row 5 col 2", "page 2 table 1 row 4 col 3").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    text: str
    where: str
    is_cell: bool = False  # True when the line is one table cell of a structured source
