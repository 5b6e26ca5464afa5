"""The data the report's script reads, packed small enough for 10,000 reports: rows and findings
as arrays, regions, levels and rules as indexes into lists, a finding's cells as indexes into its
layout's key list. ``report.js`` unpacks exactly this; ``decode_rows`` / ``decode_details`` are the
same unpacking in Python (tests and debugging).

    {"regions": [...], "levels": [...], "rules": [[id, short, description], ...],
     "rows": [[unit, region_i, level_i, year, file, severity, errors, warnings, [rule_i], has_detail]],
     "details": {"r<n>": [source, template, published_at, layout_id | null, values | null, extra, findings]},
     "layouts": {template id: layout}, "labels": {cell key: label} (cells outside every layout)}

Row n (1-based) has the id ``r<n>``; a finding is [rule_i, severity, cells, expected, observed,
message, open 1/0]; ``extra`` is [[key, label, value]] of cells outside the layout.
"""

from __future__ import annotations

from typing import Any

from disclosure_audit import templates
from disclosure_audit.report.labels import RULE_SHORT, rule_description, rule_short


class _Index:
    """Values -> positions in a list, in first-seen order."""

    def __init__(self, values: list[str] | None = None) -> None:
        self.items: list[str] = []
        self._pos: dict[str, int] = {}
        for v in values or []:
            self(v)

    def __call__(self, value: str) -> int:
        if value not in self._pos:
            self._pos[value] = len(self.items)
            self.items.append(value)
        return self._pos[value]


def encode(rows: list[dict[str, Any]], details: dict[str, dict[str, Any]], layouts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Pack ``figures.unit_rows`` and ``figures.drilldown`` for the page."""
    regions, levels, rules = _Index(), _Index(), _Index(list(RULE_SHORT))
    key_pos = {lid: {k: i for i, k in enumerate(lay["keys"])} for lid, lay in layouts.items()}
    labels: dict[str, str] = {}
    packed_rows = []
    for n, r in enumerate(rows, 1):
        if r["id"] != f"r{n}":
            raise ValueError(f"row {n} has id {r['id']!r}; rows must be numbered r1, r2, … in order")
        packed_rows.append([r["unit"], regions(r["region"]), levels(r["level"]), r["year"], r["file"], r["severity"],
                            r["errors"], r["warnings"], [rules(x) for x in r["rules"]], 1 if r["id"] in details else 0])
    packed_details = {}
    for rid, d in details.items():
        pos = key_pos.get(d.get("layout") or "", {})
        findings = []
        for f in d["findings"]:
            cells = []
            for c in f["cells"]:
                if c in pos:
                    cells.append(pos[c])
                else:
                    cells.append(c)
                    labels.setdefault(c, templates.label_of(c))
            findings.append([rules(f["rule"]), f["sev"], cells, f["exp"], f["obs"], f["msg"], 1 if f["status"] == "open" else 0])
        packed_details[rid] = [d.get("source") or "", d.get("template"), d.get("published"), d.get("layout"),
                               d.get("values"), d.get("extra") or [], findings]
    return {
        "regions": regions.items, "levels": levels.items,
        "rules": [[r, rule_short(r), rule_description(r)] for r in rules.items],
        "rows": packed_rows, "details": packed_details, "layouts": layouts, "labels": labels,
    }


def decode_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows as dicts (id, unit, region, level, year, file, severity, errors, warnings, rules, detail)."""
    rules = [r[0] for r in data["rules"]]
    return [
        {"id": f"r{n}", "unit": a[0], "region": data["regions"][a[1]], "level": data["levels"][a[2]], "year": a[3],
         "file": a[4], "severity": a[5], "errors": a[6], "warnings": a[7], "rules": [rules[i] for i in a[8]],
         "detail": bool(a[9])}
        for n, a in enumerate(data["rows"], 1)
    ]


def decode_details(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The drill-down payloads as dicts (source, template, published, layout, values, extra, findings)."""
    rules = [r[0] for r in data["rules"]]
    out = {}
    for rid, a in data["details"].items():
        keys = data["layouts"][a[3]]["keys"] if a[3] else []
        out[rid] = {
            "source": a[0], "template": a[1], "published": a[2], "layout": a[3], "values": a[4], "extra": a[5],
            "findings": [
                {"rule": rules[f[0]], "sev": f[1], "cells": [keys[c] if isinstance(c, int) else c for c in f[2]],
                 "exp": f[3], "obs": f[4], "msg": f[5], "status": "open" if f[6] else "resolved"}
                for f in a[6]
            ],
        }
    return out
