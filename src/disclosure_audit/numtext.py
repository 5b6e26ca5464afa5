"""Numbers as data staff write them, in findings, alerts and reports: 2 (not 2.0), 12345.67 and
1234567.5 in full (never 1.23457e+06)."""

from __future__ import annotations


def number_text(v: float | int) -> str:
    """A number as text: integers without ".0", other floats in full to six decimals, no exponent."""
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return f"{round(v, 6):f}".rstrip("0").rstrip(".")
    return str(v)
