"""Alerts of a run: queue one alert per unit for its new findings, then send the queue by SMTP or,
with a dry-run folder, write each email as an .eml file there."""

from __future__ import annotations

from typing import Any


def enqueue_and_send(db_url: str, run_id: Any, roster: str | None, dry_run_dir: str | None) -> dict[str, int]:
    """{"queued": n, "sent": m}. SMTP errors propagate (the task retries; the flow logs them)."""
    from disclosure_audit import alerts
    from disclosure_audit.pipeline.store import open_warehouse

    wh = open_warehouse(db_url)
    queued = alerts.enqueue_alerts(wh, run_id)
    sent = alerts.send_pending(wh, dry_run=dry_run_dir)
    return {"queued": _count(queued), "sent": _count(sent)}


def _count(value: Any) -> int:
    if isinstance(value, int):
        return value
    try:
        return len(value)
    except TypeError:
        return 0
