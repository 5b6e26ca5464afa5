"""Check throughput: 10,000 parsed reports checked batched vs one report at a time.

Builds 10,000 consistent reports in memory (half gov-2019, half gov-2021, values from
``synth.values.consistent_values``, distinct section texts) and puts a defect into ~1% of them (a
table-3/4 cell off by one, or a blank cell). Then times

- ``checks.run_checks`` over all of them, per engine (pandera, gx, both): one validation per
  template for the whole run, the way the product runs;
- the naive way, one ``run_checks`` per report, on a small sample, extrapolated to 10,000.

It also checks that the batched run found every planted defect. Prints and writes
bench/results/checks.json.

    .venv/bin/python bench/bench_checks.py [--reports 10000] [--naive-sample 4]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import time
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

from disclosure_audit import templates  # noqa: E402
from disclosure_audit.checks import run_checks  # noqa: E402
from disclosure_audit.model import ReportRecord  # noqa: E402
from disclosure_audit.synth.values import consistent_values  # noqa: E402

HERE = Path(__file__).resolve().parent
WORDS = "公开申请办理答复政策解读平台建设规范流程培训监督考核网站栏目信息发布审核机制群众关切回应重点领域基层标准"


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(n)) + "。"


def build(n: int, seed: int = 7, defect_rate: float = 0.01) -> tuple[list[ReportRecord], dict[int, str]]:
    """n records and {record index: the planted defective cell}."""
    rng = random.Random(seed)
    bases = {tid: [consistent_values(tid, s) for s in range(100)] for tid in templates.TEMPLATE_IDS}
    arith = {tid: templates.get(tid).t3_keys() + templates.get(tid).t4_keys() for tid in templates.TEMPLATE_IDS}
    records: list[ReportRecord] = []
    planted: dict[int, str] = {}
    for i in range(n):
        tid = templates.TEMPLATE_IDS[i % 2]
        year = 2020 if tid == templates.GOV_2019 else 2022
        values = dict(bases[tid][rng.randrange(100)])
        if rng.random() < defect_rate:
            key = rng.choice(arith[tid])
            values[key] = None if rng.random() < 0.3 else values[key] + 1
            planted[i] = key
        sections = {s: _text(rng, 80) for s in templates.SECTION_IDS}
        sections["s6"] = "无"
        records.append(ReportRecord(source=f"bench/{i}.txt", format="txt", unit=f"示例单位{i}", year=year, template=tid,
                                    published_at=f"{year + 1}-01-15", values=values, sections=sections,
                                    section_order=list(templates.SECTION_IDS)))
    return records, planted


def batched(records: list[ReportRecord], engine: str) -> tuple[float, list]:
    t = time.perf_counter()
    found = run_checks(records, engine=engine)
    return time.perf_counter() - t, found


def naive(records: list[ReportRecord], engine: str, sample: int) -> float:
    """Seconds per report when each report is validated on its own (mean over ``sample`` reports)."""
    picks = records[:sample]
    t = time.perf_counter()
    for rec in picks:
        run_checks([rec], engine=engine)
    return (time.perf_counter() - t) / len(picks)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--naive-sample", type=int, default=4, help="reports validated one by one per engine (GX: ~5 s each)")
    args = ap.parse_args()

    t = time.perf_counter()
    records, planted = build(args.reports)
    build_s = time.perf_counter() - t
    run_checks(records[:4], engine="both")  # warm imports (pandas, pandera, GX) outside the timings

    out: dict = {"machine": f"{platform.machine()} {platform.python_version()} cpus={os.cpu_count()}",
                 "reports": args.reports, "planted_defects": len(planted), "build_seconds": round(build_s, 2), "engines": {}}
    for engine in ("pandera", "gx", "both"):
        seconds, found = batched(records, engine)
        hit = {int(f.source.split("/")[1].split(".")[0]) for f in found
               if f.severity == "error" and f.source and any(c == planted.get(int(f.source.split("/")[1].split(".")[0])) for c in f.cells)}
        per_report = naive(records, engine, args.naive_sample if engine != "pandera" else max(args.naive_sample, 40))
        out["engines"][engine] = {
            "batched_seconds": round(seconds, 2),
            "reports_per_second": round(args.reports / seconds),
            "findings": len(found),
            "planted_defects_found": len(hit),
            "naive_seconds_per_report": round(per_report, 4),
            "naive_seconds_extrapolated": round(per_report * args.reports, 1),
            "naive_over_batched": round(per_report * args.reports / seconds, 1),
        }
        e = out["engines"][engine]
        print(f"{engine:8s} batched {e['batched_seconds']:6.2f} s ({e['reports_per_second']}/s), "
              f"found {e['planted_defects_found']}/{len(planted)} planted defects; one at a time "
              f"{e['naive_seconds_per_report']:.3f} s/report -> {e['naive_seconds_extrapolated']:.0f} s "
              f"({e['naive_over_batched']:.0f}x slower)")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "checks.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {HERE / 'results' / 'checks.json'}")


if __name__ == "__main__":
    main()
