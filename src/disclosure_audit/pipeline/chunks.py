"""Cut a list of work items into chunks: one Prefect task per chunk, never one per report."""

from __future__ import annotations

from typing import Generic, Iterator, Sequence, TypeVar

T = TypeVar("T")

DEFAULT_CHUNK_SIZE = 250


def chunked(items: Sequence[T], size: int = DEFAULT_CHUNK_SIZE) -> list[list[T]]:
    """Consecutive chunks of at most ``size`` items (the last may be shorter); [] for no items."""
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, got {size}")
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


class Opaque(Generic[T]):
    """A chunk handed to a task as one plain object: Prefect walks a task's list and dataclass
    parameters item by item when the task starts (to resolve futures and record the inputs:
    ~4 s of the run's CPU for the ``Source``s of 10,000 files) but not an object like this one,
    which also pickles as it is (Dask; ``prefect.utilities.annotations.quote`` does not)."""

    __slots__ = ("items",)

    def __init__(self, items: Sequence[T]) -> None:
        self.items = list(items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)
