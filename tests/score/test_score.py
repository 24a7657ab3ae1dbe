"""``designlint score``: grades that follow the substance of a design, and what the card says."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import yaml

from designlint.cli import main
from designlint.engine.session import CheckSession
from designlint.findings import Outcome
from designlint.score.grade import MISSING, PARTIAL, STRONG, score_file
from designlint.score.guidance import load_guidance
from designlint.score.signals import ACCEPTED, MET
from tests.conftest import DESIGNS, ROOT

SCORE_DATA = ROOT / "tests" / "data" / "score"
OUTSIDE = ROOT / "tests" / "data" / "outside"
DIMENSIONS = list("ABCDEFGHIJ")
HEADER = "apiVersion: designlint/v1\nkind: Design\nmetadata: {name: probe}\n"


def card_for(path: Path):
    display = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    result, card = score_file(CheckSession(), path, display)
    assert card is not None, [f"{f.code} {f.message}" for f in result.findings]
    return card


def card_of_text(tmp_path: Path, text: str, name: str = "probe.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return card_for(path)


def grades(card) -> dict[str, str]:
    return {item.item.key: item.grade for item in card.items}


def item(card, key: str):
    return next(i for i in card.items if i.item.key == key)


def signal(card, key: str, signal_id: str):
    return next(s for s in item(card, key).signals if s.signal.id == signal_id)


@pytest.fixture(scope="module")
def full():
    return card_for(DESIGNS / "newsfeed.yaml")


@pytest.fixture(scope="module")
def thin():
    return card_for(SCORE_DATA / "thin.yaml")


@pytest.fixture(scope="module")
def halfway():
    return card_for(SCORE_DATA / "halfway.yaml")


def test_three_depths_get_three_grades_in_order(thin, halfway, full):
    assert thin.score < halfway.score < full.score
    assert thin.score < 10 and 20 < halfway.score < 50 and full.score > 90
    tallies = {(c.count(STRONG), c.count(PARTIAL), c.count(MISSING)) for c in (thin, halfway, full)}
    assert len(tallies) == 3
    # Item by item too: more substance never grades lower.
    for a, b, c in zip(thin.items, halfway.items, full.items, strict=True):
        assert a.fraction <= b.fraction <= c.fraction, a.item.title


def test_the_full_newsfeed_is_strong_and_the_thin_sketch_is_missing(thin, full):
    assert grades(full) == {**dict.fromkeys(DIMENSIONS, STRONG), "11": STRONG}
    assert full.verdict.startswith("L6-ready")
    assert grades(thin) == {**dict.fromkeys(DIMENSIONS, MISSING), "11": PARTIAL}
    assert thin.verdict.startswith("not yet")


def test_the_halfway_design_lands_in_between(halfway):
    assert grades(halfway) == {
        "A": PARTIAL,
        "B": PARTIAL,
        "C": PARTIAL,
        "D": MISSING,
        "E": MISSING,
        "F": PARTIAL,
        "G": PARTIAL,
        "H": MISSING,
        "I": PARTIAL,
        "J": MISSING,
        "11": STRONG,
    }


def test_an_accepted_gap_is_shown_as_accepted_not_as_strong(full):
    failure = item(full, "B")
    dr = signal(full, "B", "disaster-recovery")
    # The newsfeed suppresses DL210 with a reason: the DR gap is accepted, earns nothing, and
    # is not listed among the gaps still to close.
    assert dr.state == ACCEPTED and dr.credit == 0
    assert "DL210" in failure.rules.accepted and "DL210" not in failure.rules.passed
    assert all(gap.signal is not dr for gap in failure.gaps)
    assert failure.fraction < 1


def test_a_design_with_only_metadata_passes_nothing(tmp_path):
    card = card_of_text(tmp_path, HEADER)
    assert card.score == 0 and card.count(MISSING) == 11
    # Rules with nothing to check are vacuous, never "passed".
    checked = {code for i in card.items for code in i.rules.passed}
    assert not checked & {
        "DL101",
        "DL110",
        "DL112",
        "DL202",
        "DL220",
        "DL221",
        "DL420",
        "DL430",
        "DL503",
        "DL552",
    }
    assert {"DL220", "DL503"} <= {code for i in card.items for code in i.rules.vacuous}


# Partial credit per instance, as data: a fragment, the signal it feeds and the credit it earns.
PARTIAL_CREDIT = [
    pytest.param(
        """
architecture:
  components:
    - {id: api, name: API, kind: service}
    - {id: db, name: DB, kind: database}
failureScenarios:
  - {id: db-down, component: db, degradation: serve reads from the cache for ten minutes}
""",
        ("B", "degradation"),
        1 / 6,  # one scenario answers one of two needs, against the three it takes
        id="degradation-without-detection-earns-half",
    ),
    pytest.param(
        """
architecture:
  components:
    - {id: api, name: API, kind: service}
    - {id: db, name: DB, kind: database}
failureScenarios:
  - {id: db-down, component: db, degradation: serve reads from the cache for ten minutes}
observability:
  metrics:
    - {component: db, metrics: [errors], alerts: [{condition: error rate above 1%, severity: ticket}]}
""",
        ("B", "degradation"),
        1 / 3,  # an alert on the component is how the failure is detected
        id="an-alert-on-the-component-is-detection",
    ),
    pytest.param(
        """
decisions:
  - id: store
    title: Store
    alternatives:
      - {name: SQL, whyRejected: too slow}
      - {name: Files, whyRejected: "no index for lookups by user, so every read scans"}
""",
        ("A", "rejected-alternatives"),
        1 / 2,  # "too slow" is two words: not a reason
        id="a-two-word-reason-is-not-a-reason",
    ),
    pytest.param(
        """
scale:
  quantities:
    - {name: dau, value: 200M users, rationale: given}
    - {name: per_user, value: 5 loads/user/day, rationale: measured}
    - {name: loads, value: 1B loads/day, formula: dau * per_user}
    - {name: loads_s, value: 120K loads/s, formula: loads / (86400 s/day)}
""",
        ("C", "derived-numbers"),
        1 / 4,  # the wrong average (DL503) earns nothing
        id="a-wrong-number-is-not-substance",
    ),
    pytest.param(
        """
nfr:
  latency:
    - {operation: search, target: 200 ms}
""",
        ("C", "latency-percentiles"),
        0,  # a latency without its percentile bounds nothing
        id="a-latency-target-needs-its-percentile",
    ),
    pytest.param(
        """
useCases:
  - {id: recrawl, name: Re-crawl the web, category: core, kind: batch, operations: [recrawl]}
nfr:
  freshness:
    - {operation: recrawl, target: 24 h}
""",
        ("C", "latency-percentiles"),
        1,  # batch work is held to freshness, not to a latency percentile
        id="a-freshness-target-fits-batch-work",
    ),
    pytest.param(
        """
failureScenarios:
  - {id: a, component: x, blastRadius: {users: 5%}}
  - {id: b, component: x, blastRadius: {capabilities: [feeds]}}
""",
        ("B", "blast-radius"),
        1 / 2,  # capabilities alone do not quantify who is hit
        id="blast-radius-needs-a-number-or-the-flows",
    ),
    pytest.param(
        """
incidents:
  - {title: Stampede, trigger: a celebrity posted during a live event, impact: 40% of loads timed out for 12 minutes}
""",
        ("B", "incident"),
        1 / 2,  # no root cause, no lesson
        id="an-incident-without-its-lesson-earns-half",
    ),
    pytest.param(
        """
migrations:
  - name: Move
    phases:
      - {name: Shadow, rollback: turn shadowing off, successCriteria: [results match]}
      - {name: Cut over}
""",
        ("C", "migration-path"),
        1 / 2,
        id="a-phase-without-rollback-earns-nothing",
    ),
]


@pytest.mark.parametrize(("fragment", "where", "credit"), PARTIAL_CREDIT)
def test_partial_credit_follows_substance(tmp_path, fragment, where, credit):
    card = card_of_text(tmp_path, HEADER + fragment)
    assert signal(card, *where).credit == pytest.approx(credit)


def test_placeholder_answers_earn_nothing(tmp_path):
    answered = card_of_text(
        tmp_path,
        HEADER
        + "invariants:\n  - {name: Unique, statement: one key per URL, enforcement: a unique index on key}\n",
    )
    placeholder = card_of_text(
        tmp_path,
        HEADER + "invariants:\n  - {name: Unique, statement: one key per URL, enforcement: TBD}\n",
        name="tbd.yaml",
    )
    assert signal(answered, "G", "invariants").found == 1
    assert signal(placeholder, "G", "invariants").found == 0


def test_gaps_say_what_a_staff_answer_adds(halfway):
    scale = item(halfway, "C")
    by_signal = {gap.signal.signal.id: gap for gap in scale.gaps if gap.signal}
    derived = by_signal["derived-numbers"].signal
    assert (derived.found, derived.needed) == (2, 4)
    assert [s.label for s in derived.shortfalls] == ["dau", "sessions_per_user"]
    assert "formula" in by_signal["derived-numbers"].adds
    # A rule finding is a gap too, with the rule's fix.
    assert any(gap.code == "DL111" for gap in scale.gaps)
    assert all(gap.adds.strip() for i in halfway.items for gap in i.gaps)


def test_rule_outcomes_are_read_not_guessed(halfway):
    failure = item(halfway, "B")
    # DR is absent: its element rules had nothing to check, which is not a pass.
    assert {"DL211", "DL212"} <= set(failure.rules.vacuous)
    assert "DL210" in failure.rules.found and "DL221" in failure.rules.passed
    assert not set(failure.rules.passed) & set(failure.rules.vacuous)


def test_guidance_covers_eleven_items_and_each_dimension_once():
    guidance = load_guidance()
    assert [i.number for i in guidance.items] == list(range(1, 12))
    assert [i.dimension for i in guidance.items[:10]] == DIMENSIONS
    assert guidance.items[10].dimension is None


def test_guidance_names_real_rules_sections_and_measures(ruleset):
    from designlint.model import Design
    from designlint.score.measures import COUNTS, MEASURES

    for entry in load_guidance().items:
        assert all(ruleset.get(code) is not None for code in entry.rules), entry.title
        for sig in entry.signals:
            for code in [*sig.faults, *([sig.rule] if sig.rule else [])]:
                assert ruleset.get(code) is not None, f"{sig.id}: {code}"
            models = [
                _model_at(Design, path.replace("[]", "").split(".")) for path in sig.present or sig.count
            ]
            # Every field a signal reads exists in (one of) the sections it pools.
            for field in [*sig.where, *([sig.distinct] if sig.distinct else [])]:
                assert any(_has(model, field) for model in models), f"{sig.id}: {field}"
            for need in sig.needs:
                for option in need.split("|"):
                    if option.startswith("@"):
                        assert option[1:] in MEASURES, f"{sig.id}: {option}"
                    else:
                        assert any(_has(model, option) for model in models), f"{sig.id}: {option}"
            if sig.per and sig.per.startswith("@"):
                assert sig.per[1:] in COUNTS
            elif sig.per:
                _model_at(Design, sig.per.replace("[]", "").split("."))


def _has(model, dotted: str) -> bool:
    try:
        _model_at(model, dotted.split("."))
    except AssertionError:
        return False
    return True


def _model_at(model, parts):
    """The pydantic model (or leaf annotation) a path of YAML keys leads to; fails on an unknown key."""
    import typing

    from pydantic import BaseModel

    current = model
    for part in parts:
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            # A list of text: the instances are strings, and have no keys.
            return current
        fields = {info.alias or name: info for name, info in current.model_fields.items()}
        assert part in fields, f"{current.__name__} has no key '{part}'"
        annotation = fields[part].annotation
        nested = [
            a
            for a in (
                annotation,
                *typing.get_args(annotation),
                *(inner for a in typing.get_args(annotation) for inner in typing.get_args(a)),
            )
            if isinstance(a, type) and issubclass(a, BaseModel)
        ]
        current = nested[0] if nested else annotation
    return current


def _outside_designs() -> list[tuple[str, int]]:
    found = []
    for expectation in sorted(OUTSIDE.glob("*.expected.yaml")):
        data = yaml.safe_load(expectation.read_text(encoding="utf-8"))
        found.append((data["design"], int(data["depth"])))
    return found


@pytest.mark.skipif(len({depth for _, depth in _outside_designs()}) < 2, reason="no outside corpus yet")
def test_outside_designs_are_ordered_by_their_reviewed_depth():
    scores = {name: card_for(OUTSIDE / name).score for name, _ in _outside_designs()}
    depth = dict(_outside_designs())
    wrong = [
        f"{a} (depth {depth[a]}, {scores[a]:.1f}) >= {b} (depth {depth[b]}, {scores[b]:.1f})"
        for a, b in itertools.permutations(scores, 2)
        if depth[a] < depth[b] and scores[a] >= scores[b]
    ]
    assert wrong == []


def test_score_command_formats(capsys):
    thin_path = str(SCORE_DATA / "thin.yaml")
    assert main(["score", thin_path]) == 0
    text = capsys.readouterr().out
    assert "1. Judgment & decision-making (A): Missing (0 %)" in text
    assert "staff answer adds:" in text and "where L5 stops:" in text
    assert "rules with nothing to check here (not counted)" in text

    assert main(["score", thin_path, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["grades"] == {"Strong": 0, "Partial": 1, "Missing": 10}
    assert [i["grade"] for i in document["items"]][-1] == "Partial"
    first = document["items"][0]
    assert {"fraction", "substance", "ruleFactor", "signals", "rules"} <= set(first)
    assert set(first["rules"]) >= {"passed", "found", "accepted", "vacuous", "notRun"}

    assert main(["score", thin_path, "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("## L6 readiness:")
    assert markdown.count("<details>") == markdown.count("</details>") == 11


def test_accepted_gaps_in_every_format(capsys):
    newsfeed = str(DESIGNS / "newsfeed.yaml")
    assert main(["score", newsfeed]) == 0
    text = capsys.readouterr().out
    assert "= a disaster-recovery tier" in text and "DL210 accepted: suppressed with a reason" in text
    assert main(["score", newsfeed, "--format", "json"]) == 0
    failure = json.loads(capsys.readouterr().out)["items"][1]
    assert "DL210" in failure["rules"]["accepted"]
    assert next(s for s in failure["signals"] if s["id"] == "disaster-recovery")["state"] == ACCEPTED
    assert main(["score", newsfeed, "--format", "markdown"]) == 0
    assert "accepted gap: a disaster-recovery tier" in capsys.readouterr().out


@pytest.mark.parametrize("output", ["text", "json", "markdown"])
def test_score_output_is_deterministic(capsys, output):
    outputs = []
    for _ in range(2):
        assert main(["score", str(DESIGNS / "newsfeed.yaml"), "--format", output]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]


def test_design_text_is_escaped_in_markdown(tmp_path, capsys):
    design = (SCORE_DATA / "thin.yaml").read_text(encoding="utf-8")
    path = tmp_path / "x.yaml"
    # DL400 quotes the trade-off's name in its message, which becomes a gap on the card.
    path.write_text(
        design + "tradeoffs:\n  - {name: '<script>x</script> *b* @team', choice: c}\n", encoding="utf-8"
    )
    assert main(["score", str(path), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "&lt;script&gt;x&lt;/script&gt; \\*b\\* &#64;team" in out
    assert "<script" not in out and "@team" not in out


def test_an_invalid_design_is_not_graded(tmp_path, capsys):
    path = tmp_path / "broken.yaml"
    path.write_text(
        "apiVersion: designlint/v1\nkind: Design\nmetadata: {name: x}\nusers: 3\n", encoding="utf-8"
    )
    assert main(["score", str(path)]) == 1
    captured = capsys.readouterr()
    assert "DL011" in captured.out and "Traceback" not in captured.out + captured.err
    assert "cannot grade" in captured.err


def test_score_usage_errors(tmp_path, capsys):
    assert main(["score", str(tmp_path / "missing.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["score", str(tmp_path)]) == 2
    assert "folder" in capsys.readouterr().err


def test_outcomes_feed_the_card_only_through_the_engine(halfway):
    # Every rule of every item is in exactly one bucket.
    for entry in halfway.items:
        buckets = [
            entry.rules.passed,
            entry.rules.found,
            entry.rules.accepted,
            entry.rules.vacuous,
            entry.rules.not_run,
        ]
        codes = [code for bucket in buckets for code in bucket]
        assert len(codes) == len(set(codes))
    assert Outcome.VACUOUS.value == "vacuous" and MET == "met"
