"""A hostile repository's site, read as HTML: file names, ids, text and rule packs never become markup.

The browser test (test_browser.py) loads the same pages in Chromium; this one needs no browser.
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote

from tests.site.conftest import HOSTILE_NAMES

EDIT_BASE = "https://git.example.com/team/designs/edit/main/"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


class _Markup(HTMLParser):
    """Everything on a page that could run script: handlers, script text, URLs, frames."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self.tags: list[str] = []
        self.script = False
        self.scripts: list[str] = []
        self.edit_links: list[str] = []
        self.objects: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "object" and values.get("class") == "designlint-diagram":
            self.objects.append(values)  # our own drawings: checked below, not a tag from the design
        else:
            self.tags.append(tag)
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        self.urls += [value or "" for name, value in attrs if name in URL_ATTRIBUTES]
        if tag == "img" and values.get("src") == "x":
            self.handlers.append("img src=x")
        if tag == "a" and values.get("rel") == "edit":
            self.edit_links.append(values.get("href") or "")
        self.script = tag == "script"

    def handle_endtag(self, tag):
        self.script = False

    def handle_data(self, data):
        if self.script:
            self.scripts.append(data)


def _pages(site: Path) -> dict[str, _Markup]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        markup = _Markup()
        markup.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = markup
    return pages


def test_no_page_of_a_hostile_repository_carries_markup_from_it(hostile_names_site):
    pages = _pages(hostile_names_site.site_dir)
    assert len([name for name in pages if name.startswith("designs/")]) == len(HOSTILE_NAMES) + 2
    for name, markup in pages.items():
        assert markup.handlers == [], name
        assert not [script for script in markup.scripts if "__pwned" in script], name
        assert not [url for url in markup.urls if url.strip().lower().startswith("javascript:")], name
        assert not {"iframe", "object", "embed"} & set(markup.tags), name
        for drawing in markup.objects:
            # A drawing is an SVG the site itself published, named by a relative path: never a URL from
            # the design, and never an SVG that carries script.
            data = drawing.get("data") or ""
            assert drawing.get("type") == "image/svg+xml" and data.endswith(".svg"), (name, drawing)
            assert ":" not in data and not data.startswith("/"), (name, data)
            svg = (hostile_names_site.site_dir / Path(name).parent / unquote(data)).resolve()
            assert svg.is_relative_to(hostile_names_site.site_dir.resolve()) and svg.is_file(), (name, data)
            assert "<script" not in svg.read_text(encoding="utf-8").lower(), svg


def test_edit_links_name_the_file_percent_encoded(hostile_names_site):
    pages = _pages(hostile_names_site.site_dir)
    links = {link for markup in pages.values() for link in markup.edit_links}
    for name in HOSTILE_NAMES:
        assert EDIT_BASE + quote(f"designs/{name}", safe="/") in links, name
    assert EDIT_BASE + "designs/org.yaml" in links  # the rule pack's pages edit the pack


def test_a_rule_pack_from_the_repository_is_shown_as_text(hostile_names_site):
    page = (hostile_names_site.site_dir / "rules" / "ORG001" / "index.html").read_text(encoding="utf-8")
    assert "<code>&lt;b&gt;code&lt;/b&gt;</code>" in page  # code spans stay code, as text
    shown = unescape(page)
    for literal in (
        "[link](javascript:window.__pwned=1)",
        "<script>window.__pwned = 'why'</script>",
        "<script>window.__pwned = 'fence'</script>",
        "{{ config.site_name }} <iframe",
    ):
        assert literal in shown, literal
