"""The site's checklist coverage counts only rules that checked something; nothing passes vacuously."""

from __future__ import annotations

from pathlib import Path

import pytest

from designlint.site.collect import collect
from designlint.site.coverage import coverage
from tests.conftest import DESIGNS, ROOT

# The review checklist and its arithmetic; other packs (cross-design rules) are judged elsewhere.
CHECKLIST_PACKS = {"staff-checklist", "numbers"}
ONLY_METADATA = "apiVersion: designlint/v1\nkind: Design\nmetadata: {name: bare}\n"


def cover_for(path: Path):
    (entry,) = collect([path], path.parent).designs
    return entry, coverage(entry)


def test_a_design_with_only_metadata_passes_no_rule(tmp_path):
    path = tmp_path / "bare.yaml"
    path.write_text(ONLY_METADATA, encoding="utf-8")
    entry, cover = cover_for(path)
    assert cover is not None
    # Its rules found the missing sections or had nothing to check. The only ones that can pass
    # are checks that neither name a subject (`given`) nor declare the sections they read, so
    # the engine cannot tell that they had nothing to check.
    checklist = {rule.code for rule in entry.rules if rule.pack in CHECKLIST_PACKS}
    unknowable = {
        rule.code
        for rule in entry.rules
        if rule.check is not None and rule.selector is None and not getattr(rule.check, "reads", None)
    }
    passed = {code for dimension in cover.dimensions for code in dimension.passed}
    assert passed & checklist <= unknowable
    assert {"DL101", "DL110", "DL112", "DL220", "DL221", "DL503", "DL552"}.isdisjoint(passed)
    assert cover.rules_fired > 5 and cover.rules_not_applicable > 20
    assert len(passed & checklist) <= 2  # month-convention reads months wherever they are written
    for dimension in cover.dimensions:
        assert not set(dimension.passed) & set(dimension.not_applicable)


def test_every_rule_lands_in_the_bucket_of_its_outcome():
    entry, cover = cover_for(DESIGNS / "newsfeed.yaml")
    assert cover is not None
    outcomes = entry.result.outcomes
    buckets = {
        "passed": "passed",
        "fired": "found",
        "suppressed": "accepted",
        "not_applicable": "vacuous",
    }
    for dimension in cover.dimensions:
        for bucket, outcome in buckets.items():
            assert all(outcomes[code].value == outcome for code in getattr(dimension, bucket)), bucket
    # The newsfeed has accepted gaps (suppressions with reasons) and nothing open on the checklist.
    checklist = {rule.code for rule in entry.rules if rule.pack in CHECKLIST_PACKS}
    assert not {code for d in cover.dimensions for code in d.fired} & checklist
    assert cover.rules_suppressed > 0
    assert cover.rules_passed < cover.rules_total
    assert 0 < cover.percent < 100


@pytest.mark.parametrize("name", ["thin.yaml", "halfway.yaml"])
def test_thinner_designs_have_fewer_rules_with_something_to_check(name):
    _, full = cover_for(DESIGNS / "newsfeed.yaml")
    _, partial = cover_for(ROOT / "tests" / "data" / "score" / name)
    assert partial.rules_not_applicable > full.rules_not_applicable
    assert partial.rules_total < full.rules_total


def test_the_page_says_what_was_not_counted(tmp_path):
    from designlint.site.pages import review
    from designlint.site.pages.context import PageContext

    path = tmp_path / "bare.yaml"
    path.write_text(ONLY_METADATA, encoding="utf-8")
    entry, cover = cover_for(path)
    ctx = PageContext.__new__(PageContext)
    ctx.entry = entry
    ctx.rule_link = lambda code: code
    page = review.coverage(ctx, cover)
    assert f"Of the {cover.rules_total} checklist rules that had something to check" in page
    assert f"{cover.rules_not_applicable} had nothing to check in this design" in page
    assert "Nothing to check" in page
