"""A repository with two designs and nothing else: `site init`, `site build --strict`, then read in Chromium."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DESIGNS

# The shared headless Chromium, its helpers, and the skip when Chromium is not installed.
from tests.site.test_browser import (  # noqa: F401
    _served,
    _wait,
    assert_drawing_loads,
    browser,
    pytestmark,
)

DESIGNLINT = Path(sys.executable).parent / "designlint"
# Anything wider than the viewport must sit inside a container that scrolls it horizontally.
OVERFLOWING = """
const width = document.documentElement.clientWidth;
function scrolls(el) {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowX;
    if ((overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') && p.clientWidth <= width) return true;
  }
  return false;
}
return [...document.querySelectorAll('body *')]
  .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > width + 1 && !scrolls(el))
  .map(el => el.tagName + '.' + el.className);
"""


def designlint(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(DESIGNLINT), *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def initialised(tmp_path_factory):
    pytest.importorskip("mkdocs")
    repo = tmp_path_factory.mktemp("repo")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "services" / "feed").mkdir(parents=True)
    (repo / "services" / "feed" / "design.yaml").write_bytes((DESIGNS / "newsfeed.yaml").read_bytes())
    (repo / "url-shortener.yaml").write_bytes((DESIGNS / "url-shortener.yaml").read_bytes())
    init = designlint(repo, "site", "init")
    assert init.returncode == 0, init.stderr
    build = designlint(repo, "site", "build", "--strict")
    assert build.returncode == 0, build.stderr
    return repo, build.stderr


def test_init_writes_config_home_page_and_workflow_and_never_overwrites(initialised):
    repo, _ = initialised
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert "designlint" in config and "scheme: slate" in config
    assert "repo_url" not in config and "edit_uri" not in config  # no origin remote: no edit links
    assert (repo / "docs" / "index.md").exists()
    assert "designlint site build" in (repo / ".github" / "workflows" / "design-site.yml").read_text(
        encoding="utf-8"
    )
    again = designlint(repo, "site", "init")
    assert again.returncode == 2 and "--force" in again.stderr
    assert (repo / "mkdocs.yml").read_text(encoding="utf-8") == config


def test_init_takes_edit_links_from_the_origin_remote(tmp_path):
    subprocess.run(["git", "init", "-q", "-b", "trunk"], cwd=tmp_path, check=True)
    subprocess.run(
        ["git", "remote", "add", "origin", "git@github.com:acme/designs.git"], cwd=tmp_path, check=True
    )
    assert designlint(tmp_path, "site", "init").returncode == 0
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'repo_url: "https://github.com/acme/designs"' in config
    assert 'edit_uri: "edit/trunk/docs/"' in config


def test_build_names_the_real_index_file(initialised):
    repo, stderr = initialised
    last = stderr.strip().splitlines()[-1]
    named = last.rsplit("open ", 1)[1]
    assert (repo / named).is_file() and named.endswith("index.html")


def test_site_reads_in_chromium(initialised, browser):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    repo, _ = initialised
    with _served(repo / "build" / "site") as url:
        browser.set_window_size(1400, 1000)
        browser.get(url)
        assert "Design reviews" in browser.find_element(By.TAG_NAME, "h1").text
        browser.get(url + "designs/")
        links = browser.find_elements(By.CSS_SELECTOR, "article a[href*='designs/'], article a[href$='/']")
        assert any("News Feed" in link.text for link in links)
        page = next(link for link in links if "News Feed" in link.text).get_attribute("href")
        browser.get(page)
        assert_drawing_loads(browser, browser.find_element(By.CSS_SELECTOR, "object.designlint-diagram"))

        # Search: Material's index answers a query typed into the header's search box.
        box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
        browser.execute_script("document.getElementById('__search').click(); arguments[0].focus()", box)
        _wait(browser, lambda b: box.is_displayed())
        box.send_keys("shortener")
        _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
        box.send_keys(Keys.ESCAPE)

        # Dark mode: the palette toggle switches Material to its slate scheme.
        scheme = "return document.body.getAttribute('data-md-color-scheme')"
        before = browser.execute_script(scheme)
        toggle = browser.find_element(
            By.CSS_SELECTOR, "form[data-md-component='palette'] label:not([hidden])"
        )
        browser.execute_script("arguments[0].click()", toggle)
        _wait(browser, lambda b: b.execute_script(scheme) != before)
        assert "slate" in {before, browser.execute_script(scheme)}

        # The rules index shows messages, never message templates.
        browser.get(url + "rules/")
        text = browser.find_element(By.CSS_SELECTOR, "article").text
        assert "{" not in text

        # A 400 px screen: nothing wider than the viewport outside a scroll container.
        browser.set_window_size(400, 900)
        for path in ("", "designs/", page.removeprefix(url), "rules/"):
            browser.get(url + path)
            assert browser.execute_script(OVERFLOWING) == [], path
        browser.set_window_size(1400, 1000)


def test_this_repositorys_site_has_a_dark_mode_toggle():
    from tests.conftest import ROOT

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "scheme: slate" in config and config.count("toggle:") == 2
