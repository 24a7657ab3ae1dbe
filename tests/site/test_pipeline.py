"""The site made on every core is the site made in one process, byte for byte: pages, drawings,
icons, the pages about all designs, and what the diagram cache did."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from designlint.engine.cache_folder import CacheFolder
from designlint.site import pipeline
from designlint.site.diagrams import DiagramCache
from tests.conftest import DESIGNS
from tests.site.conftest import HOSTILE

pytestmark = pytest.mark.usefixtures("own_cache_key")

BROKEN = {
    "broken-yaml.yaml": "apiVersion: designlint/v1\nkind: Design\nmetadata: [unclosed\n",
    "invalid-section.yaml": (
        "apiVersion: designlint/v1\nkind: Design\nmetadata:\n  name: half\n  owners: [team-a]\n"
        "  status: draft\nscale:\n  peakQps: many\n"
    ),
}


@pytest.fixture
def designs(tmp_path) -> Path:
    folder = tmp_path / "designs"
    folder.mkdir()
    for source in [*sorted(DESIGNS.glob("*.yaml")), *sorted(HOSTILE.glob("*.yaml"))]:
        shutil.copy(source, folder / source.name)
    for name, text in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _made(designs: Path, root: Path, jobs: int):
    cache = DiagramCache(CacheFolder.at(root, "cache")) if shutil.which("dot") else None
    site = pipeline.make_site([designs], designs.parent, cache, jobs=jobs)
    counts = (cache.rendered, cache.reused, sorted(cache.icons)) if cache is not None else None
    return site, counts


@pytest.mark.parametrize("cached", [False, True], ids=["drawn", "cached"])
def test_every_core_makes_the_site_one_process_makes(designs, tmp_path, monkeypatch, cached):
    monkeypatch.setattr(pipeline, "MIN_DESIGNS", 2)
    workers = []
    run_workers = pipeline._run_workers
    monkeypatch.setattr(pipeline, "_run_workers", lambda *a: workers.append(a) or run_workers(*a))
    serial_root, parallel_root = tmp_path / "serial", tmp_path / "parallel"
    if cached:  # both caches hold every drawing already
        _made(designs, serial_root, 1)
        _made(designs, parallel_root, 1)
    serial, serial_counts = _made(designs, serial_root, 1)
    assert not workers
    parallel, parallel_counts = _made(designs, parallel_root, 2)
    assert workers, "the designs were not made in worker processes"
    assert list(parallel.files) == list(serial.files)
    assert parallel.files == serial.files
    assert parallel_counts == serial_counts
    summaries = [
        (d.page, d.display, d.title, len(d.findings), d.metadata is None) for d in parallel.inputs.designs
    ]
    assert summaries == [
        (d.page, d.display, d.title, len(d.findings), d.metadata is None) for d in serial.inputs.designs
    ]
    assert any(invalid for *_, invalid in summaries) and not all(invalid for *_, invalid in summaries)


def test_a_summary_keeps_what_the_site_wide_pages_read(designs):
    from designlint.engine.session import CheckSession
    from designlint.site.collect import check_design, find_designs

    found = next(f for f in find_designs([designs], designs.parent) if f.path.name == "newsfeed.yaml")
    entry = check_design(CheckSession(), found)
    summary = entry.summary()
    assert summary.design is None and summary.result.text == ""
    assert summary.metadata == entry.metadata and summary.metadata is not None
    assert summary.owners == tuple(entry.design.metadata.owners)
    assert summary.findings == entry.findings and summary.result.organisation is entry.result.organisation
    assert (summary.title, summary.name, summary.page) == (entry.title, entry.name, entry.page)


def test_with_other_threads_running_nothing_is_forked(designs, tmp_path, monkeypatch):
    """A serving site runs other threads, which a forked worker would inherit mid-flight."""
    import threading

    monkeypatch.setattr(pipeline, "MIN_DESIGNS", 2)
    monkeypatch.setattr(pipeline, "_run_workers", lambda *a: pytest.fail("forked beside other threads"))
    expected, _ = _made(designs, tmp_path / "one", 1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        site, _ = _made(designs, tmp_path / "threads", 2)
    finally:
        stop.set()
        other.join()
    assert site.files == expected.files
