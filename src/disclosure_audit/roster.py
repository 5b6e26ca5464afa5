"""The roster: which units must report (CSV: unit, region, level, email [, parent, deadline, supervisor_email])."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from disclosure_audit.model import RosterUnit

REQUIRED = ("unit", "region", "level", "email")
LEVELS = ("province", "city", "county", "township", "department", "other")
_DEADLINE = re.compile(r"^(?:\d{4}-)?(\d{2})-(\d{2})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class RosterError(ValueError):
    """A roster file that cannot be used; the message names the file, the line and what to fix."""


def load_roster(path: str | Path) -> list[RosterUnit]:
    p = Path(path)
    try:
        text = p.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(f"{p}: cannot read the roster ({exc}); save it as UTF-8 CSV") from None
    rows = list(csv.DictReader(text.splitlines()))
    header = [h.strip() for h in (csv.reader(text.splitlines()[:1]).__next__() if text.strip() else [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RosterError(f"{p}: line 1: missing column(s) {', '.join(missing)}; the header needs unit,region,level,email")
    units: list[RosterUnit] = []
    seen: set[str] = set()
    for n, row in enumerate(rows, start=2):
        row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        if not any(row.values()):
            continue
        for col in REQUIRED:
            if not row.get(col):
                raise RosterError(f"{p}: line {n}: column {col!r} is empty; every unit needs {', '.join(REQUIRED)}")
        if row["level"] not in LEVELS:
            raise RosterError(f"{p}: line {n}: level {row['level']!r} is not one of {', '.join(LEVELS)}")
        if not _EMAIL.match(row["email"]):
            raise RosterError(f"{p}: line {n}: email {row['email']!r} is not an address")
        deadline = row.get("deadline") or None
        if deadline:
            m = _DEADLINE.match(deadline)
            if not m:
                raise RosterError(f"{p}: line {n}: deadline {deadline!r} must be MM-DD (e.g. 01-31)")
            deadline = f"{m.group(1)}-{m.group(2)}"
        if row["unit"] in seen:
            raise RosterError(f"{p}: line {n}: unit {row['unit']!r} is listed twice")
        seen.add(row["unit"])
        units.append(RosterUnit(unit=row["unit"], region=row["region"], level=row["level"], email=row["email"],
                                parent=row.get("parent") or None, deadline=deadline,
                                supervisor_email=row.get("supervisor_email") or None))
    return units
