"""End to end: generate a synthetic province, audit it through the ``province-audit`` flow on
SQLite, score the findings against the generator's labels; and the naive design on a sample.

For each size (100 — the baseline for the fixed costs —, 1,000 and 10,000 reports; 100,000 with ``--big``) the province is written by
``disclosure_audit.synth.generate.generate`` (units = reports / 5, years 2020–2024, all four
formats, error rate 0.1; kept under bench/results/provinces/ and reused by later runs, its
generation time reported apart; all sizes are generated before the first audit) and, after one
unmeasured warm-up run of the smallest size (with ``--repeat N`` each size N times, round after
round, and reported by its median run), audited in a fresh process, the way ``disclosure-audit run``
does it (``flows.local.run_flow``: ephemeral Prefect API in the process, flow heartbeat off, thread
task runner, alerts written as .eml files, the HTML report and Excel list written). Measured:
wall clock of the flow, seconds per stage (the flow's summary ``seconds``), reports per second,
peak RSS of the process tree (the flow's process, the Prefect server, the parse and outputs workers; sampled
with psutil, plus getrusage), and precision/recall per rule (``synth.score.score`` over the
findings the warehouse holds for the run). Linear growth: the marginal cost a report from each
size to the next, and with three sizes or more from 1,000 to 10,000 a least-squares line through
them (of the wall clock, and of the process tree's CPU seconds) with each size's cost a report
beyond the line's fixed part.

The naive design runs on a sample of the 1,000-report province (the first size with at least five
times the sample) in the same command: a Prefect
flow with one task per report, each task parsing its file and checking it alone (``run_checks`` on
one record: one pandera and one Great Expectations validation of a one-row frame per report), and
one warehouse store per report. Its time is counted from the first task to the last (the server
start is left out, which favours the naive design). Printed: the per-report speed ratio.

    .venv/bin/python bench/bench_e2e.py                   # 100, 1,000 and 10,000 reports
    .venv/bin/python bench/bench_e2e.py --big             # and 100,000
    .venv/bin/python bench/bench_e2e.py --sizes 1000 --formats txt,html --naive-sample 40
    .venv/bin/python bench/bench_e2e.py --sizes 100,1000,2000,5000,10000 --repeat 3   # medians of 3

Writes bench/results/e2e.json and prints a table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from pdf_reader import warn_if_slow_reader  # bench/pdf_reader.py, beside this script

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
YEARS = range(2020, 2025)
FORMATS = ("txt", "html", "docx", "pdf")
STAGES = ("start", "discover", "parse", "check", "store", "alerts", "report")


# --- measuring -------------------------------------------------------------------------------


def linear_fit(points: list[tuple[int, float]]) -> dict[str, Any] | None:
    """Least squares ``seconds = fixed + per_report * reports`` over (reports, seconds) of three or
    more sizes (two always fit), and each size's cost a report beyond the fixed part,
    ``(seconds - fixed) / reports``: equal at every size when the cost grows linearly; the largest
    deviation from ``per_report`` in percent."""
    if len(points) < 3:
        return None
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    fixed = my - slope * mx
    variable = [(y - fixed) / x for x, y in points]
    return {
        "sizes": [x for x, _ in points],
        "fixed_seconds": round(fixed, 2),
        "ms_per_report": round(1000 * slope, 3),
        "variable_ms_per_report": [round(1000 * v, 3) for v in variable],
        "max_deviation_percent": round(100 * max(abs(v - slope) / slope for v in variable), 1),
    }


def median_run(trials: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """The run of median wall clock among one size's repeats (the lower middle of an even
    number), with every repeat's wall clock and CPU seconds, the median of the CPU seconds of
    the process tree, and whether every repeat scored 100 %."""
    walls = [r["wall_seconds"] for r in trials]
    run = dict(trials[walls.index(statistics.median_low(walls))])
    cpu = [round(sum(r["cpu_seconds"].values()), 2) for r in trials]
    run.update(extra, repeats=len(trials), wall_seconds_all=walls, cpu_seconds_all=cpu,
               cpu_seconds_total=statistics.median_low(cpu),
               peak_rss_tree_mb_max=max(r["peak_rss_tree_mb"] for r in trials),
               every_repeat_exact=all(r["quality"]["totals"]["precision"] == r["quality"]["totals"]["recall"] == 1 for r in trials))
    return run


class TreeRss:
    """Peak resident memory of this process and all its descendants (summed), sampled; and the CPU
    seconds each kind of process used (``cpu``: the flow's process, the parse workers, the outputs
    worker of ``pipeline.outputs``, the Prefect server; as last sampled). The same work costs more CPU seconds when the host is busy (a
    vCPU sharing its core runs slower): runs of the 10,000-report audit took 27 to 44 CPU seconds
    per parse worker for the same files, so these show how fast the machine was during a run."""

    def __init__(self, every: float = 0.1) -> None:
        import psutil

        self._me = psutil.Process()
        self._every = every
        self.peak = 0
        self._cpu: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _role(self, p: Any) -> str:
        from disclosure_audit.pipeline import outputs

        if p.pid == self._me.pid:
            return "flow process"
        if p.pid in outputs.worker_pids():
            return "outputs worker"
        cmd = " ".join(p.cmdline())
        if "uvicorn" in cmd:
            return "prefect server"
        return "parse workers" if "multiprocessing" in cmd and "resource_tracker" not in cmd else "other"

    def _sample(self) -> int:
        import psutil

        total = 0
        for p in [self._me, *self._me.children(recursive=True)]:
            try:
                total += p.memory_info().rss
                t = p.cpu_times()
                role = self._cpu[p.pid][0] if p.pid in self._cpu else self._role(p)
                self._cpu[p.pid] = (role, t.user + t.system)
            except psutil.Error:
                pass
        return total

    @property
    def cpu(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for role, seconds in self._cpu.values():
            out[role] = round(out.get(role, 0.0) + seconds, 2)
        return out

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self._every)

    def __enter__(self) -> "TreeRss":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def rusage_mb() -> dict[str, float]:
    """getrusage maxrss (KiB on Linux) of this process and of its largest waited-for child."""
    return {"self_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "children_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}


def load_findings(db_url: str, run_id: int) -> list:
    from disclosure_audit.model import Finding
    from disclosure_audit.warehouse import Warehouse

    return [Finding(rule=d["rule"], severity=d["severity"], cells=list(d["cells"] or []), expected=d["expected"],
                    observed=d["observed"], message=d["message"], source=d["source"], unit=d["unit"], year=d["year"])
            for d in Warehouse(db_url).run_findings(run_id)]


def scored(province: Path, findings: list) -> dict[str, Any]:
    from disclosure_audit.synth.generate import read_labels
    from disclosure_audit.synth.score import mismatches, score, totals

    labels = read_labels(province / "labels.jsonl")
    root = str((province / "landing").resolve())
    table = score(labels, findings, root=root)
    wrong = mismatches(labels, findings, root=root)
    return {
        "labels": len(labels),
        "totals": totals(table),
        "rules": table,
        "misses": wrong["misses"][:20],
        "false_alarms": [{"source": f.source, "unit": f.unit, "year": f.year, "rule": f.rule, "cells": f.cells}
                         for f in wrong["false_alarms"][:20]],
    }


# --- the province ----------------------------------------------------------------------------


def province_dir(reports: int, formats: tuple[str, ...], error_rate: float, seed: int) -> Path:
    return RESULTS / "provinces" / f"r{reports}-{'-'.join(formats)}-e{error_rate}-s{seed}"


def generator_fingerprint() -> str:
    """What a generated province depends on besides its parameters: the generator's source files
    and the CJK TrueType font its PDFs embed (``synth.render.CJK_TRUETYPE``)."""
    import disclosure_audit.synth as synth
    from disclosure_audit.synth import render

    h = hashlib.sha256()
    for f in sorted(Path(synth.__file__).parent.glob("*.py")):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    h.update(repr([p for p in render.CJK_TRUETYPE if Path(p).is_file()][:1]).encode())
    return h.hexdigest()[:16]


def ensure_province(reports: int, formats: tuple[str, ...], error_rate: float, seed: int, workers: int) -> tuple[Path, float, bool]:
    """The generated province (written once, then reused while the generator and its font are the
    same: a stale province would measure an older generator); (folder, generation seconds, reused)."""
    folder = province_dir(reports, formats, error_rate, seed)
    done = folder / ".complete"
    fingerprint = generator_fingerprint()
    try:
        mark = json.loads(done.read_text())
        if isinstance(mark, dict) and mark.get("generator") == fingerprint:
            return folder, float(mark["seconds"]), True
    except (OSError, ValueError):
        pass
    shutil.rmtree(folder, ignore_errors=True)
    from disclosure_audit.synth.generate import generate

    start = time.perf_counter()
    generate(folder, units=max(1, reports // len(YEARS)), years=YEARS, formats=formats, error_rate=error_rate,
             seed=seed, workers=workers)
    seconds = time.perf_counter() - start
    done.write_text(json.dumps({"seconds": round(seconds, 2), "generator": fingerprint}))
    return folder, seconds, False


# --- one optimised run (in its own process) --------------------------------------------------


def run_optimised(province: Path, work: Path) -> dict[str, Any]:
    from rich.console import Console

    from disclosure_audit.flows.local import run_flow

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    db_url = f"sqlite:///{(work / 'warehouse.sqlite').resolve()}"
    landing = province / "landing"
    console = Console(file=open(os.devnull, "w"))  # no progress bar in the benchmark's output
    with TreeRss() as rss:
        start = time.perf_counter()
        summary = run_flow("province-audit", console, path=str(landing), manifest=str(landing / "manifest.csv"),
                           roster=str(province / "roster.csv"), year=None, db_url=db_url, out=str(work / "report"),
                           dry_run_alerts=str(work / "emails"))
        wall = time.perf_counter() - start
    seconds = summary.get("seconds", {})
    stages = {s: seconds.get(s, 0.0) for s in STAGES}
    stages["other"] = round(wall - sum(stages.values()), 3)  # Prefect server start, flow set-up and tear-down
    quality = scored(province, load_findings(db_url, summary["run_id"]))
    return {
        "reports": summary["reports"], "files": summary["files"], "findings": summary["findings"],
        "wall_seconds": round(wall, 2), "reports_per_second": round(summary["reports"] / wall, 1),
        "stage_seconds": stages, "peak_rss_tree_mb": round(rss.peak / 2**20, 1), "rusage": rusage_mb(), "cpu_seconds": rss.cpu,
        "alerts_sent": summary["alerts_sent"], "outputs": sorted(summary.get("outputs", {})), "quality": quality,
    }


# --- the naive design (in its own process) ---------------------------------------------------


def run_naive(province: Path, work: Path, sample: int, seed: int) -> dict[str, Any]:
    """One Prefect task per report (parse, check alone, store), on ``sample`` reports."""
    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE
    from rich.console import Console

    from disclosure_audit.checks import run_checks
    from disclosure_audit.manifest import load_manifest
    from disclosure_audit.offline import ensure_offline
    from disclosure_audit.pipeline import store
    from disclosure_audit.pipeline.discover import discover
    from disclosure_audit.pipeline.parse import parse_chunk

    ensure_offline()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    db_url = f"sqlite:///{(work / 'warehouse.sqlite').resolve()}"
    landing = province / "landing"
    found = discover(landing, load_manifest(landing / "manifest.csv"), landing / "manifest.csv")
    rng = random.Random(seed)
    picks = rng.sample(found.sources, min(sample, len(found.sources) - 1))
    warm = next(s for s in found.sources if s not in picks)
    warm_batch = parse_chunk([warm])
    run_checks(warm_batch.records)  # imports (pandas, pandera, GX) and GX's context outside the timing

    @task(name="naive-report", cache_policy=NO_CACHE)
    def one_report(source: Any, run_id: int) -> int:
        parsed = parse_chunk([source])  # this one file
        findings = list(parsed.unreadable)
        if parsed.records:
            findings += run_checks(parsed.records)  # pandera + GX on a one-row frame
        store.store(db_url, run_id, parsed.records, findings, None)
        return len(findings)

    @flow(name="naive-audit")
    def naive_audit() -> dict[str, float]:
        run_id = store.start_run(db_url, "naive", {})
        start = time.perf_counter()
        n = sum(one_report(s, run_id) for s in picks)
        return {"seconds": time.perf_counter() - start, "findings": n}

    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}), TreeRss() as rss:
        Console()  # same imports as the optimised run
        out = naive_audit()
    formats: dict[str, int] = {}
    for s in picks:
        formats[Path(s.path).suffix.lstrip(".")] = formats.get(Path(s.path).suffix.lstrip("."), 0) + 1
    return {"reports": len(picks), "formats": formats, "seconds": round(out["seconds"], 2),
            "seconds_per_report": round(out["seconds"] / len(picks), 4), "findings": out["findings"],
            "peak_rss_tree_mb": round(rss.peak / 2**20, 1)}


# --- driver ----------------------------------------------------------------------------------


def in_child(args: list[str], script: Path | None = None) -> dict[str, Any]:
    """Run ``--child ...`` of ``script`` (this one by default) in a fresh interpreter (own RSS, own
    Prefect server); its last line of output is the step's JSON."""
    env = {**os.environ, "PREFECT_LOGGING_LEVEL": "WARNING", "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run([sys.executable, str((script or Path(__file__)).resolve()), "--child", *args],
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-8000:])
        raise SystemExit(f"benchmark step failed: {' '.join(args)}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def quiet_machine() -> str:
    try:
        return f"load average {os.getloadavg()[0]:.2f} at start"
    except OSError:
        return "load average unknown"


def versions() -> dict[str, str]:
    from importlib.metadata import version

    names = ("prefect", "great-expectations", "pandera", "pandas", "sqlalchemy", "pypdfium2", "pdfplumber", "selectolax")
    return {n: version(n) for n in names}


def print_table(result: dict[str, Any]) -> None:
    runs = result["runs"]
    cols = [str(r["reports"]) for r in runs]
    rows: list[tuple[str, list[str]]] = [
        ("reports audited", [str(r["reports"]) for r in runs]),
        ("generation s (not counted)", [f"{r['generation_seconds']:.1f}" for r in runs]),
        ("end to end s", [f"{r['wall_seconds']:.1f}" for r in runs]),
        *([("  every repeat s", ["/".join(f"{w:.0f}" for w in r["wall_seconds_all"]) for r in runs])]
          if any(r.get("repeats", 1) > 1 for r in runs) else []),
        ("reports / s", [f"{r['reports_per_second']:.0f}" for r in runs]),
        ("ms / report", [f"{1000 * r['wall_seconds'] / r['reports']:.2f}" for r in runs]),
    ]
    for s in (*STAGES, "other"):
        rows.append((f"  {s} s", [f"{r['stage_seconds'].get(s, 0):.2f}" for r in runs]))
    rows += [
        ("peak RSS, process tree MB", [f"{r['peak_rss_tree_mb']:.0f}" for r in runs]),
        *([("  highest of the repeats MB", [f"{r['peak_rss_tree_mb_max']:.0f}" for r in runs])]
          if any(r.get("repeats", 1) > 1 for r in runs) else []),
        ("peak RSS, flow process MB", [f"{r['rusage']['self_mb']:.0f}" for r in runs]),
        *((f"CPU s, {role}", [f"{r.get('cpu_seconds', {}).get(role, 0):.1f}" for r in runs])
          for role in ("flow process", "parse workers", "outputs worker", "prefect server")),
        ("findings", [str(r["findings"]) for r in runs]),
        ("precision (all rules)", [f"{r['quality']['totals']['precision']:.4f}" for r in runs]),
        ("recall (all rules)", [f"{r['quality']['totals']['recall']:.4f}" for r in runs]),
        ("100 % in every repeat", ["yes" if r.get("every_repeat_exact", True) else "NO" for r in runs]),
    ]
    width = max(len(r[0]) for r in rows) + 2
    print(f"{'':{width}}" + "".join(f"{c:>12}" for c in cols))
    for name, vals in rows:
        print(f"{name:{width}}" + "".join(f"{v:>12}" for v in vals))
    for r in runs:
        bad = {k: v for k, v in r["quality"]["rules"].items() if v["precision"] < 1 or v["recall"] < 1}
        print(f"{r['reports']} reports: rules below 100% precision/recall: "
              + (", ".join(f"{k} (P {v['precision']:.3f}, R {v['recall']:.3f}, fp {v['fp']}, fn {v['fn']})" for k, v in bad.items()) or "none"))
    if "linearity" in result:
        lin = result["linearity"]
        s, ms = lin["sizes"], lin["marginal_ms_per_report"]
        steps = [f"{s[i]}->{s[i + 1]}: {ms[i]:.2f} ms" + (f" (ratio {lin['marginal_ratios'][i - 1]:.2f})" if i else "")
                 for i in range(len(ms))]
        print("marginal cost per report " + ", ".join(steps) + f"; fixed part ~{lin['fixed_seconds_estimate']:.0f} s")
        for key, what in (("fit_1000_to_10000", "wall clock"), ("cpu_fit_1000_to_10000", "CPU seconds of the process tree")):
            if key in lin:
                fit = lin[key]
                print(f"linear fit of the {what} over the sizes from 1,000 to 10,000: {fit['fixed_seconds']:.1f} s + "
                      f"{fit['ms_per_report']:.2f} ms a report; each size's cost a report beyond the fixed part: "
                      + ", ".join(f"{n}: {m:.2f} ms" for n, m in zip(fit["sizes"], fit["variable_ms_per_report"]))
                      + f" (at most {fit['max_deviation_percent']:.0f} % from the fit's)")
    if "naive" in result:
        nv = result["naive"]
        print(f"naive design: {nv['reports']} reports {nv['formats']} in {nv['seconds']:.1f} s = {nv['seconds_per_report'] * 1000:.0f} ms/report; "
              f"optimised ({nv['compared_with']} reports) {nv['optimised_ms_per_report']:.2f} ms/report -> {nv['speedup']:.0f}x faster")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated report counts (the smallest: the fixed-cost baseline)")
    ap.add_argument("--big", action="store_true", help="also 100,000 reports")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--error-rate", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--naive-sample", type=int, default=60, help="reports of the naive run (0: skip it)")
    ap.add_argument("--gen-workers", type=int, default=2, help="processes that render the generated files")
    ap.add_argument("--repeat", type=int, default=1, help="audits of each size (its median is reported)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:  # one measured step in this fresh process: print its JSON as the last line
        kind, province, work = args.child[:3]
        if kind == "optimised":
            res = run_optimised(Path(province), Path(work))
        else:
            res = run_naive(Path(province), Path(work), int(args.child[3]), int(args.child[4]))
        print(json.dumps(res, ensure_ascii=False, default=str))
        return

    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()] + ([100_000] if args.big else [])
    result: dict[str, Any] = {
        "machine": f"{platform.machine()} cpus={os.cpu_count()} python {platform.python_version()}",
        "versions": versions(), "load": quiet_machine(), "pdf_reader": warn_if_slow_reader() if "pdf" in formats else None,
        "formats": list(formats), "error_rate": args.error_rate,
        "seed": args.seed, "years": [YEARS[0], YEARS[-1]],
        "command": " ".join(["bench/bench_e2e.py", *sys.argv[1:]]), "runs": [],
    }
    work = RESULTS / "e2e-work"
    # Every province is written before any audit, so that the generator's processes never share
    # the cores with a measured run.
    provinces: dict[int, tuple[Path, float]] = {}
    for n in sizes:
        province, gen_s, reused = ensure_province(n, formats, args.error_rate, args.seed, args.gen_workers)
        provinces[n] = (province, gen_s)
        print(f"{n} reports: province {province} ({'reused' if reused else 'generated'}, {gen_s:.0f} s to generate)", flush=True)
    # One unmeasured run first: on a fresh machine the first run also compiles every module's
    # bytecode, builds the font cache and creates Prefect's database (~40 s seen), which would
    # count as the smallest size's fixed cost and hide the per-report cost.
    print(f"warm-up: auditing {sizes[0]} reports once, not measured…", flush=True)
    in_child(["optimised", str(provinces[sizes[0]][0]), str(work / "warm-up")])
    # --repeat: every size audited that many times, round after round (so that a slower spell of
    # the host falls on every size alike); each size is then its median run
    trials: dict[int, list[dict[str, Any]]] = {n: [] for n in sizes}
    for k in range(max(1, args.repeat)):
        for n in sizes:
            print(f"{n} reports: auditing" + (f" ({k + 1} of {args.repeat})" if args.repeat > 1 else "") + "…", flush=True)
            run = in_child(["optimised", str(provinces[n][0]), str(work / f"r{n}")])
            trials[n].append(run)
            print(f"  {run['wall_seconds']:.1f} s end to end, {run['reports_per_second']:.0f} reports/s", flush=True)
    for n in sizes:
        result["runs"].append(median_run(trials[n], size=n, generation_seconds=provinces[n][1], province=str(provinces[n][0])))
    runs = result["runs"]
    if len(runs) >= 3:
        # A run costs a fixed part (server start, imports, GX's expectation graph, the report's
        # charts) plus a part per report. Linear growth: the marginal cost per report is the same
        # from each size to the next (100 -> 1,000, 1,000 -> 10,000, 10,000 -> 100,000); the ratio
        # is each step's marginal cost over the first step's.
        steps = list(zip(runs, runs[1:]))
        marginal = [(b["wall_seconds"] - a["wall_seconds"]) / (b["reports"] - a["reports"]) for a, b in steps]
        a, b = steps[0]
        result["linearity"] = {
            "sizes": [r["reports"] for r in runs],
            "marginal_ms_per_report": [round(1000 * m, 3) for m in marginal],
            "marginal_ratios": [round(m / marginal[0], 3) for m in marginal[1:]],
            "fixed_seconds_estimate": round(b["wall_seconds"] - marginal[0] * b["reports"], 2),
            "ms_per_report_including_fixed": [round(1000 * r["wall_seconds"] / r["reports"], 2) for r in runs],
        }
        span = [r for r in runs if 1_000 <= r["size"] <= 10_000]
        fit = linear_fit([(r["reports"], r["wall_seconds"]) for r in span])
        if fit is not None:
            result["linearity"]["fit_1000_to_10000"] = fit
            # the same over the CPU seconds of the whole tree: the work itself, without how well a
            # run of that size keeps both cores busy (a run of 1,000 has four parse chunks)
            result["linearity"]["cpu_fit_1000_to_10000"] = linear_fit([(r["reports"], r["cpu_seconds_total"]) for r in span])
    if args.naive_sample > 0 and result["runs"]:
        base = next((r for r in result["runs"] if r["reports"] >= args.naive_sample * 5), result["runs"][-1])
        naive = in_child(["naive", base["province"], str(work / "naive"), str(args.naive_sample), str(args.seed)])
        ref = max(result["runs"], key=lambda r: r["reports"] if r["reports"] <= 10_000 else 0)
        opt_ms = 1000 * ref["wall_seconds"] / ref["reports"]
        naive.update(compared_with=ref["reports"], optimised_ms_per_report=round(opt_ms, 3),
                     speedup=round(1000 * naive["seconds_per_report"] / opt_ms, 1))
        result["naive"] = naive
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "e2e.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    print()
    print_table(result)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
