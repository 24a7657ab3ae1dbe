"""Progress on a terminal for runs that take more than a second (never in CI logs or pipes)."""

from __future__ import annotations

import sys
import time

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
