"""The Prefect tasks of the flows: each wraps one plain function of ``disclosure_audit.pipeline``.

Only I/O tasks (database, SMTP) retry. Tasks take ``cache_policy=NO_CACHE``: their inputs are
thousands of records, and hashing them for a cache key would cost more than the work.
"""

from __future__ import annotations

from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from disclosure_audit.model import Finding, ManifestEntry, ReportRecord, RosterUnit
from disclosure_audit.pipeline import alerting, checking, discover, outputs, parse, store
from disclosure_audit.pipeline import scope as scope_mod
from disclosure_audit.pipeline.chunks import Opaque
from disclosure_audit.pipeline.discover import Discovery, Source
from disclosure_audit.pipeline.parse import ParsedChunk
from disclosure_audit.pipeline.scope import RerunScope

DB_RETRIES: dict[str, Any] = {"retries": 3, "retry_delay_seconds": [1, 4, 10]}
SMTP_RETRIES: dict[str, Any] = {"retries": 2, "retry_delay_seconds": [2, 10]}


@task(name="discover", cache_policy=NO_CACHE)
def discover_reports(
    path: str | None, manifest: str | None, year: int | None, exclude: list[str], only: list[str] | None = None,
    stored: tuple[str | None, RerunScope] | None = None,
) -> Discovery:
    from disclosure_audit.manifest import load_manifest

    entries = load_manifest(manifest) if manifest else None
    if only is not None:
        known = store.stored_sources(*stored) if stored else []
        return discover.from_files(only, entries, manifest, known)
    return discover.discover(path, entries, manifest, year, exclude)


@task(name="parse-chunk", cache_policy=NO_CACHE)
def parse_chunk(sources: Opaque[Source] | list[Source], processes: int = 0) -> ParsedChunk:
    return parse.parse_chunk(list(sources), processes)


@task(name="start-run", cache_policy=NO_CACHE, **DB_RETRIES)
def start_run(db_url: str | None, kind: str, parameters: dict[str, Any], roster: str | None) -> Any:
    return store.start_run(db_url, kind, parameters, roster)


@task(name="stored-sources", cache_policy=NO_CACHE, **DB_RETRIES)
def stored_sources(db_url: str | None, scope: RerunScope) -> list[ManifestEntry]:
    return store.stored_sources(db_url, scope)


@task(name="rerun-roster", cache_policy=NO_CACHE, **DB_RETRIES)
def rerun_roster(db_url: str | None, roster: str | None) -> list[RosterUnit] | None:
    return store.rerun_roster(db_url, roster)


@task(name="load-history", cache_policy=NO_CACHE, **DB_RETRIES)
def load_history(db_url: str | None, records: list[ReportRecord]) -> list[ReportRecord]:
    return store.history(db_url, records)


@task(name="load-same-year", cache_policy=NO_CACHE, **DB_RETRIES)
def load_same_year(db_url: str | None, records: list[ReportRecord], scope: RerunScope) -> list[ReportRecord]:
    return store.same_year_others(db_url, records, scope)


@task(name="start-validation", cache_policy=NO_CACHE)
def start_validation(records: list[ReportRecord], out: str) -> checking.Tables:
    return checking.start_tables(records, out)


@task(name="check", cache_policy=NO_CACHE)
def check_reports(
    records: list[ReportRecord],
    history: list[ReportRecord],
    roster: str | list[RosterUnit] | None,
    out: str,
    year: int | None,
    unreadable: list[Finding],
    peers: list[ReportRecord] | None = None,
    tables: checking.Tables | None = None,
) -> list[Finding]:
    return checking.check(records, history=history, roster=roster, out=out, year=year, also_present=parse.present(unreadable),
                          peers=peers, tables=tables)


@task(name="store", cache_policy=NO_CACHE, **DB_RETRIES)
def store_results(
    db_url: str | None, run_id: Any, records: list[ReportRecord], findings: list[Finding], scope: list[tuple[str, int]] | None
) -> dict[str, int]:
    return store.store(db_url, run_id, records, findings, scope)


@task(name="store-reports", cache_policy=NO_CACHE, **DB_RETRIES)
def store_reports(db_url: str | None, run_id: Any, records: list[ReportRecord]) -> tuple[dict[str, int], Any]:
    return store.store_reports(db_url, run_id, records)


@task(name="store-findings", cache_policy=NO_CACHE, **DB_RETRIES)
def store_findings(
    db_url: str | None, run_id: Any, records: list[ReportRecord], findings: list[Finding], versions: Any,
    scope: list[tuple[str, int]] | None,
) -> dict[str, int]:
    return store.store_findings(db_url, run_id, records, findings, versions, scope)


@task(name="queue-alerts", cache_policy=NO_CACHE, **DB_RETRIES)
def queue_alerts(db_url: str | None, run_id: Any) -> int:
    return alerting.enqueue(db_url, run_id)


@task(name="send-alerts", cache_policy=NO_CACHE, **SMTP_RETRIES)
def send_alerts(db_url: str | None, dry_run_dir: str | None) -> dict[str, Any]:
    return alerting.send(db_url, dry_run_dir)


@task(name="write-report", cache_policy=NO_CACHE)
def write_report(db_url: str | None, run_id: Any, out: str) -> dict[str, str]:
    return outputs.write(db_url, run_id, out)


@task(name="finish-run", cache_policy=NO_CACHE, **DB_RETRIES)
def finish_run(db_url: str | None, run_id: Any, summary: dict[str, Any], status: str = "completed") -> None:
    store.finish_run(db_url, run_id, summary, status)


@task(name="rerun-sources", cache_policy=NO_CACHE)
def manifest_sources(manifest: str, scope: RerunScope) -> list[str]:
    return scope_mod.manifest_sources(manifest, scope)
