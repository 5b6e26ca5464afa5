"""Alerts of a run: queue one alert per unit for its new findings (database), then send the queue
by SMTP or, with a dry-run folder, write each email as an .eml file there. Two steps, so that a
failed SMTP server leaves the alerts queued for the next run."""

from __future__ import annotations

from typing import Any


def enqueue(db_url: str | None, run_id: Any) -> int:
    """Queue the run's alerts (recipients from the roster stored in the warehouse); how many."""
    from disclosure_audit import alerts
    from disclosure_audit.pipeline.store import open_warehouse

    return int(alerts.enqueue_alerts(open_warehouse(db_url), run_id))


def send(db_url: str | None, dry_run_dir: str | None) -> dict[str, Any]:
    """Send (or write as .eml) every queued alert: {"sent": n, "error": reason or None}; ``sent``
    counts the .eml files written in a dry run. A server that cannot be reached (or drops the
    connection) raises ``AlertDeliveryError`` (the task retries it); no SMTP server configured, or
    a recipient the server refuses, is reported, not raised (retrying would not help)."""
    from disclosure_audit import alerts
    from disclosure_audit.pipeline.store import open_warehouse

    report = alerts.send_pending(open_warehouse(db_url), dry_run_dir=dry_run_dir)
    if report.unreachable:  # a refused recipient is recorded on its alert: retrying would not help
        raise alerts.AlertDeliveryError(report.error or "发信服务器无法连接")
    return {"sent": report.sent + report.written, "error": report.error}
