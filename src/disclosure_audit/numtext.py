"""Numbers as data staff write them, in findings, alerts and reports: 2 (not 2.0), 12345.67 and
1234567.5 in full (never 1.23457e+06); and a finding's expected/observed values written that way."""

from __future__ import annotations

import json
from typing import Any


def number_text(v: float | int) -> str:
    """A number as text: integers without ".0", other floats in full to six decimals, no exponent."""
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return f"{round(v, 6):f}".rstrip("0").rstrip(".")
    return str(v)


def value_text(value: Any, blank: str = "—") -> str:
    """A finding's expected/observed value for people: numbers as ``number_text``, 是/否, lists
    joined with 、, ``blank`` for no value (the report prints "—", the alert emails "（空白）")."""
    if value is None or value == "":
        return blank
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, (list, tuple)):
        return "、".join(value_text(v, blank) for v in value) or blank
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
