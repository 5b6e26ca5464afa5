"""Reader accuracy over a generated province without writing it: every plan rendered in memory,
read by ``readers.read_bytes``, and the record compared with the plan (the ground truth of what
a correct reader gets: values, template, missing rows and tables).

Finds the reading errors behind an end-to-end bench's false alarms without generating the
province's files or auditing it: ``build_plans`` takes ~80 s for 100,000 reports; rendering
and reading cost ~3 ms a txt, ~5 ms an html, ~70 ms a docx and ~150 ms a pdf on one core of a slow
host (rendering dominates), so docx and pdf are best sampled::

    .venv/bin/python bench/reader_check.py --units 16666                       # txt and html: ~4 min
    .venv/bin/python bench/reader_check.py --units 16666 --formats docx,pdf --limit 2000

Prints one JSON line per misread report (index, path, planted defects, what differs as
[planned, read]) and a summary line on stderr; exit status 1 if any report was misread.
Reports with a planted defect are checked first, the rest in a seeded random order.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from multiprocessing import get_context
from typing import Any

from disclosure_audit.readers import read_bytes
from disclosure_audit.synth.generate import FORMATS, build_plans, manifest_entries, render_plan
from disclosure_audit.synth.plan import ReportPlan
from disclosure_audit.synth.province import DEFAULT_TOWNSHIP_DEADLINE, build_roster

_plans: list[ReportPlan] = []  # set before the workers fork


def differences(plan: ReportPlan) -> dict[str, Any]:
    """What the reader gets wrong for one plan: {key: [planned, read]} (empty: read exactly)."""
    entry = manifest_entries([plan])[0]  # the manifest row the audit reads the file with
    try:
        rec = read_bytes(render_plan(plan), plan.path, "." + plan.fmt, entry)
    except Exception as exc:  # noqa: BLE001 - a rendering or reading failure is itself the finding
        return {"error": repr(exc)}
    out: dict[str, Any] = {k: [v, rec.values.get(k, "absent")] for k, v in plan.values.items() if rec.values.get(k, "absent") != v}
    out.update({k: ["absent", v] for k, v in rec.values.items() if k not in plan.values and v is not None})
    if rec.template != plan.template_used:
        out["template"] = [plan.template_used, rec.template]
    if sorted(rec.missing_rows) != sorted(plan.missing_rows):
        out["missing_rows"] = [plan.missing_rows, rec.missing_rows]
    if sorted(rec.missing_tables) != sorted(plan.missing_tables):
        out["missing_tables"] = [plan.missing_tables, rec.missing_tables]
    return out


def _one(i: int) -> tuple[int, dict[str, Any]]:
    return i, differences(_plans[i])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=1666, help="roster size (reports = units x years)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--error-rate", type=float, default=0.1)
    ap.add_argument("--formats", default="txt,html", help=f"formats to check, of {','.join(FORMATS)}")
    ap.add_argument("--limit", type=int, default=0, help="check at most this many reports (0: all)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()

    global _plans
    start = time.perf_counter()
    roster = build_roster(args.units, args.seed, DEFAULT_TOWNSHIP_DEADLINE)
    _plans, _ = build_plans(roster, range(2019, 2025), error_rate=args.error_rate, seed=args.seed)  # all formats, as bench_e2e
    formats = set(args.formats.split(","))
    todo = [i for i, p in enumerate(_plans) if p.readable and not p.missing and p.fmt in formats]
    random.Random(7).shuffle(todo)
    todo.sort(key=lambda i: not _plans[i].defects)  # stable: defects first, each part in random order
    if args.limit:
        todo = todo[: args.limit]
    print(f"{len(_plans)} plans in {time.perf_counter() - start:.0f} s; checking {len(todo)} reports", file=sys.stderr, flush=True)
    bad = 0
    with get_context("fork").Pool(args.workers) as pool:
        for i, diff in pool.imap_unordered(_one, todo, chunksize=20):
            if diff:
                bad += 1
                p = _plans[i]
                print(json.dumps({"index": i, "path": p.path, "defects": p.defects, "differences": diff}, ensure_ascii=False, default=str),
                      flush=True)
    print(f"checked {len(todo)}, misread {bad}, {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
