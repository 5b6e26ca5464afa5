"""Warehouse load throughput: 10,000 reports (gov-2021, 200 cells each ≈ 2 M cell rows) plus three
findings per report, stored with ``Warehouse.store`` in batches of 500 — into a fresh SQLite file
and, when DISCLOSURE_AUDIT_TEST_PG_URL is set, into a throwaway PostgreSQL database. Also times
storing the same run again (idempotent: nothing new is written). Writes bench/results/load.json.

    .venv/bin/python bench/bench_load.py [--reports 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from disclosure_audit import templates
from disclosure_audit.model import Finding, ReportRecord
from disclosure_audit.warehouse import Warehouse
from disclosure_audit.warehouse.connection import dispose_engine

HERE = Path(__file__).resolve().parent
PG_ENV = "DISCLOSURE_AUDIT_TEST_PG_URL"


def make_data(n: int, seed: int = 7) -> tuple[list[ReportRecord], list[Finding]]:
    rnd = random.Random(seed)
    keys = templates.get("gov-2021").keys()
    records, found = [], []
    for i in range(n):
        unit = f"第{i:05d}号单位"
        values: dict[str, Any] = {k: rnd.randint(0, 50) for k in keys}
        values[keys[5]] = None
        records.append(ReportRecord(
            source=f"/landing/{unit}.txt", format="txt", unit=unit, year=2023, template="gov-2021",
            published_at="2024-01-20", region=f"示例省/第{i % 14}市", level="county", values=values,
            provenance={k: f"line {j + 10}" for j, k in enumerate(keys)}, sections={"s1": "总体情况" * 50, "s6": "无"},
            sha256=f"{i:064x}",
        ))
        for r, cells in (("t3.balance", [keys[120]]), ("completeness.cell", [keys[5]]), ("t4.total", [keys[-1]])):
            found.append(Finding(rule=r, severity="error", cells=cells, expected=10, observed=11,
                                 message="本年新收 + 上年结转 与 办理结果总计 不相等", source=f"/landing/{unit}.txt",
                                 unit=unit, year=2023))
    return records, found


def run(url: str, records: list[ReportRecord], found: list[Finding]) -> dict[str, Any]:
    wh = Warehouse(url)
    run_id = wh.start_run("audit", {"bench": True})
    t = time.perf_counter()
    counts = wh.store(run_id, records, found)
    first = time.perf_counter() - t
    run2 = wh.start_run("audit", {"bench": True})
    t = time.perf_counter()
    again = wh.store(run2, records, found)
    second = time.perf_counter() - t
    rows = counts["cells"] + counts["versions_new"] + counts["reports"] + counts["findings_new"]
    return {
        "reports": len(records), "cells": counts["cells"], "findings": counts["findings_new"], "rows": rows,
        "seconds": round(first, 2), "rows_per_second": round(rows / first),
        "cells_per_second": round(counts["cells"] / first),
        "same_run_again_seconds": round(second, 2),
        "same_run_again": {k: again[k] for k in ("versions_new", "versions_seen", "findings_new", "findings_seen")},
    }


def pg_url() -> tuple[str, str] | None:
    base = os.environ.get(PG_ENV)
    if not base:
        return None
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(base)
    name = f"da_bench_{uuid.uuid4().hex[:10]}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False), admin


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", type=int, default=10_000)
    args = ap.parse_args()
    t = time.perf_counter()
    records, found = make_data(args.reports)
    print(f"generated {len(records)} reports, {len(found)} findings in {time.perf_counter() - t:.1f} s")
    results: dict[str, Any] = {"machine": f"{platform.machine()} python {platform.python_version()}", "batch_size": 500}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = run(f"sqlite:///{tmp}/bench.sqlite", records, found)
        print("sqlite    ", results["sqlite"])
    pg = pg_url()
    if pg:
        url, admin = pg
        try:
            results["postgresql"] = run(url, records, found)
            print("postgresql", results["postgresql"])
        finally:
            import psycopg

            dispose_engine(url)
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    else:
        print(f"postgresql: skipped (set {PG_ENV})")
    out = HERE / "results" / "load.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
