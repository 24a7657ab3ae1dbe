"""``designlint fix`` never loses anyone's work: links, concurrent edits, read-only files, odd files."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest

import designlint.analysis.splice
from designlint.cli import main

GOLDEN = Path(__file__).parent / "golden"
BEFORE = (GOLDEN / "crlf.before.yaml").read_bytes()
AFTER = (GOLDEN / "crlf.after.yaml").read_bytes()


def _design(tmp_path: Path) -> Path:
    path = tmp_path / "design.yaml"
    path.write_bytes(BEFORE)
    return path


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "internal error" not in err and "Traceback" not in err
    return lines[0]


def test_a_symlink_is_followed_and_kept(tmp_path):
    real = _design(tmp_path)
    link = tmp_path / "link.yaml"
    link.symlink_to(real.name)
    assert main(["fix", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_bytes() == AFTER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["design.yaml", "link.yaml"]


def test_a_chain_of_symlinks_into_another_folder(tmp_path):
    (tmp_path / "real").mkdir()
    real = _design(tmp_path / "real")
    (tmp_path / "first.yaml").symlink_to(real)
    (tmp_path / "second.yaml").symlink_to("first.yaml")
    assert main(["fix", str(tmp_path / "second.yaml")]) == 0
    assert real.read_bytes() == AFTER
    assert (tmp_path / "first.yaml").is_symlink() and (tmp_path / "second.yaml").is_symlink()
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["design.yaml"]


def test_a_dangling_symlink_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "gone.yaml").symlink_to("nowhere.yaml")
    assert main(["fix", str(tmp_path / "gone.yaml")]) == 2
    assert "gone.yaml" in _one_error_line(capsys.readouterr().err)
    assert not (tmp_path / "nowhere.yaml").exists()


def test_an_edit_made_while_fix_runs_is_kept(tmp_path, monkeypatch, capsys):
    path = _design(tmp_path)
    edited = BEFORE.replace(b"objective: 99.9%", b"objective: 99.95%")
    original_splice = designlint.analysis.splice.splice

    def someone_saves_meanwhile(*args, **kwargs):
        result = original_splice(*args, **kwargs)
        path.write_bytes(edited)
        return result

    monkeypatch.setattr(designlint.analysis.splice, "splice", someone_saves_meanwhile)
    assert main(["fix", str(path)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "changed while fix was running" in line and "nothing was written" in line
    assert path.read_bytes() == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["design.yaml"]


def test_a_read_only_file_is_refused(tmp_path, capsys):
    path = _design(tmp_path)
    path.chmod(0o444)
    assert main(["fix", str(path)]) == 2
    assert "read-only" in _one_error_line(capsys.readouterr().err)
    assert path.read_bytes() == BEFORE and stat.S_IMODE(path.stat().st_mode) == 0o444


@pytest.mark.parametrize(
    "error",
    [
        OSError(errno.EROFS, "Read-only file system"),
        PermissionError(errno.EACCES, "Permission denied"),
        OSError(errno.ENOSPC, "No space left on device"),
    ],
    ids=["read-only-mount", "no-permission", "disk-full"],
)
def test_a_folder_that_cannot_be_written_is_one_line(tmp_path, monkeypatch, capsys, error):
    path = _design(tmp_path)

    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert main(["fix", str(path)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert error.strerror in line and "nothing was written" in line
    assert path.read_bytes() == BEFORE


def test_the_file_mode_is_kept(tmp_path):
    path = _design(tmp_path)
    path.chmod(0o640)
    assert main(["fix", str(path)]) == 0
    assert path.read_bytes() == AFTER and stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path, capsys):
    fifo = tmp_path / "design.yaml"
    os.mkfifo(fifo)
    assert main(["fix", str(fifo)]) == 2
    assert "not a regular file" in _one_error_line(capsys.readouterr().err)


def test_a_folder_is_refused(tmp_path, capsys):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert main(["fix", str(folder)]) == 2
    assert "internal error" not in capsys.readouterr().err


def test_a_filled_value_the_format_cannot_read_back_is_refused(tmp_path, monkeypatch, capsys):
    """Whatever the arithmetic gives, fix never writes a design that no longer reads."""
    import designlint.analysis.fills as fills_module

    path = _design(tmp_path)
    unreadable = fills_module.Fill(
        ("scale", "quantities", 1), "value", ("name",), "lots of writes/s", "made up"
    )
    monkeypatch.setattr(fills_module, "fills", lambda design: [unreadable])
    for argv in (["fix", str(path)], ["fix", "--diff", str(path)]):
        assert main(argv) == 2
        line = _one_error_line(capsys.readouterr().err)
        assert "lots of writes/s" in line and "nothing was written" in line
    assert path.read_bytes() == BEFORE


HOSTILE_LINES = {  # a line of design text -> how the diff shows it
    "::error file=x.yaml,line=1::injected": "%3A:error file=x.yaml,line=1::injected",
    "::add-mask::secret": "%3A:add-mask::secret",
    "text ##[error]injected": "text ##%5Berror]injected",
    "text ##vso[task.setvariable variable=x]1": "text ##vso%5Btask.setvariable variable=x]1",
}


@pytest.mark.parametrize(("hostile", "shown"), HOSTILE_LINES.items())
def test_a_diff_never_carries_a_workflow_command(tmp_path, capsys, hostile, shown):
    """Design text next to a filled value shows up in the diff's context lines, and in a CI log
    a line starting with ``::`` (after white space) or holding ``##[`` would run as a command."""
    before = (GOLDEN / "block-scalars.before.yaml").read_text(encoding="utf-8")
    anchor = "        Folded text that\n"
    path = tmp_path / "design.yaml"
    path.write_text(before.replace(anchor, f"        {hostile}\n" + anchor), encoding="utf-8")
    assert main(["fix", "--diff", str(path)]) == 1
    out = capsys.readouterr().out
    assert "+      value: ~1160 writes/s" in out
    lines = out.splitlines()
    assert not any(line.lstrip(" +-").startswith("::") for line in lines), out
    assert "##[" not in out and "##vso[" not in out
    assert f"         {shown}" in lines  # a context line: the text, escaped the way the text report does
