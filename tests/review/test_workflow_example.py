"""The documented GitHub Actions workflow: its designlint commands run as written, in a repository."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess

import pytest
import yaml

from designlint.cli import main
from tests.conftest import ROOT
from tests.review.test_diff import SMALL, edit

DOC = ROOT / "docs" / "github-actions.md"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]


def workflow() -> dict:
    block = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)
    return yaml.safe_load(block[1])


def designlint_commands() -> list[str]:
    steps = workflow()["jobs"]["designlint"]["steps"]
    lines = [line.strip() for step in steps for line in step.get("run", "").splitlines()]
    return [line for line in lines if line.startswith("designlint ")]


def test_the_workflow_checks_uploads_sarif_and_comments():
    job = workflow()["jobs"]["designlint"]
    assert job["permissions"]["security-events"] == "write" and job["permissions"]["pull-requests"] == "write"
    uses = [step.get("uses", "") for step in job["steps"]]
    assert any(u.startswith("github/codeql-action/upload-sarif") for u in uses)
    commands = designlint_commands()
    assert any("--format github" in c for c in commands) and any("--format sarif" in c for c in commands)
    assert any(c.startswith("designlint diff --git") and "--format markdown" in c for c in commands)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_workflow_commands_run_as_written(tmp_path, monkeypatch, capsys):
    (tmp_path / "designs").mkdir()
    (tmp_path / "designs" / "api.yaml").write_text(SMALL, encoding="utf-8")
    subprocess.run([*GIT, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "base"], cwd=tmp_path, check=True)
    base = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.strip()
    (tmp_path / "designs" / "api.yaml").write_text(
        edit(SMALL, "objective: 99.9%, window", "objective: 99%, window"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    for command in designlint_commands():
        line = command.split(" || ")[0]
        line, _, redirect = line.partition(" > ")
        args = shlex.split(line.replace('"$BASE"', base))[1:]
        code = main(args)
        out = capsys.readouterr().out
        assert code in (0, 1), command
        if redirect:
            (tmp_path / redirect.strip()).write_text(out, encoding="utf-8")
    sarif = json.loads((tmp_path / "designlint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    review = (tmp_path / "designlint-review.md").read_text(encoding="utf-8")
    assert review.startswith("## designlint review") and "**loosened**: SLO 'avail' objective" in review
