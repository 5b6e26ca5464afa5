"""The warehouse side of a run: open it, start and finish a run, history for the cross-report
rules, store a run's reports and findings, and the stored sources of a rerun's scope.

Each function opens the warehouse from its URL (so a Prefect task can retry it and no engine
crosses a task boundary); ``disclosure_audit.warehouse`` does the SQL.
"""

from __future__ import annotations

from typing import Any

from disclosure_audit.model import Finding, ReportRecord
from disclosure_audit.pipeline.scope import RerunScope

DEFAULT_DB_URL = "sqlite:///disclosure-audit.db"


def open_warehouse(db_url: str) -> Any:
    """The warehouse at ``db_url``, its schema created or migrated."""
    from disclosure_audit.warehouse import Warehouse

    return Warehouse(db_url)


def start_run(db_url: str, kind: str, parameters: dict[str, Any]) -> Any:
    return open_warehouse(db_url).start_run(kind=kind, parameters=parameters)


def history(db_url: str, records: list[ReportRecord]) -> list[ReportRecord]:
    """The previous-year reports of the units in ``records`` (for history.* and duplicate.text)."""
    pairs = sorted({(r.unit, r.year) for r in records if r.unit and r.year is not None})
    if not pairs:
        return []
    return list(open_warehouse(db_url).previous_reports(pairs))


def same_year_others(db_url: str, records: list[ReportRecord], scope: RerunScope) -> list[ReportRecord]:
    """Stored reports of other units in the same years as ``records`` (duplicate.text in a rerun)."""
    wh = open_warehouse(db_url)
    if not hasattr(wh, "reports_of_year"):
        return []
    own = {(r.unit, r.year) for r in records}
    years = sorted({r.year for r in records if r.year is not None})
    return [o for y in years for o in wh.reports_of_year(y) if (o.unit, o.year) not in own]


def store(db_url: str, run_id: Any, records: list[ReportRecord], findings: list[Finding], scope: list[tuple[str, int]] | None) -> dict[str, int]:
    """Store the run's reports, cells and findings; findings of the scope not seen again are resolved."""
    return open_warehouse(db_url).store(run_id, records, findings, scope=scope)


def stored_sources(db_url: str, scope: RerunScope) -> list[str]:
    """Source paths the warehouse holds for the scope's units and years."""
    return list(open_warehouse(db_url).sources(unit=scope.unit, region=scope.region, year=scope.year))


def finish_run(db_url: str, run_id: Any, summary: dict[str, Any]) -> None:
    open_warehouse(db_url).finish_run(run_id, summary=summary)
