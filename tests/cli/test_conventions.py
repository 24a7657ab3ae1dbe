"""The linter conventions users bring from ruff and Spectral: quiet, statistics, exit-zero,
excludes, several reports in one run, colour variables, suggestions, progress and watch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from designlint.cli import main
from tests.conftest import ROOT

THIN = ROOT / "tests" / "data" / "score" / "thin.yaml"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A folder with one clean design, one thin one and one in a legacy folder."""
    (tmp_path / "designs" / "legacy").mkdir(parents=True)
    shutil.copy(ROOT / "designs" / "url-shortener.yaml", tmp_path / "designs" / "url-shortener.yaml")
    shutil.copy(THIN, tmp_path / "designs" / "thin.yaml")
    shutil.copy(THIN, tmp_path / "designs" / "legacy" / "old.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_quiet_prints_findings_but_no_summary(repo, capsys):
    assert main(["check", "--no-cache", "-q", "--no-source", "designs/thin.yaml"]) == 1
    out = capsys.readouterr().out
    assert "DL102" in out and "Found" not in out
    assert main(["check", "--no-cache", "-q", "designs/url-shortener.yaml"]) == 0
    assert capsys.readouterr().out == ""


def test_statistics_counts_findings_by_rule(repo, capsys):
    assert main(["check", "--no-cache", "--statistics", "designs/thin.yaml", "designs/legacy"]) == 1
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    counts = {row[1]: int(row[0]) for row in rows}
    assert counts["DL102"] == 2  # once per file
    assert [int(row[0]) for row in rows] == sorted((int(row[0]) for row in rows), reverse=True)


def test_exit_zero_keeps_findings_but_exits_clean(repo, capsys):
    assert main(["check", "--no-cache", "--exit-zero", "designs/thin.yaml"]) == 0
    assert "DL102" in capsys.readouterr().out


def test_exclude_and_extend_exclude_skip_folders_but_not_named_files(repo, capsys):
    main(["check", "--no-cache", "--format", "json", "designs"])
    everything = {f["file"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "designs/legacy/old.yaml" in everything
    main(["check", "--no-cache", "--format", "json", "--extend-exclude", "legacy", "designs"])
    assert {f["file"] for f in json.loads(capsys.readouterr().out)["findings"]} == {"designs/thin.yaml"}
    main(["check", "--no-cache", "--format", "json", "--exclude", "designs/legacy/*", "designs"])
    assert {f["file"] for f in json.loads(capsys.readouterr().out)["findings"]} == {"designs/thin.yaml"}
    # A file named on the command line is checked even when a pattern matches it.
    main(["check", "--no-cache", "--format", "json", "--exclude", "legacy", "designs/legacy/old.yaml"])
    assert json.loads(capsys.readouterr().out)["findings"]


def test_exclude_from_configuration(repo, capsys):
    (repo / ".designlint.yaml").write_text("extend-exclude: [legacy, 'thin.*']\n", encoding="utf-8")
    assert main(["check", "--no-cache", "designs"]) == 0
    assert "All clear: 1 file checked" in capsys.readouterr().out


def test_a_mistyped_configuration_key_gets_a_suggestion(repo, capsys):
    (repo / ".designlint.yaml").write_text("extend-exlude: [legacy]\n", encoding="utf-8")
    assert main(["check", "--no-cache", "designs"]) == 2
    assert "did you mean 'extend-exclude'?" in capsys.readouterr().err


def test_a_mistyped_command_gets_a_suggestion(capsys):
    assert main(["chek", "designs"]) == 2
    assert "Did you mean 'check'?" in capsys.readouterr().err


def test_several_reports_from_one_run(repo, capsys):
    code = main(
        [
            "check",
            "--no-cache",
            "--format",
            "github",
            "--format",
            "sarif:out.sarif",
            "--format",
            "json:out.json",
            "designs/thin.yaml",
        ]
    )
    assert code == 1
    assert capsys.readouterr().out.startswith("::")
    sarif = json.loads((repo / "out.sarif").read_text(encoding="utf-8"))
    report = json.loads((repo / "out.json").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == len(report["findings"]) > 0


def test_only_one_report_may_go_to_standard_output(repo, capsys):
    assert main(["check", "--format", "json", "--format", "sarif", "designs/thin.yaml"]) == 2
    assert "only one format can go to standard output" in capsys.readouterr().err
    assert main(["check", "--format", "yaml", "designs/thin.yaml"]) == 2


@pytest.mark.parametrize(
    ("environment", "coloured"),
    [({"FORCE_COLOR": "1"}, True), ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False), ({}, False)],
)
def test_colour_follows_force_color_and_no_color(repo, environment, coloured):
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")} | environment
    result = subprocess.run(
        [sys.executable, "-m", "designlint", "check", "--no-cache", "designs/thin.yaml"],
        capture_output=True,
        text=True,
        env=env,
        cwd=repo,
    )
    assert ("\x1b[" in result.stdout) is coloured


def test_progress_is_shown_only_after_a_second_and_cleared(monkeypatch, capsys):
    from designlint.cli import progress

    clock = iter([0.0, 0.5, 2.0, 3.0])
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(clock))
    bar = progress.Progress("checked", 3, enabled=True)  # starts at 0.0
    for done in (1, 2, 3):
        bar.update(done)
    bar.close()
    err = capsys.readouterr().err
    assert "checked 1/3" not in err  # at 0.5 s: too early
    assert "\rchecked 2/3" in err and "\rchecked 3/3" in err and err.endswith("\r\x1b[K")


def test_progress_stays_off_when_not_a_terminal(capsys):
    from designlint.cli import progress

    bar = progress.Progress("checked", 2, enabled=False)
    bar.update(1)
    bar.update(2)
    bar.close()
    assert capsys.readouterr().err == ""


def test_watch_checks_again_when_a_design_changes(repo):
    import queue
    import threading

    design = repo / "designs" / "url-shortener.yaml"
    process = subprocess.Popen(
        [sys.executable, "-m", "designlint", "check", "--no-cache", "--watch", "designs/url-shortener.yaml"],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True).start()
    seen: list[str] = []

    def wait_for(text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            seen.append(line)
            if text in line:
                return
        raise AssertionError(f"no {text!r} within {timeout} s in:\n{''.join(seen)}")

    try:
        wait_for("watching for changes")
        assert any("All clear" in line for line in seen)
        design.write_text(
            design.read_text(encoding="utf-8").replace("total: ~$1,135/month", "total: $9/month")
        )
        wait_for("change detected")
        wait_for("DL552")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_watch_without_the_extra_prints_the_install_hint(monkeypatch, capsys):
    import builtins

    from designlint.cli.watch import watch_and_rerun

    real_import = builtins.__import__

    def no_watchfiles(name, *args, **kwargs):
        if name == "watchfiles":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_watchfiles)
    assert watch_and_rerun((".",), lambda: 0) == 2
    assert "pip install 'designlint[watch]'" in capsys.readouterr().err


def test_excluded_paths_resolve_relative_to_the_configuration(tmp_path):
    from designlint.engine.exclusion import Exclusion

    exclusion = Exclusion(["legacy", "designs/old/*", "*.draft.yaml"], tmp_path)
    assert exclusion.excludes(tmp_path / "a" / "legacy" / "x.yaml")
    assert exclusion.excludes(tmp_path / "designs" / "old" / "x.yaml")
    assert exclusion.excludes(tmp_path / "designs" / "y.draft.yaml")
    assert not exclusion.excludes(tmp_path / "designs" / "x.yaml")
    assert not Exclusion([], Path("."))
