"""Bulk loading of a run: reports, versions and cells in batches, then the findings.

``store_reports`` writes the records in batches (500 reports by default), each batch — its
reports, new versions and their cells — in one transaction, so a crash leaves only whole batches;
it returns the version ids. ``store_findings`` then writes the run's findings and resolves those
not reported again, in one transaction. The two are apart so that a run can store its reports
while its checks are still running (``flows.province_audit``); ``store_run`` does both. Everything
is idempotent: a version is keyed by (unit, year, sha256), an open finding by its fingerprint, so
storing the same run again completes a broken load without duplicates.

Cells are the hot path: SQLite gets ``executemany`` with tuples, PostgreSQL ``COPY`` (psycopg 3).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import repeat
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import and_, bindparam, func, insert, or_, select, text, tuple_, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection, Engine

from disclosure_audit.model import Finding, Number, ReportRecord
from disclosure_audit.rules import MISSING as MISSING_RULE
from disclosure_audit.warehouse.identity import UNREADABLE_RULE, content_hash, fingerprint, record_key
from disclosure_audit.warehouse.schema import findings as F
from disclosure_audit.warehouse.schema import report_versions as V
from disclosure_audit.warehouse.schema import reports as R
from disclosure_audit.warehouse.schema import units as U


DEFAULT_BATCH_SIZE = 500
IN_CHUNK = 500  # values per IN (...) list
PARSED_FIELDS = ("title", "sections", "section_order", "uncertain", "missing_rows", "missing_tables", "problems", "unit_from")


@dataclass
class LoadCounts:
    reports: int = 0  # reports (unit, year) first seen
    versions_new: int = 0
    versions_seen: int = 0
    cells: int = 0
    findings_new: int = 0
    findings_seen: int = 0
    findings_resolved: int = 0
    batches: int = 0

    def add(self, other: "LoadCounts") -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


# ("source", path) and ("pair", (unit, year)) -> the version id of that record, for its findings
Versions = dict[tuple[str, Any], int]


def in_chunks(items: Sequence[Any], n: int = IN_CHUNK) -> Iterable[Sequence[Any]]:
    """``items`` in slices of at most ``n``: the values of one ``IN (...)`` list each."""
    for i in range(0, len(items), n):
        yield items[i : i + n]


def lookup(conn: Connection, key_col: Any, value_col: Any, keys: Sequence[Any], *conds: Any) -> dict[Any, Any]:
    """{key: value} of the rows whose ``key_col`` is one of ``keys`` (and match ``conds``).

    PostgreSQL joins an ``unnest`` of the keys (a hash or index join whatever the table
    statistics say: with an IN list and no statistics yet the planner scanned the whole table);
    elsewhere IN lists of 500.
    """
    out: dict[Any, Any] = {}
    if not keys:
        return out
    if conn.dialect.name == "postgresql":
        param = bindparam("lookup_keys", value=list(keys), type_=postgresql.ARRAY(key_col.type))
        wanted = func.unnest(param).table_valued("k").render_derived(name="wanted")
        q = select(key_col, value_col).join(wanted, key_col == wanted.c.k).where(*conds)
        out.update((k, v) for k, v in conn.execute(q))
        return out
    for chunk in in_chunks(list(keys)):
        out.update((k, v) for k, v in conn.execute(select(key_col, value_col).where(key_col.in_(chunk), *conds)))
    return out


def _json(value: Any) -> Any:
    """A JSON-safe copy (numpy numbers, sets, dates become plain values or strings)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return json.loads(json.dumps(value, ensure_ascii=False, default=_default))


def _default(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def split_findings(records: list[ReportRecord], findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """The findings of ``records`` (by source, else by unit and year) and the findings of no
    record (roster.missing, ingest.unreadable), each violation once (the same fingerprint twice
    in one run: e.g. two similar reports)."""
    sources = {r.source for r in records}
    pairs = {(r.unit, r.year) for r in records if r.unit and r.year is not None}
    attached: list[Finding] = []
    rest: list[Finding] = []
    seen: set[str] = set()
    for f in findings:
        fp = fingerprint(f)
        if fp in seen:
            continue
        seen.add(fp)
        mine = (f.source or "") in sources or (
            f.unit and f.year is not None and f.rule != UNREADABLE_RULE and (f.unit, f.year) in pairs)
        (attached if mine else rest).append(f)
    return attached, rest


def store_run(
    engine: Engine,
    run_id: int,
    records: list[ReportRecord],
    findings: list[Finding],
    scope: Iterable[tuple[str, int]] | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    after_batch: Callable[[int], None] | None = None,
) -> LoadCounts:
    """``store_reports`` then ``store_findings``: a run's records and findings, and the resolution
    of what was not reported again."""
    total, versions = store_reports(engine, run_id, records, batch_size=batch_size, after_batch=after_batch)
    total.add(store_findings(engine, run_id, records, findings, versions, scope))
    return total


def store_reports(
    engine: Engine,
    run_id: int,
    records: list[ReportRecord],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    after_batch: Callable[[int], None] | None = None,
) -> tuple[LoadCounts, Versions]:
    """Write a run's reports, their new versions and cells, a transaction per batch of
    ``batch_size`` records; the counts and the records' version ids. ``after_batch(n)`` is called
    after batch n committed (tests inject crashes there)."""
    total = LoadCounts()
    versions: Versions = {}
    for n, start in enumerate(range(0, len(records), batch_size)):
        batch = records[start : start + batch_size]
        with engine.begin() as conn:
            report_ids = _upsert_reports(conn, run_id, batch, total)
            versions.update(_upsert_versions(conn, run_id, batch, report_ids, total))
        total.batches += 1
        if after_batch is not None:
            after_batch(n)
    return total, versions


def store_findings(
    engine: Engine,
    run_id: int,
    records: list[ReportRecord],
    findings: list[Finding],
    versions: Versions,
    scope: Iterable[tuple[str, int]] | None = None,
) -> LoadCounts:
    """Write a run's findings (``versions``: the ids ``store_reports`` gave its records) and
    resolve the open findings that were not reported again, in one transaction.

    ``scope``: the (unit, year) pairs this run re-checked; None = every pair. Only a pair whose
    report this run read (a record) has its open findings resolved where the run did not report
    them again: a report that could not be read or was not found proves nothing corrected, so its
    old findings stay open (only its old ``roster.missing`` is resolved where the file is there but
    unreadable: it was published). Unreadable files are scoped by source path: an open
    ``ingest.unreadable`` (or a finding without unit) whose source this run read or reported again
    is resolved unless reported again.
    """
    attached, rest = split_findings(records, findings)
    read = {(r.unit, r.year) for r in records if r.unit and r.year is not None}
    pairs = read if scope is None else {(u, int(y)) for u, y in scope} & read
    published = {(f.unit, f.year) for f in findings if f.rule == UNREADABLE_RULE and f.unit and f.year is not None} - read
    sources = {r.source for r in records} | {f.source for f in findings if f.source}
    regions = {(r.unit or ""): (r.region, r.level) for r in records}
    with engine.begin() as conn:
        counts = upsert_findings(conn, run_id, attached, versions=versions, regions=regions)
        counts.add(upsert_findings(conn, run_id, rest, versions={}, regions={}))
        counts.findings_resolved = resolve_missing(conn, run_id, pairs, sources, published)
        if conn.dialect.name == "postgresql" and len(versions) + counts.findings_new > 1000:
            # fresh statistics for the next run's lookups after a big run (a big first load leaves the
            # planner blind; len(versions): two keys a stored record)
            conn.execute(text("ANALYZE reports, report_versions, findings"))
    counts.batches = 1
    return counts


def _upsert_reports(conn: Connection, run_id: int, records: list[ReportRecord], counts: LoadCounts) -> dict[str, int]:
    wanted: dict[str, ReportRecord] = {}
    for r in records:
        wanted.setdefault(record_key(r), r)
    ids: dict[str, int] = lookup(conn, R.c.report_key, R.c.id, list(wanted))
    new = [
        {"report_key": k, "unit": r.unit, "year": r.year, "region": r.region, "level": r.level, "first_seen_run": run_id}
        for k, r in wanted.items()
        if k not in ids
    ]
    if new:
        rows = conn.execute(insert(R).returning(R.c.report_key, R.c.id, sort_by_parameter_order=True), new)
        ids.update((k, i) for k, i in rows)
        counts.reports += len(new)
    return ids


def _upsert_versions(
    conn: Connection, run_id: int, records: list[ReportRecord], report_ids: dict[str, int], counts: LoadCounts
) -> dict[tuple[str, Any], int]:
    """Version id by ("source", path) and ("pair", (unit, year)) for the batch's findings."""
    rids = sorted(set(report_ids.values()))
    existing: dict[tuple[int, str], int] = {}
    max_no: dict[int, int] = {}
    for chunk in in_chunks(rids):
        for vid, rid, sha, no in conn.execute(
            select(V.c.id, V.c.report_id, V.c.sha256, V.c.version_no).where(V.c.report_id.in_(chunk))
        ):
            existing[(rid, sha)] = vid
            max_no[rid] = max(max_no.get(rid, 0), no)
    new_rows: list[dict[str, Any]] = []
    new_records: dict[tuple[int, str], ReportRecord] = {}
    seen_ids: set[int] = set()
    for r in records:
        rid, sha = report_ids[record_key(r)], content_hash(r)
        if (rid, sha) in existing:
            seen_ids.add(existing[(rid, sha)])
            continue
        if (rid, sha) in new_records:
            continue
        max_no[rid] = max_no.get(rid, 0) + 1
        new_records[(rid, sha)] = r
        parsed = {k: getattr(r, k) for k in PARSED_FIELDS}
        new_rows.append({
            "report_id": rid, "version_no": max_no[rid], "source": r.source, "sha256": sha, "format": r.format,
            "template": r.template, "published_at": r.published_at, "parsed": _json(parsed),
            "first_seen_run": run_id, "last_seen_run": run_id,
        })
    if new_rows:
        rows = conn.execute(
            insert(V).returning(V.c.report_id, V.c.sha256, V.c.id, sort_by_parameter_order=True), new_rows
        )
        for rid, sha, vid in rows:
            existing[(rid, sha)] = vid
        counts.versions_new += len(new_rows)
        cells = cell_rows([(existing[key], r) for key, r in new_records.items()], floats=conn.dialect.name == "postgresql")
        write_cells(conn, cells)
        counts.cells += len(cells)
    if seen_ids:
        for chunk in in_chunks(sorted(seen_ids)):
            conn.execute(update(V).where(V.c.id.in_(chunk)).values(last_seen_run=run_id))
        counts.versions_seen += len(seen_ids)
    out: dict[tuple[str, Any], int] = {}
    for r in records:
        vid = existing[(report_ids[record_key(r)], content_hash(r))]
        out[("source", r.source)] = vid
        if r.unit and r.year is not None:
            out[("pair", (r.unit, r.year))] = vid
    return out


def cell_rows(versions: list[tuple[int, ReportRecord]], floats: bool) -> list[tuple[int, str, Number | None, str | None]]:
    """(version_id, key, value, provenance) of every cell of the records, built with C-level
    iterators (2 M cells at 10,000 reports: a row-by-row comprehension took a quarter of the
    store). ``floats``: values as floats (PostgreSQL's binary COPY of float8); SQLite's REAL column
    turns an integer into a float itself."""
    rows: list[tuple[int, str, Number | None, str | None]] = []
    for vid, r in versions:
        keys = list(r.values)
        values = map(_number, r.values.values()) if floats else r.values.values()
        rows.extend(zip(repeat(vid, len(keys)), keys, values, map(r.provenance.get, keys)))
    return rows


def write_cells(conn: Connection, rows: list[tuple[int, str, float | None, str | None]]) -> None:
    """Append cell rows (version_id, key, value, provenance): COPY on PostgreSQL, tuple
    executemany elsewhere."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        with raw.cursor() as cur:
            with cur.copy("COPY report_cells (version_id, key, value, provenance) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(["int8", "varchar", "float8", "text"])
                for row in rows:
                    copy.write_row(row)
    else:
        conn.exec_driver_sql("INSERT INTO report_cells (version_id, key, value, provenance) VALUES (?, ?, ?, ?)", rows)


def upsert_findings(
    conn: Connection,
    run_id: int,
    found: list[Finding],
    *,
    versions: dict[tuple[str, Any], int],
    regions: dict[str, tuple[str | None, str | None]],
) -> LoadCounts:
    """An open finding with the same fingerprint: mark it seen in this run; else insert it."""
    counts = LoadCounts()
    if not found:
        return counts
    fps = [fingerprint(f) for f in found]
    open_ids: dict[str, int] = lookup(conn, F.c.fingerprint, F.c.id, fps, F.c.status == "open")
    missing_units = sorted({f.unit for f in found if f.unit and f.unit not in regions})
    for chunk in in_chunks(missing_units):
        for unit, region, level in conn.execute(select(U.c.unit, U.c.region, U.c.level).where(U.c.unit.in_(chunk))):
            regions[unit] = (region, level)
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for f, fp in zip(found, fps):
        vid = versions.get(("source", f.source)) if f.source else None
        if vid is None and f.unit and f.year is not None and f.rule != UNREADABLE_RULE:
            vid = versions.get(("pair", (f.unit, f.year)))
        payload = {
            "run_id": run_id, "version_id": vid, "source": f.source, "severity": f.severity,
            "cells": list(f.cells), "expected": _json(f.expected), "observed": _json(f.observed),
            "message": f.message, "details": _json(f.details or {}),
        }
        if fp in open_ids:
            updates.append({"_id": open_ids[fp], "last_seen_run": run_id, **payload})
        else:
            region, level = regions.get(f.unit or "", (None, None))
            inserts.append({
                **payload, "unit": f.unit, "year": f.year, "region": region, "level": level, "rule": f.rule,
                "fingerprint": fp, "first_seen_run": run_id, "last_seen_run": run_id, "resolved_run": None,
                "status": "open",
            })
    if updates:
        cols = {k: bindparam(k) for k in updates[0] if k != "_id"}
        conn.execute(update(F).where(F.c.id == bindparam("_id")).values(cols), updates)
    if inserts:
        conn.execute(insert(F), inserts)
    counts.findings_new, counts.findings_seen = len(inserts), len(updates)
    return counts


def resolve_missing(conn: Connection, run_id: int, pairs: Iterable[tuple[str, int]], sources: Iterable[str],
                    published: Iterable[tuple[str, int]] = ()) -> int:
    """Resolve open findings of ``pairs`` (and unit-less/unreadable findings of ``sources``, and the
    ``roster.missing`` findings of ``published``) that this run did not report again. Returns how
    many were resolved."""
    resolved = 0
    base = and_(F.c.status == "open", F.c.last_seen_run != run_id)
    for chunk in in_chunks(sorted(published)):
        res = conn.execute(
            update(F).where(base, F.c.rule == MISSING_RULE, tuple_(F.c.unit, F.c.year).in_(list(chunk)))
            .values(status="resolved", resolved_run=run_id)
        )
        resolved += res.rowcount
    for chunk in in_chunks(sorted(pairs)):
        res = conn.execute(
            update(F).where(base, tuple_(F.c.unit, F.c.year).in_(list(chunk))).values(status="resolved", resolved_run=run_id)
        )
        resolved += res.rowcount
    unitless = or_(F.c.unit.is_(None), F.c.year.is_(None), F.c.rule == UNREADABLE_RULE)
    for chunk in in_chunks(sorted(sources)):
        res = conn.execute(
            update(F).where(base, unitless, F.c.source.in_(list(chunk))).values(status="resolved", resolved_run=run_id)
        )
        resolved += res.rowcount
    return resolved

