"""Golden DOT files for the test design: any change to what is drawn shows up as a reviewable diff.

Regenerate after an intended change with ``DESIGNLINT_UPDATE_GOLDENS=1 pytest tests/diagrams``
and review the diff of ``tests/diagrams/golden/``.
"""

from __future__ import annotations

import os

import pytest

from designlint.diagrams import VIEWS, dot_sources
from tests.diagrams.conftest import GOLDEN

UPDATE = os.environ.get("DESIGNLINT_UPDATE_GOLDENS") == "1"


@pytest.fixture(scope="module")
def sources(diagram_design):
    return dot_sources(diagram_design)


@pytest.mark.parametrize("view", VIEWS)
def test_dot_matches_golden(sources, view):
    golden = GOLDEN / f"{view}.dot"
    if UPDATE:
        golden.write_text(sources[view], encoding="utf-8", newline="")
    assert golden.exists(), f"no golden for {view}: run with DESIGNLINT_UPDATE_GOLDENS=1"
    assert sources[view] == golden.read_text(encoding="utf-8"), (
        f"the {view} DOT changed; if intended, regenerate with DESIGNLINT_UPDATE_GOLDENS=1 and review the diff"
    )


def test_goldens_hold_no_machine_paths():
    for golden in GOLDEN.glob("*.dot"):
        text = golden.read_text(encoding="utf-8")
        assert "site-packages" not in text and 'SRC="/' not in text, golden.name
