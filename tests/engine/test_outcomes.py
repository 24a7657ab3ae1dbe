"""Each rule's outcome on a file: found, accepted, passed, vacuous (nothing to check) or not run."""

from __future__ import annotations

from pathlib import Path

from designlint.engine.session import CheckSession
from designlint.findings import Outcome

THIN = """\
apiVersion: designlint/v1
kind: Design
metadata: {name: thin, owners: [me]}
slos:
  - id: feed-availability  # designlint: ignore[DL201] reason: the window is owned by the platform SLO
    service: feed
    sli: share of successful feed loads
    objective: 99.9%
"""


def outcomes(tmp_path: Path, text: str) -> dict[str, Outcome]:
    path = tmp_path / "design.yaml"
    path.write_text(text, encoding="utf-8")
    return CheckSession().check([(path, "design.yaml")])[0].outcomes


def test_a_rule_with_nothing_to_check_is_vacuous_not_passed(tmp_path):
    found = outcomes(tmp_path, THIN)
    assert found["DL301"] is Outcome.VACUOUS  # migration pattern: there are no migrations
    assert found["DL201"] is Outcome.ACCEPTED  # suppressed with a reason
    assert found["DL102"] is Outcome.FOUND  # no scope
    assert found["DL104"] is Outcome.VACUOUS  # no latency targets


def test_a_rule_passes_only_on_something_it_checked(tmp_path):
    text = THIN + "scope:\n  in: [feed]\n  out:\n    - {item: ads, reason: owned by the ads team}\n"
    assert outcomes(tmp_path, text)["DL102"] is Outcome.PASSED


def test_outcomes_survive_the_result_cache(tmp_path, monkeypatch):
    from designlint.engine.cache import check_with_cache

    monkeypatch.chdir(tmp_path)  # the cache lives in the working folder when there is no config

    path = tmp_path / "design.yaml"
    path.write_text(THIN, encoding="utf-8")
    first = check_with_cache(CheckSession(), [(path, "design.yaml")])[0].outcomes
    second = check_with_cache(CheckSession(), [(path, "design.yaml")])[0].outcomes
    assert first == second and first
