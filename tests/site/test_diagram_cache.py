"""The diagram cache under ``build/`` is part of the checkout: only drawings designlint sealed are reused.

An SVG opened on its own (the site links every diagram "at full size") runs its script, so a
repository that ships ``build/.diagram-cache/<key>.architecture.svg`` must not get it published.
"""

from __future__ import annotations

import os

import pytest

from designlint.engine import cache_folder
from designlint.engine.cache_folder import CacheFolder
from designlint.loader import load_path
from designlint.model import Design
from designlint.site.diagrams import DiagramCache, views_for
from tests.conftest import DESIGNS

FORGED = b'<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned = "svg"</script></svg>'


pytestmark = pytest.mark.usefixtures("own_cache_key")


@pytest.fixture(scope="module")
def design():
    return Design.model_validate(load_path(DESIGNS / "newsfeed.yaml").data)


@pytest.fixture
def drawings(monkeypatch):
    """Drawing without Graphviz: each view's SVG names the view; calls are counted."""
    import designlint.diagrams as diagrams

    drawn: list[str] = []

    def render_views(design, formats, views, icons="embed"):
        drawn.extend(views)
        return {view: {"svg": f"<svg><!-- {view} --></svg>".encode()} for view in views}

    monkeypatch.setattr(diagrams, "render_views", render_views)
    monkeypatch.setattr(DiagramCache, "missing_tools", lambda self: None)
    return drawn


def _cache(root):
    return DiagramCache(CacheFolder.at(root, "build/.diagram-cache"))


def test_a_drawing_designlint_made_is_reused(tmp_path, design, drawings):
    first = _cache(tmp_path).diagrams(design)
    drawings.clear()
    again = _cache(tmp_path)
    assert again.diagrams(design).images == first.images
    assert drawings == [] and again.reused == 1


def test_a_forged_drawing_at_the_right_key_is_never_served(tmp_path, design, drawings):
    cache = _cache(tmp_path)
    key = cache.key(design)
    folder = tmp_path / "build" / ".diagram-cache" / key[:2]
    folder.mkdir(parents=True)
    for view in views_for(design):
        (folder / f"{key}.{view}.svg").write_bytes(FORGED)
    images = cache.diagrams(design).images
    assert drawings == views_for(design)  # drawn afresh
    assert FORGED not in images.values() and all(b"__pwned" not in svg for svg in images.values())


def test_a_drawing_sealed_under_another_key_is_not_reused(tmp_path, design, drawings, monkeypatch):
    _cache(tmp_path).diagrams(design)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-machine"))
    cache_folder.entry_key.cache_clear()
    drawings.clear()
    _cache(tmp_path).diagrams(design)
    assert drawings == views_for(design)


def test_a_drawing_moved_to_another_view_is_not_reused(tmp_path, design, drawings):
    """A sealed entry is bound to its key and view: a real drawing cannot stand in for another."""
    cache = _cache(tmp_path)
    cache.diagrams(design)
    key = cache.key(design)
    folder = tmp_path / "build" / ".diagram-cache" / key[:2]
    architecture, failure = (folder / f"{key}.{view}.svg" for view in ("architecture", "failure"))
    failure.write_bytes(architecture.read_bytes())
    drawings.clear()
    assert _cache(tmp_path).diagrams(design).images["failure"] == b"<svg><!-- failure --></svg>"
    assert drawings == views_for(design)


@pytest.mark.parametrize("linked", ["build", "build/.diagram-cache"])
def test_a_linked_cache_folder_is_not_written_through(tmp_path, design, drawings, linked):
    outside = tmp_path / "outside"
    outside.mkdir()
    checkout = tmp_path / "checkout"
    (checkout / linked).parent.mkdir(parents=True, exist_ok=True)
    (checkout / linked).symlink_to(outside)
    cache = _cache(checkout)
    images = cache.diagrams(design).images
    assert set(images) == set(views_for(design))
    assert list(outside.rglob("*")) == []
    assert cache.problem is not None and "is a symbolic link" in cache.problem


def test_a_planted_link_at_an_entry_is_replaced_not_written_through(tmp_path, design, drawings):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    cache = _cache(tmp_path)
    key = cache.key(design)
    folder = tmp_path / "build" / ".diagram-cache" / key[:2]
    folder.mkdir(parents=True)
    os.symlink(victim, folder / f"{key}.architecture.svg")
    cache.diagrams(design)
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (folder / f"{key}.architecture.svg").is_symlink()
