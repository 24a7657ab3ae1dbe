"""The benchmark corpus generator: deterministic, and its designs are valid in every sense."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from bench.generate import DEFAULT_SEED, design_rng, draft_design, generate_design, render, write_corpus
from bench.slips import SLIPS
from designlint.cli import main
from designlint.loader import load_text
from designlint.model import Design

ROOT = Path(__file__).resolve().parents[2]
STRUCTURAL = re.compile(r"^DL0\d\d$")  # loader and format findings (DL001-DL014)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return write_corpus(3, tmp_path_factory.mktemp("corpus"))


def test_same_seed_gives_the_same_bytes(corpus):
    for index, path in enumerate(corpus):
        assert generate_design(index, design_rng(DEFAULT_SEED, index)) == path.read_text(encoding="utf-8")


def test_another_seed_or_index_gives_another_design():
    first = generate_design(0, design_rng(DEFAULT_SEED, 0))
    assert generate_design(0, design_rng(DEFAULT_SEED + 1, 0)) != first
    assert generate_design(1, design_rng(DEFAULT_SEED, 1)) != first


def test_designs_validate_against_the_model_and_the_json_schema(corpus):
    schema = json.loads((ROOT / "schemas" / "design.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    for path in corpus:
        text = path.read_text(encoding="utf-8")
        data = load_text(text, path.name).data
        Design.model_validate(data)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], path.name
        # Portable YAML: a YAML 1.1 reader sees the same values as designlint's 1.2 loader.
        assert yaml.safe_load(text) == data


def test_designs_are_about_the_intended_size(corpus):
    sizes = [len(p.read_bytes()) for p in corpus]
    lines = [p.read_text(encoding="utf-8").count("\n") for p in corpus]
    assert 20_000 < sum(sizes) / len(sizes) < 40_000
    assert 550 < sum(lines) / len(lines) < 1_100


def test_designlint_check_reports_no_structural_findings(corpus, capsys):
    code = main(["check", *map(str, corpus), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code in (0, 1)  # 1 only means the checklist rules had something to say
    assert report["summary"]["files"] == len(corpus)
    assert [f for f in report["findings"] if STRUCTURAL.match(f["code"])] == []


NUMBERS = re.compile(r"^DL5\d\d$")  # the rules that recompute a design's numbers


def _check(paths: list[Path], capsys) -> list[dict]:
    main(["check", "--no-cache", *map(str, paths), "--format", "json"])
    return json.loads(capsys.readouterr().out)["findings"]


def test_numbers_recompute_without_slips(tmp_path, capsys):
    # Formulas, units, costs, budgets, ceilings, DR and blast radii all agree with designlint's arithmetic.
    paths = []
    for index in range(12):
        path = tmp_path / f"design-{index:04d}.yaml"
        path.write_text(
            generate_design(index, design_rng(DEFAULT_SEED, index), slips=False), encoding="utf-8"
        )
        paths.append(path)
    assert [
        (f["file"], f["code"], f["message"]) for f in _check(paths, capsys) if NUMBERS.match(f["code"])
    ] == []


@pytest.mark.parametrize("code", sorted(SLIPS))
def test_each_slip_causes_exactly_its_finding(code, tmp_path, capsys):
    for index in range(40):
        rng = design_rng(DEFAULT_SEED, index)
        document, draft = draft_design(index, rng)
        if SLIPS[code](document, draft, rng):
            break
    else:
        pytest.fail(f"no design among the first 40 admits the {code} slip")
    path = tmp_path / "slipped.yaml"
    path.write_text(render(document, draft), encoding="utf-8")
    assert [f["code"] for f in _check([path], capsys) if NUMBERS.match(f["code"])] == [code]


def test_the_corpus_has_few_number_findings(corpus, capsys):
    findings = _check(corpus, capsys)
    assert sum(1 for f in findings if NUMBERS.match(f["code"])) <= len(corpus)
