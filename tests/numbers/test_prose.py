"""Numbers in prose: claims found, recomputed and reported at the stated value inside the text.

The cases are data (``data/prose_cases.yaml``): a design fragment, the findings as
``CODE line:col`` within the fragment, and the text each finding must point at. The twin file
``data/prose_correct.yaml`` holds the same kinds of claims written correctly: every one of them
must be read, and none reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from designlint.analysis.context import numbers
from designlint.analysis.prose_claims import sentence_claims
from designlint.analysis.prose_text import claim_sentences, tokens
from designlint.loader import load_path, load_text
from designlint.model import Design
from tests.conftest import DESIGNS, ROOT, with_header
from tests.growth import assert_near_linear

DATA = Path(__file__).parent / "data"
CASES = yaml.safe_load((DATA / "prose_cases.yaml").read_text(encoding="utf-8"))["cases"]
PROSE_CODES = ("DL580", "DL581", "DL582", "DL583")


def _prose_findings(findings):
    return [f for f in findings if f.code in PROSE_CODES]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_prose_case(case, check_text):
    fragment = case["design"]
    text = with_header(fragment)
    added = text.count("\n") - fragment.count("\n")
    found = _prose_findings(check_text(text))
    assert [f"{f.code} {f.position.line - added}:{f.position.column}" for f in found] == case["expect"], [
        f.message for f in found
    ]
    lines = text.split("\n")
    pointed = [lines[f.position.line - 1][f.position.column - 1 :] for f in found]
    for at, source in zip(case.get("at", []), pointed, strict=True):
        assert source.startswith(at), (at, source)


def _report(path: Path):
    design = Design.model_validate(load_path(path).data)
    return numbers(design).prose


def test_the_correct_twin_is_read_and_not_reported(engine):
    path = DATA / "prose_correct.yaml"
    assert _prose_findings(engine.check_path(path, path.name).findings) == []
    report = _report(path)
    kinds = {
        "arithmetic": [r.verdict.agrees for r in report.arithmetic],
        "downtime": [r.verdict.agrees for r in report.downtime],
        "sla": [r.looser for r in report.sla],
        "totals": [r.verdict.agrees for r in report.totals],
    }
    # Every claim written in the twin is read (a reader that reads nothing would also be silent).
    assert {kind: len(values) for kind, values in kinds.items()} == {
        "arithmetic": 14,
        "downtime": 2,
        "sla": 3,
        "totals": 2,
    }
    assert all(all(values) for values in kinds.values())


def test_the_35_tb_claim_is_recomputed_from_its_operands():
    text = "50B × 100 B × 7 days ≈ 350 GB"
    design = Design.model_validate(load_text(with_header(f"notes: {text}\n"), "x.yaml").data)
    (result,) = numbers(design).prose.arithmetic
    assert not result.verdict.agrees
    assert result.verdict.recomputed.value == pytest.approx(35e12)  # bytes
    assert text[result.claim.stated.start :] == "350 GB"


@pytest.mark.parametrize("path", sorted(DESIGNS.glob("*.yaml")), ids=lambda p: p.name)
def test_example_designs_have_no_wrong_prose(engine, path):
    assert _prose_findings(engine.check_path(path, path.name).findings) == []


def test_the_seed_faithful_newsfeed_keeps_its_error_in_structure_not_in_prose(engine):
    """Its ~350 GB is a scale quantity (DL503); its prose restates only correct arithmetic.

    Of its two products in prose, one is read and agrees; the other ends "if everyone were
    cached", a condition that puts the result outside what is recomputed.
    """
    path = ROOT / "tests" / "data" / "newsfeed-seed-faithful.yaml"
    findings = engine.check_path(path, path.name).findings
    assert _prose_findings(findings) == []
    assert "DL503" in {f.code for f in findings}
    assert [r.verdict.agrees for r in _report(path).arithmetic] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "1 x " * 20_000 + "= 5",
        "(" * 5_000 + "1" + ")" * 5_000 + " = 1 GB",
        "= " * 20_000,
        "99.9% " * 10_000 + "= 4 min monthly",
        "SLA 99.9% " * 5_000,
        "total $1/month " * 5_000,
        "1" * 5_000 + " = " + "9" * 5_000,
        "10^999 x 10^-999 = 1",
    ],
    ids=[
        "long-product",
        "deep-parentheses",
        "relations",
        "availabilities",
        "slas",
        "totals",
        "huge",
        "powers",
    ],
)
def test_hostile_prose_is_read_without_error(text):
    for start, end in claim_sentences(text):
        tokens(text, start, end)
        sentence_claims(text, start, end)


def test_a_sentence_of_many_totals_is_read_in_linear_time():
    """Each total asks whether its clause prices another situation: the clauses are read once."""

    def reading(text: str):
        return lambda: [sentence_claims(text, start, end) for start, end in claim_sentences(text)]

    assert_near_linear(reading("total $1/month " * 1_000), reading("total $1/month " * 4_000), runs=3)
