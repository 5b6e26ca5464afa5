"""Rules that look beyond one report's tables: the narrative, the previous year, other units'
reports, the roster, the deadline and amount magnitudes. Plain Python over all records of a run."""

from __future__ import annotations

from disclosure_audit.checks.config import CheckConfig
from disclosure_audit.checks.cross import amount_unit, duplicate, narrative, roster_missing, timeliness
from disclosure_audit.checks.cross import history as history_rules
from disclosure_audit.model import Finding, ReportRecord, RosterUnit


def cross_report_findings(
    records: list[ReportRecord],
    *,
    history: list[ReportRecord],
    roster: list[RosterUnit] | None,
    config: CheckConfig,
    years: set[int] | None = None,
    also_present: set[tuple[str, int]] | None = None,
    peers: list[ReportRecord] | None = None,
) -> list[Finding]:
    """Findings of ``records`` only; ``peers`` (other units' reports of the same years, e.g. the
    stored ones in a rerun) are what they are compared with for duplicate.text and count as
    published for roster.missing, with no findings of their own."""
    peers = peers or []
    out: list[Finding] = []
    for rec in records:
        out += narrative.findings(rec)
        out += amount_unit.findings(rec, config)
    out += history_findings(records, history, config)
    out += duplicate.findings(records, [*history, *peers], config)
    out += timeliness.findings(records, roster, config)
    if roster:
        out += roster_missing.findings([*records, *peers], roster, years, also_present or set(), config)
    return out


def history_findings(records: list[ReportRecord], past: list[ReportRecord], config: CheckConfig) -> list[Finding]:
    index = history_rules.PreviousIndex([*past, *records])
    out: list[Finding] = []
    for rec in records:
        prev = index.previous(rec)
        if prev is not None:
            out += history_rules.findings(rec, prev, config)
    return out
