"""The README's performance table is the one bench/readme.py renders from bench/results.json.

Timings differ from run to run, so the committed README and results are compared in shape: the
same rows, columns and labels, every figure blanked. A measurement saved to results.json must
appear in the table, and one the README shows must be in results.json.
"""

from __future__ import annotations

import copy
import json

import pytest

from bench.readme import README, RESULTS, render_table, shape, table_in

# What bench/run.py measures in one run, all of which the README shows.
MEASURED = ("event_floor", "compose_floor", "one_core", "all_cores", "warm_cache", "cold_start", "version")


@pytest.fixture(scope="module")
def results() -> dict:
    return json.loads(RESULTS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def table() -> str:
    return table_in(README.read_text(encoding="utf-8"))


def test_results_hold_every_measurement(results):
    assert set(MEASURED) <= set(results["rows"])
    for name in MEASURED:
        assert results["rows"][name]["wall_s"] > 0


def test_readme_table_has_the_shape_of_the_results(results, table):
    assert shape(table) == shape(render_table(results))


def test_every_ratio_is_against_the_event_floor(results, table):
    assert "| 1.00x |" in next(line for line in table.splitlines() if line.startswith("| event floor"))
    for name, ratio in results["ratios"].items():
        expected = results["rows"][name]["wall_s"] / results["rows"]["event_floor"]["wall_s"]
        assert ratio == pytest.approx(expected)


def _with(results: dict, change) -> dict:
    changed = copy.deepcopy(results)
    change(changed)
    return changed


@pytest.mark.parametrize(
    ("change", "appears"),
    [
        (lambda r: r["rows"].__setitem__("peak_memory_5000", {"peak_rss_mib": 88.0}), "| peak_memory_5000 |"),
        (
            lambda r: r["targets"].__setitem__("new_limit", {"limit": 1.0, "value": 2.0, "met": False}),
            "| new_limit | 2 | <= 1 | **missed** |",
        ),
        (
            lambda r: r.__setitem__(
                "site",
                {
                    "designs": 10,
                    "pages": 99,
                    "repeat": 1,
                    "plain_mkdocs": {"wall_s": 2.0, "peak_rss_mib": 90.0},
                    "designlint_warm": {"wall_s": 2.2, "peak_rss_mib": 95.0},
                    "designlint_cold": {"wall_s": 3.0, "peak_rss_mib": 99.0},
                    "overhead": 0.1,
                    "target": {"limit": 0.2, "met": True},
                },
            ),
            "| `designlint site build`, diagrams cached | 2.20 s | 95 MiB | 1.10x |",
        ),
        (
            lambda r: r.__setitem__(
                "memory",
                {"files": 5000, "bytes": 2**27, "peak_rss_mib": {"json": 99.0}, "cpu_s": {"json": 30.0}},
            ),
            "| `check DIR --format json --no-cache`, every core | 99 MiB | 30.0 s |",
        ),
        (
            lambda r: r.__setitem__(
                "scaling",
                {
                    "count": [
                        {
                            "step": {"units": 50, "bytes": 1_500_000, "cpu_s": 1.0},
                            "per_unit_s": None,
                            "growth": None,
                            "over_floor": 2.0,
                        },
                        {
                            "step": {"units": 500, "bytes": 15_000_000, "cpu_s": 9.1},
                            "per_unit_s": 0.018,
                            "growth": 1.0,
                            "over_floor": 2.1,
                        },
                    ]
                },
            ),
            "| 500 | 14.31 | 9.10 s | 2.10x | 18.0 ms | 1.00 | - |",
        ),
        (
            lambda r: r.__setitem__(
                "server",
                {
                    "file": "designs/newsfeed.yaml",
                    "runs": 30,
                    "median_ms": 140.2,
                    "min_ms": 110.0,
                    "p90_ms": 180.0,
                    "debounce_ms": 100,
                    "floor_check_document_ms": 30.0,
                    "target_ms": 150,
                    "met": True,
                },
            ),
            "median 140 ms (fastest 110 ms, p90 180 ms)",
        ),
    ],
    ids=["new-row", "new-target", "site", "memory", "scaling", "server"],
)
def test_a_new_measurement_changes_the_shape(results, change, appears):
    before = _with(results, lambda r: [r.pop(key, None) for key in ("site", "memory", "scaling", "server")])
    changed = _with(before, change)
    assert appears in render_table(changed)
    assert shape(render_table(before)) != shape(render_table(changed))


def test_a_changed_timing_keeps_the_shape(results, table):
    slower = _with(results, lambda r: r["rows"]["one_core"].__setitem__("wall_s", 123.456))
    assert shape(render_table(slower)) == shape(render_table(results))


def test_markers_must_appear_once_each():
    with pytest.raises(ValueError):
        table_in("no table here")
    with pytest.raises(ValueError):
        from bench.readme import END, START

        table_in(f"{END}\n{START}\n")
