"""Progress on a terminal for runs that take more than a second (never in CI logs or pipes)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
DELAY = 1.0  # seconds before the first update: quick runs stay silent


class Progress:
    """Counts work done on one stderr line, rewritten in place, cleared when done."""

    def __init__(self, label: str, total: int, *, enabled: bool | None = None):
        self.label = label
        self.total = total
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self.shown = False

    def update(self, done: int) -> None:
        if not self.enabled or time.monotonic() - self.started < DELAY:
            return
        sys.stderr.write(f"\r{self.label} {done}/{self.total}")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def in_chunks(items: list[T], work: Callable[[list[T]], list], progress: Progress, size: int = 16) -> list:
    """``work(items)`` in chunks, reporting progress between them; results in input order."""
    results: list = []
    try:
        for start in range(0, len(items), size):
            results.extend(work(items[start : start + size]))
            progress.update(min(start + size, len(items)))
    finally:
        progress.close()
    return results


def counted(items: Iterable[T], progress: Progress) -> Iterator[T]:
    """Yield items, reporting progress after each."""
    try:
        for done, item in enumerate(items, 1):
            yield item
            progress.update(done)
    finally:
        progress.close()
