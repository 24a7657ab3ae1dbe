"""Checking many files on every core: chunks of files in worker processes, results in input order.

Each worker builds its own session (configuration and rule packs, loaded once per chunk) and
checks its chunk exactly as a single process would, so the output is byte-identical to
``--jobs 1``. Below ``MIN_FILES`` files, or with one job, everything runs in this process: a
worker's start-up costs more than checking a handful of designs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from designlint.engine.runner import FileResult
from designlint.engine.session import CheckSession, Overrides

MIN_FILES = 16  # fewer files than this are checked in-process
CHUNKS_PER_JOB = 4  # enough chunks to balance uneven files without paying much per chunk

Files = list[tuple[Path, str]]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _check_chunk(overrides: Overrides, use_cache: bool, chunk: Files) -> tuple[list[FileResult], list[str]]:
    """A chunk's results, and why a result cache could not be used (told once by the caller)."""
    session = CheckSession(overrides, keep_designs=False)
    if not use_cache:
        return session.check(chunk), []
    from designlint.engine.cache import ResultCaches, check_with_cache

    caches = ResultCaches()
    return check_with_cache(session, chunk, caches), caches.problems()


def chunked(files: Files, jobs: int) -> list[Files]:
    size = max(1, -(-len(files) // (jobs * CHUNKS_PER_JOB)))
    return [files[start : start + size] for start in range(0, len(files), size)]


@dataclass
class Checked:
    results: list[FileResult]
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
    """Results for ``files`` in input order. In this process (reusing ``session`` when given)
    when running in parallel would not pay; in ``jobs`` worker processes otherwise."""
    results: list[FileResult] = []
    problems: set[str] = set()
    if jobs <= 1 or len(files) < MIN_FILES:
        caches = None
        for chunk in chunked(files, 4):
            if session is None:
                chunk_results, chunk_problems = _check_chunk(overrides, use_cache, chunk)
                problems.update(chunk_problems)
            elif use_cache:
                from designlint.engine.cache import ResultCaches, check_with_cache

                caches = caches or ResultCaches()
                chunk_results = check_with_cache(session, chunk, caches)
            else:
                chunk_results = session.check(chunk)
            results.extend(chunk_results)
            on_progress(len(results))
        if caches is not None:
            problems.update(caches.problems())
        return Checked(results, sorted(problems))
    # fork: workers inherit the imported modules, so they start in milliseconds.
    context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = [pool.submit(_check_chunk, overrides, use_cache, chunk) for chunk in chunked(files, jobs)]
        for future in futures:  # in submission order: output never depends on which finished first
            chunk_results, chunk_problems = future.result()
            results.extend(chunk_results)
            problems.update(chunk_problems)
            on_progress(len(results))
    return Checked(results, sorted(problems))
