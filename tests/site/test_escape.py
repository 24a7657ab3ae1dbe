"""Design text stays text: whatever a string holds, Python-Markdown (as the site configures it) shows it literally."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designlint.site.escape import Raw, anchor, text, title_text
from designlint.site.markdown import heading, table

markdown = pytest.importorskip("markdown")
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]

# Everything Markdown, HTML or templates treat specially, plus ordinary text and line breaks.
SYNTAX = st.sampled_from(
    list("<>&\"'`\\[]()*_|{}~^$:#!-+=.1 \n")
    + ["{{", "{%", "javascript:", "<script>", "&lt;", "![x](y)", "[x]: y", "!!! note", "    "]
)
HOSTILE_TEXT = st.lists(
    st.one_of(SYNTAX, st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=5)),
    max_size=25,
).map("".join)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "br":
            self.text.append("\n")

    def handle_data(self, data):
        self.text.append(data)


def render(source: str) -> _Collector:
    collector = _Collector()
    collector.feed(markdown.markdown(source, extensions=EXTENSIONS))
    return collector


def normalised(value: str) -> str:
    """What the page is meant to show: lines stripped, blank runs kept as one blank line."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    value = re.sub(r"\n{2,}", "\n\n", value)
    return "\n".join(line.strip() for line in value.split("\n"))


@settings(max_examples=300, deadline=None)
@given(HOSTILE_TEXT)
def test_any_text_renders_as_itself_in_a_paragraph(value):
    page = render(text(value))
    assert set(page.tags) <= {"p", "br"}
    assert "".join(page.text) == normalised(value)


@settings(max_examples=150, deadline=None)
@given(HOSTILE_TEXT, HOSTILE_TEXT)
def test_any_text_stays_in_its_table_cell(first, second):
    page = render(table(["a", "b"], [[first, second], ["x", "y"]]))
    assert page.tags.count("tr") == 3 and page.tags.count("td") == 4
    assert set(page.tags) <= {"table", "thead", "tbody", "tr", "th", "td", "br"}


@settings(max_examples=150, deadline=None)
@given(HOSTILE_TEXT)
def test_any_text_is_one_heading(value):
    page = render(heading(2, value, "fixed-id"))
    assert set(page.tags) <= {"h2", "br"} and page.tags.count("h2") == 1
    assert "".join(page.text) == (normalised(value) or "(untitled)")


@pytest.mark.parametrize(
    "value, shown",
    [
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ("{{ config.site_name }} {% if x %}", "{{ config.site_name }} {% if x %}"),
        ("# not a heading", "# not a heading"),
        ("- not a list", "- not a list"),
        ("1. not a list", "1. not a list"),
        ("a | b", "a | b"),
        ("&lt;kept&gt;", "&lt;kept&gt;"),
        ("**not bold** _not em_ `not code`", "**not bold** _not em_ `not code`"),
    ],
)
def test_markup_is_shown_literally(value, shown):
    page = render(text(value))
    assert page.tags == ["p"]
    assert "".join(page.text) == shown


def test_newlines_become_line_breaks_and_raw_passes_through():
    assert text("one\ntwo\n\n\nthree") == "one<br>two<br><br>three"
    assert text(Raw("<b>ours</b>")) == "<b>ours</b>"
    assert text(None) == "" and text(True) == "yes"


def test_titles_hold_no_markup_characters():
    title = title_text('</title><script>x="1"</script> R&D\n  second line')
    assert not set(title) & set("<>\"'`")
    assert "&amp;" in title and "\n" not in title


def test_anchors_are_safe_ids():
    assert anchor("Feed_Cache.v2") == "feed-cache-v2"
    assert anchor("<>") == "item"
