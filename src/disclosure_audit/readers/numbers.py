"""Numbers as printed in reports: full-width digits, thousands separators, decimals, signs, units.

``normalise`` maps full-width characters to ASCII where it matters for numbers; ``NUMBER_TOKEN``
finds numeric tokens (a value and its unit) in a cell or a flattened run; ``is_missing`` recognises
the marks that mean a blank cell (blank, —, /, 无), which are None, never 0.
"""

from __future__ import annotations

import re

_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９．，－＋％"}
_FULLWIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2212: ord("-"), 0xFF5E: ord("~"), 0x200B: None, 0xFEFF: None})

_MISSING = re.compile(r"^\s*(?:[—–\-－/／\\]+|无|空|暂无|—+|－+|\s*)\s*$")

# A numeric token: optional sign, digits with optional thousands groups, optional decimals, optional unit.
NUMBER_TOKEN = re.compile(
    r"(?P<sign>[-+])?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?\s*(?P<unit>万元|元|件|笔|个|条|项|次)?"
)

UNIT_FACTORS_TO_YUAN = {"元": 1.0, "万元": 10000.0}


def normalise(text: str) -> str:
    """Full-width digits and punctuation used in numbers to ASCII; NBSP and ideographic space to space."""
    return text.translate(_FULLWIDTH)


def is_missing(cell: str) -> bool:
    """True for a cell that holds no value: blank, a dash, a slash or 无."""
    return bool(_MISSING.match(cell))


def to_number(int_part: str, frac: str | None, sign: str | None) -> int | float:
    digits = int_part.replace(",", "")
    if frac:
        value: int | float = float(digits + frac)
    else:
        value = int(digits)
    return -value if sign == "-" else value


def convert_amount(value: int | float, unit: str | None, canonical: str) -> int | float:
    """Convert an amount printed in ``unit`` (元, 万元 or None = already canonical) to ``canonical``."""
    if unit is None or unit == canonical or unit not in UNIT_FACTORS_TO_YUAN:
        return value
    yuan = value * UNIT_FACTORS_TO_YUAN[unit]
    out = yuan / UNIT_FACTORS_TO_YUAN[canonical]
    out = round(out, 6)
    return int(out) if float(out).is_integer() else out
