"""The run's outputs for people: the HTML report and the Excel rectification list (整改清单),
written by ``disclosure_audit.report`` when that module is installed, and GX's Data Docs.

A run of many reports writes them in a worker process of its own, on the core the run's own
process leaves idle (both are pure Python: in a thread they would take turns with the run on one
core). ``start_worker`` spawns it when the checks begin; it imports GX meanwhile (and, in runs
that write their report there, the report's libraries and chart engine once it has validated
the frames it was given). The check step offers it the template frames, the largest first
(``remote_gx``, ``checks.RemoteGx``): the worker validates those it takes with GX, writes their
Data Docs and returns the violations, while the run's process stores the reports, validates the
other frames and runs the other rules; so every frame is validated once. In big runs ``write``
hands it the report too, written while the alerts go out. Whatever the worker could not do (it
died, or none was started) is done in this process.
"""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator

from disclosure_audit.pipeline.orphans import spawn_pool

# The worker starts (~3.5 CPU-seconds: Python, pandas, GX) on the core the checks leave idle and
# validates the largest frame (~4-5 s at any size: GX's cost is per expectation) while this process
# validates the other one: with both templates' frames that pays from a few hundred reports (991
# reports, 2 cores: check 10.1 -> 7.8 s). A run of one frame would wait for the worker's start
# unless the other rules take as long (from ~5,000 reports: cross-report rules, pandera).
MIN_REPORTS_TWO_FRAMES = 500
MIN_REPORTS_FOR_WORKER = 5_000
# The report moves there too from 1,500 reports: its libraries and chart engine (~2 CPU-seconds,
# started after the validation) must fit in the store and the alerts (report 2.1 -> 1.9 s at
# 1,983 reports, 2.7 -> 1.7 s at 4,959; at 991 it would wait for them).
MIN_REPORTS_FOR_REPORT = 1_500
# It takes every frame from 4,000 reports, only the largest below: the run's process has ~1 ms a
# report of its own work meanwhile (storing the reports and cells, pandera, the cross-report
# rules), and a second GX validation costs ~3.5 s at any size; with less than that to do, it
# validates the other frame itself instead of waiting for the worker to validate both.
MIN_REPORTS_ALL_FRAMES = 4_000

_worker: ProcessPoolExecutor | None = None
_writes_report = False  # whether the running worker writes the report (``MIN_REPORTS_FOR_REPORT``)
_frames_left = 0  # how many more template frames the running worker takes (``MIN_REPORTS_ALL_FRAMES``)
_lock = threading.Lock()


def wants_worker(reports: int, frames: int) -> bool:
    """Whether a run of ``reports`` reports in ``frames`` template frames gains from the worker."""
    return reports >= MIN_REPORTS_FOR_WORKER or (frames >= 2 and reports >= MIN_REPORTS_TWO_FRAMES)


def start_worker(reports: int, frames: int = 1) -> bool:
    """Spawn the outputs' worker process for a run of ``reports`` reports in ``frames`` template
    frames (see ``wants_worker``); whether one is running."""
    global _worker, _writes_report, _frames_left
    if not wants_worker(reports, frames):
        return False
    with _lock:
        if _worker is None:
            _worker = spawn_pool(1)
            _writes_report = reports >= MIN_REPORTS_FOR_REPORT
            _frames_left = max(frames, 1) if reports >= MIN_REPORTS_ALL_FRAMES else 1
            _worker.submit(warm_up)
    return True


def stop_worker() -> None:
    """Stop the worker if one is still running (a run that failed before its report)."""
    worker = _take_worker()
    if worker is not None:
        worker.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def worker_scope() -> Iterator[None]:
    """Stop the worker when the block ends, whether its outputs were written or not."""
    try:
        yield
    finally:
        stop_worker()


def worker_pids() -> set[int]:
    """The process id of the running worker (empty: none), for a benchmark's accounting."""
    with _lock:
        return set(getattr(_worker, "_processes", None) or {}) if _worker is not None else set()


def _take_worker() -> ProcessPoolExecutor | None:
    global _worker
    with _lock:
        worker, _worker = _worker, None
    return worker


def warm_up() -> None:
    """Import what GX's validation and Data Docs import. Nothing is written; a failure is left
    for the jobs."""
    with contextlib.suppress(Exception):
        from disclosure_audit.checks import engine_gx  # noqa: F401


def warm_up_report() -> None:
    """Import what the report imports (the warehouse's modules and SQLAlchemy too: ~0.5 s) and
    render one chart (vl-convert's first call starts its JavaScript engine, ~1 s); queued behind
    the validations, so that it does not delay them."""
    with contextlib.suppress(Exception):
        import altair as alt

        import disclosure_audit.warehouse  # noqa: F401
        from disclosure_audit.report import build, data, excel, html  # noqa: F401
        from disclosure_audit.report.charts import to_svg

        to_svg(alt.Chart(alt.Data(values=[{"x": 1}])).mark_bar().encode(x="x:Q"))


def remote_gx() -> Callable[[Any, str, Path], Callable[[], list[Any]] | None] | None:
    """``checks.RemoteGx`` handing frames to the worker; None when none is running (the check
    step then validates every frame itself)."""
    with _lock:
        return _submit_validation if _worker is not None else None


def _submit_validation(frame: Any, template_id: str, folder: Path) -> Callable[[], list[Any]] | None:
    """Hand the frame to the worker if it takes one more (None: validate it here); the call
    returned waits for its violations, or validates here when the worker could not (died,
    failed)."""
    global _frames_left
    with _lock:
        worker = _worker
        future: Future | None = None
        if worker is not None and _frames_left > 0:
            with contextlib.suppress(RuntimeError, BrokenProcessPool):  # shut down or broken: validated here
                future = worker.submit(validate_with_docs, frame, template_id, folder)
                _frames_left -= 1
                if _writes_report and _frames_left == 0:
                    worker.submit(warm_up_report)
    if future is None:
        return None
    redo = partial(validate_with_docs, frame, template_id, folder)

    def wait() -> list[Any]:
        try:
            return future.result()
        except Exception:  # noqa: BLE001 - the worker died or failed: validated here, or here it says why not
            return redo()

    return wait


def validate_with_docs(frame: Any, template_id: str, folder: Path) -> list[Any]:
    """GX's violations of one template's frame, its Data Docs written into ``folder``."""
    from disclosure_audit.checks import engine_gx

    return engine_gx.validate(frame, template_id, docs_dir=folder)


def write(db_url: str | None, run_id: Any, out: str) -> dict[str, str]:
    """{"html": path, "excel": path}; {} when the report module is not available. In the worker
    process when ``start_worker`` started one for a run of ``MIN_REPORTS_FOR_REPORT`` reports
    (the worker is used once, then stopped)."""
    with _lock:
        to_worker = _writes_report
    worker = _take_worker()
    try:
        if worker is not None and to_worker:
            try:
                return worker.submit(write_here, db_url, run_id, out).result()
            except BrokenProcessPool:
                pass  # the worker died (killed, out of memory): the report is written here instead
    finally:
        if worker is not None:
            worker.shutdown(wait=True)
    return write_here(db_url, run_id, out)


def write_here(db_url: str | None, run_id: Any, out: str) -> dict[str, str]:
    """``write`` in this process."""
    try:
        from disclosure_audit.report import write_report
    except ImportError:
        return {}
    from disclosure_audit.pipeline.store import open_warehouse

    Path(out).mkdir(parents=True, exist_ok=True)
    written = write_report(open_warehouse(db_url), run_id, out)
    return {k: str(v) for k, v in dict(written or {}).items()}
