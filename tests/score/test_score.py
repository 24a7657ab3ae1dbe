"""``designlint score``: the grades of three designs that differ in depth, and what the card says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from designlint.cli import main
from designlint.engine.session import CheckSession
from designlint.score.grade import MISSING, PARTIAL, STRONG, score_file
from designlint.score.guidance import load_guidance
from tests.conftest import DESIGNS, ROOT

SCORE_DATA = ROOT / "tests" / "data" / "score"
DIMENSIONS = list("ABCDEFGHIJ")


def card_for(path: Path):
    display = path.relative_to(ROOT).as_posix()
    result, card = score_file(CheckSession(), path, display)
    assert card is not None, [f"{f.code} {f.message}" for f in result.findings]
    return card


def grades(card) -> dict[str, str]:
    return {item.item.key: item.grade for item in card.items}


@pytest.fixture(scope="module")
def full():
    return card_for(DESIGNS / "newsfeed.yaml")


@pytest.fixture(scope="module")
def thin():
    return card_for(SCORE_DATA / "thin.yaml")


@pytest.fixture(scope="module")
def halfway():
    return card_for(SCORE_DATA / "halfway.yaml")


def test_the_full_newsfeed_is_strong_on_every_dimension_it_covers(full):
    # The worked design covers all ten dimensions and the calibration item, as the seed's table says.
    assert grades(full) == {**dict.fromkeys(DIMENSIONS, STRONG), "11": STRONG}
    assert full.points == full.max_points == 22
    assert full.verdict.startswith("L6-ready")
    # Strong is not "perfect": the one signal it lacks is still listed as a gap with advice.
    failure = next(item for item in full.items if item.item.key == "B")
    assert [gap.what for gap in failure.gaps] == ["a disaster-recovery tier with RPO and RTO"]
    assert "DL210" in {f.code for f in failure.suppressed}  # suppressed with a reason: evidence, not a gap


def test_a_thin_design_is_missing_on_most(thin):
    assert grades(thin) == {**dict.fromkeys(DIMENSIONS, MISSING), "11": PARTIAL}
    assert thin.points == 1
    assert thin.verdict.startswith("not yet")


def test_a_halfway_design_lands_in_between(thin, halfway, full):
    assert grades(halfway) == {
        "A": PARTIAL,
        "B": PARTIAL,
        "C": PARTIAL,
        "D": PARTIAL,
        "E": PARTIAL,
        "F": PARTIAL,
        "G": PARTIAL,
        "H": MISSING,
        "I": PARTIAL,
        "J": MISSING,
        "11": STRONG,
    }
    assert thin.points < halfway.points < full.points
    for key, grade in grades(halfway).items():
        order = [MISSING, PARTIAL, STRONG]
        assert order.index(grades(thin)[key]) <= order.index(grade) <= order.index(grades(full)[key]), key


def test_gaps_say_what_a_staff_answer_adds(halfway):
    scale = next(item for item in halfway.items if item.item.key == "C")
    by_what = {gap.what: gap for gap in scale.gaps}
    # A signal the design has too little of, and one it lacks entirely, each with advice.
    derived = by_what["scale numbers derived by a formula"]
    assert (derived.found, derived.needed) == (2, 3)
    assert "formula" in derived.adds
    # A rule finding is a gap too, with the rule's fix.
    assert any(gap.code == "DL111" for gap in scale.gaps)
    assert all(gap.adds.strip() for item in halfway.items for gap in item.gaps)


def test_guidance_covers_eleven_items_and_each_dimension_once():
    guidance = load_guidance()
    assert [item.number for item in guidance.items] == list(range(1, 12))
    assert [item.dimension for item in guidance.items[:10]] == DIMENSIONS
    assert guidance.items[10].dimension is None


def test_guidance_names_real_rules_and_real_sections(ruleset):
    from designlint.model import Design

    for item in load_guidance().items:
        assert all(ruleset.get(code) is not None for code in item.rules), item.title
        for signal in item.signals:
            for path in signal.present or [signal.count]:
                model = _model_at(Design, path.replace("[]", "").split("."))
                for field in [*signal.having, *signal.where, *([signal.distinct] if signal.distinct else [])]:
                    assert _model_at(model, field.split(".")) is not None, f"{signal.id}: {field}"


def _model_at(model, parts):
    """The pydantic model (or leaf annotation) a path of YAML keys leads to; fails on an unknown key."""
    import typing

    from pydantic import BaseModel

    current = model
    for part in parts:
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


def test_score_command_formats(capsys):
    thin_path = str(SCORE_DATA / "thin.yaml")
    assert main(["score", thin_path]) == 0
    text = capsys.readouterr().out
    assert "1. Judgment & decision-making (A): Missing" in text
    assert "staff answer adds:" in text and "where L5 stops:" in text

    assert main(["score", thin_path, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["grades"] == {"Strong": 0, "Partial": 1, "Missing": 10}
    assert [item["grade"] for item in document["items"]][-1] == "Partial"

    assert main(["score", thin_path, "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("## L6 readiness:")
    assert markdown.count("<details>") == markdown.count("</details>") == 11


def test_score_output_is_deterministic(capsys):
    outputs = []
    for _ in range(2):
        assert main(["score", str(DESIGNS / "newsfeed.yaml"), "--format", "json"]) == 0
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
