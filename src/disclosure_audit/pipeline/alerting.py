"""Alerts of a run: queue one alert per unit for its new findings (database), then send the queue
by SMTP or, with a dry-run folder, write each email as an .eml file there. Two steps, so that a
failed SMTP server leaves the alerts queued for the next run."""

from __future__ import annotations

from typing import Any


def enqueue(db_url: str, run_id: Any) -> int:
    """Queue the run's alerts; returns how many were queued."""
    from disclosure_audit import alerts
    from disclosure_audit.pipeline.store import open_warehouse

    return _count(alerts.enqueue_alerts(open_warehouse(db_url), run_id))


def send(db_url: str, dry_run_dir: str | None) -> int:
    """Send (or write as .eml) every queued alert; returns how many went out. SMTP errors raise."""
    from disclosure_audit import alerts
    from disclosure_audit.pipeline.store import open_warehouse

    return _count(alerts.send_pending(open_warehouse(db_url), dry_run=dry_run_dir))


def _count(value: Any) -> int:
    if isinstance(value, int):
        return value
    try:
        return len(value)
    except TypeError:
        return 0
