"""Run a flow in this process (``disclosure-audit run``/``rerun``/``demo``): no Prefect server
needed (the ephemeral API), no heartbeat delay at the end, Prefect's own console logging kept
quiet unless asked for, and the progress bar fed by the flow."""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import threading
from typing import Any

from rich.console import Console

from disclosure_audit.offline import ensure_offline

FLOWS: dict[str, tuple[str, str]] = {
    "province-audit": ("disclosure_audit.flows.province_audit", "province_audit"),
    "rerun": ("disclosure_audit.flows.rerun", "rerun"),
}


def run_flow(name: str, console: Console, verbose: bool = False, **parameters: Any) -> dict[str, Any]:
    """Run the flow ``name`` with ``parameters`` and a progress bar; returns the flow's summary."""
    ensure_offline()
    if not verbose:  # must be set before Prefect configures logging (first import)
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from disclosure_audit.flows import local_api

    own = local_api.launch()  # boots while Prefect, the flows and the engines import below
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from disclosure_audit.pipeline import warmup
    from disclosure_audit.pipeline.display import progress_bar

    if own is not None and PREFECT_API_URL.value():  # a Prefect profile names a server: use that
        own.stop()
        own = None
    server = None if own is not None else start_ephemeral_api()
    warmup.start()  # GX & co. imported while the server starts
    module, attr = FLOWS[name]
    flow = getattr(importlib.import_module(module), attr)
    if server is not None:
        server.join()  # the flow's client finds the server running (and never one half-started)
    updates: dict[Any, Any] = {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
    if own is not None:
        if own.ready():
            updates[PREFECT_API_URL] = own.api_url
        else:  # did not come up: Prefect starts its own ephemeral server when the flow asks
            own.stop()
    if not verbose:  # GX sets this logger to INFO when imported: a filter outlives that
        logging.getLogger("great_expectations.data_context.types.base").addFilter(lambda r: r.levelno >= logging.WARNING)
    with temporary_settings(updates=updates), progress_bar(console):
        return flow(**parameters)


def start_ephemeral_api() -> threading.Thread | None:
    """Start Prefect's temporary API server on a thread, when the run will use one (no
    PREFECT_API_URL) and ``local_api`` did not start one (Prefect was already imported: tests, a
    second run in one process): the server process's ~3 s start-up then overlaps the imports of
    the flow and the checks instead of preceding the flow.
    Prefect keeps one such server a process (a singleton), which the flow's client finds running.
    None when a real server is configured."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return None
    from prefect.server.api.server import SubprocessASGIServer

    thread = threading.Thread(target=_start, args=(SubprocessASGIServer(),), name="prefect-ephemeral-api", daemon=True)
    thread.start()
    return thread


def _start(server: Any) -> None:
    # a server that fails to start here is started again by the flow's client, which reports why
    with contextlib.suppress(Exception):
        server.start()
