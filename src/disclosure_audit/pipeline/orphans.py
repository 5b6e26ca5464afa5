"""Worker processes that leave when the run that started them is gone.

A run killed with SIGKILL (by hand, by the OOM killer) runs no exit handler, so its process pools
never shut their workers down; a worker blocked on its job queue would then sleep for ever,
holding its memory. ``exit_with_parent`` is the pools' initializer: it starts a daemon thread in
the worker that ends the worker once its parent process has changed (the orphan was adopted by
init or a subreaper). One ``os.getppid`` a second; nothing else is shared with the parent.
"""

from __future__ import annotations

import os
import threading
import time

CHECK_EVERY_S = 1.0


def exit_with_parent(parent: int) -> None:
    """Pool initializer (``initargs=(os.getpid(),)``: the parent's pid, taken in the parent, so a
    worker whose parent died while it started sees it): end this process (status 1) within
    ``CHECK_EVERY_S`` of its parent's death."""
    threading.Thread(target=_watch, args=(parent,), name="exit-with-parent", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(CHECK_EVERY_S)
    os._exit(1)
