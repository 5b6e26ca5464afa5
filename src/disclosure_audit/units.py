"""Unit names: one normal form so a report, the roster and last year's report find each other."""

from __future__ import annotations

import re

_FULL = {ord(c): ord(c) - 0xFEE0 for c in "（）０１２３４５６７８９"}
_DROP = re.compile(r"[\s\u3000·•]+")


def normalise_unit(name: str | None) -> str:
    """Full-width brackets and digits to ASCII, white space removed."""
    if not name:
        return ""
    return _DROP.sub("", name.translate(_FULL))


def match_unit(name: str | None, known: dict[str, str]) -> str | None:
    """The key of ``known`` (normalised name -> official name) that ``name`` refers to: the same
    normalised name, else the one official name that contains it or is contained in it."""
    n = normalise_unit(name)
    if not n:
        return None
    if n in known:
        return n
    hits = [k for k in known if n in k or k in n]
    return hits[0] if len(hits) == 1 else None
