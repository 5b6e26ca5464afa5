"""One call that writes a whole run (for ``disclosure-audit check --db``): open the warehouse,
record the roster, start the run, store reports and findings, finish the run."""

from __future__ import annotations

from typing import Any, Iterable

from disclosure_audit.model import RosterUnit
from disclosure_audit.warehouse.core import Warehouse


def store_audit(db_url: str | None, result: Any, *, roster: list[RosterUnit] | None = None,
                parameters: dict[str, Any] | None = None, kind: str = "audit",
                scope: Iterable[tuple[str, int]] | None = None) -> int:
    """Store an ``audit.AuditResult`` (records + findings) as one completed run; returns its id."""
    wh = Warehouse(db_url)
    if roster:
        wh.upsert_units(roster)
    run_id = wh.start_run(kind, parameters or {})
    try:
        counts = wh.store(run_id, result.records, result.findings, scope)
    except BaseException:
        wh.finish_run(run_id, status="failed")
        raise
    wh.finish_run(run_id, counts=counts)
    return run_id
