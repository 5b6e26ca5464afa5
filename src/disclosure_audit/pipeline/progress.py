"""Progress of a run: the log line for data staff and an optional in-process listener.

A flow calls ``report(stage, done, total, logger)``: it logs ``已解析 2000/10000 份`` and, when the
CLI has registered a listener (``listening(fn)``), calls it so that a rich progress bar can follow.
A listener only works when the flow runs in the same process (``disclosure-audit run``).
"""

from __future__ import annotations

import contextlib
import logging
from typing import Callable, Iterator

Listener = Callable[[str, int, int], None]

STAGE_LABELS: dict[str, str] = {
    "discover": "已发现",
    "parse": "已解析",
    "check": "已审核",
    "store": "已入库",
    "alerts": "已发送提醒",
}

_listeners: list[Listener] = []


def message(stage: str, done: int, total: int) -> str:
    """The Chinese progress line, e.g. ``已解析 2000/10000 份``."""
    return f"{STAGE_LABELS.get(stage, stage)} {done}/{total} 份"


def report(stage: str, done: int, total: int, logger: logging.Logger | logging.LoggerAdapter | None = None) -> None:
    """Log the progress line and tell the listeners."""
    if logger is not None:
        logger.info(message(stage, done, total))
    for fn in list(_listeners):
        fn(stage, done, total)


@contextlib.contextmanager
def listening(fn: Listener) -> Iterator[None]:
    """Register ``fn(stage, done, total)`` for the duration of the block."""
    _listeners.append(fn)
    try:
        yield
    finally:
        _listeners.remove(fn)
