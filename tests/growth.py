"""Measuring how work grows with its input, robustly on a busy machine.

CPU time of this process (other processes do not count), the garbage collector paused, small and
large runs interleaved and the best of several kept, so that one disturbed run does not decide.
These tests assert how time grows, never how long anything takes: four times the input costs
about four times as much when the work is linear and sixteen times when it is quadratic, so the
bound sits between the two (their geometric mean), and a measurement over it is repeated before
it fails, because a quadratic cost is over it every time and a disturbed machine is not.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

ALLOWED = 8  # four times the input may take at most eight times as long
FLOOR = 0.02  # seconds: below this, timer noise dominates
ATTEMPTS = 3


def cpu_seconds(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def best_times(
    small: Callable[[], object], large: Callable[[], object], runs: int = 5
) -> tuple[float, float]:
    """The fastest run of each, interleaved so a slow spell of the machine hits both alike."""
    best_small, best_large = float("inf"), float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(runs):
            best_small = min(best_small, cpu_seconds(small))
            best_large = min(best_large, cpu_seconds(large))
    finally:
        if enabled:
            gc.enable()
    return best_small, best_large


def assert_near_linear(small: Callable[[], object], large: Callable[[], object], runs: int = 5) -> None:
    """`large` does four times the work of `small`: it may take at most ALLOWED times as long."""
    measured = []
    for _ in range(ATTEMPTS):
        once, four_times = best_times(small, large, runs)
        if four_times <= ALLOWED * max(once, FLOOR):
            return
        measured.append(f"{four_times:.3f} s at 4x against {once:.3f} s at 1x")
    raise AssertionError("; ".join(measured))
