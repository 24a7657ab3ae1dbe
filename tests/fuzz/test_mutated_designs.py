"""No mutated design crashes a command: no DL000, no internal error, no traceback.

``check``, ``calc``, ``fix --diff`` and ``score`` each run, in-process through the CLI entry
point, on designs from ``designs/`` (and the small golden designs of tests/fix) with their
bytes, lines, keys, types, numbers and units broken (tests/fuzz/mutations.py). A broken design
must come back as findings or as one error designlint reports itself, with exit code 0, 1 or 2.
A fifth property writes with ``fix`` for real: a refusal leaves the file as it was, and a
written file reads back with nothing left to fill.

The suite runs 25 inputs per property, derandomised, so CI stays quick and reproducible. A
longer run reads the count per property from the environment:

    DESIGNLINT_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest -q --hypothesis-show-statistics tests/fuzz

which is 100,000 inputs over the five properties.
"""

from __future__ import annotations

import contextlib
import io
import os

import pytest
from hypothesis import HealthCheck, given, settings

from designlint.cli import main
from tests.fuzz.mutations import Mutated, mutated_designs

EXAMPLES = int(os.environ.get("DESIGNLINT_FUZZ_EXAMPLES", "25"))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

COMMANDS = {
    "check": ["check", "--no-cache"],
    "calc": ["calc"],
    "fix --diff": ["fix", "--diff"],
    "score": ["score"],
}
CRASHES = ("DL000", "internal error", "Traceback (most recent call last)")


@pytest.fixture(scope="module")
def design_file(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz") / "design.yaml"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def assert_no_crash(command: str, design_file, design: Mutated) -> None:
    design_file.write_bytes(design.raw)
    code, out, err = run([*COMMANDS[command], str(design_file)])
    crash = next((mark for mark in CRASHES if mark in out or mark in err), None)
    assert crash is None, f"{command}: {crash}\n{err[-2000:]}{out[-2000:]}"
    assert code in (0, 1, 2), (command, code)
    if code == 2:
        # designlint's own error: one line naming the file (or a usage error), never a crash
        assert "error" in err, (command, err)


@pytest.mark.parametrize("command", list(COMMANDS))
@FUZZ
@given(design=mutated_designs())
def test_a_mutated_design_never_crashes(command, design_file, design: Mutated):
    assert_no_crash(command, design_file, design)


@FUZZ
@given(design=mutated_designs())
def test_fix_writes_only_what_it_filled(design_file, design: Mutated):
    """Writing for real: a refusal leaves the file as it was; a written file has nothing left to fill."""
    design_file.write_bytes(design.raw)
    code, out, err = run(["fix", str(design_file)])
    assert not any(mark in out or mark in err for mark in CRASHES), err[-2000:]
    assert code in (0, 2), (code, err)
    if code == 2:
        assert design_file.read_bytes() == design.raw
    elif design_file.read_bytes() != design.raw:
        again, _, err = run(["fix", "--diff", str(design_file)])
        assert again == 0, err
