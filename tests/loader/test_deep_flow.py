"""Flow brackets nested past the depth limit: libyaml reads the prefix, and says what the full parse says.

libyaml gives up on deep flow nesting before our depth check sees it; parsing the whole text
again with the pure-Python parser costs it a million steps for a line of a thousand brackets.
The loader first cuts the text where brackets nest past the limit; these cases check that the
answer is the full parse's, including where brackets in quotes and comments cut too early.
"""

from __future__ import annotations

import pytest

from designlint.errors import LoadError
from designlint.loader import builder, load_text
from tests.conftest import HEADER

DEEP = 2000  # past libyaml's own limit, so the fallback path runs

CASES = {
    "sequences": "notes: " + "[" * DEEP,
    "mappings": "notes: " + "{a: " * DEEP,
    "mixed, with items before": "notes: " + "[x, {k: v, z: " * (DEEP // 2),
    "under block mappings": "a:\n  b:\n    c: " + "[" * DEEP,
    "after a closed deep list": "x: " + "[" * 70 + "]" * 70 + "\ny: " + "[" * DEEP,
    "brackets in a quoted string first": "x: '" + "[" * 70 + "'\ny: " + "[" * DEEP,
    "brackets in a comment first": "# " + "{" * 70 + "\ny: " + "[" * DEEP,
    "a tag inside": "notes: " + "[" * 30 + "!!python/object:x [" + "[" * DEEP,
    "a duplicate key before": "notes: 1\nnotes: " + "[" * DEEP,
    "split over lines": "notes:\n" + "[\n" * DEEP,
}


def _error(text: str) -> str:
    with pytest.raises(LoadError) as info:
        load_text(text, "design.yaml")
    return str(info.value)


@pytest.mark.parametrize("body", list(CASES.values()), ids=list(CASES))
def test_the_prefix_gives_the_full_parse_answer(body, monkeypatch):
    text = HEADER + body + "\n"
    quick = _error(text)
    monkeypatch.setattr(builder, "_raise_nesting_from_prefix", lambda *args: None)
    assert quick == _error(text)
