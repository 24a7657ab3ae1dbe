"""The built wheel, as a user installs it: the base install says how to get the site; with [site] it builds one."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import DESIGNS
from tests.packaging.conftest import FreshInstall, run

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is needed to draw the diagrams")


def test_the_base_install_names_the_extra_the_site_needs(fresh_install: FreshInstall, tmp_path):
    assert fresh_install.pip("show", "-q", "mkdocs").returncode != 0, "the base install brings no MkDocs"
    done = run([str(fresh_install.bin / "designlint"), "site", "build"], cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "pip install 'designlint[site]'" in done.stderr and "Traceback" not in done.stderr


def test_the_site_extra_builds_a_site(fresh_install: FreshInstall, tmp_path):
    done = fresh_install.pip(
        "install", "-q", "-c", str(fresh_install.constraints), f"{fresh_install.wheel}[site]"
    )
    assert done.returncode == 0, done.stderr
    assert fresh_install.pip("show", "-q", "selenium").returncode != 0, "[site] brings no test-only packages"
    (tmp_path / "designs").mkdir()
    shutil.copy(DESIGNS / "newsfeed.yaml", tmp_path / "designs")
    designlint = str(fresh_install.bin / "designlint")
    assert run([designlint, "site", "init"], cwd=tmp_path).returncode == 0
    built = run([designlint, "site", "build", "--strict"], cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    pages = [path.read_text(encoding="utf-8") for path in (tmp_path / "build" / "site").rglob("index.html")]
    assert any("News Feed" in page and 'class="designlint-diagram"' in page for page in pages)
    assert list((tmp_path / "build" / "site" / "assets" / "designlint" / "icons").rglob("*.png"))
