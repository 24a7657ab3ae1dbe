"""Checking many files on every core: chunks of files shared by this process and workers, results in input order.

Workers are forked once the parent has imported the engine and loaded the configuration and
rule packs, so they start with everything a check needs and reuse the parent's session. The
parent checks chunks too rather than waiting: with ``jobs`` cores it forks ``jobs - 1`` workers,
hands each worker chunks as it frees up and checks the next chunk itself in between. Chunks
shrink towards the end of the run (guided sizes), so the last ones finish close together.
Each chunk is checked exactly as a single process would check it, so the output is
byte-identical to ``--jobs 1``; a worker sends back each file's compact result packed into bytes
(findings and the few source lines they point at, never documents or models), which the parent
keeps as they are (:mod:`designlint.engine.result_store`). Below ``MIN_FILES`` files, or with one
job, everything runs in this process: a worker's start-up costs more than checking a handful of
designs.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from designlint.engine.result_store import PackedResult, ResultStore, pack
from designlint.engine.runner import FileResult
from designlint.engine.session import CheckSession, Overrides

if TYPE_CHECKING:
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    from designlint.engine.cache import ResultCaches
else:
    # Most checks are of a few files and never start a pool; importing multiprocessing and
    # concurrent.futures costs such a check more than checking a design, so both load when a
    # pool is made.
    class _Multiprocessing:
        @staticmethod
        def get_context(method: str) -> Any:
            import multiprocessing

            return multiprocessing.get_context(method)

    multiprocessing = _Multiprocessing()

    def ProcessPoolExecutor(*args: Any, **kwargs: Any) -> Any:
        from concurrent.futures import ProcessPoolExecutor as executor

        return executor(*args, **kwargs)


MIN_FILES = 16  # fewer files than this are checked in-process
# Guided chunk sizes: each chunk is about 1/(GUIDE * jobs) of the files not yet handed out, so
# the first chunks are large (little per-chunk cost) and the last are small (no core waits long
# for another to finish), never below MIN_CHUNK files.
GUIDE = 2
MIN_CHUNK = 4
PROGRESS_STEP = 32  # files checked in this process between progress updates
COMPACT_BATCH = 16  # files checked before their results are packed (full results are large)
# A check allocates many short-lived objects and no garbage cycles worth chasing file by file:
# the youngest generation is collected after this many allocations instead of CPython's 700.
YOUNG_THRESHOLD = 50_000

Files = list[tuple[Path, str]]

# The session a forked worker inherits from the parent (set just before the pool starts).
_inherited: CheckSession | None = None
_worker_caches: ResultCaches | None = None  # a worker's result caches, made by its first chunk


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def quiet_collector() -> Iterator[None]:
    """Keep the cyclic collector off what is already loaded (modules, rule packs) and rare
    during the check; results are compact, so what stays alive is little to scan."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _check_chunk(
    overrides: Overrides,
    use_cache: bool,
    chunk: Files,
    session: CheckSession | None = None,
    caches: ResultCaches | None = None,
) -> tuple[list[PackedResult], list[str]]:
    """A chunk's packed results, and why a result cache could not be used (told once by the caller)."""
    global _inherited, _worker_caches
    if session is None:  # in a worker: the session and caches serve every chunk it checks
        session = _inherited = _inherited or CheckSession(overrides, keep_designs=False)
        if use_cache:
            caches = _worker_caches = _worker_caches or _new_caches()
    # A few files at a time, each packed at once: a whole chunk's documents and models alive
    # together would make memory grow with the size of the run.
    batches = [chunk[start : start + COMPACT_BATCH] for start in range(0, len(chunk), COMPACT_BATCH)]
    if not use_cache:
        return [result for batch in batches for result in _packed(batch, session.check(batch))], []
    from designlint.engine.cache import check_with_cache

    caches = caches or _new_caches()
    packed = [
        result for batch in batches for result in _packed(batch, check_with_cache(session, batch, caches))
    ]
    return packed, caches.problems()


def _new_caches() -> ResultCaches:
    from designlint.engine.cache import ResultCaches

    return ResultCaches()


def _packed(chunk: Files, results: list[FileResult]) -> list[PackedResult]:
    from designlint.analysis.context import release
    from designlint.engine.organisation import load_index

    out = []
    for (path, display), result in zip(chunk, results):
        # A result from the cache has no organisation index: read it here, on this core, rather
        # than after the whole run (a fresh result without one has no design to index).
        answered_by_cache = result.partial_design is None and result.organisation is None
        if answered_by_cache and "#" in result.text and not result.internal_error:
            result.organisation = load_index(path, display)
        if result.partial_design is not None:
            release(result.partial_design)
        out.append(pack(result))
    return out


@dataclass
class Checked:
    results: ResultStore  # every file's result, packed until it is read
    cache_problems: list[str]  # why a result cache was not used, sorted, each once


ChunkResult = tuple[list[PackedResult], list[str]]


def check_files(
    overrides: Overrides,
    files: Files,
    *,
    jobs: int,
    use_cache: bool,
    on_progress: Callable[[int], None] = lambda done: None,
    session: CheckSession | None = None,
) -> Checked:
    """Compact results for ``files`` in input order. In this process (reusing ``session`` when
    given) when running in parallel would not pay; on ``jobs`` cores otherwise (this process
    and ``jobs - 1`` workers)."""
    global _inherited
    session = session or CheckSession(overrides, keep_designs=False)
    if files:
        session.engine_for(files[0][0])  # configuration and packs loaded before the collector freezes
    # One set of result caches for this process's share: each cache folder is set up once.
    caches = _new_caches() if use_cache else None
    collected = _Collected(on_progress)
    with quiet_collector():
        if jobs <= 1 or len(files) < MIN_FILES:
            in_steps = [files[start : start + PROGRESS_STEP] for start in range(0, len(files), PROGRESS_STEP)]
            for number, chunk in enumerate(in_steps):
                collected.add(number, _check_chunk(overrides, use_cache, chunk, session, caches))
            return collected.checked()
        # fork: workers inherit the imported modules and the loaded session, so they start at once.
        context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        _inherited = session if context is not None else None
        try:
            with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=context) as pool:
                dealer = Dealer(files, jobs)
                _Sharing(pool, dealer, overrides, use_cache).run(jobs - 1, collected, session, caches)
        finally:
            _inherited = None
    return collected.checked()


class Dealer:
    """Hands out ``files`` in order, in chunks of guided sizes: each about 1/(GUIDE * jobs) of the
    files not yet handed out, so the first chunks are large (little cost per chunk) and the
    last are small (no core waits long for another to finish its last chunk)."""

    def __init__(self, files: Files, jobs: int) -> None:
        self.files = files
        self.jobs = jobs
        self.dealt = 0  # chunks handed out so far (the next chunk's number)
        self._start = 0  # the first file not yet handed out

    def take(self) -> tuple[int, Files] | None:
        """The next chunk and its number (chunks are numbered in file order), or None when done."""
        left = len(self.files) - self._start
        if not left:
            return None
        size = max(MIN_CHUNK, -(-left // (GUIDE * self.jobs)))
        chunk = self.files[self._start : self._start + size]
        self._start += len(chunk)
        self.dealt += 1
        return self.dealt - 1, chunk


class _Sharing:
    """The chunks of one run checked by the workers and by this process together.

    This process checks chunk after chunk; each worker is handed its next chunk the moment it
    finishes one (from the pool's result thread), so no worker waits for this process to finish
    a chunk of its own. Chunks are taken from one dealer under a lock.
    """

    def __init__(self, pool: ProcessPoolExecutor, dealer: Dealer, overrides: Overrides, use_cache: bool):
        self.pool = pool
        self.dealer = dealer
        self.overrides = overrides
        self.use_cache = use_cache
        self.lock = threading.Lock()
        self.handed_out: dict[int, Future[ChunkResult]] = {}  # by chunk number
        self.returned: list[tuple[int, Files]] = []  # taken for a worker that could not be given it
        self.stopped = False

    def run(
        self, workers: int, collected: _Collected, session: CheckSession, caches: ResultCaches | None
    ) -> None:
        try:
            for _ in range(workers):
                self._hand_out()
            while (taken := self._take()) is not None:
                number, chunk = taken
                collected.add(number, _check_chunk(self.overrides, self.use_cache, chunk, session, caches))
                with self.lock:
                    finished = [number for number, future in self.handed_out.items() if future.done()]
                    ready = [(number, self.handed_out.pop(number)) for number in finished]
                for number, future in ready:
                    collected.add(number, future.result())
            with self.lock:  # every chunk is taken: no worker is handed another
                rest = sorted(self.handed_out.items())
                self.handed_out.clear()
            for number, future in rest:
                collected.add(number, future.result())
        finally:
            with self.lock:
                self.stopped = True  # after an error: hand out nothing more
            for future in self.handed_out.values():
                future.cancel()

    def _take(self) -> tuple[int, Files] | None:
        with self.lock:
            if self.returned:
                return self.returned.pop()
            return self.dealer.take()

    def _hand_out(self, finished: Future[ChunkResult] | None = None) -> None:
        """Give a worker the next chunk (called again each time one of its chunks finishes)."""
        if finished is not None and (finished.cancelled() or finished.exception() is not None):
            return  # the error is raised where this chunk's result is read
        with self.lock:
            taken = None if self.stopped else self.dealer.take()
            if taken is None:
                return
            number, chunk = taken
            try:
                future = self.pool.submit(_check_chunk, self.overrides, self.use_cache, chunk)
            except RuntimeError:  # the pool is shutting down or broken: this process checks it
                self.returned.append(taken)
                return
            self.handed_out[number] = future
        future.add_done_callback(self._hand_out)


class _Collected:
    """Chunk results as they finish, in any order, kept in input order."""

    def __init__(self, on_progress: Callable[[int], None]) -> None:
        self.results = ResultStore()
        self.problems: set[str] = set()
        self._early: dict[int, ChunkResult] = {}  # finished before a chunk ahead of them
        self._following = 0  # the number of the next chunk to store
        self._on_progress = on_progress

    def add(self, number: int, chunk: ChunkResult) -> None:
        self._early[number] = chunk
        while self._following in self._early:
            packed, problems = self._early.pop(self._following)
            self.results.extend(packed)
            self.problems.update(problems)
            self._following += 1
        self._on_progress(len(self.results))

    def checked(self) -> Checked:
        return Checked(self.results, sorted(self.problems))
