"""Diagrams not yet cached are drawn in worker processes before the pages ask for them; the pages
get byte for byte what drawing them one by one gives, and nothing is drawn twice."""

from __future__ import annotations

import shutil

import pytest

from designlint.engine.cache_folder import CacheFolder
from designlint.loader import load_path
from designlint.model import Design
from designlint.site.diagrams import DiagramCache
from tests.conftest import DESIGNS

pytestmark = [
    pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz"),
    pytest.mark.usefixtures("own_cache_key"),
]


@pytest.fixture(scope="module")
def designs():
    pytest.importorskip("diagrams")
    return [Design.model_validate(load_path(path).data) for path in sorted(DESIGNS.glob("*.yaml"))]


def _pages(cache: DiagramCache, designs) -> list[dict[str, bytes]]:
    return [cache.diagrams(design).images for design in designs]


def test_drawn_ahead_equals_drawn_one_by_one(tmp_path, designs):
    (tmp_path / "serial").mkdir()
    (tmp_path / "parallel").mkdir()
    one_by_one = DiagramCache(CacheFolder.at(tmp_path / "serial", "cache"))
    expected = _pages(one_by_one, designs)
    ahead = DiagramCache(CacheFolder.at(tmp_path / "parallel", "cache"))
    ahead.draw_ahead(designs, jobs=2)
    assert _pages(ahead, designs) == expected
    assert ahead.rendered == one_by_one.rendered == sum(1 for images in expected if images)
    assert ahead.icons == one_by_one.icons
    again = DiagramCache(CacheFolder.at(tmp_path / "parallel", "cache"))
    again.draw_ahead(designs, jobs=2)  # everything is cached: nothing to draw
    assert _pages(again, designs) == expected
    assert again.rendered == 0 and again.reused == ahead.rendered


def test_without_a_cache_folder_drawings_are_still_shared(designs):
    ahead = DiagramCache(None)
    ahead.draw_ahead(designs[:2], jobs=2)
    assert all(ahead.diagrams(design).images for design in designs[:2])
    assert ahead.rendered == 2


def test_one_job_draws_nothing_ahead(tmp_path, designs, monkeypatch):
    import concurrent.futures

    def refuse(*args, **kwargs):
        raise AssertionError("no pool for one job")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    cache = DiagramCache(CacheFolder.at(tmp_path, "cache"))
    cache.draw_ahead(designs, jobs=1)
    assert all(cache.diagrams(design).images for design in designs[:1])
