"""``designlint fix`` changes the lines of the values it fills and nothing else.

Each ``golden/NAME.before.yaml`` is fixed in a copy and must come out byte for byte as
``golden/NAME.after.yaml``; without an ``after`` file it must stay byte-identical. The cases
cover CRLF and mixed line endings, 4-space indentation, flow mappings over many lines, trailing
spaces, comments everywhere, block scalars, a byte-order mark, null values and a last line
without a line break.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from designlint.analysis.fills import fills
from designlint.cli import main
from designlint.loader import load_bytes
from designlint.model import Design

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path.name.removesuffix(".before.yaml") for path in GOLDEN.glob("*.before.yaml"))


def _fill_count(raw: bytes) -> int:
    return len(fills(Design.model_validate(load_bytes(raw, "golden").data)))


@pytest.mark.parametrize("case", CASES)
def test_fix_matches_the_golden_file(case, tmp_path):
    before = (GOLDEN / f"{case}.before.yaml").read_bytes()
    expected_path = GOLDEN / f"{case}.after.yaml"
    expected = expected_path.read_bytes() if expected_path.exists() else before
    copy = tmp_path / "design.yaml"
    copy.write_bytes(before)
    assert main(["fix", str(copy)]) == 0
    assert copy.read_bytes() == expected
    # Fixing again finds nothing more and leaves every byte.
    assert main(["fix", str(copy)]) == 0
    assert copy.read_bytes() == expected


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]


@pytest.mark.parametrize("case", CASES)
def test_only_the_filled_lines_change(case):
    """Every added line holds a filled value, with the line ending of the line it follows; a
    line that changes (a flow mapping or a null value) keeps its own ending."""
    before = (GOLDEN / f"{case}.before.yaml").read_bytes()
    expected_path = GOLDEN / f"{case}.after.yaml"
    if not expected_path.exists():
        assert _fill_count(before) == 0
        return
    old = before.decode("utf-8").splitlines(keepends=True)
    new = expected_path.read_bytes().decode("utf-8").splitlines(keepends=True)
    planned = fills(Design.model_validate(load_bytes(before, "golden").data))
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        assert tag in ("insert", "replace"), (tag, old[i1:i2])
        changed = new[j1:j2]
        if (
            i2 > i1
            and i2 == len(old)
            and not _ending(old[-1])
            and changed[0] == old[-1] + _ending(changed[0])
        ):
            # an unbroken last line gains the break before the new lines, and nothing else
            i2, changed = i2 - 1, changed[1:]
            tag = "insert" if i1 == i2 else tag
        assert all(any(f"{fill.key}: {fill.text}" in line for fill in planned) for line in changed), changed
        if tag == "replace":
            assert i2 - i1 == j2 - j1  # a line that changes is one line that gains a value
            assert [_ending(line) for line in old[i1:i2]] == [_ending(line) for line in changed]
        elif i1 > 0 and _ending(old[i1 - 1]):
            # ("" only for a new last line of a file that ended without a break)
            assert {_ending(line) for line in changed} - {""} == {_ending(old[i1 - 1])}


@pytest.mark.parametrize("case", CASES)
def test_diff_shows_the_change_without_writing(case, tmp_path, capsys):
    before = (GOLDEN / f"{case}.before.yaml").read_bytes()
    copy = tmp_path / "design.yaml"
    copy.write_bytes(before)
    changes = (GOLDEN / f"{case}.after.yaml").exists()
    assert main(["fix", "--diff", str(copy)]) == (1 if changes else 0)
    assert copy.read_bytes() == before
    out = capsys.readouterr().out
    assert bool(out) == changes
