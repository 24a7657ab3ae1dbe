"""A team catalogue is validated like a design; a configured design root resolves one file's references."""

from __future__ import annotations

import shutil

import pytest

from designlint.cli import main
from tests.conftest import ROOT

FOLDER = ROOT / "tests" / "data" / "organisation"

BROKEN_CATALOG = """\
apiVersion: designlint/v1
kind: TeamCatalog
metadata:
  name: org-teams
teams:
  - id: a-team
    nmae: A team
  - name: Nobody
"""


def _lines(capsys, *args: str) -> list[str]:
    main(["check", *args, "--no-source", "--no-color", "--no-cache"])
    return [line for line in capsys.readouterr().out.splitlines() if ": " in line and " DL" in line]


def test_a_catalogue_is_validated_with_positioned_findings_and_runs_no_design_rule(capsys, tmp_path):
    (tmp_path / "teams.yaml").write_text(BROKEN_CATALOG, encoding="utf-8")
    found = [line.split(" [")[0] for line in _lines(capsys, str(tmp_path))]
    assert [line.split("teams.yaml:", 1)[1] for line in found] == [
        "7:5: error DL010 unknown key 'nmae'",
        "8:5: error DL013 Value error, a team needs an id, or a ref to a team catalogue's team",
    ]


def test_the_example_catalogue_is_clean(capsys):
    assert _lines(capsys, str(FOLDER / "teams.yaml")) == []


@pytest.mark.parametrize(
    ("config_name", "config_text"),
    [
        (".designlint.yaml", "design-root: [org]\n"),
        ("pyproject.toml", '[tool.designlint]\ndesign-root = "org"\n'),
    ],
)
def test_a_design_root_resolves_the_references_of_one_file_checked_alone(
    capsys, tmp_path, config_name, config_text
):
    (tmp_path / "org").mkdir()
    (tmp_path / "team").mkdir()
    for name in ("content.yaml", "graph.yaml", "notify.yaml", "teams.yaml"):
        shutil.copy(FOLDER / name, tmp_path / "org" / name)
    shutil.copy(FOLDER / "ranking.yaml", tmp_path / "team" / "ranking.yaml")
    alone = [line for line in _lines(capsys, str(tmp_path / "team" / "ranking.yaml")) if " DL6" in line]
    # Nothing beside it: each design it names is unknown, once per design however often it is named.
    assert sum("DL600" in line for line in alone) == 4, alone
    assert any(
        "design 'content', which is not among the designs checked (3 more references to it)" in line
        for line in alone
    )
    (tmp_path / config_name).write_text(config_text, encoding="utf-8")
    rooted = [line for line in _lines(capsys, str(tmp_path / "team" / "ranking.yaml")) if " DL6" in line]
    codes = [(line.split(":")[1], line.split()[2]) for line in rooted]
    assert codes == [("7", "DL601"), ("19", "DL601"), ("20", "DL600"), ("22", "DL605"), ("35", "DL601")], (
        rooted
    )
