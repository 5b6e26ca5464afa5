"""The summary a run returns (and the CLI prints): counts by severity and rule, what was read,
what could not be read, which roster units are missing, alerts sent and where the outputs are."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from disclosure_audit.model import Finding
from disclosure_audit.rules import UNREADABLE as UNREADABLE_RULE

MISSING_RULE = "roster.missing"


@dataclass
class RunSummary:
    """JSON-friendly result of ``province-audit`` and ``rerun``."""

    run_id: Any
    kind: str  # "province-audit" or "rerun"
    files: int = 0  # files accounted for (parsed or rejected)
    reports: int = 0  # reports parsed (records)
    unreadable: int = 0  # ingest.unreadable findings
    missing: int = 0  # roster.missing findings
    filtered: int = 0  # left out by the year filter
    findings: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    by_rule: dict[str, int] = field(default_factory=dict)
    alerts_queued: int = 0
    alerts_sent: int = 0
    alerts_error: str | None = None  # why sending failed (the alerts stay queued)
    outputs: dict[str, str] = field(default_factory=dict)  # "warehouse", "html", "excel", "emails"
    scope: dict[str, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # wall clock per stage (discover, parse, check, …)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def count_findings(findings: Iterable[Finding]) -> tuple[dict[str, int], dict[str, int]]:
    """(by severity, by rule), rules in descending count then id order."""
    sev: Counter[str] = Counter()
    rule: Counter[str] = Counter()
    for f in findings:
        sev[f.severity] += 1
        rule[f.rule] += 1
    by_severity = dict(sorted(sev.items(), key=lambda kv: (kv[0] != "error", kv[0])))  # errors first
    by_rule = dict(sorted(rule.items(), key=lambda kv: (-kv[1], kv[0])))
    return by_severity, by_rule


def summarise(run_id: Any, kind: str, *, files: int, reports: int, filtered: int, findings: list[Finding], **extra: Any) -> RunSummary:
    """Build the summary of a run from its findings."""
    by_sev, by_rule = count_findings(findings)
    return RunSummary(
        run_id=run_id,
        kind=kind,
        files=files,
        reports=reports,
        unreadable=by_rule.get(UNREADABLE_RULE, 0),
        missing=by_rule.get(MISSING_RULE, 0),
        filtered=filtered,
        findings=len(findings),
        by_severity=by_sev,
        by_rule=by_rule,
        **extra,
    )
