"""Queue the alerts of a run in the warehouse outbox: one email per unit contact listing the
unit's NEW errors (open errors no alert has listed yet: those first seen in this run, and those of
a run that stopped before it queued its alerts), and one digest per region supervisor.

Queuing is idempotent (one alert per run, kind, recipient and unit), so calling it again for the
same run queues nothing; a later run only alerts on what is new in that run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from disclosure_audit.alerts import render
from disclosure_audit.model import RosterUnit
from disclosure_audit.units import match_unit, normalise_unit
from disclosure_audit.warehouse import outbox

RosterArg = Iterable[RosterUnit] | str | Path | None


def _roster(wh: Any, roster: RosterArg) -> dict[str, RosterUnit]:
    """The roster given (units, or a CSV path, stored in the warehouse too), else the stored one."""
    if isinstance(roster, (str, Path)):
        from disclosure_audit.roster import load_roster

        roster = load_roster(roster)
    if roster is not None:
        roster = list(roster)
        wh.upsert_units(roster)
        return {u.unit: u for u in roster}
    return {u.unit: u for u in wh.roster()}


def build_alerts(wh: Any, run_id: int, roster: RosterArg = None) -> list[dict[str, Any]]:
    """The outbox rows of a run (not yet stored)."""
    units = _roster(wh, roster)
    found = wh.unalerted_findings(severity="error")
    known = {normalise_unit(u): u for u in units}  # a report may spell its unit as the roster does not
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for f in found:
        key = match_unit(f.get("unit"), known)
        if key is not None:
            by_unit.setdefault(known[key], []).append(f)
    rows: list[dict[str, Any]] = []
    by_supervisor: dict[str, list[dict[str, Any]]] = {}
    regions: dict[str, set[str]] = {}
    for unit, items in sorted(by_unit.items()):
        contact = units[unit]
        mail = render.unit_alert(unit, run_id, items)
        rows.append(_row(run_id, "unit", unit, contact.email, mail, items))
        if contact.supervisor_email:
            by_supervisor.setdefault(contact.supervisor_email, []).extend(items)
            regions.setdefault(contact.supervisor_email, set()).add(contact.region)
    for supervisor, items in sorted(by_supervisor.items()):
        where = sorted(regions[supervisor])
        mail = render.digest(where, run_id, items)
        rows.append(_row(run_id, "digest", _regions_label(where), supervisor, mail, items))
    return rows


def _regions_label(regions: list[str], limit: int = 200) -> str:
    """The regions of a digest as the outbox names them (its column holds 200 characters)."""
    label = "、".join(regions)
    if len(label) <= limit:
        return label
    tail = f"等{len(regions)}个地区"
    return label[: limit - len(tail)] + tail


def _row(run_id: int, kind: str, unit: str, recipient: str, mail: render.RenderedEmail, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"run_id": run_id, "kind": kind, "unit": unit, "recipient": recipient, "subject": mail.subject,
            "body_text": mail.text, "body_html": mail.html, "finding_ids": [f["id"] for f in items]}


def enqueue_alerts(wh: Any, run_id: int, roster: RosterArg = None) -> int:
    """Queue the run's alerts; returns how many were newly queued (0 when called again)."""
    return outbox.enqueue(wh.engine, build_alerts(wh, run_id, roster))
