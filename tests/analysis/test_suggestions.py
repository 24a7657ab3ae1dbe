"""'Did you mean' hints: the closest known name, found among a bounded set of candidates."""

from __future__ import annotations

import pytest

from designlint.analysis import suggestions
from designlint.analysis.suggestions import NameSuggestions

MANY = [f"requests_per_region_{i}" for i in range(5000)]


@pytest.mark.parametrize(
    ("known", "name", "expected"),
    [
        (["dau", "mau", "peak_factor"], "peak_factr", "peak_factor"),
        (["dau", "mau", "peak_factor"], "storage", None),
        (MANY, "requests_per_regoin_77", "requests_per_region_77"),  # a slip in the middle
        (MANY, "rqeuests_per_region_4321", "requests_per_region_4321"),  # a slip at the start
        (MANY, "requests_per_region_4321x", "requests_per_region_4321"),  # a slip at the end
        ([*MANY, "zzz_storage_bytes"], "zzz_storage_byte", "zzz_storage_bytes"),
    ],
    ids=["few", "none-close", "many-middle", "many-start", "many-end", "many-alone"],
)
def test_the_closest_known_name_is_suggested(known, name, expected):
    assert NameSuggestions(known).closest(name) == expected


def test_a_lookup_reads_a_bounded_number_of_candidates_among_many_names():
    index = NameSuggestions(MANY)
    candidates = index.candidates("requests_per_regoin_77")
    assert len(candidates) <= 4 * suggestions.NEIGHBOURS
    assert "requests_per_region_77" in candidates


def test_each_name_is_looked_up_once_and_only_the_first_ones_get_a_hint(monkeypatch):
    index = NameSuggestions(["alpha", "beta"])
    calls = []
    import difflib  # the module imports it on first use

    original = difflib.get_close_matches
    monkeypatch.setattr(
        difflib,
        "get_close_matches",
        lambda *args, **kwargs: calls.append(args[0]) or original(*args, **kwargs),
    )
    assert index.hint("alpah") == "did you mean 'alpha'?"
    assert index.hint("alpah") == "did you mean 'alpha'?"
    assert calls == ["alpah"]
    for i in range(suggestions.MAX_LOOKUPS):
        index.closest(f"unknown{i}")
    assert index.closest("bet") is None  # past the cap: no more searches
    assert index.hint("alpah") == "did you mean 'alpha'?"  # an answer already found still counts
