"""The run's outputs for people: the HTML report and the Excel rectification list (整改清单),
written by ``disclosure_audit.report`` when that module is installed, and GX's Data Docs.

A run of many reports writes them in a worker process of its own, on the core the run's own
process leaves idle (both are pure Python: in a thread they would take turns with the run on one
core). ``start_worker`` spawns it when the checks begin; it imports the libraries and starts the
chart renderer meanwhile. The check step hands it each template's frame for the Data Docs
(``data_docs_writer``: GX validates the frame a second time there, with Data Docs, while this
process validates it without them for the findings), and ``write`` hands it the report, written
while the alerts go out. Whatever the worker could not do (it died, or none was started) is done
in this process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator

# The worker's start (~5 CPU-seconds: GX, altair, the chart engine) must fit in the checks and the
# store it overlaps. Measured on 2 cores: at 1,000 reports it did not (the run waited 7.0 s for the
# report instead of 1.9 s), at 10,000 it took ~3 s off the run.
MIN_REPORTS_FOR_WORKER = 5_000

_worker: ProcessPoolExecutor | None = None
_pending: list[tuple[Future, Callable[[], None]]] = []  # Data Docs handed to the worker; how to redo each here
_lock = threading.Lock()


def start_worker(reports: int) -> bool:
    """Spawn the outputs' worker process for a run of ``reports`` reports (none below
    ``MIN_REPORTS_FOR_WORKER``); whether one is running."""
    global _worker
    if reports < MIN_REPORTS_FOR_WORKER:
        return False
    with _lock:
        if _worker is None:
            _worker = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            _worker.submit(warm_up)
    return True


def stop_worker() -> None:
    """Stop the worker if one is still running (a run that failed before its report)."""
    worker = _take_worker()
    with _lock:
        _pending.clear()
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
    """Import what the Data Docs and the report import and render one chart (vl-convert's first
    call starts its JavaScript engine, ~1 s). Nothing is written; a failure is left for the jobs."""
    with contextlib.suppress(Exception):
        import altair as alt

        from disclosure_audit.checks import engine_gx  # noqa: F401
        from disclosure_audit.report import build, data, excel, html  # noqa: F401
        from disclosure_audit.report.charts import to_svg

        to_svg(alt.Chart(alt.Data(values=[{"x": 1}])).mark_bar().encode(x="x:Q"))


def data_docs_writer() -> Callable[[Any, str, Path], None] | None:
    """``checks.DocsWriter`` handing the Data Docs to the worker; None when none is running (the
    check step then writes them itself)."""
    with _lock:
        return _submit_data_docs if _worker is not None else None


def _submit_data_docs(frame: Any, template_id: str, folder: Path) -> None:
    redo = partial(write_data_docs, frame, template_id, folder)
    with _lock:
        worker = _worker
        if worker is not None:
            with contextlib.suppress(RuntimeError, BrokenProcessPool):  # shut down or broken: redo here
                _pending.append((worker.submit(write_data_docs, frame, template_id, folder), redo))
                return
    redo()


def write_data_docs(frame: Any, template_id: str, folder: Path) -> None:
    """GX's Data Docs of one template's frame (its validation again, with Data Docs)."""
    from disclosure_audit.checks import engine_gx

    engine_gx.validate(frame, template_id, docs_dir=folder)


def finish_data_docs() -> None:
    """Wait for the Data Docs handed to the worker; write here those it could not."""
    with _lock:
        pending = _pending[:]
        _pending.clear()
    for future, redo in pending:
        try:
            future.result()
        except Exception:  # noqa: BLE001 - the worker died or failed: here it writes them or says why not
            redo()


def write(db_url: str | None, run_id: Any, out: str) -> dict[str, str]:
    """{"html": path, "excel": path}; {} when the report module is not available. In the worker
    process when ``start_worker`` started one (used once, then stopped), after the Data Docs."""
    worker = _take_worker()
    try:
        finish_data_docs()
        if worker is not None:
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
