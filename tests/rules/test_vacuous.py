"""A rule with nothing to look at on a design is vacuous there, not passed: the claims it
recomputes in prose, the months it compares, the references to other designs it resolves.
Given something to look at, each one checks it."""

from __future__ import annotations

import pytest

from designlint.findings import Outcome
from tests.conftest import HEADER, with_header

SUBJECT_DECLARED = [
    "DL507",
    "DL580",
    "DL581",
    "DL582",
    "DL583",
    "DL600",
    "DL601",
    "DL602",
    "DL603",
    "DL604",
    "DL605",
]
# Prose without a numeric claim, an SLO without a month, components without a reference.
NOTHING_TO_CHECK = (
    HEADER
    + "  summary: Serves pages to readers fast, from a cache in front of the store.\n"
    + "architecture:\n  components:\n    - {id: api, name: API, kind: service, dependsOn: [{target: store}]}\n"
    + "    - {id: store, name: Store, kind: database}\n"
    + "slos:\n  - {id: up, service: api, sli: good / all, objective: 99.9%, window: 7d, errorBudget: 10.08 min}\n"
)


def _outcomes(engine, tmp_path, text: str):
    path = tmp_path / "design.yaml"
    path.write_text(text, encoding="utf-8")
    return engine.check_path(path, "design.yaml").outcomes


def test_nothing_to_check_is_vacuous(engine, tmp_path):
    outcomes = _outcomes(engine, tmp_path, NOTHING_TO_CHECK)
    assert {code: outcomes[code] for code in SUBJECT_DECLARED} == dict.fromkeys(
        SUBJECT_DECLARED, Outcome.VACUOUS
    )


# A component that stands for another design's: something for every cross-design rule to resolve.
REFERENCING = (
    "architecture:\n  components:\n    - {id: api, name: API, kind: service, dependsOn: [{target: content}]}\n"
    "    - {id: content, name: Content, kind: service, ref: content-platform#content-service}\n"
)


@pytest.mark.parametrize("code", SUBJECT_DECLARED)
def test_a_design_with_something_to_check_is_not_vacuous(code, engine, ruleset, tmp_path):
    # The prose and month rules' passing examples state what they check; references need one.
    text = REFERENCING if code.startswith("DL6") else ruleset.get(code).rule.docs.passing
    assert _outcomes(engine, tmp_path, with_header(text))[code] in (Outcome.PASSED, Outcome.FOUND)
