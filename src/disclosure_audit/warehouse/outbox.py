"""The alert outbox table: queue alerts idempotently, list what is pending, claim what a sender
is about to send, and record each attempt (sent, failed with the reason, or written as a dry-run
.eml).

Claims: ``claim`` marks pending alerts with the sender's token in one UPDATE; a sender sends only
what it claimed, so two senders at the same time (a clerk's rerun while the scheduled audit
runs) never send one alert twice. A claim is released when the send fails and expires after
``CLAIM_LEASE`` (a sender that died mid-way): the alert is then sent by the next run, at least
once."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import insert, or_, select, update
from sqlalchemy.engine import Engine

from disclosure_audit.warehouse.load import in_chunks
from disclosure_audit.warehouse.schema import alert_outbox as A


CLAIM_LEASE = timedelta(minutes=15)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def new_token() -> str:
    """A sender's claim token (one per ``send_pending`` call)."""
    return uuid.uuid4().hex


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


def claim(engine: Engine, alert_ids: list[int], token: str, now: datetime | None = None) -> set[int]:
    """Claim those of ``alert_ids`` that are still pending and free (never claimed, or claimed
    longer than ``CLAIM_LEASE`` ago); returns the ids this token now holds."""
    if not alert_ids:
        return set()
    now = now or _now()
    free = or_(A.c.claimed_at.is_(None), A.c.claimed_at < now - CLAIM_LEASE)
    held: set[int] = set()
    with engine.begin() as conn:
        for chunk in in_chunks(alert_ids):
            conn.execute(update(A).where(A.c.id.in_(chunk), A.c.sent_at.is_(None), free)
                         .values(claimed_by=token, claimed_at=now))
            held |= {i for (i,) in conn.execute(select(A.c.id).where(A.c.id.in_(chunk), A.c.claimed_by == token,
                                                                      A.c.sent_at.is_(None)))}
    return held


def release(engine: Engine, alert_ids: list[int], token: str) -> None:
    """Give back the claims of ``token`` on alerts it did not send (the next run retries them)."""
    if not alert_ids:
        return
    with engine.begin() as conn:
        for chunk in in_chunks(alert_ids):
            conn.execute(update(A).where(A.c.id.in_(chunk), A.c.claimed_by == token)
                         .values(claimed_by=None, claimed_at=None))


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
