"""A rerun after a correction: one unit (and one county) re-checked against the warehouse of the
end-to-end benchmark's largest audited province, the way data staff start it
(``disclosure-audit rerun --unit … --year …``: ``flows.local.run_flow("rerun", …)``).

Needs ``bench/bench_e2e.py`` to have run first (its warehouse under
bench/results/e2e-work/r<N>/). Each rerun works on a fresh copy of that warehouse, in a fresh
process (own Prefect server, cold imports: what a data staffer's command costs). The unit's file
is re-read unchanged: the cost of a rerun does not depend on what was corrected. Measured: wall
clock, seconds per stage (the flow's summary), peak RSS of the process tree, reports re-checked.

    .venv/bin/python bench/bench_rerun.py                 # the 10,000-report warehouse
    .venv/bin/python bench/bench_rerun.py --reports 1000 --repeat 1

Writes bench/results/rerun.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from bench_e2e import RESULTS, TreeRss, in_child, quiet_machine

STAGES = ("start", "discover", "parse", "load", "check", "store", "alerts", "report")


def pick_scope(db: Path, kind: str) -> dict[str, Any]:
    """The first township (``unit``) or county (``region``) of the latest year, by name: the same
    scope in every run of the benchmark."""
    with sqlite3.connect(db) as conn:
        (year,) = conn.execute("select max(year) from reports").fetchone()
        if kind == "unit":
            (unit,) = conn.execute("select unit from reports where year = ? and level = 'township' and unit is not null order by unit limit 1",
                                   (year,)).fetchone()
            return {"unit": unit, "year": year}
        (region,) = conn.execute("select region from units where level = 'county' order by region limit 1").fetchone()
        return {"region": region, "year": year}


def run_rerun(db: Path, work: Path, scope: dict[str, Any]) -> dict[str, Any]:
    from rich.console import Console

    from disclosure_audit.flows.local import run_flow

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    copy = work / "warehouse.sqlite"
    shutil.copyfile(db, copy)
    console = Console(file=open(os.devnull, "w"))
    with TreeRss() as rss:
        start = time.perf_counter()
        summary = run_flow("rerun", console, db_url=f"sqlite:///{copy.resolve()}", out=str(work / "report"),
                           dry_run_alerts=str(work / "emails"), **scope)
        wall = time.perf_counter() - start
    seconds = summary.get("seconds", {})
    stages = {s: seconds.get(s, 0.0) for s in STAGES}
    stages["other"] = round(wall - sum(stages.values()), 3)
    return {"scope": scope, "reports": summary["reports"], "findings": summary["findings"], "wall_seconds": round(wall, 2),
            "stage_seconds": stages, "peak_rss_tree_mb": round(rss.peak / 2**20, 1), "cpu_seconds": rss.cpu}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=10_000, help="the e2e run whose warehouse is re-checked")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        db, work, scope = args.child
        print(json.dumps(run_rerun(Path(db), Path(work), json.loads(scope)), ensure_ascii=False, default=str))
        return

    db = RESULTS / "e2e-work" / f"r{args.reports}" / "warehouse.sqlite"
    if not db.exists():
        raise SystemExit(f"{db} is missing: run `.venv/bin/python bench/bench_e2e.py` first (it audits the "
                         f"{args.reports}-report province into that warehouse)")
    result: dict[str, Any] = {"warehouse_reports": args.reports, "load": quiet_machine(), "runs": []}
    for kind in ("unit", "region"):
        scope = pick_scope(db, kind)
        for i in range(args.repeat):
            run = in_child([str(db), str(RESULTS / "rerun-work" / f"{kind}{i}"), json.dumps(scope, ensure_ascii=False)],
                           script=Path(__file__))
            run["kind"] = kind
            result["runs"].append(run)
            print(f"{kind} {scope}: {run['reports']} reports re-checked in {run['wall_seconds']:.1f} s "
                  f"({', '.join(f'{k} {v:.2f}' for k, v in run['stage_seconds'].items())}); "
                  f"peak RSS {run['peak_rss_tree_mb']:.0f} MB", flush=True)
    out = RESULTS / "rerun.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    sys.exit(main())
