"""The site's files made on every core: each design checked, drawn and written up in a worker.

A design's page depends on that design alone (:func:`designlint.site.generate.design_files`), so
workers each take chunks of the designs, in order, and send back the finished files and a small
summary of each design (findings, metadata, organisation index; never the model or its text).
The pages about all designs are then written here from the summaries. Everything is put together
in the designs' order, so the site is byte-identical to one made in a single process.

Workers are forked once the configuration and rule packs are loaded, so they start with
everything a check needs. Below :data:`MIN_DESIGNS` designs, with one core, or where forking is
not safe (a serving site runs other threads), everything is made in this process. What runs in
a worker logs at info level at most: a warning there would not count towards ``--strict``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from designlint.site.collect import (
    PROGRESS_EVERY,
    DesignEntry,
    FoundDesign,
    SiteInputs,
    check_design,
    find_designs,
    merged_rules,
)
from designlint.site.diagrams import DiagramCache
from designlint.site.generate import DesignFiles, design_files, generate, known_rules, site_files

MIN_DESIGNS = 8  # fewer designs than this are made in this process: a worker costs more to start
CHUNKS_PER_JOB = 4  # enough chunks to even out designs of different sizes


@dataclass
class Site:
    inputs: SiteInputs
    """The designs (summaries when made in workers) and the rules they ran with."""
    files: dict[str, str | bytes]
    """Every generated file, docs-relative path -> content, in the site's fixed order."""


@dataclass
class _Work:
    """What every worker needs, loaded once in this process and inherited when workers fork."""

    session: object
    cache: DiagramCache | None
    known_rules: frozenset[str]
    directory_urls: bool


@dataclass
class _Chunk:
    """A worker's share: its designs' summaries and files, and what its diagram cache did."""

    designs: list[DesignEntry]
    files: list[DesignFiles]
    icons: dict[str, bytes]
    drawn: int
    reused: int
    cache_problem: str | None


_inherited: _Work | None = None


def _make(chunk: list[FoundDesign]) -> _Chunk:
    work = _inherited
    if work is None:
        raise RuntimeError("site worker started without its work")
    cache = work.cache.sibling() if work.cache is not None else None
    designs, files = [], []
    for found in chunk:
        entry = check_design(work.session, found)
        files.append(design_files(entry, cache, work.known_rules, work.directory_urls))
        designs.append(entry.summary())  # the model and text stay here
    if cache is None:
        return _Chunk(designs, files, {}, 0, 0, None)
    return _Chunk(designs, files, cache.icons, cache.rendered, cache.reused, cache.problem)


def _fork_is_safe() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def _chunked(found: list[FoundDesign], jobs: int) -> list[list[FoundDesign]]:
    size = max(1, -(-len(found) // (jobs * CHUNKS_PER_JOB)))
    return [found[start : start + size] for start in range(0, len(found), size)]


def make_site(
    sources: list[Path],
    root: Path,
    cache: DiagramCache | None,
    directory_urls: bool = True,
    progress: Callable[[int, int], None] | None = None,
    jobs: int | None = None,
) -> Site:
    """Find, check and publish the designs under ``sources`` on ``jobs`` cores (default: all).

    Raises :class:`designlint.errors.UsageError` for a missing source.
    """
    from designlint.engine.parallel import default_jobs, quiet_collector
    from designlint.engine.session import CheckSession

    found = find_designs(sources, root)
    session = CheckSession()
    ruleset = merged_rules(session, found)  # every configuration and pack loaded before workers fork
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 2 or len(found) < MIN_DESIGNS or not _fork_is_safe():
        designs = []
        for number, design in enumerate(found, 1):
            designs.append(check_design(session, design))
            if progress is not None and (number % PROGRESS_EVERY == 0 or number == len(found)):
                progress(number, len(found))
        inputs = SiteInputs(designs, ruleset)
        return Site(inputs, generate(inputs, cache, directory_urls))
    if cache is not None:
        cache.missing_tools()  # looked up once, here, rather than in every worker
    work = _Work(session, cache, known_rules(ruleset), directory_urls)
    with quiet_collector():
        chunks = _run_workers(work, _chunked(found, jobs), jobs, len(found), progress)
    designs = [entry for chunk in chunks for entry in chunk.designs]
    made = [files for chunk in chunks for files in chunk.files]
    if cache is not None:
        for chunk in chunks:
            cache.icons.update(chunk.icons)
            cache.rendered += chunk.drawn
            cache.reused += chunk.reused
            if cache.folder is not None and cache.folder.problem is None:
                cache.folder.problem = chunk.cache_problem
    icons = cache.icons if cache is not None else {}
    return Site(SiteInputs(designs, ruleset), site_files(designs, made, icons, ruleset))


def _run_workers(
    work: _Work,
    chunks: list[list[FoundDesign]],
    jobs: int,
    total: int,
    progress: Callable[[int, int], None] | None,
) -> list[_Chunk]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _inherited
    _inherited = work
    done: list[_Chunk] = []

    def finished(chunk: _Chunk) -> None:
        done.append(chunk)
        if progress is not None:
            progress(sum(len(c.designs) for c in done), total)

    try:
        try:
            with ProcessPoolExecutor(
                max_workers=jobs, mp_context=multiprocessing.get_context("fork")
            ) as pool:
                for chunk in pool.map(_make, chunks):  # in submission order, whichever finished first
                    finished(chunk)
        except (BrokenProcessPool, OSError):  # workers could not run: make the rest here
            for chunk_designs in chunks[len(done) :]:
                finished(_make(chunk_designs))
    finally:
        _inherited = None
    return done
