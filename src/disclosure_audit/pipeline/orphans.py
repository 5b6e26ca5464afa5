"""Worker processes that leave when the run that started them is gone.

A run killed with SIGKILL (by hand, by the OOM killer) runs no exit handler, so its process pools
never shut their workers down; a worker blocked on its job queue would then sleep for ever,
holding its memory. ``spawn_pool`` makes the run's pools (parse, outputs) with
``exit_with_parent`` as their initializer: a daemon thread in each worker ends it once its parent
process has changed (the orphan was adopted by init or a subreaper). One ``os.getppid`` a second;
nothing else is shared with the parent.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

CHECK_EVERY_S = 1.0


def spawn_pool(processes: int) -> ProcessPoolExecutor:
    """A pool of ``processes`` spawned workers (no fork: the run has threads) that end with this
    process."""
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                               initializer=exit_with_parent, initargs=(os.getpid(),))


def exit_with_parent(parent: int) -> None:
    """Pool initializer (``initargs=(os.getpid(),)``: the parent's pid, taken in the parent, so a
    worker whose parent died while it started sees it): end this process (status 1) within
    ``CHECK_EVERY_S`` of its parent's death."""
    threading.Thread(target=_watch, args=(parent,), name="exit-with-parent", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(CHECK_EVERY_S)
    os._exit(1)
