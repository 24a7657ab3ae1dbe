"""``designlint new``: scaffolds that walk the five phases and validate from the first save."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from designlint.cli import main
from designlint.cli.new import TEMPLATE_CHOICES
from designlint.engine.session import CheckSession
from designlint.templates import TEMPLATES, prompts
from tests.conftest import ROOT

SCORE_DATA = ROOT / "tests" / "data" / "score"


def scaffold(tmp_path: Path, template: str, name: str = "my-design") -> Path:
    target = tmp_path / f"{name}.yaml"
    assert main(["new", name, "--template", template, "-o", str(target)]) == 0
    return target


def test_the_cli_offers_every_template():
    assert TEMPLATE_CHOICES == TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES)
def test_scaffold_is_a_valid_design_from_the_first_save(tmp_path, template, capsys):
    path = scaffold(tmp_path, template)
    result = CheckSession().check([(path, path.name)])[0]
    # Placeholder answers (DL015) are the newsfeed scaffold's examples, not structural errors.
    structural = [
        f"{f.code} {f.position} {f.message}"
        for f in result.findings
        if f.code.startswith("DL0") and f.code != "DL015"
    ]
    assert structural == [] and result.design is not None
    assert result.design.metadata.name == "my-design" and result.design.metadata.title == "My design"
    assert "wrote" in capsys.readouterr().out


@pytest.mark.parametrize("template", TEMPLATES)
def test_scaffold_walks_the_phases_in_order_with_prompts(tmp_path, template):
    text = scaffold(tmp_path, template).read_text(encoding="utf-8")
    order = prompts().order()
    keys = [key for key in yaml.safe_load(text) if key in order]
    assert keys == sorted(keys, key=order.index), "sections out of phase order"
    assert keys[:9] == [
        "teams",
        "users",
        "useCases",
        "scope",
        "requirements",
        "scale",
        "nfr",
        "tradeoffs",
        "decisions",
    ]
    phases = re.findall(r"^# Phase (\d) of 5: (.+?) -- (.+)$", text, flags=re.MULTILINE)
    assert [int(number) for number, _, _ in phases] == [1, 2, 3, 4, 5]
    # The seed's timing guidance, per phase.
    assert [time.split(" ")[0] for _, _, time in phases] == ["5-7", "5-7", "5", "5", "3"]
    assert "# Decide: " in text and "# >>" not in text and "{{" not in text
    for section in order:
        if re.search(rf"^{section}:", text, flags=re.MULTILINE):
            prompt = re.search(rf"^# {section}: .+\n(#.*\n)*{section}:", text, flags=re.MULTILINE)
            assert prompt, f"no prompt right above '{section}'"


@pytest.mark.parametrize("template", ["newsfeed", "rate-limiter"])
def test_a_worked_template_left_unchanged_grades_low(tmp_path, template):
    """Its examples are marked as placeholders: they guide, and earn nothing until answered."""
    from designlint.score.grade import score_file

    blank = score_file(CheckSession(), scaffold(tmp_path, "blank", "b"), "b.yaml")[1]
    path = scaffold(tmp_path, template, "n")
    untouched = score_file(CheckSession(), path, "n.yaml")[1]
    halfway = score_file(CheckSession(), SCORE_DATA / "halfway.yaml", "halfway.yaml")[1]
    assert untouched.score < 10 and untouched.score < halfway.score / 3
    assert untouched.score - blank.score < 10
    # Each example is flagged where it stands, so the scaffold reads as a to-do list.
    result = CheckSession().check([(path, "n.yaml")])[0]
    assert sum(1 for f in result.findings if f.code == "DL015") >= 30

    # The same examples, answered (the markers removed), are substance.
    answered = tmp_path / "answered.yaml"
    answered.write_text(path.read_text(encoding="utf-8").replace("TBD: ", ""), encoding="utf-8")
    filled = score_file(CheckSession(), answered, "answered.yaml")[1]
    assert filled.score > untouched.score + 20


def test_new_never_overwrites_without_force(tmp_path, capsys):
    target = tmp_path / "mine.yaml"
    target.write_text("my notes\n", encoding="utf-8")
    assert main(["new", "mine", "-o", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "my notes\n"
    assert main(["new", "mine", "-o", str(target), "--force"]) == 0
    assert "apiVersion: designlint/v1" in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["mine.yaml"]  # no temporary file left behind


def test_new_into_a_folder_and_to_stdout(tmp_path, capsys, monkeypatch):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "design.schema.json").write_text("{}", encoding="utf-8")
    assert main(["new", "feed", "-o", str(tmp_path / "designs") + "/"]) == 0
    written = tmp_path / "designs" / "feed.yaml"
    assert (
        written.read_text(encoding="utf-8").splitlines()[0]
        == "# yaml-language-server: $schema=../schemas/design.schema.json"
    )
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    assert main(["new", "other", "-o", "-"]) == 0
    assert "name: other" in capsys.readouterr().out
    assert not (tmp_path / "other.yaml").exists()


@pytest.mark.parametrize("name", ["bad name", "_under", "a/b", "x" * 101])
def test_new_rejects_names_that_are_not_identifiers(tmp_path, name, capsys):
    assert main(["new", name, "-o", str(tmp_path / "x.yaml")]) == 2
    assert "is not a design name" in capsys.readouterr().err
    assert not (tmp_path / "x.yaml").exists()
