"""Text output shows the source line around a finding: a long line is cut around the column, with
the caret still under the finding, so each finding costs what it shows."""

from __future__ import annotations

import re

import pytest

from designlint.reporters.text import SOURCE_WIDTH, source_window

CARET = re.compile(r"^\s*\d+ \| (.*)\n\s+\| ( *)\^$", re.MULTILINE)


@pytest.mark.parametrize(
    ("length", "column"),
    [
        (40, 5),
        (SOURCE_WIDTH, SOURCE_WIDTH - 1),
        (SOURCE_WIDTH + 1, 0),
        (10_000, 0),
        (10_000, 5_000),
        (10_000, 9_999),
    ],
)
def test_the_window_keeps_the_character_under_the_caret(length, column):
    source = "".join(chr(ord("a") + i % 26) for i in range(length))
    shown, at = source_window(source, column)
    assert shown[at] == source[column]
    assert len(shown) <= SOURCE_WIDTH + 2  # the cut, and a mark at either end
    assert shown.strip("…") in source  # only whole ends are cut


def test_a_finding_on_a_long_line_shows_its_part_of_the_line(design, run):
    # One flow-style line: the unknown key sits far to the right.
    filler = ", ".join(f"note{i}: {'x' * 20}" for i in range(400))
    path = design("d.yaml", f"extra: {{{filler}, zzunknown: 1}}\n")
    code, out, _ = run("check", "--no-cache", "--select", "DL0", path)
    assert code == 1
    shown = [(text, len(pad)) for text, pad in CARET.findall(out)]
    assert shown
    for text, _ in shown:
        assert len(text) <= SOURCE_WIDTH + 2
    assert len(out) < 20 * (SOURCE_WIDTH + 200)
