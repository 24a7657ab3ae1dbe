"""Without libyaml the loader falls back to PyYAML's Python parser: same results."""

from __future__ import annotations

import pytest

from designlint.errors import LoadError
from designlint.loader import builder, load_text

CASES = [
    "a: 1\nb: [x, {c: ~}]\n",
    "a: b\nc: d: e\n",
    "a:\n  - x\n  y: 1\n",
    "a:\n\tb: 1\n",
    "a:\n  b: 1\n \tc: 2\n",
    "",
    "a: 1\n---\nb: 2\n",
    "- a\n",
    "---",
    "[a]: 1\n",
    "a: *x\n",
    "a: &a [*a]\n",
    "a: !!int x\n",
    "a: !!python/object/apply:os.system [x]\n",
    "a: !x 1\n",
    "name: a\nname: b\n",
    "a: {x: 1, x: 2}\n",
    "a: " + "[" * 100 + "]" * 100 + "\n",
    "v: [null, ~, yes, no, 0777, 0o17, 0x1F, 1e3, .inf, 2024-01-15, '1', \"x\", ! 12, !!str 3]\n",
    "a: &x {p: 1}\nb: *x\n",
    "? |\n  k\n: v\n",
    "{",
    "a: [1, 2",
    "%TAG !! tag:example.com:\n---\na: !!str x\n",
]


def outcome(text: str):
    try:
        document = load_text(text, "f")
    except LoadError as error:
        return error.code, error.position  # the two parsers word their messages differently
    return (
        document.data,
        list(document.positions.paths()),
        [document.positions.resolve(path) for path in document.positions.paths()],
    )


@pytest.mark.parametrize("text", CASES)
def test_python_parser_agrees_with_libyaml(text, monkeypatch):
    expected = outcome(text)
    monkeypatch.setattr(builder, "_Parser", builder.PythonParser)
    assert outcome(text) == expected
