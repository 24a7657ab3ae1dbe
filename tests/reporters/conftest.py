"""Designs written to a temporary folder and checked through the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from designlint.cli import main

HEADER = "apiVersion: designlint/v1\nkind: Design\nmetadata: {name: x}\n"


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """The temporary folder as working directory, as a repository root is in CI."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def design(workdir):
    """Write a design (header plus ``body``) under the working directory and return its path."""

    def write(name: str, body: str = "bogus: 1\n") -> Path:
        path = workdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADER + body, encoding="utf-8")
        return path

    return write


@pytest.fixture
def run(capsys):
    """``designlint ARGS`` → (exit code, stdout, stderr)."""

    def invoke(*argv: str) -> tuple[int, str, str]:
        code = main([str(arg) for arg in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke
