"""The install instructions name things that exist: extras, the wheel a build makes, revisions, hooks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

import designlint
from tests.conftest import ROOT
from tests.packaging.doc_blocks import only_block

README = ROOT / "README.md"
ACTIONS_DOC = ROOT / "docs" / "github-actions.md"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
_TABLE_EXTRA = re.compile(r"^\| `([a-z]+)` \|", re.MULTILINE)
_FROZEN = re.compile(r"#\s*frozen:\s*(\S+)")


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def resolve(revision: str) -> str:
    """The commit a revision names here; skipped where the history is not all here."""
    if git("rev-parse", "--git-dir").returncode != 0:
        pytest.skip("not a git checkout")
    found = git("rev-parse", "--verify", "-q", f"{revision}^{{commit}}")
    if found.returncode != 0 and (
        git("rev-parse", "--is-shallow-repository").stdout.strip() == "true" or not git("tag").stdout
    ):
        pytest.skip(f"{revision} is not in this clone (shallow, or its tags were not fetched)")
    assert found.returncode == 0, f"{revision} names no commit of this repository"
    return found.stdout.strip()


def install_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Install\n")
    return text[start : text.index("\n## ", start + 1)]


def optional_dependencies() -> set[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(pyproject["project"]["optional-dependencies"])


def test_the_extras_table_names_every_extra_a_user_installs():
    assert set(_TABLE_EXTRA.findall(install_section())) == optional_dependencies() - {"test"}


def test_the_git_install_pins_a_revision_of_this_repository():
    command = only_block(README, "bash", "git+${DESIGNLINT_GIT}").text
    found = re.search(r'"designlint\[([a-z,]+)\] @ git\+\$\{DESIGNLINT_GIT\}@([^"\s]+)"', command)
    assert found, command
    assert set(found[1].split(",")) <= optional_dependencies()
    commit = resolve(found[2])
    assert 'name = "designlint"' in git("show", f"{commit}:pyproject.toml").stdout


def test_the_wheel_the_readme_installs_is_the_one_the_build_makes(tmp_path):
    commands = only_block(README, "bash", "pip wheel").text.splitlines()
    build = next(line for line in commands if "pip wheel" in line)
    assert "--no-deps" in build, "only designlint's own wheel lands in dist/"
    (wheel,) = re.findall(r"dist/(designlint-[^\s\"\[]+\.whl)\[([a-z,]+)\]", "\n".join(commands))
    assert set(wheel[1].split(",")) <= optional_dependencies()
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    assert [path.name for path in tmp_path.glob("*.whl")] == [wheel[0]]
    assert wheel[0].startswith(f"designlint-{designlint.__version__}-")


def pre_commit_config(tmp_path: Path) -> str:
    """Runs the doc's pre-commit snippet in a new repository, as a user would; its config file."""
    snippet = only_block(ACTIONS_DOC, "bash", ".pre-commit-config.yaml").text
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    env = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": str(tmp_path),
        "PRE_COMMIT_HOME": str(tmp_path / ".pre-commit-home"),
        "DESIGNLINT_GIT": f"file://{ROOT}",
    }
    done = subprocess.run(
        ["bash", "-e", "-c", snippet], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / ".git" / "hooks" / "pre-commit").is_file(), "pre-commit install wrote the hook"
    valid = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert valid.returncode == 0, valid.stdout + valid.stderr
    return (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")


def test_the_pre_commit_example_names_hooks_at_a_commit_of_this_repository(tmp_path):
    config = pre_commit_config(tmp_path)
    (entry,) = yaml.safe_load(config)["repos"]
    assert entry["repo"] == f"file://{ROOT}", "the repository is the user's clone, from DESIGNLINT_GIT"
    commit = resolve(entry["rev"])
    assert commit == entry["rev"], "rev is a full commit, which every full clone has"
    frozen = _FROZEN.search(config)
    if frozen and git("tag", "--list", frozen[1]).stdout.strip():
        assert resolve(frozen[1]) == commit, "the commit is the one its comment's tag names"
    hooks_then = yaml.safe_load(git("show", f"{commit}:.pre-commit-hooks.yaml").stdout)
    hooks_now = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    wanted = {hook["id"] for hook in entry["hooks"]}
    assert wanted <= {hook["id"] for hook in hooks_then}, "the hooks exist at that commit"
    assert wanted <= {hook["id"] for hook in hooks_now}, "and still exist"


def test_the_hook_checks_only_designs_among_yaml_files():
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["designlint", "check"] and "--only-designs" in hook["entry"]
    assert re.search(hook["files"], "designs/newsfeed.yaml") and re.search(hook["files"], "ci.yml")
    assert not re.search(hook["files"], "README.md")
