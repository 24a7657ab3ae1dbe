"""One real site build (MkDocs, Material, the plugin, Graphviz) shared by the site's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DESIGNS, ROOT

HOSTILE = Path(__file__).parent / "data" / "hostile"


def build(site_dir: Path, designs: list[Path], **kwargs):
    from designlint.site.build import build_site

    return build_site(ROOT / "mkdocs.yml", strict=True, site_dir=site_dir, designs=designs, **kwargs)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site for ``designs/`` plus a hostile design, built with ``--strict``."""
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    site_dir = tmp_path_factory.mktemp("site")
    report = build(site_dir, [DESIGNS, HOSTILE], cache_dir=tmp_path_factory.mktemp("diagram-cache"))
    return report


@pytest.fixture(scope="session")
def page_html(built_site):
    def read(path: str) -> str:
        return (built_site.site_dir / path).read_text(encoding="utf-8")

    return read
