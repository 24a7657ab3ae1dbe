"""The pre-commit hook, run for real: ``pre-commit try-repo`` installs designlint from this
repository into its own environment and runs it on a temporary project's design files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import HEADER, ROOT

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]
needs_pre_commit = pytest.mark.skipif(
    shutil.which("git") is None or not PRE_COMMIT.exists(), reason="needs git and pre-commit (test extras)"
)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """This repository as it is now, committed: try-repo on a working tree leaves out new files."""
    snapshot = tmp_path_factory.mktemp("designlint-repo")
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode("utf-8")
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    subprocess.run([*GIT, "init", "-q"], cwd=snapshot, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=snapshot, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "snapshot"], cwd=snapshot, check=True)
    return snapshot


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    # One home for the module: the hook's environment is built once and reused by both runs.
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(project: Path, hook_repo: Path, home: Path) -> subprocess.CompletedProcess:
    subprocess.run([*GIT, "add", "-A"], cwd=project, check=True)
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(hook_repo), "designlint", "--all-files"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_only_designs_skips_other_yaml_files(tmp_path, capsys, monkeypatch):
    from designlint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "design.yaml").write_text(HEADER + "users: many\n", encoding="utf-8")
    (tmp_path / "compose.yml").write_text("services: {}\n", encoding="utf-8")
    assert main(["check", "--only-designs", "--no-source", "compose.yml"]) == 0
    assert "0 files checked" in capsys.readouterr().out
    assert main(["check", "--only-designs", "--no-source", "compose.yml", "design.yaml"]) == 1
    out = capsys.readouterr().out
    assert "design.yaml:5:8: error DL011" in out and "compose.yml" not in out
    # Without the flag a named file is a design to check, as before.
    assert main(["check", "--no-source", "compose.yml"]) == 1
    assert "DL012" in capsys.readouterr().out


@needs_pre_commit
def test_hook_passes_a_clean_design_and_fails_a_broken_one(tmp_path, hook_repo, pre_commit_home):
    project = tmp_path / "project"
    (project / "designs").mkdir(parents=True)
    subprocess.run([*GIT, "init", "-q"], cwd=project, check=True)
    # Warnings are the checklist's business; this project gates on errors only, so the test does
    # not move when rules are added.
    (project / ".designlint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    (project / "designs" / "feed.yaml").write_text(
        HEADER + "users:\n  - {id: reader, name: Readers, type: human, role: primary}\n", encoding="utf-8"
    )
    # Not a design: passed to the hook (it is YAML) and skipped.
    (project / "ci.yml").write_text("on: push\njobs: {}\n", encoding="utf-8")

    clean = try_repo(project, hook_repo, pre_commit_home)
    assert clean.returncode == 0, clean.stdout[-3000:] + clean.stderr[-2000:]
    assert "designlint" in clean.stdout and "Passed" in clean.stdout

    (project / "designs" / "broken.yaml").write_text(HEADER + "users: many\n", encoding="utf-8")
    broken = try_repo(project, hook_repo, pre_commit_home)
    assert broken.returncode == 1, broken.stdout[-3000:] + broken.stderr[-2000:]
    assert "Failed" in broken.stdout
    assert "designs/broken.yaml:5:8: error DL011 expected a list" in broken.stdout
    # The two designs are checked; the CI file is not.
    assert "in 2 files checked." in broken.stdout and "ci.yml" not in broken.stdout
