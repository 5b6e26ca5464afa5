"""Task runners: threads by default, Dask on request (a LocalCluster or an existing cluster).

With Dask, worker processes must talk to the same Prefect API as the flow: without
PREFECT_API_URL each worker would start an ephemeral server of its own (STACK-NOTES). The runner
therefore hands the flow's API URL and the offline variables to the LocalCluster's workers.
"""

from __future__ import annotations

import os
from typing import Any

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from disclosure_audit.offline import OFFLINE_ENV

TASK_RUNNERS: tuple[str, ...] = ("threads", "dask")


def current_api_url() -> str | None:
    """The API URL the running flow talks to (the ephemeral server's too), or None."""
    from prefect.context import FlowRunContext
    from prefect.settings import PREFECT_API_URL

    ctx = FlowRunContext.get()
    client = getattr(ctx, "client", None) if ctx else None
    url = getattr(client, "api_url", None)
    return str(url).rstrip("/") if url else PREFECT_API_URL.value()


def worker_env() -> dict[str, str]:
    """Environment for Dask workers: one Prefect API and no network."""
    env = {k: os.environ.get(k, v) for k, v in OFFLINE_ENV.items()}
    url = current_api_url()
    if url:
        env["PREFECT_API_URL"] = url
    return env


def make_task_runner(
    kind: str = "threads",
    *,
    max_workers: int | None = None,
    dask_address: str | None = None,
    dask_workers: int = 2,
    dask_threads: int = 1,
) -> TaskRunner[Any]:
    """``threads`` -> ThreadPoolTaskRunner; ``dask`` -> DaskTaskRunner on ``dask_address`` (an
    existing scheduler, e.g. ``tcp://10.0.0.5:8786``) or on a new LocalCluster of ``dask_workers``
    processes with ``dask_threads`` threads each."""
    if kind == "threads":
        return ThreadPoolTaskRunner(max_workers=max_workers)
    if kind != "dask":
        raise ValueError(f"未知的任务执行方式 {kind!r}；可选 {', '.join(TASK_RUNNERS)}")
    from prefect_dask import DaskTaskRunner

    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": dask_workers,
            "threads_per_worker": dask_threads,
            "processes": True,
            "dashboard_address": None,
            "env": worker_env(),
        }
    )
