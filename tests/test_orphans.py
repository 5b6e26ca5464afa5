"""A run killed with SIGKILL leaves no worker behind: the parse pool's and the outputs' worker
processes end once their parent is gone (``pipeline.orphans``), the Prefect server of a local run
too (tests/test_local_api.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

STARTER = """
import time
from disclosure_audit.pipeline import outputs, parse
pool = parse._get_pool(1)
pool.submit(int, 1).result()  # the worker is up
outputs.start_worker(outputs.MIN_REPORTS_FOR_WORKER)
print(*pool._processes, *outputs.worker_pids(), flush=True)
time.sleep(300)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_workers_end_when_the_run_is_killed() -> None:
    starter = subprocess.Popen([sys.executable, "-c", STARTER], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(p) for p in starter.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
        starter.send_signal(signal.SIGKILL)
        starter.wait(10)
        deadline = time.monotonic() + 15
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = [p for p in workers if _alive(p)]
        for p in left:
            os.kill(p, signal.SIGKILL)
        assert not left, "worker processes outlived the run that started them"
    finally:
        starter.kill()
