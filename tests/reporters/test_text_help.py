"""Text output says where each rule is explained: the team's site when configured, else the packaged docs."""

from __future__ import annotations

import re

import pytest

from designlint.cli import main
from tests.conftest import ROOT

DESIGN = ROOT / "tests" / "data" / "diagram-design.yaml"
HELP = re.compile(r"^\s+= help: (.+)$", re.MULTILINE)


@pytest.fixture
def checked(tmp_path, capsys):
    def run(config: str | None, *options: str) -> tuple[str, list[str]]:
        (tmp_path / "design.yaml").write_bytes(DESIGN.read_bytes())
        if config is not None:
            (tmp_path / ".designlint.yaml").write_text(config, encoding="utf-8")
        main(["check", str(tmp_path / "design.yaml"), *options])
        out = capsys.readouterr().out
        return out, HELP.findall(out)

    return run


def test_help_links_point_at_the_configured_site(checked):
    out, helps = checked("site-url: https://designs.example.org/reviews/\n")
    codes = re.findall(r"^\S+:\d+:\d+: \w+ (DL\d+) ", out, re.MULTILINE)
    assert codes and helps == [f"https://designs.example.org/reviews/rules/{code}/" for code in codes]


def test_without_a_site_help_names_the_command_that_prints_the_rule(checked, capsys):
    out, helps = checked(None)
    codes = re.findall(r"^\S+:\d+:\d+: \w+ (DL\d+) ", out, re.MULTILINE)
    assert codes and helps == [f"designlint rule {code}" for code in codes]
    assert main(["rule", codes[0]]) == 0
    assert codes[0] in capsys.readouterr().out  # the command named prints that rule's docs


def test_concise_output_stays_one_line_a_finding(checked):
    out, helps = checked(None, "--no-source")
    assert helps == [] and "= help" not in out
