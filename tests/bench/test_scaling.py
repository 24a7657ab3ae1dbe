"""The scaling benchmark's output shape (the benchmark itself is too slow for the suite)."""

from __future__ import annotations

import pytest

from bench.scaling import Step, grown_design, render, rows
from designlint.loader import load_text


def steps(cost_of) -> list[Step]:
    return [
        Step(units, int(units * 1000), 0.5 + cost_of(units), 0.1 + units / 100, 50.0)
        for units in (1, 10, 100)
    ]


@pytest.mark.parametrize(
    ("cost_of", "growths"),
    [
        (lambda units: 0.02 * units, [1.0, 1.0]),  # linear: the marginal cost stays flat
        (lambda units: 0.001 * units * units, [1.0, 10.0]),  # quadratic: it grows with the input
    ],
)
def test_growth_is_the_marginal_cost_against_the_first_step(cost_of, growths):
    table = rows(steps(cost_of))
    assert table[0].per_unit_s is None and table[0].growth is None
    assert [round(row.growth or 0.0, 6) for row in table[1:]] == growths


def test_the_floor_growth_is_the_floors_marginal_cost_against_its_first_step():
    # The check's cost is linear, the floor's quadratic: only the floor column grows.
    table = rows(
        [
            Step(units, int(units * 1000), 0.5 + 0.02 * units, 0.1 + 0.001 * units * units, 50.0)
            for units in (1, 10, 100)
        ]
    )
    assert table[0].floor_growth is None
    assert [round(row.growth or 0.0, 6) for row in table[1:]] == [1.0, 1.0]
    assert [round(row.floor_growth or 0.0, 6) for row in table[1:]] == [1.0, 10.0]


def test_the_report_has_one_table_per_series_and_a_line_per_step():
    text = render({"count": rows(steps(lambda units: 0.02 * units)), "size": rows(steps(lambda u: 0.3 * u))})
    assert "time vs number of files" in text and "time vs size of one file" in text
    assert "per file" in text and "per MiB" in text
    step_lines = [line.split()[:2] for line in text.splitlines() if line.endswith("MiB")]
    assert step_lines == [
        ["1", "files"],
        ["10", "files"],
        ["100", "files"],
        ["1", "KB"],
        ["10", "KB"],
        ["100", "KB"],
    ]


def test_a_grown_design_is_one_loadable_design_with_unique_identifiers():
    text = grown_design(60_000)
    assert len(text.encode("utf-8")) >= 60_000
    data = load_text(text, "grown.yaml").data
    ids = [component["id"] for component in data["architecture"]["components"]]
    assert len(ids) == len(set(ids)) > 10
