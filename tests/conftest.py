"""Shared helpers: designs are checked through the real loader, model, rule packs and engine."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DESIGNS = ROOT / "designs"
HEADER = "apiVersion: designlint/v1\nkind: Design\nmetadata:\n  name: example\n"


def with_header(fragment: str) -> str:
    """Rule examples are fragments; the header makes them a design unless they carry their own."""
    if "apiVersion:" in fragment:
        return fragment
    if fragment.lstrip().startswith("metadata:"):
        return "apiVersion: designlint/v1\nkind: Design\n" + fragment
    return HEADER + fragment


@pytest.fixture(scope="session")
def ruleset():
    from designlint.rulepacks.registry import load_ruleset

    return load_ruleset()


@pytest.fixture(scope="session")
def engine(ruleset):
    from designlint.engine.config import Config
    from designlint.engine.runner import Engine

    return Engine(ruleset, Config())


@pytest.fixture
def check_text(engine, tmp_path):
    """Check YAML text as a design file and return the findings."""

    def run(text: str, name: str = "design.yaml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return engine.check_path(path, name).findings

    return run


@pytest.fixture
def own_cache_key(tmp_path_factory, monkeypatch):
    """A user cache folder and sealing key of this test's own, as if on another machine: never the
    developer's."""
    from designlint.engine import cache_folder

    folder = tmp_path_factory.mktemp("user-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    cache_folder.entry_key.cache_clear()
    yield folder
    cache_folder.entry_key.cache_clear()
