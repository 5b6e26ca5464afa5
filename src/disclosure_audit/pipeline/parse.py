"""Parse one chunk of sources with ``audit.parse_files`` (a file that cannot be read becomes an
``ingest.unreadable`` finding carrying the manifest's unit and year; a chunk never raises for a
bad file), and put chunks together.

Parsing is CPU-bound pure Python: threads share one core (the GIL). With ``processes`` a chunk is
parsed in a pool of worker processes (``spawn``: the flow's process runs threads — Prefect's API,
the task runner — and must not be forked), one pool per run, so that a landing folder is read on
every core. ``pool_size`` decides when that pays (not for a handful of files: starting a
worker costs ~0.4 s).
"""

from __future__ import annotations

import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Iterable

from disclosure_audit.audit import ParsedBatch
from disclosure_audit.model import Finding
from disclosure_audit.pipeline.discover import Rejected, Source
from disclosure_audit.pipeline.orphans import spawn_pool

ParsedChunk = ParsedBatch  # records + unreadable findings


MIN_SOURCES_PER_PROCESS = 100  # below this, a worker's start-up costs more than it saves

_pool: ProcessPoolExecutor | None = None
_pool_size = 0
_pool_lock = threading.Lock()


def available_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def parse_processes(task_runner: str) -> int:
    """The most worker processes a run may parse with: one per core with the thread runner; 0
    (parse in the task's thread) with Dask, whose workers already are processes (and daemonic ones
    cannot start children), or on one core."""
    cores = available_cores()
    return cores if task_runner == "threads" and cores > 1 else 0


def pool_size(processes: int, sources: int) -> int:
    """Worker processes for ``sources`` files, at most ``processes``: none (0) when fewer than two
    would each get ``MIN_SOURCES_PER_PROCESS`` files."""
    n = min(processes, sources // MIN_SOURCES_PER_PROCESS)
    return n if n > 1 else 0


def _read(sources: list[Source]) -> ParsedChunk:
    from disclosure_audit.audit import parse_files

    batch = parse_files([Path(s.path) for s in sources], {s.path: s.entry for s in sources if s.entry})
    for rec in batch.records:
        # ~200 provenance notes a report ("table 3 row 5 col 2") but only a few thousand distinct
        # ones in a province: one shared string each (also once per pickled chunk) instead of
        # ~25 KB of copies per report, a quarter of a 10,000-report run's memory. The ~200 cell
        # keys of both dicts likewise: shared keys halve the records again (22 -> 11 MiB a 1,000).
        rec.values = {sys.intern(k): v for k, v in rec.values.items()}
        rec.provenance = {sys.intern(k): sys.intern(v) for k, v in rec.provenance.items()}
    return batch


def _get_pool(processes: int) -> ProcessPoolExecutor:
    global _pool, _pool_size
    with _pool_lock:
        if _pool is None or _pool_size != processes:
            if _pool is not None:
                _pool.shutdown()
            _pool = spawn_pool(processes)
            _pool_size = processes
        return _pool


def close_pool() -> None:
    """Stop the worker processes (the run's parse step is over: give their memory back)."""
    global _pool, _pool_size
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown()
        _pool, _pool_size = None, 0


CRASH_REASON = "解析时读取进程意外退出（文件可能过大或结构异常）；请另存为 txt 或 pdf 后重新上传"


def _discard(pool: ProcessPoolExecutor) -> None:
    """Drop a pool a dead worker broke (once, whichever chunk saw it first); the next chunk starts
    a fresh one."""
    global _pool, _pool_size
    with _pool_lock:
        if _pool is pool:
            _pool, _pool_size = None, 0
    pool.shutdown(wait=False, cancel_futures=True)


def _in_pool(sources: list[Source], processes: int, reader: Callable[[list[Source]], ParsedChunk] = _read) -> ParsedChunk:
    """Read the sources in the pool. A worker that dies (out of memory, a crash in a C library)
    breaks the whole pool: the chunk is read again in halves in a fresh pool, down to the one file
    that still kills a worker, which becomes an unreadable finding. The run goes on."""
    pool = _get_pool(processes)
    try:
        return pool.submit(reader, sources).result()
    except BrokenProcessPool:
        _discard(pool)
    if len(sources) == 1:
        from disclosure_audit.checks.ingest import unreadable_finding

        return ParsedChunk([], [unreadable_finding(sources[0].path, CRASH_REASON, sources[0].entry)])
    mid = len(sources) // 2
    return merge([_in_pool(sources[:mid], processes, reader), _in_pool(sources[mid:], processes, reader)])


def parse_chunk(sources: Iterable[Source], processes: int = 0) -> ParsedChunk:
    """Read every source of the chunk; ``processes`` > 1: in the run's pool of that many worker
    processes (the records come back pickled)."""
    sources = list(sources)
    if processes > 1 and sources:
        return _in_pool(sources, processes)
    return _read(sources)


def rejected_findings(rejected: Iterable[Rejected]) -> list[Finding]:
    """The unreadable findings of files that were not parsed at all (unsupported or missing)."""
    from disclosure_audit.checks.ingest import unreadable_finding

    return [unreadable_finding(r.path, r.reason, r.entry) for r in rejected]


def merge(chunks: Iterable[ParsedChunk]) -> ParsedChunk:
    """All chunks as one, in chunk order."""
    out = ParsedChunk()
    for c in chunks:
        out.records.extend(c.records)
        out.unreadable.extend(c.unreadable)
    return out


def keep_year(parsed: ParsedChunk, year: int | None) -> tuple[ParsedChunk, int]:
    """Drop records of another year than ``year`` (records with no year are kept: the checks flag
    them); returns the kept chunk and how many were left out."""
    if year is None:
        return parsed, 0
    kept = [r for r in parsed.records if r.year is None or r.year == year]
    return ParsedChunk(kept, [f for f in parsed.unreadable if f.year is None or f.year == year]), len(parsed.records) - len(kept)


def present(unreadable: Iterable[Finding]) -> set[tuple[str, int]]:
    """(unit, year) of units whose report arrived but could not be read: not roster.missing."""
    return {(f.unit, f.year) for f in unreadable if f.unit and f.year is not None}
