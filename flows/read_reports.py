"""The ``read-reports`` subflow: discover a landing folder and parse it in chunks, on the task
runner the caller chose (threads or Dask). It takes paths, not records, so that its parameters
stay small in the Prefect database."""

from __future__ import annotations

from prefect import flow, get_run_logger, unmapped
from prefect.futures import as_completed

from disclosure_audit.pipeline import progress
from disclosure_audit.pipeline.chunks import DEFAULT_CHUNK_SIZE, Opaque, chunked
from disclosure_audit.pipeline.discover import Discovery
from disclosure_audit.pipeline.scope import RerunScope
from disclosure_audit.pipeline.parse import ParsedChunk, close_pool, merge, pool_size
from disclosure_audit.pipeline.timing import StageClock
from disclosure_audit.flows.tasks import discover_reports, parse_chunk


class Ingested:
    """What the subflow read. A plain class on purpose: Prefect walks a flow's return value looking
    for futures, recursing into dataclasses, lists and dicts; over 10,000 records that walk alone
    took 13 s. It does not enter plain objects."""

    __slots__ = ("discovery", "parsed", "seconds")

    def __init__(self, discovery: Discovery, parsed: ParsedChunk, seconds: dict[str, float] | None = None) -> None:
        self.discovery = discovery
        self.parsed = parsed
        self.seconds = seconds or {}  # "discover", "parse"


@flow(name="read-reports")
def read_reports(
    path: str | None,
    manifest: str | None = None,
    year: int | None = None,
    exclude: list[str] | None = None,
    only: list[str] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    processes: int = 0,
    stored: tuple[str | None, RerunScope] | None = None,
) -> Ingested:
    """Discover the files (``only``: restrict to these paths; ``stored``: (warehouse URL, scope)
    whose stored rows fill in where the manifest has none: looked up in the discover task, not
    passed as a parameter, which Prefect's API refuses for a year's 2,000 rows) and parse them, one
    task per chunk;
    ``processes``: the chunk tasks may hand their files to a pool of up to that many worker
    processes (``pipeline.parse.pool_size``: not for a few files)."""
    log = get_run_logger()
    clock = StageClock()
    with clock.stage("discover"):
        found = discover_reports(path, manifest, year, exclude or [], only, stored)
    log.info(f"发现 {found.files} 个文件：{len(found.sources)} 份待解析，{len(found.rejected)} 个无法读取或缺失")
    with clock.stage("parse"):
        processes = pool_size(processes, len(found.sources))
        chunks = chunked(found.sources, chunk_size)
        # each chunk one opaque object: Prefect would walk its every Source (pipeline.chunks.Opaque)
        futures = parse_chunk.map([Opaque(c) for c in chunks], processes=unmapped(processes)) if chunks else []
        index = {f.task_run_id: i for i, f in enumerate(futures)}
        results: list[ParsedChunk | None] = [None] * len(chunks)
        done, total = 0, len(found.sources)
        try:
            for fut in as_completed(list(futures)):
                i = index[fut.task_run_id]
                results[i] = fut.result()
                done += len(chunks[i])
                progress.report("parse", done, total, log)
        finally:
            if processes > 1:
                close_pool()
        parsed = merge(r for r in results if r is not None)
    return Ingested(found, parsed, clock.seconds)
