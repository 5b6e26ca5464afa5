"""The ``rerun`` flow for data staff: re-check one unit, one region or one whole year after a
report was corrected, and alert only on what is new.

Sources come from the warehouse (the paths it stored for the scope, each with the unit, region,
level, year and publication date the audit had from its manifest, so that a rerun needs no
manifest) and from the manifest (whose rows win); with neither, every file under ``path`` is read
and the scope's reports kept. The roster is the one given, else the one the warehouse holds (the
units' deadlines and the expected reports). Only the scope's reports are checked; the
cross-report rules compare them with the previous year (history) and with the same year's other
units from the warehouse (duplicate.text, roster.missing); the warehouse replaces exactly the
scope's unit/years, so findings that were fixed are resolved.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from disclosure_audit.flows.province_audit import DEFAULT_OUT, deliver, marked_failed_on_error
from disclosure_audit.flows.read_reports import read_reports
from disclosure_audit.flows.tasks import (
    check_reports,
    finish_run,
    load_history,
    load_same_year,
    manifest_sources,
    rerun_roster,
    start_run,
    store_results,
    stored_sources,
    write_report,
)
from disclosure_audit.pipeline.chunks import DEFAULT_CHUNK_SIZE
from disclosure_audit.pipeline.collector import fewer_collections
from disclosure_audit.pipeline.parse import rejected_findings
from disclosure_audit.pipeline.scope import RerunScope, rerun_result
from disclosure_audit.pipeline.store import shown_url
from disclosure_audit.pipeline.summary import summarise
from disclosure_audit.pipeline.timing import StageClock


@flow(name="rerun", task_runner=ThreadPoolTaskRunner(max_workers=4))
def rerun(
    unit: str | None = None,
    region: str | None = None,
    year: int | None = None,
    path: str | None = None,
    manifest: str | None = None,
    roster: str | None = None,
    db_url: str | None = None,
    out: str = DEFAULT_OUT,
    dry_run_alerts: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> dict[str, Any]:
    """Re-read and re-check the reports of the scope; update the warehouse; alert on new findings."""
    log = get_run_logger()
    with fewer_collections():  # the run holds every report: see pipeline.collector
        scope = RerunScope(unit, region, year)
        clock = StageClock()
        params = {"unit": unit, "region": region, "year": year, "path": path, "manifest": manifest, "out": out}
        with clock.stage("start"):
            run_id = start_run(db_url, "rerun", params, roster)
        with marked_failed_on_error(db_url, run_id):
            with clock.stage("discover"):
                stored = stored_sources(db_url, scope)
                units = rerun_roster(db_url, roster)
                paths = {e.file for e in stored}
                if manifest:
                    paths |= set(manifest_sources(manifest, scope))
            if not paths and not path:
                raise ValueError(f"仓库和清单中都没有{scope.describe()}的年报；请指定年报所在文件夹（path）或清单（manifest）")
            only = sorted(paths) if paths else None  # None: read the whole folder and keep the scope
            log.info(f"重新审核{scope.describe()}：{len(paths) if paths else '全部'} 个文件")
            ingested = read_reports(path, manifest, None, [roster] if roster else [], only, chunk_size, stored=(db_url, scope))
            clock.add(ingested.seconds)
            records = ingested.parsed.records
            with clock.stage("load"):
                others = load_same_year(db_url, quote(records), scope)
                history = load_history(db_url, quote(records))
            unreadable = ingested.parsed.unreadable + rejected_findings(ingested.discovery.rejected)
            with clock.stage("check"):
                # the scope's reports are checked; the year's other stored reports are only compared with
                findings = check_reports(quote(records), quote(history), quote(units), out, year, unreadable, quote(others))
                records, findings, replaced = rerun_result(scope, records, findings, unreadable, others, whole_folder=only is None)
            with clock.stage("store"):
                store_results(db_url, run_id, quote(records), quote(findings), replaced)
            with clock.stage("alerts"):
                alerts = deliver(db_url, run_id, dry_run_alerts, log)
            with clock.stage("report"):
                outputs = write_report(db_url, run_id, out)
            summary = summarise(
                run_id, "rerun", files=ingested.discovery.files, reports=len(records), filtered=0, findings=findings,
                alerts_queued=alerts.get("queued", 0), alerts_sent=alerts.get("sent", 0), alerts_error=alerts.get("error"),
                outputs={"warehouse": shown_url(db_url), **outputs}, scope={"unit": unit, "region": region, "year": year, "replaced": replaced},
                seconds=clock.seconds,
            )
            finish_run(db_url, run_id, summary.to_dict())
        log.info(f"重新审核完成：{scope.describe()}，{summary.reports} 份年报，{summary.findings} 条问题，新发提醒 {summary.alerts_sent} 封")
        return summary.to_dict()
