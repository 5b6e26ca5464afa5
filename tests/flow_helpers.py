"""What the flow tests read back: the warehouse's reports and open findings (its tables, read with
SQLAlchemy Core), and the dry-run emails."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, select


def emails_in(folder: str | Path) -> list[Path]:
    p = Path(folder)
    return sorted(p.glob("**/*.eml")) if p.exists() else []


def stored_reports(db_url: str) -> list[tuple[str, int]]:
    """(unit, year) of every report stored in the warehouse."""
    from disclosure_audit.warehouse.schema import reports

    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return [(r.unit, r.year) for r in conn.execute(select(reports.c.unit, reports.c.year))]
    finally:
        engine.dispose()


def open_findings(db_url: str) -> list[dict]:
    """The open (not resolved) findings as dicts: rule, severity, unit, year, source."""
    from disclosure_audit.warehouse.schema import findings

    engine = create_engine(db_url)
    cols = [findings.c.rule, findings.c.severity, findings.c.unit, findings.c.year, findings.c.source]
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(*cols).where(findings.c.status == "open"))
            return [dict(r._mapping) for r in rows]
    finally:
        engine.dispose()
