"""The report's figures, built from plain data (no Prefect, no SQLAlchemy): headline numbers,
counts by rule / region / level, the error rate per region, the trend across years, the table of
units sorted by severity, and the drill-down payload of each report with findings.

Inputs are the dicts the warehouse returns (see ``report.data``):
- ``reports``: the run's report versions — version_id, unit, year, region, level, source, template, …
- ``findings``: rows of the findings table — id, version_id, unit, year, region, level, source, rule,
  severity, cells, expected, observed, message, status, first_seen_run, …
- ``cells``: {version_id: {cell key: value}} (None = blank).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone
from pathlib import PurePath
from typing import Any, Iterable

from disclosure_audit import templates
from disclosure_audit.rules import UNREADABLE as UNREADABLE_RULE
from disclosure_audit.numtext import value_text
from disclosure_audit.report.labels import (
    SEVERITY_RANK,
    level_label,
    region_label,
    rule_short,
    severity_label,
)
from disclosure_audit.report.layout import layout_id_for

MISSING_RULE = "roster.missing"
LATE_RULE = "timeliness.deadline"
CHINA_TZ = timezone(timedelta(hours=8))
DEFAULT_DEADLINE_DAYS = 15
MAX_CELL_LABELS = 5  # a finding naming more cells lists the first ones and "等 N 个单元格"

Row = dict[str, Any]


# -- values as staff read them ------------------------------------------------------------------
def display_value(value: Any) -> str:
    """A finding's expected/observed value as the report prints it (blank: "—")."""
    return value_text(value)


def cell_labels(cells: Iterable[str], limit: int = MAX_CELL_LABELS) -> str:
    """The official labels of a finding's cells (表三“…”行“…”列), the first ``limit`` of them."""
    cells = list(cells)
    labels = [templates.label_of(k) for k in cells[:limit]]
    text = "；".join(labels)
    if len(cells) > limit:
        text += f"；等 {len(cells)} 个单元格"
    return text


def file_name(source: str | None) -> str:
    return PurePath(source).name if source else ""


def china_time(moment: datetime | str | None) -> datetime | None:
    """A time in China (UTC+8); a naive time is taken as UTC, as the warehouse stores it."""
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(CHINA_TZ)


def rectification_deadline(run_started: datetime | str | None, days: int = DEFAULT_DEADLINE_DAYS) -> date:
    """整改期限: the run's date in China (UTC+8; a naive time is taken as UTC, as the warehouse
    stores it) plus ``days`` calendar days. No run time: today."""
    moment = china_time(run_started) or datetime.now(CHINA_TZ)
    return moment.date() + timedelta(days=days)


# -- which row of the units table a report or finding belongs to ---------------------------------
def row_key(item: dict[str, Any]) -> str:
    """A report version, else a unit and year (roster.missing), else a file (unreadable)."""
    if item.get("version_id") is not None:
        return f"v{item['version_id']}"
    if item.get("unit"):
        return f"u{item['unit']}|{item.get('year')}"
    return f"s{item.get('source')}"


def _severity_of(errors: int, warnings: int) -> str:
    return "error" if errors else "warning" if warnings else "none"


# -- headline --------------------------------------------------------------------------------------
def headline(reports: list[Row], findings: list[Row], run_id: Any = None, resolved: int = 0) -> dict[str, int]:
    """The numbers at the top: reports audited, reports with errors, units without a report
    (roster.missing), late reports (timeliness.deadline), unreadable files, findings by severity,
    new in this run, corrected (resolved) by this run."""
    audited = {r["version_id"] for r in reports}
    rules = Counter(f["rule"] for f in findings)
    sev = Counter(f["severity"] for f in findings)
    with_errors = {f["version_id"] for f in findings if f["severity"] == "error" and f.get("version_id") in audited}
    with_findings = {f["version_id"] for f in findings if f.get("version_id") in audited}
    return {
        "reports": len(audited),
        "with_errors": len(with_errors),
        "with_findings": len(with_findings),
        "missing": rules[MISSING_RULE],
        "late": rules[LATE_RULE],
        "unreadable": rules[UNREADABLE_RULE],
        "findings": len(findings),
        "errors": sev["error"],
        "warnings": sev["warning"],
        "new": sum(1 for f in findings if run_id is not None and f.get("first_seen_run") == run_id),
        "resolved": resolved,
    }


# -- counts for the charts -------------------------------------------------------------------------
def count_by(findings: list[Row], field: str) -> list[Row]:
    """[{key, label, error, warning, total}] of the findings by ``rule``, ``region`` or ``level``,
    most findings first."""
    label = {"rule": rule_short, "region": region_label, "level": level_label}[field]
    counts: dict[Any, Counter] = defaultdict(Counter)
    for f in findings:
        counts[f.get(field)][f["severity"]] += 1
    out = [
        {"key": k, "label": label(k), "error": c["error"], "warning": c["warning"], "total": c["error"] + c["warning"]}
        for k, c in counts.items()
    ]
    return sorted(out, key=lambda r: (-r["total"], -r["error"], str(r["label"])))


def long_form(counts: list[Row]) -> list[Row]:
    """One row per (label, severity) with a count > 0, for a stacked bar chart."""
    return [
        {"label": r["label"], "severity": severity_label(s), "count": r[s], "total": r["total"]}
        for r in counts
        for s in ("error", "warning")
        if r[s]
    ]


def error_rate_by_region(reports: list[Row], findings: list[Row]) -> list[Row]:
    """[{region, reports, with_errors, rate}] per region of the audited reports: the share of its
    reports with at least one error (units without a report are not in the denominator)."""
    per_region: dict[str, set] = defaultdict(set)
    region_of: dict[Any, str] = {}
    for r in reports:
        region = region_label(r.get("region"))
        per_region[region].add(r["version_id"])
        region_of[r["version_id"]] = region
    bad: dict[str, set] = defaultdict(set)
    for f in findings:
        vid = f.get("version_id")
        if f["severity"] == "error" and vid in region_of:
            bad[region_of[vid]].add(vid)
    out = [
        {"region": reg, "reports": len(vids), "with_errors": len(bad[reg]),
         "rate": round(len(bad[reg]) / len(vids), 4) if vids else 0.0}
        for reg, vids in per_region.items()
    ]
    return sorted(out, key=lambda r: (-r["rate"], -r["reports"], r["region"]))


def year_trend(finding_counts: dict[Any, dict[str, int]], report_counts: dict[Any, int]) -> list[Row]:
    """[{year, reports, error, warning, per_report}] for every report year the warehouse holds
    (every finding ever recorded for that year's reports, corrected ones included)."""
    years = sorted({y for y in (*finding_counts, *report_counts) if y is not None})
    out = []
    for y in years:
        c = finding_counts.get(y, {})
        n = int(report_counts.get(y, 0))
        e, w = int(c.get("error", 0)), int(c.get("warning", 0))
        out.append({"year": int(y), "reports": n, "error": e, "warning": w,
                    "per_report": round((e + w) / n, 2) if n else 0.0})
    return out


# -- the units table -------------------------------------------------------------------------------
def unit_rows(reports: list[Row], findings: list[Row]) -> list[Row]:
    """One row per audited report, per unit without a report and per unreadable file: unit,
    region, level, year, file, errors, warnings, rules; worst first (errors, then warnings, then
    clean), then by region and unit. Each row gets a short id ``r1``, ``r2``, … in that order and
    ``key`` (see ``row_key``)."""
    rows: dict[str, Row] = {}

    def new_row(item: Row, has_report: bool) -> Row:
        return {
            "key": row_key(item), "unit": item.get("unit") or "", "region": region_label(item.get("region")),
            "level": level_label(item.get("level")), "year": item.get("year"), "file": file_name(item.get("source")),
            "source": item.get("source") or "", "has_report": has_report, "errors": 0, "warnings": 0, "rules": [],
        }

    for r in reports:
        rows.setdefault(row_key(r), new_row(r, True))
    for f in findings:
        row = rows.setdefault(row_key(f), new_row(f, False))
        row["errors" if f["severity"] == "error" else "warnings"] += 1
        if f["rule"] not in row["rules"]:
            row["rules"].append(f["rule"])
    for row in rows.values():
        row["severity"] = _severity_of(row["errors"], row["warnings"])
    ordered = sorted(rows.values(), key=lambda r: (
        SEVERITY_RANK[r["severity"]], -r["errors"], -r["warnings"], r["region"], r["unit"], str(r["year"]), r["file"]))
    for i, row in enumerate(ordered, 1):
        row["id"] = f"r{i}"
    return ordered


# -- drill-down ------------------------------------------------------------------------------------
def finding_view(f: Row) -> Row:
    """What the drill-down shows of one finding (values already as text)."""
    return {
        "rule": f["rule"], "sev": f["severity"], "cells": list(f.get("cells") or []),
        "exp": display_value(f.get("expected")), "obs": display_value(f.get("observed")),
        "msg": f.get("message") or "", "status": f.get("status") or "open",
    }


def drilldown(rows: list[Row], reports: list[Row], findings: list[Row],
              cells: dict[int, dict[str, Any]], layouts: dict[str, dict[str, Any]]) -> dict[str, Row]:
    """{row id: payload} for every row with findings: the report's file, template and publication
    date, its findings, and — when a stored version exists — its cell values in the layout's key
    order (``values``) plus any cells outside the layout (``extra``: [[key, label, value]]). The
    unit, region, level and year are the row's."""
    by_key: dict[str, list[Row]] = defaultdict(list)
    for f in findings:
        by_key[row_key(f)].append(f)
    report_of = {row_key(r): r for r in reports}
    out: dict[str, Row] = {}
    for row in rows:
        found = by_key.get(row["key"])
        if not found:
            continue
        rep = report_of.get(row["key"]) or {}
        vid = rep.get("version_id", found[0].get("version_id"))
        payload: Row = {
            "source": row["source"], "template": rep.get("template"), "published": rep.get("published_at"),
            "findings": [finding_view(f) for f in sorted(found, key=lambda f: (SEVERITY_RANK[f["severity"]], f["rule"]))],
        }
        if vid is not None and vid in cells:
            lid = layout_id_for(rep.get("template"), row["year"])
            keys = layouts[lid]["keys"]
            values = cells[vid]
            payload["layout"] = lid
            payload["values"] = [values.get(k) for k in keys]
            known = set(keys)
            payload["extra"] = [[k, templates.label_of(k), v] for k, v in sorted(values.items()) if k not in known]
        out[row["id"]] = payload
    return out
