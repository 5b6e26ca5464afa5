"""Wall-clock seconds per stage of a run (discover, parse, check, store, alerts, report), for the
run's summary: where a run spends its time, without a profiler."""

from __future__ import annotations

import contextlib
import time
from typing import Iterator, Mapping


class StageClock:
    """Adds up the seconds spent in each named stage (``with clock.stage("parse"): ...``)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add({name: time.perf_counter() - start})

    def add(self, seconds: Mapping[str, float]) -> None:
        for name, s in seconds.items():
            self.seconds[name] = round(self.seconds.get(name, 0.0) + s, 3)
