"""The published site as a reader meets it: served on 127.0.0.1 and opened in headless Chromium.

Uses Debian's ``chromium`` and ``chromium-driver`` (``scripts/setup.sh --test`` installs them);
nothing is downloaded. Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = ROOT / "tests" / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,1000",
]
WAIT_S = 10

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="Debian's chromium and chromium-driver are not installed (scripts/setup.sh --test)",
)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def _served(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: a free one
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site_url(built_site):
    with _served(built_site.site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_site_url(hostile_names_site):
    with _served(hostile_names_site.site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _wait(browser, condition):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT_S).until(condition)


def _shot(browser, name: str, element=None) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if element is not None:
        browser.execute_script(
            "arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -70);", element
        )
        time.sleep(0.5)  # let Material's header finish its title transition before the picture
    browser.save_screenshot(str(ARTIFACTS / f"site-{name}.png"))


def _by_id(browser, identifier: str):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.ID, identifier)


def test_newsfeed_page_shows_its_diagram_and_slo_table(browser, site_url):
    from selenium.webdriver.common.by import By

    browser.get(site_url + "designs/newsfeed/")
    assert "News Feed" in browser.find_element(By.TAG_NAME, "h1").text
    _shot(browser, "newsfeed-top")
    diagram = browser.find_element(By.CSS_SELECTOR, 'object.designlint-diagram[data$="architecture.svg"]')
    assert_drawing_loads(browser, diagram)
    _shot(browser, "newsfeed-architecture", _by_id(browser, "architecture"))
    slos = browser.find_element(By.CSS_SELECTOR, ".designlint-slos table")
    rows = slos.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) >= 3 and "feed-availability" in rows[0].text and "99.9%" in rows[0].text
    _shot(browser, "newsfeed-slos", _by_id(browser, "slos"))


DRAWING_STATE = """
const doc = arguments[0].contentDocument;
const svg = doc && doc.querySelector('svg');
if (!svg) return null;
const icons = [...svg.querySelectorAll('image')].map(i => new URL(i.getAttribute('xlink:href') || i.getAttribute('href'), doc.URL).href);
const titles = [...svg.querySelectorAll('g.node > title')].map(t => t.textContent);
return {width: svg.getBoundingClientRect().width, icons: icons, titles: titles};
"""
ICONS_FOUND = """
const done = arguments[arguments.length - 1];
Promise.all(arguments[0].map(u => fetch(u).then(r => r.ok && r.headers.get('content-type') === 'image/png')))
  .then(all => done(all.every(Boolean)), () => done(false));
"""


def assert_drawing_loads(browser, diagram) -> None:
    """The drawing is shown, every icon it links to is served, and its nodes carry hover titles."""
    state = _wait(browser, lambda b: b.execute_script(DRAWING_STATE, diagram))
    assert state["width"] > 0, "the diagram loads"
    assert state["icons"] and browser.execute_async_script(ICONS_FOUND, state["icons"]), state["icons"][:3]
    assert state["titles"] and all(title.strip() for title in state["titles"])


def test_findings_link_to_their_rule_pages(browser, site_url):
    from selenium.webdriver.common.by import By

    browser.get(site_url + "designs/newsfeed/")
    _shot(browser, "newsfeed-findings", _by_id(browser, "lint-findings"))
    links = browser.find_elements(By.CSS_SELECTOR, ".designlint-findings a, .designlint-suppressed a")
    assert links, "the findings (open or suppressed) link to rules"
    code = links[0].text
    browser.execute_script("arguments[0].click()", links[0])
    _wait(browser, lambda b: "/rules/" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith(code)
    assert browser.find_element(By.ID, "why-it-matters")
    _shot(browser, "rule-page")


def test_search_finds_a_component_by_name(browser, site_url):
    from selenium.webdriver.common.by import By

    browser.get(site_url + "designs/")
    browser.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__input").click()
    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    _wait(browser, lambda b: box.is_displayed())
    box.send_keys("Publish flow service")
    results = _wait(
        browser,
        lambda b: [
            item
            for item in b.find_elements(By.CSS_SELECTOR, ".md-search-result__item")
            if "designs/newsfeed/" in (item.find_element(By.TAG_NAME, "a").get_attribute("href") or "")
        ],
    )
    assert results
    _shot(browser, "search")


def test_index_sorts_and_filters(browser, site_url):
    from selenium.webdriver.common.by import By

    browser.get(site_url + "designs/")
    rows = browser.find_elements(By.CSS_SELECTOR, ".designlint-index tbody tr")
    assert len(rows) >= 3
    _shot(browser, "index")
    header = browser.find_element(By.CSS_SELECTOR, ".designlint-index thead th")
    header.click()
    first = [
        r.find_elements(By.TAG_NAME, "td")[0].text.lower()
        for r in browser.find_elements(By.CSS_SELECTOR, ".designlint-index tbody tr")
    ]
    assert first == sorted(first) and header.get_attribute("aria-sort") == "ascending"
    browser.find_element(By.CSS_SELECTOR, "[data-designlint-filter]").send_keys("newsfeed")
    visible = [
        r for r in browser.find_elements(By.CSS_SELECTOR, ".designlint-index tbody tr") if r.is_displayed()
    ]
    assert len(visible) == 1 and "News Feed" in visible[0].text


def test_hostile_design_text_is_shown_never_run(browser, site_url):
    from selenium.webdriver.common.by import By

    for page in ("designs/hostile/", "designs/"):
        browser.get(site_url + page)
        assert browser.execute_script("return window.__pwned === undefined"), page
    browser.get(site_url + "designs/hostile/")
    body = browser.find_element(By.TAG_NAME, "body").text
    for literal in (
        "Evil <script>window.__pwned='component'</script> service",
        "[click me](javascript:window.__pwned='link')",
        "{{ config.site_name }} {% if true %}jinja-ran{% endif %} `code span` **not bold** _not em_",
        "# not a heading",
        "<img src=x onerror=\"window.__pwned='owner'\">",
        "&lt;already-escaped&gt;",
    ):
        assert literal in body, literal
    assert not browser.find_elements(By.CSS_SELECTOR, "iframe, [onload], [onerror], [onmouseover]")
    hrefs = [a.get_attribute("href") or "" for a in browser.find_elements(By.TAG_NAME, "a")]
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    _shot(browser, "hostile")
    # The search index holds the same text; its results must stay text too.
    browser.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__input").click()
    browser.find_element(By.CSS_SELECTOR, "input.md-search__input").send_keys("Evil")
    _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
    assert browser.execute_script("return window.__pwned === undefined")
    _shot(browser, "hostile-search")


def _no_alert(browser) -> bool:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        alert = browser.switch_to.alert
    except NoAlertPresentException:
        return True
    alert.dismiss()
    return False


def test_a_hostile_repository_runs_no_script_on_any_page(browser, hostile_site_url, hostile_names_site):
    """File names, ids, titles, component names and a rule pack written to run script: none does."""
    from selenium.webdriver.common.by import By

    from tests.site.conftest import HOSTILE_NAMES

    site = hostile_names_site.site_dir
    pages = sorted(
        path.parent.relative_to(site).as_posix() + "/"
        for path in [*(site / "designs").rglob("index.html"), site / "rules" / "ORG001" / "index.html"]
    )
    assert len(pages) == len(HOSTILE_NAMES) + 3  # the designs, their index and the pack's rule
    for page in pages:
        browser.get(hostile_site_url + page)
        _wait(browser, lambda b: b.execute_script("return document.readyState") == "complete")
        time.sleep(0.2)  # a failed image's onerror runs after the load
        assert _no_alert(browser), f"an alert opened on {page}"
        assert browser.execute_script("return window.__pwned === undefined"), page
        for link in browser.find_elements(By.CSS_SELECTOR, "a[rel=edit]"):
            assert "<" not in (link.get_attribute("href") or ""), page
    # The organisation view shows the same names: the service map, and a page per owning team.
    organisation = sorted(
        path.parent.relative_to(site).as_posix() + "/" for path in (site / "organisation").rglob("index.html")
    )
    assert organisation
    for page in organisation:
        browser.get(hostile_site_url + page)
        _wait(browser, lambda b: b.execute_script("return document.readyState") == "complete")
        time.sleep(0.2)
        assert _no_alert(browser), f"an alert opened on {page}"
        assert browser.execute_script("return window.__pwned === undefined"), page
    browser.get(hostile_site_url + "designs/x-img-src-x-onerror-alert-1/")
    _shot(browser, "hostile-file-name")
    edit = browser.find_element(By.CSS_SELECTOR, "a[rel=edit]").get_attribute("href")
    assert edit.endswith("/designs/x%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.yaml"), edit


def test_organisation_service_map_and_a_team_page(browser, site_url):
    from selenium.webdriver.common.by import By

    browser.get(site_url + "organisation/")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Organisation")
    service_map = browser.find_element(By.CSS_SELECTOR, 'img.designlint-service-map[src$="service-map.svg"]')
    _wait(browser, lambda b: b.execute_script("return arguments[0].complete", service_map))
    assert browser.execute_script("return arguments[0].naturalWidth", service_map) > 0, "the map loads"
    _shot(browser, "organisation-service-map", _by_id(browser, "service-map"))
    team = next(
        a for a in browser.find_elements(By.CSS_SELECTOR, "article a") if a.text == "Content Platform"
    )
    browser.execute_script("arguments[0].click()", team)
    _wait(browser, lambda b: "/organisation/teams/" in b.current_url)
    dependents = browser.find_element(By.ID, "dependents").find_element(By.XPATH, "following::table[1]")
    assert "News Feed" in dependents.text and "content-platform#content-service" in dependents.text
    _shot(browser, "organisation-team")
    browser.get(site_url + "designs/content-platform/")
    depended = browser.find_element(By.ID, "depended-on-by").find_element(By.XPATH, "following::table[1]")
    assert "News Feed" in depended.text


PAGE_OVERFLOW = "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
WIDTHS = {"desktop": 1400, "phone": 400}


@contextlib.contextmanager
def _viewport(browser, width: int):
    """A viewport exactly ``width`` CSS pixels wide (a window cannot be made that narrow everywhere)."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    try:
        yield
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("device", WIDTHS)
def test_design_page_folds_keeps_its_summary_in_view_and_fits_the_screen(browser, site_url, device):
    from selenium.webdriver.common.by import By

    with _viewport(browser, WIDTHS[device]):
        browser.get(site_url + "designs/newsfeed/")
        _wait(browser, lambda b: b.execute_script("return document.readyState") == "complete")
        assert browser.execute_script("return window.innerWidth") == WIDTHS[device]
        assert browser.execute_script(PAGE_OVERFLOW) <= 0, "the page scrolls sideways"

        # Every long section folds under its heading and opens again.
        section = _by_id(browser, "architecture").find_element(By.XPATH, "ancestor::details[1]")
        diagram = section.find_element(By.CSS_SELECTOR, "object.designlint-diagram")
        assert section.get_attribute("open") is not None and diagram.is_displayed()
        summary = section.find_element(By.TAG_NAME, "summary")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
        summary.click()
        _wait(browser, lambda b: section.get_attribute("open") is None)
        assert not diagram.is_displayed()
        _shot(browser, f"folded-{device}", summary)
        summary.click()
        _wait(browser, lambda b: section.get_attribute("open") is not None)
        assert diagram.is_displayed()

        # The verdict and counts stay in view far down the page.
        browser.execute_script("document.getElementById('lint-findings').scrollIntoView()")
        time.sleep(0.3)
        bar = browser.find_element(By.CSS_SELECTOR, ".designlint-summary")
        box = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom]", bar
        )
        assert browser.execute_script("return window.scrollY") > 2000
        assert box[0] >= 0 and box[1] <= 200, f"the summary scrolled away: {box}"
        assert "error" in bar.text and "checklist" in bar.text
        _shot(browser, f"summary-{device}")

        # No repository is configured for this site: no edit link, no repository in the header.
        assert not browser.find_elements(
            By.CSS_SELECTOR, "a[rel=edit], a[title='Edit this page'], .md-source"
        )


@pytest.mark.parametrize("device", WIDTHS)
def test_rule_pages_keep_their_code_blocks_inside_the_page(browser, site_url, built_site, device):
    """Examples hold long YAML lines: they wrap or scroll in their box, never widen the page."""
    from selenium.webdriver.common.by import By

    pages = sorted(path.parent.name for path in (built_site.site_dir / "rules").glob("DL*/index.html"))
    with _viewport(browser, WIDTHS[device]):
        for code in pages[:: max(1, len(pages) // 12)]:
            browser.get(f"{site_url}rules/{code}/")
            assert browser.find_elements(By.CSS_SELECTOR, "pre code"), code
            assert browser.execute_script(PAGE_OVERFLOW) <= 0, code
