"""``designlint diff --git REV``: every design changed since a revision, read with ``git show``."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from designlint.cli import main
from tests.conftest import HEADER
from tests.review.test_diff import SMALL, edit

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo, *args):
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "designs").mkdir()
    (tmp_path / "designs" / "api.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "designs" / "old.yaml").write_text(HEADER, encoding="utf-8")
    (tmp_path / "designs" / "same.yaml").write_text(HEADER.replace("example", "same"), encoding="utf-8")
    (tmp_path / "compose.yaml").write_text("services: {web: {image: nginx}}\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    # The pull request: loosen a target, delete one design, add another, touch a file that is not a design.
    (tmp_path / "designs" / "api.yaml").write_text(
        edit(SMALL, "objective: 99.9%, window", "objective: 99%, window"), encoding="utf-8"
    )
    (tmp_path / "designs" / "old.yaml").unlink()
    (tmp_path / "designs" / "new.yaml").write_text(HEADER.replace("example", "new"), encoding="utf-8")
    (tmp_path / "compose.yaml").write_text("services: {web: {image: httpd}}\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "change")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_changed_design_since_a_revision(repo, capsys):
    assert main(["diff", "--git", "HEAD~1", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["against"] == "since HEAD~1"
    assert [(d["file"], d["status"]) for d in document["designs"]] == [
        ("designs/api.yaml", "modified"),
        ("designs/new.yaml", "added"),
        ("designs/old.yaml", "removed"),
    ]
    api = document["designs"][0]
    assert [(c["subject"], c["verdict"]) for c in api["changes"]] == [("SLO 'avail' objective", "loosened")]
    # A new design's findings are all new; a removed design's are all gone.
    assert document["designs"][1]["introduced"] and not document["designs"][1]["fixed"]
    assert document["designs"][2]["fixed"] and not document["designs"][2]["introduced"]


def test_paths_limit_the_designs_and_work_from_a_subfolder(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo / "designs")
    assert main(["diff", "--git", "main~1", "api.yaml", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [d["file"] for d in document["designs"]] == ["api.yaml"]


def test_working_tree_changes_are_included(repo, capsys):
    (repo / "designs" / "same.yaml").write_text(SMALL.replace("example", "same"), encoding="utf-8")
    assert main(["diff", "--git", "HEAD", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "### designs/same.yaml" in out and "api.yaml" not in out


@pytest.mark.parametrize(
    ("rev", "message"),
    [("no-such-rev", "unknown git revision 'no-such-rev'"), ("--output=x", "is not a git revision")],
)
def test_bad_revisions_are_usage_errors(repo, capsys, rev, message):
    assert main(["diff", "--git", rev]) == 2
    assert message in capsys.readouterr().err
    assert not (repo / "x").exists()


def test_outside_a_repository(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["diff", "--git", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: git rev-parse failed") and "Traceback" not in err
