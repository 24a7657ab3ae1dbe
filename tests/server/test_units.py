"""The server's parts in-process: position conversion, the check's last line of defence, tokens."""

from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol")

from lsprotocol import types

from designlint.errors import Position
from designlint.server.checking import Checker, declares
from designlint.server.positions import LineIndex, Span
from tests.conftest import DESIGNS

UTF16 = types.PositionEncodingKind.Utf16
UTF8 = types.PositionEncodingKind.Utf8
UTF32 = types.PositionEncodingKind.Utf32

# buffer, designlint position of "x", encoding, LSP position of "x"
POSITIONS = [
    ("a: x\n", (1, 4), UTF16, (0, 3)),
    ("🚀: x\n", (1, 4), UTF16, (0, 4)),
    ("🚀: x\n", (1, 4), UTF8, (0, 6)),
    ("🚀: x\n", (1, 4), UTF32, (0, 3)),
    ("\ufeffa: x\n", (1, 4), UTF16, (0, 4)),
    ("a: 1\r\nb: x\r\n", (2, 4), UTF16, (1, 3)),
    ('t: "a\u2028b"\nc: x\n', (3, 4), UTF16, (1, 3)),  # YAML breaks lines at U+2028, editors do not
    ("a: 1\rb: x\r", (2, 4), UTF16, (1, 3)),
]


@pytest.mark.parametrize(("buffer", "where", "encoding", "expected"), POSITIONS)
def test_designlint_positions_become_editor_positions(buffer, where, encoding, expected):
    lines = LineIndex(buffer, encoding)
    offset = lines.offset_of(Position(*where))
    assert buffer[offset] == "x"
    position = lines.position(offset)
    assert (position.line, position.character) == expected
    assert lines.offset(position) == offset


@pytest.mark.parametrize(
    ("line", "token"),
    [
        ("key: value here  # comment", "value here"),
        ("key: 'it''s: quoted' # c", "'it''s: quoted'"),
        ('key: "a \\" b", x', '"a \\" b"'),
        ("- {target: feed-cache, mode: sync}", "feed-cache"),
        ("url: http://example.com/x", "http://example.com/x"),
    ],
)
def test_a_token_ends_where_yaml_ends_the_scalar(line, token):
    lines = LineIndex(line + "\n")
    start = line.index(token)
    assert lines.token(start) == Span(start, start + len(token))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("apiVersion: designlint/v1\nkind: Design\n", True),
        ("kind: Design\n", True),
        ("apiVersion: designlint/v1\nkind: RulePack\n", False),
        ("apiVersion: apps/v1\nkind: Deployment\n", False),
        ("services: {}\n", None),
    ],
)
def test_which_buffers_are_designs(text, expected):
    assert declares(text) is expected


def test_a_bug_in_checking_is_one_diagnostic_not_a_dead_server(monkeypatch):
    import designlint.server.checking as checking

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(checking, "load_text", broken)
    text = (DESIGNS / "newsfeed.yaml").read_text(encoding="utf-8")
    outcome = Checker().check("untitled:x", 1, text, None, UTF16, design=True)
    (diagnostic,) = outcome.diagnostics
    assert diagnostic.code == "DL000" and "RuntimeError: boom" in diagnostic.message
