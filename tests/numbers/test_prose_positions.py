"""Offsets into a parsed scalar mapped back to line:col in the source, for every scalar style.

Prose findings point inside block scalars (``|``, ``>``), multi-line plain scalars and quoted
scalars whose escapes change lengths; the samples in ``data/prose_scalars.yaml`` cover each.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from designlint.errors import Position
from designlint.loader import load_text
from designlint.loader.positions import inside_scalar

DATA = Path(__file__).parent / "data"
SAMPLES = yaml.safe_load((DATA / "prose_scalars.yaml").read_text(encoding="utf-8"))["samples"]
IDS = [sample["id"] for sample in SAMPLES]


def _strings(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, str):
        yield path, value


def _source_lines(source: str) -> list[str]:
    return source.replace("\r\n", "\n").split("\n")


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_every_character_maps_back_to_itself(sample):
    source = sample["source"]
    document = load_text(source, "sample.yaml")
    lines = _source_lines(source)
    checked = 0
    for path, value in _strings(document.data):
        start = document.positions.value(path)
        for offset, char in enumerate(value):
            if char.isspace():
                continue  # folded breaks and indentation have no character of their own
            found = inside_scalar(source, start, offset)
            written = lines[found.line - 1][found.column - 1 : found.column]
            assert written in (char, "\\"), (path, offset, char, found, written)
            checked += 1
    assert checked


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_a_claim_inside_the_scalar_is_located(sample):
    source, point = sample["source"], sample["point"]
    document = load_text(source, "sample.yaml")
    path = tuple(point["path"])
    value = document.data
    for step in path:
        value = value[step]
    offset = value.index(point["text"])
    found = document.locate(path, at_key=False, offset=offset)
    assert f"{found.line}:{found.column}" == point["at"]


def test_an_offset_past_the_value_falls_back_to_its_start():
    source = "notes: |\n  short\nz: 1\n"
    start = load_text(source, "x.yaml").positions.value(("notes",))
    assert inside_scalar(source, start, 500) == start
    assert inside_scalar(source, start, -1) == start
    assert inside_scalar(source, Position(99, 1), 3) == Position(99, 1)
