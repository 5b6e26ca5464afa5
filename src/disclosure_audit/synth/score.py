"""Score an audit against the labels of a generated province: precision and recall per rule.

A label (labels.jsonl) and a finding match when they name the same report, the same rule and the
same cells. The report is the file (``source``: the label's path relative to the landing folder,
matched against the end of the finding's path) or, where there is no file (roster.missing), the
unit and year. Matching counts multiplicity (two findings for one label: one of them is a false
alarm).

    from disclosure_audit.synth.score import score, mismatches
    table = score(labels, findings)        # {rule: {"tp", "fp", "fn", "precision", "recall"}}
    wrong = mismatches(labels, findings)   # {"misses": [label, …], "false_alarms": [finding, …]}

Precision is 1.0 for a rule with no findings, recall 1.0 for a rule with no labels.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath
from typing import Any, Iterable

from disclosure_audit.model import Finding

Key = tuple[str, str, str, tuple[str, ...]]


def _label_key(lab: dict[str, Any]) -> Key:
    where = f"file:{PurePath(lab['source']).as_posix()}" if lab.get("source") else f"unit:{lab.get('unit')}|{lab.get('year')}"
    return where, "", lab["rule"], tuple(sorted(lab.get("cells") or ()))


class _SourceMatcher:
    """Maps a finding's source path to the label source it ends with."""

    def __init__(self, labels: Iterable[dict[str, Any]], root: str | None) -> None:
        self.sources = {PurePath(lab["source"]).as_posix() for lab in labels if lab.get("source")}
        self.root = PurePath(root).as_posix().rstrip("/") + "/" if root else None

    def __call__(self, source: str) -> str:
        p = PurePath(source).as_posix()
        if self.root and p.startswith(self.root):
            return p[len(self.root):]
        parts = p.split("/")
        for i in range(len(parts)):
            tail = "/".join(parts[i:])
            if tail in self.sources:
                return tail
        return p


def _finding_key(f: Finding, match: _SourceMatcher) -> Key:
    where = f"file:{match(f.source)}" if f.source else f"unit:{f.unit}|{f.year}"
    return where, "", f.rule, tuple(sorted(f.cells))


def _compare(labels: list[dict[str, Any]], findings: list[Finding], root: str | None) -> tuple[Counter, Counter, dict, dict]:
    match = _SourceMatcher(labels, root)
    want = Counter(_label_key(lab) for lab in labels)
    got = Counter(_finding_key(f, match) for f in findings)
    by_label: dict[Key, list[dict]] = {}
    for lab in labels:
        by_label.setdefault(_label_key(lab), []).append(lab)
    by_finding: dict[Key, list[Finding]] = {}
    for f in findings:
        by_finding.setdefault(_finding_key(f, match), []).append(f)
    return want, got, by_label, by_finding


def score(labels: list[dict[str, Any]], findings: list[Finding], root: str | None = None) -> dict[str, dict[str, float]]:
    """Per rule: true positives, false positives, false negatives, precision and recall.

    ``labels``: the dicts of labels.jsonl; ``findings``: what the audit reported; ``root``: the
    landing folder the findings' paths start with (optional: without it a finding's path is
    matched by its ending)."""
    want, got, _, _ = _compare(labels, findings, root)
    rules = sorted({k[2] for k in want} | {k[2] for k in got})
    out: dict[str, dict[str, float]] = {}
    for rule in rules:
        tp = sum(min(n, got[k]) for k, n in want.items() if k[2] == rule)
        fn = sum(n for k, n in want.items() if k[2] == rule) - tp
        fp = sum(n for k, n in got.items() if k[2] == rule) - tp
        out[rule] = {"tp": tp, "fp": fp, "fn": fn,
                     "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0}
    return out


def mismatches(labels: list[dict[str, Any]], findings: list[Finding], root: str | None = None) -> dict[str, list]:
    """The labels no finding matched (``misses``) and the findings no label matched (``false_alarms``)."""
    want, got, by_label, by_finding = _compare(labels, findings, root)
    misses = [lab for k, n in want.items() if n > got[k] for lab in by_label[k][: n - got[k]]]
    alarms = [f for k, n in got.items() if n > want[k] for f in by_finding[k][: n - want[k]]]
    return {"misses": misses, "false_alarms": alarms}


def totals(table: dict[str, dict[str, float]]) -> dict[str, float]:
    """Micro-averaged precision and recall over all rules of a ``score`` table."""
    tp = sum(r["tp"] for r in table.values())
    fp = sum(r["fp"] for r in table.values())
    fn = sum(r["fn"] for r in table.values())
    return {"tp": tp, "fp": fp, "fn": fn, "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0}
