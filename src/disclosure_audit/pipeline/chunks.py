"""Cut a list of work items into chunks: one Prefect task per chunk, never one per report."""

from __future__ import annotations

from typing import Sequence, TypeVar

T = TypeVar("T")

DEFAULT_CHUNK_SIZE = 250


def chunked(items: Sequence[T], size: int = DEFAULT_CHUNK_SIZE) -> list[list[T]]:
    """Consecutive chunks of at most ``size`` items (the last may be shorter); [] for no items."""
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, got {size}")
    return [list(items[i : i + size]) for i in range(0, len(items), size)]
