"""The ``province-audit`` flow: read every report of a landing folder, check them as one batch,
load the warehouse, send the alerts, write the report, and return a summary of the run."""

from __future__ import annotations

import contextlib
from typing import Any, Iterator

from prefect import flow, get_run_logger
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from disclosure_audit.flows.read_reports import read_reports
from disclosure_audit.flows.runners import make_task_runner
from disclosure_audit.flows.tasks import (
    check_reports,
    finish_run,
    load_history,
    queue_alerts,
    send_alerts,
    start_run,
    start_validation,
    store_findings,
    store_reports,
    write_report,
)
from disclosure_audit.checks.relations import frame_templates
from disclosure_audit.pipeline import outputs as report_outputs
from disclosure_audit.pipeline import progress
from disclosure_audit.pipeline.collector import fewer_collections
from disclosure_audit.pipeline.chunks import DEFAULT_CHUNK_SIZE
from disclosure_audit.pipeline.parse import keep_year, parse_processes, rejected_findings
from disclosure_audit.pipeline.store import shown_url
from disclosure_audit.pipeline.summary import RunSummary, summarise
from disclosure_audit.pipeline.timing import StageClock

DEFAULT_OUT = "disclosure-audit-output"


def deliver(db_url: str | None, run_id: Any, dry_run_alerts: str | None, log: Any) -> dict[str, Any]:
    """Queue the run's alerts, then send them; an SMTP failure (after the retries) is logged and
    never fails the run: the alerts stay queued for the next run."""
    queued = queue_alerts(db_url, run_id)
    state = send_alerts(db_url, dry_run_alerts, return_state=True)
    if state.is_completed():
        sent = state.result()
        if sent["error"]:
            log.warning(f"提醒邮件未发送：{sent['error']}")
        return {"queued": queued, **sent}
    reason = str(state.message or state.name)
    log.warning(f"提醒邮件发送失败（{reason}）；{queued} 封提醒已保留在待发队列，下次运行时重发")
    return {"queued": queued, "sent": 0, "error": reason}


@contextlib.contextmanager
def marked_failed_on_error(db_url: str | None, run_id: Any) -> Iterator[None]:
    """Close the warehouse run as failed when the flow body raises (then re-raise)."""
    try:
        yield
    except BaseException as exc:
        with contextlib.suppress(Exception):
            finish_run(db_url, run_id, {"error": f"{type(exc).__name__}: {exc}"[:500]}, "failed")
        raise


def closing_log(summary: RunSummary) -> str:
    return (
        f"审核完成：{summary.reports} 份年报，{summary.findings} 条问题"
        f"（错误 {summary.by_severity.get('error', 0)}，警告 {summary.by_severity.get('warning', 0)}），"
        f"无法读取 {summary.unreadable} 个文件，未发布年报 {summary.missing} 家单位，发送提醒 {summary.alerts_sent} 封"
    )


@flow(name="province-audit", task_runner=ThreadPoolTaskRunner(max_workers=4))
def province_audit(
    path: str,
    manifest: str | None = None,
    roster: str | None = None,
    year: int | None = None,
    db_url: str | None = None,
    out: str = DEFAULT_OUT,
    task_runner: str = "threads",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    dry_run_alerts: str | None = None,
    dask_address: str | None = None,
    dask_workers: int = 2,
    dask_threads: int = 1,
) -> dict[str, Any]:
    """Audit every report under ``path`` (the manifest gives unit/region/year per file).

    ``db_url`` None: $DISCLOSURE_AUDIT_DB_URL or ``sqlite:///disclosure-audit.sqlite``.
    ``task_runner``: ``threads`` or ``dask`` (``dask_address`` of a running cluster, else a local
    cluster of ``dask_workers`` processes). ``dry_run_alerts``: write emails there, send nothing.
    """
    log = get_run_logger()
    with fewer_collections(), report_outputs.worker_scope():  # the run holds every report: see pipeline.collector
        clock = StageClock()
        params = {"path": path, "manifest": manifest, "roster": roster, "year": year, "out": out, "task_runner": task_runner}
        with clock.stage("start"):
            run_id = start_run(db_url, "province-audit", params, roster)
        with marked_failed_on_error(db_url, run_id):
            runner = make_task_runner(task_runner, dask_address=dask_address, dask_workers=dask_workers, dask_threads=dask_threads)
            exclude = [roster] if roster else []
            ingested = read_reports.with_options(task_runner=runner)(
                path, manifest, year, exclude, None, chunk_size, parse_processes(task_runner)
            )
            clock.add(ingested.seconds)
            parsed, filtered = keep_year(ingested.parsed, year)
            records = parsed.records
            # GX's frames (and in big runs the report) in a process of their own (pipeline.outputs)
            report_outputs.start_worker(len(records), len(frame_templates(records)))
            with clock.stage("check"):
                history = load_history(db_url, quote(records))  # before this run's reports are stored
                log.info(f"开始审核 {len(records)} 份年报（上一年度参照 {len(history)} 份）")
                tables = start_validation(quote(records), out)
            with clock.stage("store"):  # the reports and their cells, while GX validates their frames
                _, versions = store_reports(db_url, run_id, quote(records))
            with clock.stage("check"):
                unreadable = parsed.unreadable + rejected_findings(ingested.discovery.rejected)
                findings = unreadable + check_reports(quote(records), quote(history), roster, out, year, unreadable,
                                                      tables=quote(tables))
            progress.report("check", len(records), len(records), log)
            with clock.stage("store"):
                store_findings(db_url, run_id, quote(records), quote(findings), quote(versions), None)
            log.info(f"已入库：{len(records)} 份年报，{len(findings)} 条问题")
            files, reports, filtered = ingested.discovery.files, len(records), filtered + ingested.discovery.filtered
            del ingested, parsed, records, history  # stored: the alerts and the report read the warehouse
            with clock.stage("alerts"):  # the report is written meanwhile (in the outputs' process)
                report_run = write_report.submit(db_url, run_id, out)
                alerts = deliver(db_url, run_id, dry_run_alerts, log)
            with clock.stage("report"):  # what is left of it once the alerts are out
                outputs = report_run.result()
            summary = summarise(
                run_id, "province-audit",
                files=files, reports=reports, filtered=filtered,
                findings=findings, alerts_queued=alerts["queued"], alerts_sent=alerts["sent"], alerts_error=alerts.get("error"),
                outputs={"warehouse": shown_url(db_url), **outputs}, scope={"year": year}, seconds=clock.seconds,
            )
            finish_run(db_url, run_id, summary.to_dict())
        log.info(closing_log(summary))
        return summary.to_dict()
