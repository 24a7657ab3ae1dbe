"""Broken copies of the News Feed design: each gets one positioned diagnostic, exit code 1, no traceback."""

from __future__ import annotations

import re

import pytest

from designlint.cli import main
from tests.conftest import DESIGNS

BOMB = """
lol1: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
lol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
lol3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
lol4: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
lol5: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
lol6: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
lol7: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
lol8: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
lol9: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def _metadata_line(lines: list[str]) -> int:
    return lines.index("metadata:")


def _insert_under_metadata(text: str, line: str) -> tuple[str, int]:
    lines = text.split("\n")
    at = _metadata_line(lines) + 1
    lines.insert(at, line)
    return "\n".join(lines), at + 1


def unknown_key(text):
    text, line = _insert_under_metadata(text, "  titel: News feed")
    return text, line, 3, "DL010", "unknown key 'titel'"


def wrong_type(text):
    text, line = _insert_under_metadata(text, "  reviewers: staff-review-board")
    return text, line, 14, "DL011", "expected a list"


def duplicate_key(text):
    lines = text.split("\n")
    at = next(i for i in range(_metadata_line(lines), len(lines)) if lines[i].startswith("  name:")) + 1
    lines.insert(at, "  name: again")
    return "\n".join(lines), at + 1, 3, "DL002", "duplicate key 'name'"


def tab_indent(text):
    text, line = _insert_under_metadata(text, "\tsummary: tabbed")
    return text, line, 1, "DL001", "tab"


def python_tag(text):
    lines = text.split("\n")
    at = _metadata_line(lines)
    lines.insert(at, 'notes: !!python/object/apply:os.system ["touch PWNED"]')
    return "\n".join(lines), at + 1, 8, "DL003", "python/object/apply"


def billion_laughs(text):
    lines = text.rstrip("\n").split("\n")
    return "\n".join(lines) + "\n" + BOMB, None, None, "DL004", "alias"


MUTATIONS = [unknown_key, wrong_type, duplicate_key, tab_indent, python_tag, billion_laughs]


@pytest.mark.parametrize("mutate", MUTATIONS, ids=[m.__name__ for m in MUTATIONS])
def test_broken_copy_gets_one_positioned_diagnostic(mutate, tmp_path, capsys, monkeypatch):
    original = (DESIGNS / "newsfeed.yaml").read_text(encoding="utf-8")
    text, line, column, code, words = mutate(original)
    path = tmp_path / "newsfeed.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    exit_code = main(["check", "--select", "DL0", "newsfeed.yaml"])
    out, err = capsys.readouterr()
    assert exit_code == 1, out + err
    diagnostics = re.findall(r"^newsfeed\.yaml:(\d+):(\d+): error (DL\d+) (.*)$", out, re.MULTILINE)
    assert len(diagnostics) == 1, out
    found_line, found_column, found_code, message = diagnostics[0]
    assert found_code == code
    assert words.lower() in message.lower()
    if line is not None:
        assert (int(found_line), int(found_column)) == (line, column)
    assert "Traceback" not in out + err
    assert not (tmp_path / "PWNED").exists()
