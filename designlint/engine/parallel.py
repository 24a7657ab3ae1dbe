"""Checking many files on every core: chunks of files in worker processes, results in input order.

Workers are forked once the parent has imported the engine and loaded the configuration and
rule packs, so they start with everything a check needs and reuse the parent's session. Each
checks its chunk exactly as a single process would, so the output is byte-identical to
``--jobs 1``, and sends back each file's compact result packed into bytes (findings and the few
source lines they point at, never documents or models), which the parent keeps as they are
(:mod:`designlint.engine.result_store`). Below ``MIN_FILES`` files, or with one job, everything runs in
this process: a worker's start-up costs more than checking a handful of designs.
"""

from __future__ import annotations

import gc
import os
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
    from concurrent.futures import ProcessPoolExecutor
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
CHUNKS_PER_JOB = 4  # enough chunks to balance uneven files without paying much per chunk
COMPACT_BATCH = 16  # files checked before their results are packed (full results are large)
# A check allocates many short-lived objects and no garbage cycles worth chasing file by file:
# the youngest generation is collected after this many allocations instead of CPython's 700.
YOUNG_THRESHOLD = 50_000

Files = list[tuple[Path, str]]

# The session a forked worker inherits from the parent (set just before the pool starts).
_inherited: CheckSession | None = None


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
    overrides: Overrides, use_cache: bool, chunk: Files, session: CheckSession | None = None, caches=None
) -> tuple[list[PackedResult], list[str]]:
    """A chunk's packed results, and why a result cache could not be used (told once by the caller)."""
    session = session or _inherited or CheckSession(overrides, keep_designs=False)
    # A few files at a time, each packed at once: a whole chunk's documents and models alive
    # together would make memory grow with the size of the run.
    batches = [chunk[start : start + COMPACT_BATCH] for start in range(0, len(chunk), COMPACT_BATCH)]
    if not use_cache:
        return [result for batch in batches for result in _packed(batch, session.check(batch))], []
    from designlint.engine.cache import ResultCaches, check_with_cache

    caches = caches or ResultCaches()
    packed = [
        result for batch in batches for result in _packed(batch, check_with_cache(session, batch, caches))
    ]
    return packed, caches.problems()


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


def chunked(files: Files, jobs: int) -> list[Files]:
    size = max(1, -(-len(files) // (jobs * CHUNKS_PER_JOB)))
    return [files[start : start + size] for start in range(0, len(files), size)]


@dataclass
class Checked:
    results: ResultStore  # every file's result, packed until it is read
    cache_problems: list[str]  # why a result cache was not used, sorted, each once


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
    given) when running in parallel would not pay; in ``jobs`` worker processes otherwise."""
    global _inherited
    results = ResultStore()
    problems: set[str] = set()
    session = session or CheckSession(overrides, keep_designs=False)
    if files:
        session.engine_for(files[0][0])  # configuration and packs loaded before the collector freezes
    with quiet_collector():
        if jobs <= 1 or len(files) < MIN_FILES:
            caches = None
            if use_cache:
                from designlint.engine.cache import ResultCaches

                caches = ResultCaches()  # one for the run: each cache folder is set up once
            for chunk in chunked(files, 4):
                chunk_results, chunk_problems = _check_chunk(overrides, use_cache, chunk, session, caches)
                problems.update(chunk_problems)
                results.extend(chunk_results)
                on_progress(len(results))
            return Checked(results, sorted(problems))
        # fork: workers inherit the imported modules and the loaded session, so they start at once.
        context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        _inherited = session if context is not None else None
        try:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
                futures = [
                    pool.submit(_check_chunk, overrides, use_cache, chunk) for chunk in chunked(files, jobs)
                ]
                for future in futures:  # in submission order: output never depends on which finished first
                    chunk_results, chunk_problems = future.result()
                    results.extend(chunk_results)
                    problems.update(chunk_problems)
                    on_progress(len(results))
        finally:
            _inherited = None
    return Checked(results, sorted(problems))
