"""The warehouse side of a run: open it, start and finish a run, history for the cross-report
rules, store a run's reports and findings, and the stored sources of a rerun's scope.

Each function opens the warehouse from its URL (so a Prefect task can retry it and no engine
crosses a task boundary); ``disclosure_audit.warehouse`` does the SQL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from disclosure_audit.model import Finding, ManifestEntry, ReportRecord, RosterUnit
from disclosure_audit.pipeline.scope import RerunScope



def open_warehouse(db_url: str | None) -> Any:
    """The warehouse at ``db_url`` (None: $DISCLOSURE_AUDIT_DB_URL or the SQLite default), its
    schema migrated."""
    from disclosure_audit.warehouse import Warehouse

    sqlite_folder(resolve_url(db_url))
    return Warehouse(db_url)


def sqlite_folder(url: str) -> None:
    """Create the folder of a SQLite warehouse file (``sqlite:///out/warehouse.db``) if needed."""
    from disclosure_audit.warehouse.connection import sqlite_file

    path = sqlite_file(url)
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def resolve_url(db_url: str | None) -> str:
    from disclosure_audit.warehouse import resolve_db_url

    return resolve_db_url(db_url)


def shown_url(db_url: str | None) -> str:
    """The warehouse URL as runs show and store it: the password masked (``***``)."""
    from sqlalchemy.engine import make_url

    return make_url(resolve_url(db_url)).render_as_string(hide_password=True)


def start_run(db_url: str | None, kind: str, parameters: dict[str, Any], roster: str | None = None) -> Any:
    """Start a run; the roster (units, regions, emails for the alerts) is recorded first."""
    wh = open_warehouse(db_url)
    if roster:
        from disclosure_audit.roster import load_roster

        wh.upsert_units(load_roster(roster))
    return wh.start_run(kind=kind, parameters=parameters)


def history(db_url: str | None, records: list[ReportRecord]) -> list[ReportRecord]:
    """The previous-year reports of the units in ``records`` (for history.* and duplicate.text)."""
    pairs = sorted({(r.unit, r.year) for r in records if r.unit and r.year is not None})
    if not pairs:
        return []
    return list(open_warehouse(db_url).previous_reports(pairs))


def same_year_others(db_url: str | None, records: list[ReportRecord], scope: RerunScope) -> list[ReportRecord]:
    """Stored reports of other units in the same years as ``records``, without their table cells:
    a rerun only compares with their text (duplicate.text) and counts them as published
    (roster.missing)."""
    wh = open_warehouse(db_url)
    own = {(r.unit, r.year) for r in records}
    years = sorted({r.year for r in records if r.year is not None})
    return [o for y in years for o in wh.reports_of_year(y, with_cells=False) if (o.unit, o.year) not in own]


def store(db_url: str | None, run_id: Any, records: list[ReportRecord], findings: list[Finding], scope: list[tuple[str, int]] | None) -> dict[str, int]:
    """Store the run's reports, cells and findings; findings of the scope not seen again are resolved."""
    return open_warehouse(db_url).store(run_id, records, findings, scope=scope)


def store_reports(db_url: str | None, run_id: Any, records: list[ReportRecord]) -> tuple[dict[str, int], Any]:
    """Store the run's reports and cells (before their findings are known): the counts and the
    version ids that ``store_findings`` needs."""
    return open_warehouse(db_url).store_reports(run_id, records)


def store_findings(db_url: str | None, run_id: Any, records: list[ReportRecord], findings: list[Finding], versions: Any,
                   scope: list[tuple[str, int]] | None) -> dict[str, int]:
    """Store the findings of reports ``store_reports`` stored; findings of the scope not seen again
    are resolved."""
    return open_warehouse(db_url).store_findings(run_id, records, findings, versions, scope=scope)


def stored_sources(db_url: str | None, scope: RerunScope) -> list[ManifestEntry]:
    """The files the warehouse holds for the scope's units and years, each with the unit, region,
    level, year and publication date the audit had for it (from its manifest): a rerun started
    without the manifest reads them as the audit did."""
    return list(open_warehouse(db_url).sources(unit=scope.unit, region=scope.region, year=scope.year))


def rerun_roster(db_url: str | None, roster: str | None) -> list[RosterUnit] | None:
    """The units a rerun checks against (deadlines, levels, expected reports): the roster CSV it
    was given, else the roster the warehouse holds from earlier runs (None when it holds none)."""
    if roster:
        from disclosure_audit.roster import load_roster

        return load_roster(roster)
    return open_warehouse(db_url).roster() or None


def finish_run(db_url: str | None, run_id: Any, summary: dict[str, Any], status: str = "completed") -> None:
    open_warehouse(db_url).finish_run(run_id, summary=summary, status=status)
