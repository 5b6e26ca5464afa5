"""Read queries of the warehouse: history for the cross-report rules, findings as staff query them
(by unit, year, open), run summaries, and what the HTML report needs (cells with provenance,
counts by rule, region, level and year)."""

from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import and_, func, select, true, tuple_
from sqlalchemy.engine import Connection

from disclosure_audit.model import ManifestEntry, ReportRecord
from disclosure_audit.rules import UNREADABLE
from disclosure_audit.warehouse.load import in_chunks
from disclosure_audit.warehouse.schema import audit_runs as RUNS
from disclosure_audit.warehouse.schema import findings as F
from disclosure_audit.warehouse.schema import report_cells as C
from disclosure_audit.warehouse.schema import report_versions as V
from disclosure_audit.warehouse.schema import reports as R

FINDING_ORDER = (F.c.unit, F.c.year, F.c.rule, F.c.id)


def _latest_versions(conn: Connection, where: Any) -> list[Any]:
    """The current version of each report matching ``where``: the one seen last (then the newest)."""
    ranked = (
        select(
            V.c.id, R.c.unit, R.c.year, R.c.region, R.c.level, V.c.source, V.c.sha256, V.c.format, V.c.template,
            V.c.published_at, V.c.parsed, V.c.version_no,
            func.row_number().over(partition_by=V.c.report_id, order_by=(V.c.last_seen_run.desc(), V.c.version_no.desc())).label("rn"),
        )
        .join(R, R.c.id == V.c.report_id)
        .where(where)
        .subquery()
    )
    return list(conn.execute(select(ranked).where(ranked.c.rn == 1).order_by(ranked.c.unit, ranked.c.year)))


def _records(conn: Connection, rows: list[Any], with_cells: bool = True) -> list[ReportRecord]:
    cells: dict[int, list[tuple[str, Any, Any]]] = {}
    ids = [r.id for r in rows] if with_cells else []
    for chunk in in_chunks(ids):
        for vid, key, value, prov in conn.execute(
            select(C.c.version_id, C.c.key, C.c.value, C.c.provenance).where(C.c.version_id.in_(chunk))
        ):
            cells.setdefault(vid, []).append((key, value, prov))
    out = []
    for r in rows:
        parsed = dict(r.parsed or {})
        values = {k: _as_number(v) for k, v, _ in cells.get(r.id, [])}
        provenance = {k: p for k, _, p in cells.get(r.id, []) if p is not None}
        out.append(ReportRecord(
            source=r.source, format=r.format or "", unit=r.unit, year=r.year, template=r.template,
            published_at=r.published_at, region=r.region, level=r.level, values=values, provenance=provenance,
            sha256=r.sha256, **{k: v for k, v in parsed.items() if k in ReportRecord.__dataclass_fields__},
        ))
    return out


def _as_number(value: float | None) -> int | float | None:
    """Counts come back as int (2.0 -> 2), amounts keep their fraction."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def latest_reports(conn: Connection, pairs: Iterable[tuple[str, int]]) -> list[ReportRecord]:
    pairs = sorted(set(pairs))
    rows: list[Any] = []
    for chunk in in_chunks(pairs):
        rows += _latest_versions(conn, tuple_(R.c.unit, R.c.year).in_(list(chunk)))
    return _records(conn, rows)


def reports_of_year(conn: Connection, year: int, with_cells: bool = True) -> list[ReportRecord]:
    """The current version of every report of ``year``; ``with_cells`` False: without the table
    cells (``values`` and ``provenance`` empty), a tenth of the reading."""
    return _records(conn, _latest_versions(conn, R.c.year == year), with_cells)


def version_cells(conn: Connection, version_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(select(C.c.key, C.c.value, C.c.provenance).where(C.c.version_id == version_id).order_by(C.c.key))
    return [{"key": k, "value": _as_number(v), "provenance": p} for k, v, p in rows]


def report_versions(conn: Connection, unit: str, year: int) -> list[dict[str, Any]]:
    q = (
        select(V.c.id, V.c.version_no, V.c.source, V.c.sha256, V.c.format, V.c.template, V.c.published_at,
               V.c.first_seen_run, V.c.last_seen_run)
        .join(R, R.c.id == V.c.report_id)
        .where(R.c.unit == unit, R.c.year == year)
        .order_by(V.c.version_no)
    )
    return [dict(r._mapping) for r in conn.execute(q)]


def scoped(t: Any, unit: str | None, region: str | None, year: int | None) -> list[Any]:
    """Conditions on table ``t`` for a unit, a region (a prefix) and a year, each when given."""
    conds = []
    if unit is not None:
        conds.append(t.c.unit == unit)
    if region is not None:
        conds.append(t.c.region.like(f"{region}%"))
    if year is not None:
        conds.append(t.c.year == year)
    return conds


def sources(conn: Connection, unit: str | None, region: str | None, year: int | None) -> list[ManifestEntry]:
    """The current version's file of each stored report in the scope, with what the audit knew of
    it (unit, region, level, year, publication date) as a manifest row would give it; and the file
    of each open ingest.unreadable finding of the scope (no report was stored for it: a corrected
    upload must be read again, and the unit counts as having published)."""
    rows = _latest_versions(conn, and_(true(), *scoped(R, unit, region, year)))
    out = [ManifestEntry(file=r.source, unit=r.unit, region=r.region, level=r.level, year=r.year, published_at=r.published_at)
           for r in rows]
    seen = {e.file for e in out}
    bad = select(F.c.source, F.c.unit, F.c.region, F.c.level, F.c.year).distinct().where(
        F.c.rule == UNREADABLE, F.c.status == "open", F.c.source.is_not(None), *scoped(F, unit, region, year))
    for r in conn.execute(bad):
        if r.source not in seen:
            seen.add(r.source)
            out.append(ManifestEntry(file=r.source, unit=r.unit, region=r.region, level=r.level, year=r.year))
    return out


def finding_rows(conn: Connection, *conds: Any) -> list[dict[str, Any]]:
    q = select(F).where(*conds).order_by(*FINDING_ORDER)
    return [dict(r._mapping) for r in conn.execute(q)]


def run_info(conn: Connection, run_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(RUNS).where(RUNS.c.id == run_id)).first()
    return dict(row._mapping) if row else None


def runs(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(select(RUNS).order_by(RUNS.c.id))]


def count_by(conn: Connection, column: str, *conds: Any) -> dict[Any, dict[str, int]]:
    """{value of column: {"error": n, "warning": m}} of the findings matching ``conds``."""
    col = F.c[column]
    out: dict[Any, dict[str, int]] = {}
    for value, severity, n in conn.execute(
        select(col, F.c.severity, func.count()).where(*conds).group_by(col, F.c.severity).order_by(col)
    ):
        out.setdefault(value, {"error": 0, "warning": 0})[severity] = n
    return out


def run_summary(conn: Connection, run_id: int) -> dict[str, Any]:
    info = run_info(conn, run_id) or {}
    seen = F.c.last_seen_run == run_id

    def n(*conds: Any) -> int:
        return conn.execute(select(func.count()).select_from(F).where(*conds)).scalar_one()

    return {
        "run": info,
        "reports": conn.execute(select(func.count()).select_from(V).where(V.c.last_seen_run == run_id)).scalar_one(),
        "new_versions": conn.execute(select(func.count()).select_from(V).where(V.c.first_seen_run == run_id)).scalar_one(),
        "findings": n(seen),
        "new_findings": n(F.c.first_seen_run == run_id),
        "resolved_findings": n(F.c.resolved_run == run_id),
        "open_findings": n(F.c.status == "open"),
        "by_severity": dict(
            (sev, n) for sev, n in conn.execute(select(F.c.severity, func.count()).where(seen).group_by(F.c.severity))
        ),
        "by_rule": count_by(conn, "rule", seen),
    }


def counts_across_years(conn: Connection, status: str | None = None) -> dict[int | None, dict[str, int]]:
    conds = [F.c.status == status] if status else []
    return count_by(conn, "year", *conds)


def run_reports(conn: Connection, run_id: int) -> list[dict[str, Any]]:
    """The report versions a run read (last seen in it), for the run's report: version id, unit,
    year, region, level, source, format, template, published_at, version_no."""
    q = (
        select(V.c.id.label("version_id"), R.c.unit, R.c.year, R.c.region, R.c.level, V.c.source, V.c.format,
               V.c.template, V.c.published_at, V.c.version_no)
        .join(R, R.c.id == V.c.report_id)
        .where(V.c.last_seen_run == run_id)
        .order_by(R.c.unit, R.c.year, V.c.id)
    )
    return [dict(r._mapping) for r in conn.execute(q)]


def cells_of_versions(conn: Connection, version_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """{version id: {cell key: value}} of many versions at once (None = blank), read in chunks."""
    ids = sorted(set(version_ids))
    out: dict[int, dict[str, Any]] = {i: {} for i in ids}
    for chunk in in_chunks(ids):
        for vid, key, value in conn.execute(
            select(C.c.version_id, C.c.key, C.c.value).where(C.c.version_id.in_(chunk))
        ):
            out[vid][key] = _as_number(value)
    return out


def reports_per_year(conn: Connection) -> dict[int | None, int]:
    """{report year: number of reports stored} over the whole warehouse."""
    return dict(conn.execute(select(R.c.year, func.count()).group_by(R.c.year).order_by(R.c.year)).all())
