"""Placeholders (TBD, none, ?, "no way back") are missing answers: reported once, at their own place,
and never satisfy a rule; enumerations, identifiers and names are never placeholders."""

from __future__ import annotations

import pytest

from designlint.engine.session import CheckSession
from designlint.findings import Outcome
from designlint.model.placeholders import is_placeholder
from tests.conftest import HEADER

WORDS = [
    # (text, a placeholder?, in a field where "none" is a real answer?)
    ("TBD", True, False),
    ("tbd.", True, False),
    ("TODO", True, False),
    ("TBC", True, False),
    ("FIXME", True, False),
    ("N/A", True, False),
    ("n/a", True, False),
    ("none", True, False),
    ("None.", True, False),
    ("unknown", True, False),
    ("?", True, False),
    ("-", True, False),
    ("...", True, False),
    ("", True, False),
    ("Not yet decided", True, False),
    ("no way back", True, False),
    ("None; no way back", True, False),
    ("TBD: ask the DBA team", True, False),
    ("TODO - write after the load test", True, False),
    ("none, n/a", True, False),
    ("None; there is no way back once writes are local", True, False),
    ("Not enforced yet; to be decided", True, False),
    ("Not needed; the table is append-only", False, False),
    ("None; the phase only adds a read replica", False, False),
    ("none needed: the phase is read-only", False, False),
    ("turn shadow reads off", False, False),
    ("Unknown keys are rejected by the schema", False, False),
    ("?? is how we write an unknown", False, False),
    ("-1 s of skew is tolerated", False, False),
    ("none", False, True),
    ("TBD", True, True),
]


@pytest.mark.parametrize("text, placeholder, none_is_an_answer", WORDS)
def test_what_counts_as_a_placeholder(text, placeholder, none_is_an_answer):
    assert is_placeholder(text, none_is_an_answer) is placeholder


def check(tmp_path, body: str):
    path = tmp_path / "design.yaml"
    path.write_text(HEADER + body, encoding="utf-8")
    return CheckSession().check([(path, "design.yaml")])[0]


MIGRATION = """\
migrations:
  - name: Move reads
    pattern: strangler-fig
    phases:
      - name: Shadow reads
        rollback: {rollback}
        successCriteria: [results match]
"""


@pytest.mark.parametrize(
    "written, answer",
    [("TBD", "TBD"), ("None; no way back", "None; no way back"), ('"?"', "?"), ("n/a", "n/a")],
)
def test_a_placeholder_rollback_is_one_finding_at_its_value(tmp_path, written, answer):
    result = check(tmp_path, MIGRATION.format(rollback=written))
    codes = [f.code for f in result.findings if f.code in ("DL015", "DL302")]
    assert codes == ["DL015"]  # the missing rollback is reported once, as the placeholder
    [finding] = [f for f in result.findings if f.code == "DL015"]
    assert (finding.position.line, finding.position.column) == (10, 19)
    assert (
        finding.message
        == f"{answer!r} is a placeholder, not an answer: migration phase 'Shadow reads' has no rollback"
    )
    # The rule that needs the answer found the gap: it did not pass.
    assert result.outcomes["DL302"] is Outcome.FOUND


def test_a_real_rollback_passes(tmp_path):
    result = check(tmp_path, MIGRATION.format(rollback="turn shadow reads off"))
    assert not [f for f in result.findings if f.code in ("DL015", "DL302")]
    assert result.outcomes["DL302"] is Outcome.PASSED


CASES = [
    # (body, the path of the one DL015 expected, or None for none)
    (
        "invariants:\n  - {name: No duplicates, statement: a post appears once, enforcement: TBD}\n",
        ("invariants", 0, "enforcement"),
    ),
    (
        "crossTeamDependencies:\n  - {service: Ranking, team: TBD, contract: p99 50 ms, escalation: page ML}\n",
        ("crossTeamDependencies", 0, "team"),
    ),
    ("metadata2: x\n", None),
    (
        "architecture:\n  components:\n    - id: api\n      name: API\n      kind: service\n"
        "      dependsOn: [{target: db, timeout: TBD}]\n    - {id: db, name: DB, kind: database}\n",
        ("architecture", "components", 0, "dependsOn", 0, "timeout"),
    ),
    # An enumeration value is a choice, never a placeholder.
    (
        "migrations:\n  - name: Flag flip\n    pattern: feature-flag\n    movesData: true\n"
        "    dataMigration: {strategy: none}\n",
        None,
    ),
    # "none" is a real answer where there may be nothing: no personal data is kept.
    ("nfr:\n  security: {pii: none, retention: none}\n", None),
    # Ids and names are not answers.
    ("tradeoffs:\n  - {name: TBD, choice: latency, sacrifices: freshness, rationale: users wait}\n", None),
    # A required field keeps its text (and is still reported): no missing-key error on top.
    (
        "invariants:\n  - {name: Order, statement: TBD, enforcement: sequence numbers}\n",
        ("invariants", 0, "statement"),
    ),
    ("metadata:\n  name: example\n  owners: [TBD]\n", ("metadata", "owners", 0)),
    # A required number: the unreadable value is the placeholder's finding, not a second one.
    ("nfr:\n  latency: [{operation: load, target: TBD, percentile: p99}]\n", ("nfr", "latency", 0, "target")),
]


@pytest.mark.parametrize("body, path", CASES)
def test_placeholders_by_field(tmp_path, body, path):
    design = tmp_path / "design.yaml"
    header = "apiVersion: designlint/v1\nkind: Design\n" if body.startswith("metadata:") else HEADER
    design.write_text(header + body, encoding="utf-8")
    result = CheckSession().check([(design, "design.yaml")])[0]
    placeholders = [f.path for f in result.findings if f.code == "DL015"]
    assert placeholders == ([path] if path else [])
    assert not [f for f in result.findings if f.code in ("DL011", "DL012", "DL013")]
    if path:  # no other rule reports the same spot a second time
        [finding] = [f for f in result.findings if f.path == path]
        assert finding.code == "DL015" and "is not a number" not in finding.message


def test_no_rule_is_satisfied_by_a_placeholder(tmp_path):
    """Declarative rules and checks alike read the design with its placeholders blanked."""
    body = (
        "invariants:\n  - {name: Once, statement: a post appears once, enforcement: TBD}\n"
        "architecture:\n  components:\n"
        "    - {id: feed, name: Feed, kind: service, owner: feed-team,"
        " dependsOn: [{target: ranking, timeout: 50 ms, fallback: none}]}\n"
        "    - {id: ranking, name: Ranking, kind: service, owner: ml-team}\n"
    )
    result = check(tmp_path, body)
    assert result.outcomes["DL410"] is Outcome.FOUND
    assert result.outcomes["DL420"] is Outcome.FOUND  # `fallback: none` is no fallback
    [call] = [f for f in result.findings if f.code == "DL420"]
    assert "has no fallback" in call.message


def test_the_walk_finds_what_is_placeholder_says_whatever_the_text_starts_with():
    """The walk rules most answers out by their first characters; it must agree with the full test."""
    from designlint.model import Design
    from designlint.model.placeholders import find_placeholders

    printable = [chr(code) for code in range(32, 127)] + ["\t", "é", "İ", "…"]
    starts = [first + second for first in printable for second in printable] + list(printable)
    texts = [text for text, _, _ in WORDS] + starts + [start + " tbd" for start in printable]
    phases = [
        {"name": f"phase {index}", "rollback": text, "successCriteria": [text]}
        for index, text in enumerate(texts)
    ]
    data = {"migrations": [{"name": "Move reads", "phases": phases}]}
    found = {(p.path[3], p.path[4]) for p in find_placeholders(data, Design)}
    expected = {
        (index, key)
        for index, text in enumerate(texts)
        for key in ("rollback", "successCriteria")
        if is_placeholder(text)
    }
    assert found == expected
    assert len(expected) > 100  # the starts that can begin a phrase are read in full
