"""What the flow tests read back: the warehouse's reports and open findings, the dry-run emails."""

from __future__ import annotations

from pathlib import Path


def emails_in(folder: str | Path) -> list[Path]:
    p = Path(folder)
    return sorted(p.glob("**/*.eml")) if p.exists() else []


def stored_reports(db_url: str) -> list[tuple[str, int]]:
    """(unit, year) of every report stored in the warehouse."""
    raise NotImplementedError


def open_findings(db_url: str) -> list[dict]:
    """The open (not resolved) findings as dicts: rule, severity, unit, year, source."""
    raise NotImplementedError
