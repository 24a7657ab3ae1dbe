"""Where keys and values were written, and the fallback for paths that do not exist."""

from __future__ import annotations

import random
import re

import pytest
import yaml

from designlint.loader import load_text
from designlint.loader.positions import Lines

DESIGN = """\
# a design
name: shop
services:
  - id: api
    ports: [80, 443]
    empty:
  - plain
defaults: &d
  retries: 3
svc:
  policy: *d
  'quoted key': "v"
"""


@pytest.fixture(scope="module")
def positions():
    return load_text(DESIGN, "shop.yaml").positions


def at(position) -> str | None:
    return None if position is None else str(position)


@pytest.mark.parametrize(
    ("path", "key", "value"),
    [
        ((), None, "2:1"),  # the root mapping starts at its first key
        (("name",), "2:1", "2:7"),
        (("services",), "3:1", "4:3"),  # a block sequence starts at its first dash
        (("services", 0), None, "4:5"),
        (("services", 0, "id"), "4:5", "4:9"),
        (("services", 0, "ports"), "5:5", "5:12"),
        (("services", 0, "ports", 1), None, "5:17"),
        (("services", 0, "empty"), "6:5", "6:11"),  # an empty value sits right after its key
        (("services", 1), None, "7:5"),
        (("defaults",), "8:1", "8:11"),  # a value starts at its anchor
        (("svc", "policy"), "11:3", "11:11"),  # the alias site itself
        (("svc", "quoted key"), "12:3", "12:17"),
    ],
)
def test_key_and_value_positions(positions, path, key, value):
    assert at(positions.key(path)) == key
    assert at(positions.value(path)) == value
    expected, found = positions.resolve(path)
    assert (str(expected), found) == (key or value, path)


@pytest.mark.parametrize(
    "path",
    [
        ("nope",),
        ("services", 2),
        ("services", -1),
        ("services", "0"),
        ("services", True),
        ("name", "x"),
        ("svc", "policy", "retries"),
        ("services", 0, "ports", 0, "deeper"),
        (0,),
    ],
)
def test_missing_paths_have_no_position(positions, path):
    assert positions.value(path) is None
    assert positions.key(path) is None


@pytest.mark.parametrize(
    ("path", "position", "found"),
    [
        (("nope",), "2:1", ()),  # nothing closer than the root
        (("nope", "deeper", 3), "2:1", ()),
        (("name", "x"), "2:1", ("name",)),  # into a scalar: the scalar's key
        (("services", 9), "3:1", ("services",)),  # an index past the end
        (("services", 0, "missing"), "4:5", ("services", 0)),  # a list item: its value
        (("services", 0, "ports", 5), "5:5", ("services", 0, "ports")),
        # Inside an alias nothing is recorded: the alias site's own key stands in.
        (("svc", "policy", "retries"), "11:3", ("svc", "policy")),
    ],
)
def test_resolve_falls_back_to_nearest_parent(positions, path, position, found):
    resolved, actual = positions.resolve(path)
    assert (str(resolved), actual) == (position, found)


def test_resolve_accepts_lists(positions):
    assert positions.resolve(["services", 0, "id"])[1] == ("services", 0, "id")


def test_alias_site_in_a_list_resolves_to_the_alias():
    positions = load_text("base: &b {x: 1}\nitems:\n  - *b\n", "f").positions
    assert at(positions.value(("items", 0))) == "3:5"
    assert positions.resolve(("items", 0, "x")) == (positions.value(("items", 0)), ("items", 0))
    assert at(positions.value(("base", "x"))) == "1:14"  # the anchored value keeps its own


def test_paths_lists_every_value_in_document_order(positions):
    assert list(positions.paths()) == [
        (),
        ("name",),
        ("services",),
        ("services", 0),
        ("services", 0, "id"),
        ("services", 0, "ports"),
        ("services", 0, "ports", 0),
        ("services", 0, "ports", 1),
        ("services", 0, "empty"),
        ("services", 1),
        ("defaults",),
        ("defaults", "retries"),
        ("svc",),
        ("svc", "policy"),
        ("svc", "quoted key"),
    ]


def test_columns_count_characters_not_bytes():
    positions = load_text("naïve: é\nnext: [ü, x]\n", "f").positions
    assert at(positions.value(("naïve",))) == "1:8"
    assert at(positions.value(("next", 1))) == "2:11"


def test_positions_after_crlf_and_bom():
    document = load_text("\ufeffa: 1\r\nb:\r\n  c: 2\r\n", "f")
    assert at(document.positions.key(("b", "c"))) == "3:3"
    assert at(document.positions.value(("a",))) == "1:4"


# Where the parser's own marks are easy to get wrong: no final line break (libyaml then moves
# its end marks to a line of their own), trailing spaces, empty values at the end, CRLF and the
# other breaks YAML counts, characters beyond the BMP, very long lines.
MARK_CASES = [
    "a: b",
    "a:",
    "a:\n  ",
    "a:\n  b:",
    "a:\n  - x\n  -",
    "a: [x, {b: }]",
    "a: |\n  text\n  more",
    "a: >-\n  folded\n\n  text\nb: 'q\n  r'",
    "a:\r\n  b: 1\r\n  c: [2, 3]\r\n",
    "a: 1\x85b: 2\u2028c:\u2029  - d\n",
    "😀: [𝟏, é]\nb: '😀 x'\n",
    "k: [" + "1, " * 40_000 + "2]\nnext: {a: [" + "x, " * 30_000 + "y]}\n",
    "? complex\n: v\n? |\n  block key\n: w\n",
    "a: 1\rb: 2\r\nc: [3]\x85d: 4",
    "? a\n? ",  # an empty scalar at the end, where libyaml moves its mark to a line of its own
    "x:\n  ? a\n  ?",  # two empty scalars at the end, on different lines
]


def parser_marks(text: str) -> dict:
    """Every path's (key mark, value mark) as libyaml's own composer records them, 0-based."""
    marks: dict = {}
    stack = [((), None, yaml.compose(text, Loader=yaml.CSafeLoader))]
    while stack:
        path, key_node, node = stack.pop()
        key = None if key_node is None else (key_node.start_mark.line, key_node.start_mark.column)
        marks[path] = (key, (node.start_mark.line, node.start_mark.column))
        if isinstance(node, yaml.MappingNode):
            stack.extend(((*path, k.value), k, v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(((*path, index), None, item) for index, item in enumerate(node.value))
    return marks


def zero_based(position) -> tuple[int, int] | None:
    return None if position is None else (position.line - 1, position.column - 1)


@pytest.mark.parametrize("text", MARK_CASES)
def test_positions_are_the_parsers_marks(text):
    positions = load_text(text, "f").positions
    recorded = {
        path: (zero_based(positions.key(path)), zero_based(positions.value(path)))
        for path in positions.paths()
    }
    assert recorded == parser_marks(text)


def test_quoted_and_block_scalars_have_spans():
    document = load_text("a: 'x # y'\nb: plain # c\n'k': |\n  z # w\nd: [\"e\"]", "f")
    spans = [((s.line, s.column), (e.line, e.column)) for s, e in document.scalar_spans]
    assert spans == [((0, 3), (0, 10)), ((2, 0), (2, 3)), ((2, 5), (4, 0)), ((4, 4), (4, 7))]


# Pieces of random texts for reading places back as lines and columns: every break YAML
# counts, characters of one to four UTF-8 bytes, and runs long enough to cross the blocks a
# text with "\n" breaks alone is read in.
TEXT_PIECES = ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029", "a", "é", "€", "😀", " ", "x" * 900, "\n" * 5]
BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # as libyaml counts lines


def counted_points(text: str) -> list[tuple[int, int]]:
    """Line and column of every place of `text`, 0-based, counted in one walk over its breaks."""
    ends = iter([match.end() for match in BREAK.finditer(text)] + [len(text) + 1])
    points, line, line_start, next_end = [], 0, 0, next(ends)
    for place in range(len(text) + 1):
        if place == next_end:
            line, line_start, next_end = line + 1, place, next(ends)
        points.append((line, place - line_start))
    return points


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("breaks", ["every kind", "newlines only"])
def test_places_read_back_as_a_walk_over_the_text_counts_them(seed, breaks):
    rng = random.Random(seed)
    pieces = (
        TEXT_PIECES
        if breaks == "every kind"
        else [p for p in TEXT_PIECES if not BREAK.search(p.replace("\n", ""))]
    )
    text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 80)))
    expected = counted_points(text)
    places = sorted({len(text), *rng.sample(range(len(text) + 1), min(len(text) + 1, 300))})
    # A reader keeps what it has read, so the order of the questions must not change the answers.
    for order in (places, places[::-1], rng.sample(places, len(places))):
        lines = Lines(text)
        found = {place: lines.point(place) for place in order}
        assert {place: (point.line, point.column) for place, point in found.items()} == {
            place: expected[place] for place in order
        }
