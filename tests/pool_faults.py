"""Fault injection for the parse pool: a reader that parses as the product does, except that its
worker process dies (as on running out of memory) when a chunk holds a file named ``crash*``.
A module of its own: the pool's spawned workers import it by name."""

from __future__ import annotations

import os
from pathlib import Path

from disclosure_audit.pipeline import parse
from disclosure_audit.pipeline.discover import Source


def dying_reader(sources: list[Source]) -> parse.ParsedChunk:
    if any(Path(s.path).name.startswith("crash") for s in sources):
        os._exit(1)
    return parse._read(sources)
