"""Findings of the warehouse for people (``disclosure-audit findings``): a rich table, or JSON."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from disclosure_audit import templates

SEVERITY = {"error": "[red]错误[/red]", "warning": "[yellow]警告[/yellow]"}
STATUS = {"open": "未整改", "resolved": "已整改"}
JSON_FIELDS = ("id", "unit", "year", "region", "level", "rule", "severity", "cells", "expected", "observed", "message",
               "source", "fingerprint", "status", "first_seen_run", "last_seen_run", "resolved_run", "version_id")


def findings_json(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": len(rows), "findings": [{k: r.get(k) for k in JSON_FIELDS} for r in rows]}


def findings_table(rows: list[dict[str, Any]], title: str) -> Table:
    table = Table(title=title, show_lines=False)
    for name in ("单位", "年度", "规则", "严重程度", "单元格", "应为", "实际", "说明", "状态", "首次/最近运行"):
        table.add_column(name, overflow="fold")
    for r in rows:
        cells = "；".join(templates.label_of(c) for c in (r.get("cells") or [])) or "—"
        runs = f"{r['first_seen_run']}/{r['last_seen_run']}"
        status = STATUS.get(r["status"], r["status"])
        if r.get("resolved_run"):
            status += f"（运行 {r['resolved_run']}）"
        table.add_row(
            r.get("unit") or "（单位未识别）", str(r.get("year") or "—"), r["rule"], SEVERITY.get(r["severity"], r["severity"]),
            cells, _plain(r.get("expected")), _plain(r.get("observed")), r.get("message") or "", status, runs,
        )
    return table


def _plain(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
