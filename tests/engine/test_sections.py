"""One schema error does not stop the rules on the sections that validate; a rule that reads an
invalid section does not run (its outcome says so), and its suppressions are never reported unused."""

from __future__ import annotations

from pathlib import Path

import pytest

from designlint.engine.session import CheckSession
from designlint.findings import Outcome
from tests.conftest import DESIGNS


def check(tmp_path: Path, text: str, name: str = "design.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return CheckSession().check([(path, name)])[0]


def test_a_typo_in_metadata_is_one_error_and_every_suppression_still_counts(tmp_path):
    """The News Feed design with `ownerz:` for `owners:`: one error, no unused suppressions."""
    text = (DESIGNS / "newsfeed.yaml").read_text(encoding="utf-8")
    assert "  owners:" in text
    result = check(tmp_path, text.replace("  owners:", "  ownerz:", 1), "newsfeed.yaml")
    assert [(f.code, f.message) for f in result.findings] == [("DL010", "unknown key 'ownerz'")]
    assert result.findings[0].hint == "did you mean 'owners'?"
    assert len(result.suppressed) >= 12  # the checklist ran and the suppressions matched
    assert result.design is None and result.partial_design is not None


BROKEN_SLOS = """\
apiVersion: designlint/v1
kind: Design
metadata: {name: x}
scope:
  in: [feeds]
slos:  # designlint: ignore[DL201] reason: the windows are owned by the platform team
  - id: feed
    sli: good loads / all loads
    objective: 99.9%
    window: thirty days
"""


def test_rules_reading_an_invalid_section_do_not_run(tmp_path):
    result = check(tmp_path, BROKEN_SLOS)
    codes = [f.code for f in result.findings]
    assert "DL013" in codes  # the unreadable window, reported once
    assert "DL102" in codes  # scope validated: its rule ran and found no out-of-scope list
    assert "DL009" not in codes  # DL201 did not run, so its suppression is not 'unused'
    outcomes = result.outcomes
    assert outcomes["DL201"] is Outcome.NOT_RUN  # declarative, given: $.slos[*]
    assert outcomes["DL200"] is Outcome.NOT_RUN  # declarative on $, its schema names slos
    assert outcomes["DL203"] is Outcome.NOT_RUN  # a check that declares it reads slos
    assert outcomes["DL102"] is Outcome.FOUND
    assert outcomes["DL220"] is Outcome.VACUOUS  # reads architecture and failure scenarios only


def test_a_misspelt_section_stops_the_rules_of_the_section_it_stands_for(tmp_path):
    text = (
        "apiVersion: designlint/v1\nkind: Design\nmetadata: {name: x}\n"
        "architecture:\n  components:\n    - {id: api, name: API, kind: service}\n"
        "failureScenario:\n  - {id: api-down, component: api, degradation: serve a static page}\n"
    )
    result = check(tmp_path, text)
    [unknown] = [f for f in result.findings if f.code == "DL010"]
    assert unknown.hint == "did you mean 'failureScenarios'?"
    assert result.outcomes["DL220"] is Outcome.NOT_RUN  # not "api has no failure scenario"
    assert "DL220" not in {f.code for f in result.findings}


@pytest.mark.parametrize(
    "text",
    [
        "apiVersion: designlint/v0\nkind: Design\nmetadata: {name: x}\n",
        "apiVersion: designlint/v1\nkind: Design\nmetadata: {name: 'not an id!'}\n",
    ],
)
def test_nothing_runs_when_the_design_cannot_be_read_at_all(tmp_path, text):
    result = check(tmp_path, text)
    assert result.partial_design is None
    assert result.outcomes and set(result.outcomes.values()) == {Outcome.NOT_RUN}
    assert {f.code for f in result.findings} <= {"DL013", "DL014"}


def test_an_invalid_list_item_keeps_every_path_in_place(tmp_path):
    """Invalid parts are removed at the deepest optional key, so findings elsewhere stay put."""
    text = (
        "apiVersion: designlint/v1\nkind: Design\nmetadata: {name: x}\n"
        "tradeoffs:\n"
        "  - {name: A, choice: x}\n"
        "  - {name: B, choice: y, sacrifices: [not, text]}\n"
        "  - {name: C, choice: z}\n"
    )
    result = check(tmp_path, text)
    assert [(f.code, f.position.line) for f in result.findings if f.code.startswith("DL01")] == [("DL011", 6)]
    assert result.outcomes["DL400"] is Outcome.NOT_RUN
    assert result.partial_design is not None and [t.name for t in result.partial_design.tradeoffs] == [
        "A",
        "B",
        "C",
    ]


def test_repeated_unknown_keys_are_reported_compactly(tmp_path, monkeypatch):
    import difflib

    searches = []
    search = difflib.get_close_matches

    def counted(word, possibilities, *args, **kwargs):
        searches.append(word)
        return search(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)  # validation imports it on first use
    components = "".join(f"    - {{id: c{n}, name: C{n}, kind: service, ownr: team}}\n" for n in range(30))
    extra = "".join(f"  k{n}: 1\n" for n in range(150))
    text = (
        "apiVersion: designlint/v1\nkind: Design\narchitecture:\n  components:\n"
        + components
        + "metadata:\n  name: x\n"
        + extra
    )
    result = check(tmp_path, text)
    unknown = [f for f in result.findings if f.code == "DL010"]
    assert len(unknown) == 101  # 100 distinct keys with a finding each, one for the rest
    [repeated] = [f for f in unknown if "'ownr'" in f.message]
    assert repeated.message == "unknown key 'ownr' (30 times)" and repeated.hint == "did you mean 'owner'?"
    assert len(repeated.related) == 29 and repeated.related[0].position.line == repeated.position.line + 1
    [rest] = [f for f in unknown if "more unknown keys" in f.message]
    assert rest.message.startswith("51 more unknown keys ('k99', 'k100', 'k101', 'k102', 'k103', ...)")
    assert len(searches) == 100  # a 'did you mean' search per reported key, none for the rest
