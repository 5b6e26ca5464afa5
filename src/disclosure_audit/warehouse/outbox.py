"""The alert outbox table: queue alerts idempotently, list what is pending, and record each
attempt (sent, failed with the reason, or written as a dry-run .eml)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from disclosure_audit.warehouse.schema import alert_outbox as A


def _now() -> datetime:
    return datetime.now(timezone.utc)


def enqueue(engine: Engine, alerts: list[dict[str, Any]]) -> int:
    """Insert alerts (run_id, kind, unit, recipient, subject, body_text, body_html, finding_ids)
    unless the same (run, kind, recipient, unit) is already queued. Returns how many were new."""
    if not alerts:
        return 0
    with engine.begin() as conn:
        runs = {a["run_id"] for a in alerts}
        have = {
            (r, k, rc, u)
            for r, k, rc, u in conn.execute(
                select(A.c.run_id, A.c.kind, A.c.recipient, A.c.unit).where(A.c.run_id.in_(sorted(runs)))
            )
        }
        new = [
            {**a, "created_at": _now(), "attempts": 0}
            for a in alerts
            if (a["run_id"], a["kind"], a["recipient"], a["unit"]) not in have
        ]
        if new:
            conn.execute(insert(A), new)
    return len(new)


def pending(engine: Engine) -> list[dict[str, Any]]:
    """Alerts not sent yet (dry-run written ones included), oldest first."""
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(A).where(A.c.sent_at.is_(None)).order_by(A.c.id))]


def alerts(engine: Engine, run_id: int | None = None) -> list[dict[str, Any]]:
    q = select(A).order_by(A.c.id)
    if run_id is not None:
        q = q.where(A.c.run_id == run_id)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def mark_sent(engine: Engine, alert_id: int) -> bool:
    """Record a delivered alert; False if it was already marked (another sender)."""
    with engine.begin() as conn:
        res = conn.execute(
            update(A).where(A.c.id == alert_id, A.c.sent_at.is_(None))
            .values(sent_at=_now(), attempts=A.c.attempts + 1, last_error=None)
        )
        return res.rowcount == 1


def mark_failed(engine: Engine, alert_ids: list[int], error: str) -> None:
    if not alert_ids:
        return
    with engine.begin() as conn:
        conn.execute(update(A).where(A.c.id.in_(alert_ids)).values(attempts=A.c.attempts + 1, last_error=error[:2000]))


def mark_dry_run(engine: Engine, alert_id: int, path: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(A).where(A.c.id == alert_id).values(dry_run_at=_now(), dry_run_path=path))
