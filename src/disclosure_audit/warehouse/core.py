"""``Warehouse``: one object per warehouse URL that migrates the schema on open and offers the
writes (runs, roster, a run's reports and findings) and reads the other stages need."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from disclosure_audit.model import Finding, ManifestEntry, ReportRecord, RosterUnit
from disclosure_audit.warehouse import load, outbox, queries
from disclosure_audit.warehouse.connection import get_engine, resolve_db_url
from disclosure_audit.warehouse.migrate import upgrade
from disclosure_audit.warehouse.schema import alert_outbox as OUTBOX
from disclosure_audit.warehouse.schema import audit_runs as RUNS
from disclosure_audit.warehouse.schema import findings as F
from disclosure_audit.warehouse.schema import units as U


def now() -> datetime:
    return datetime.now(timezone.utc)


class Warehouse:
    """The warehouse at ``url`` (None: ``--db`` / $DISCLOSURE_AUDIT_DB_URL / the SQLite default)."""

    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = resolve_db_url(url)
        self.engine: Engine = get_engine(self.url)
        if migrate:
            upgrade(self.engine)

    def __repr__(self) -> str:
        return f"Warehouse({self.engine.url.render_as_string(hide_password=True)!r})"

    # -- runs -------------------------------------------------------------------------------------
    def start_run(self, kind: str = "audit", parameters: dict[str, Any] | None = None) -> int:
        with self.engine.begin() as conn:
            return conn.execute(
                RUNS.insert().returning(RUNS.c.id),
                {"kind": kind, "parameters": load._json(parameters or {}), "started_at": now(), "status": "running"},
            ).scalar_one()

    def finish_run(self, run_id: int, summary: dict[str, Any] | None = None, *, status: str = "completed",
                   counts: dict[str, Any] | None = None) -> None:
        """Close a run; ``summary``/``counts`` (whatever the flow reports) is kept as JSON."""
        merged = {**(counts or {}), **(summary or {})}
        with self.engine.begin() as conn:
            conn.execute(update(RUNS).where(RUNS.c.id == run_id).values(
                finished_at=now(), status=status, counts=load._json(merged)))

    # -- roster -----------------------------------------------------------------------------------
    def upsert_units(self, roster: Iterable[RosterUnit]) -> int:
        rows = [{"unit": u.unit, "region": u.region, "level": u.level, "email": u.email, "parent": u.parent,
                 "deadline": u.deadline, "supervisor_email": u.supervisor_email, "updated_at": now()} for u in roster]
        if not rows:
            return 0
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        stmt = dialect.insert(U)
        stmt = stmt.on_conflict_do_update(
            index_elements=[U.c.unit], set_={c: stmt.excluded[c] for c in rows[0] if c != "unit"})
        with self.engine.begin() as conn:
            conn.execute(stmt, rows)
        return len(rows)

    def roster(self) -> list[RosterUnit]:
        with self.engine.connect() as conn:
            return [RosterUnit(u.unit, u.region, u.level, u.email, u.parent, u.deadline, u.supervisor_email)
                    for u in conn.execute(select(U).order_by(U.c.unit))]

    # -- writes -----------------------------------------------------------------------------------
    def store(self, run_id: int, records: list[ReportRecord], findings: list[Finding],
              scope: Iterable[tuple[str, int]] | None = None, *, batch_size: int = load.DEFAULT_BATCH_SIZE,
              after_batch: Callable[[int], None] | None = None) -> dict[str, int]:
        """Store a run's reports, cells and findings (see ``load.store_run``); returns counts."""
        return load.store_run(self.engine, run_id, records, findings, scope, batch_size=batch_size,
                              after_batch=after_batch).as_dict()

    def store_reports(self, run_id: int, records: list[ReportRecord], *,
                      batch_size: int = load.DEFAULT_BATCH_SIZE) -> tuple[dict[str, int], load.Versions]:
        """A run's reports and cells only (``load.store_reports``): the counts and the version ids
        for ``store_findings``."""
        counts, versions = load.store_reports(self.engine, run_id, records, batch_size=batch_size)
        return counts.as_dict(), versions

    def store_findings(self, run_id: int, records: list[ReportRecord], findings: list[Finding], versions: load.Versions,
                       scope: Iterable[tuple[str, int]] | None = None) -> dict[str, int]:
        """The findings of reports ``store_reports`` stored, and the resolution of those not
        reported again (``load.store_findings``)."""
        return load.store_findings(self.engine, run_id, records, findings, versions, scope).as_dict()

    def record_findings(self, run_id: int, findings: list[Finding], scope: Iterable[tuple[str, int]] | None = None) -> dict[str, int]:
        """Findings only (their reports already stored): new / seen again / resolved in scope."""
        return self.store(run_id, [], findings, scope)

    # -- reads ------------------------------------------------------------------------------------
    def previous_reports(self, units_years: Iterable[tuple[str, int]]) -> list[ReportRecord]:
        """The current version of (unit, year - 1) for each (unit, year) given."""
        with self.engine.connect() as conn:
            return queries.latest_reports(conn, {(u, int(y) - 1) for u, y in units_years})

    def reports(self, units_years: Iterable[tuple[str, int]]) -> list[ReportRecord]:
        with self.engine.connect() as conn:
            return queries.latest_reports(conn, units_years)

    def reports_of_year(self, year: int, with_cells: bool = True) -> list[ReportRecord]:
        with self.engine.connect() as conn:
            return queries.reports_of_year(conn, year, with_cells)

    def sources(self, unit: str | None = None, region: str | None = None, year: int | None = None) -> list[ManifestEntry]:
        with self.engine.connect() as conn:
            return queries.sources(conn, unit, region, year)

    def report_versions(self, unit: str, year: int) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return queries.report_versions(conn, unit, year)

    def version_cells(self, version_id: int) -> list[dict[str, Any]]:
        """[{key, value, provenance}] of one report version."""
        with self.engine.connect() as conn:
            return queries.version_cells(conn, version_id)

    def _findings(self, *conds: Any) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return queries.finding_rows(conn, *conds)

    def findings(self, unit: str | None = None, year: int | None = None, open_only: bool = False,
                 rule: str | None = None, region: str | None = None, level: str | None = None,
                 severity: str | None = None) -> list[dict[str, Any]]:
        """Stored findings (rows of the findings table as dicts); ``region`` matches as a prefix."""
        conds = queries.scoped(F, unit, region, year)
        if open_only:
            conds.append(F.c.status == "open")
        if rule is not None:
            conds.append(F.c.rule == rule)
        if level is not None:
            conds.append(F.c.level == level)
        if severity is not None:
            conds.append(F.c.severity == severity)
        return self._findings(*conds)

    def open_findings(self, unit: str | None = None, year: int | None = None) -> list[dict[str, Any]]:
        return self.findings(unit, year, open_only=True)

    def run_findings(self, run_id: int) -> list[dict[str, Any]]:
        """Every finding this run reported (new or seen again)."""
        return self._findings(F.c.last_seen_run == run_id)

    def new_findings(self, run_id: int, severity: str | None = None) -> list[dict[str, Any]]:
        """Findings first seen in this run (optionally of one severity), still open."""
        conds = [F.c.first_seen_run == run_id, F.c.status == "open"]
        if severity:
            conds.append(F.c.severity == severity)
        return self._findings(*conds)

    def unalerted_findings(self, severity: str | None = None) -> list[dict[str, Any]]:
        """Open findings (optionally of one severity) that no unit alert has listed yet: what this
        run found new, and what an earlier run stored but stopped before it queued the alerts."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(OUTBOX.c.finding_ids).where(OUTBOX.c.kind == "unit"))
            alerted = {i for (ids,) in rows for i in ids}
        conds = [F.c.status == "open"] + ([F.c.severity == severity] if severity else [])
        return [f for f in self._findings(*conds) if f["id"] not in alerted]

    def resolved_findings(self, run_id: int) -> list[dict[str, Any]]:
        return self._findings(F.c.resolved_run == run_id)

    def findings_for_report(self, unit: str, year: int, run_id: int | None = None) -> list[dict[str, Any]]:
        conds = [F.c.unit == unit, F.c.year == year]
        conds.append(F.c.last_seen_run == run_id if run_id is not None else F.c.status == "open")
        return self._findings(*conds)

    def run_info(self, run_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return queries.run_info(conn, run_id)

    def runs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return queries.runs(conn)

    def latest_run_id(self) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(RUNS.c.id))).scalar()

    def run_summary(self, run_id: int) -> dict[str, Any]:
        with self.engine.connect() as conn:
            return queries.run_summary(conn, run_id)

    def counts_by(self, column: str, run_id: int | None = None, open_only: bool = False) -> dict[Any, dict[str, int]]:
        """{unit|rule|region|level|year: {"error": n, "warning": m}} for a run (or all open)."""
        if column not in ("unit", "rule", "region", "level", "year", "severity"):
            raise ValueError(f"cannot count findings by {column!r}")
        conds = []
        if run_id is not None:
            conds.append(F.c.last_seen_run == run_id)
        if open_only:
            conds.append(F.c.status == "open")
        with self.engine.connect() as conn:
            return queries.count_by(conn, column, *conds)

    def counts_across_years(self, status: str | None = "open") -> dict[int | None, dict[str, int]]:
        with self.engine.connect() as conn:
            return queries.counts_across_years(conn, status)

    # -- the run's report (disclosure_audit.report) -------------------------------------------------
    def run_reports(self, run_id: int) -> list[dict[str, Any]]:
        """The report versions this run read: version_id, unit, year, region, level, source, …"""
        with self.engine.connect() as conn:
            return queries.run_reports(conn, run_id)

    def cells_of_versions(self, version_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """{version id: {cell key: value}} of many report versions (None = blank)."""
        with self.engine.connect() as conn:
            return queries.cells_of_versions(conn, version_ids)

    def reports_per_year(self) -> dict[int | None, int]:
        with self.engine.connect() as conn:
            return queries.reports_per_year(conn)

    # -- alerts -----------------------------------------------------------------------------------
    def alerts(self, run_id: int | None = None) -> list[dict[str, Any]]:
        """Rows of the alert outbox (of one run), oldest first."""
        return outbox.alerts(self.engine, run_id)

    def pending_alerts(self) -> list[dict[str, Any]]:
        return outbox.pending(self.engine)
