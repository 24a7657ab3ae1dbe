"""Broken copies of the News Feed design: each gets one positioned diagnostic, exit code 1, no traceback."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys

import pytest

from designlint.cli import main
from tests.conftest import DESIGNS, HEADER

BOMB = """
lol1: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
lol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
lol3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
lol4: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
lol5: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
lol6: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
lol7: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
lol8: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
lol9: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def _metadata_line(lines: list[str]) -> int:
    return lines.index("metadata:")


def _insert_under_metadata(text: str, line: str) -> tuple[str, int]:
    lines = text.split("\n")
    at = _metadata_line(lines) + 1
    lines.insert(at, line)
    return "\n".join(lines), at + 1


def unknown_key(text):
    text, line = _insert_under_metadata(text, "  titel: News feed")
    return text, line, 3, "DL010", "unknown key 'titel'"


def wrong_type(text):
    text, line = _insert_under_metadata(text, "  reviewers: staff-review-board")
    return text, line, 14, "DL011", "expected a list"


def duplicate_key(text):
    lines = text.split("\n")
    at = next(i for i in range(_metadata_line(lines), len(lines)) if lines[i].startswith("  name:")) + 1
    lines.insert(at, "  name: again")
    return "\n".join(lines), at + 1, 3, "DL002", "duplicate key 'name'"


def tab_indent(text):
    text, line = _insert_under_metadata(text, "\tsummary: tabbed")
    return text, line, 1, "DL001", "tab"


def python_tag(text):
    lines = text.split("\n")
    at = _metadata_line(lines)
    lines.insert(at, 'notes: !!python/object/apply:os.system ["touch PWNED"]')
    return "\n".join(lines), at + 1, 8, "DL003", "python/object/apply"


def billion_laughs(text):
    lines = text.rstrip("\n").split("\n")
    return "\n".join(lines) + "\n" + BOMB, None, None, "DL004", "alias"


MUTATIONS = [unknown_key, wrong_type, duplicate_key, tab_indent, python_tag, billion_laughs]


@pytest.mark.parametrize("mutate", MUTATIONS, ids=[m.__name__ for m in MUTATIONS])
def test_broken_copy_gets_one_positioned_diagnostic(mutate, tmp_path, capsys, monkeypatch):
    original = (DESIGNS / "newsfeed.yaml").read_text(encoding="utf-8")
    text, line, column, code, words = mutate(original)
    path = tmp_path / "newsfeed.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    exit_code = main(["check", "--select", "DL0", "newsfeed.yaml"])
    out, err = capsys.readouterr()
    assert exit_code == 1, out + err
    diagnostics = re.findall(r"^newsfeed\.yaml:(\d+):(\d+): error (DL\d+) (.*)$", out, re.MULTILINE)
    assert len(diagnostics) == 1, out
    found_line, found_column, found_code, message = diagnostics[0]
    assert found_code == code
    assert words.lower() in message.lower()
    if line is not None:
        assert (int(found_line), int(found_column)) == (line, column)
    assert "Traceback" not in out + err
    assert not (tmp_path / "PWNED").exists()


# --- files that are not regular files, and files that cannot be read ----------------------------
# Each runs designlint in its own process with a deadline: before the fix these hung forever.

DEADLINE_S = 120


def _designlint(*args: str, cwd) -> subprocess.CompletedProcess:
    # stdin stays an open pipe nobody writes to: reading it would block until the deadline.
    return subprocess.run(
        [sys.executable, "-m", "designlint", *args],
        cwd=cwd,
        stdin=subprocess.PIPE,
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
    )


def _fifo(path):
    os.mkfifo(path)


def _socket(path):
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    return server  # kept open (and listening) by the caller for the run


def _link_to(target):
    return lambda path: path.symlink_to(target)


SPECIAL_FILES = {
    "fifo": (_fifo, "a named pipe"),
    "socket": (_socket, "a socket"),
    "link-to-stdin": (_link_to("/dev/stdin"), "a named pipe"),
    "link-to-a-device": (_link_to("/dev/zero"), "a character device"),
}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "designs").mkdir()
    (tmp_path / "designs" / "good.yaml").write_text(HEADER + "notes: fine\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("kind", list(SPECIAL_FILES))
def test_a_special_file_in_a_folder_is_skipped_with_a_warning(folder, kind):
    make, described = SPECIAL_FILES[kind]
    handle = make(folder / "designs" / "special.yaml")
    try:
        reference = _designlint("check", "--no-cache", "--format", "json", "designs/good.yaml", cwd=folder)
        result = _designlint("check", "--no-cache", "--format", "json", "designs", cwd=folder)
    finally:
        if handle is not None:
            handle.close()
    assert result.returncode == reference.returncode, result.stderr
    assert json.loads(result.stdout)["findings"] == json.loads(reference.stdout)["findings"]
    warnings = [line for line in result.stderr.splitlines() if "special.yaml" in line]
    assert warnings == [
        f"designlint: warning: designs/special.yaml is not a regular file ({described}); skipped"
    ]


@pytest.mark.parametrize(
    ("command", "kind"),
    [("check", "fifo"), ("calc", "fifo"), ("check", "socket"), ("check", "link-to-stdin")],
)
def test_a_special_file_named_on_the_command_line_is_a_usage_error(folder, command, kind):
    make, described = SPECIAL_FILES[kind]
    handle = make(folder / "special.yaml")
    try:
        result = _designlint(command, "special.yaml", cwd=folder)
    finally:
        if handle is not None:
            handle.close()
    assert result.returncode == 2
    assert f"not a regular file ({described})" in result.stderr
    assert "Traceback" not in result.stderr


def test_dev_null_is_not_a_regular_file_rather_than_missing(capsys):
    assert main(["check", "/dev/null"]) == 2
    err = capsys.readouterr().err
    assert "/dev/null is not a regular file (a character device)" in err
    assert "no such file" not in err


def test_a_broken_link_in_a_folder_is_skipped_with_a_warning(folder, capsys, monkeypatch):
    (folder / "designs" / "gone.yaml").symlink_to(folder / "nowhere.yaml")
    monkeypatch.chdir(folder)
    main(["check", "--no-cache", "designs"])
    assert "designs/gone.yaml is a broken symbolic link; skipped" in capsys.readouterr().err


UNREADABLE = {
    "loop-of-links": lambda path, monkeypatch: path.symlink_to(path),
    "permission-denied": lambda path, monkeypatch: _deny(path, monkeypatch),
}


def _deny(path, monkeypatch):
    """No read permission. Root reads anything, so opening it is refused the way the kernel would."""
    path.write_text(HEADER, encoding="utf-8")
    path.chmod(0)
    real_open = os.open

    def refusing(file, flags, *args, **kwargs):
        if os.fspath(file).endswith(path.name):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)


@pytest.mark.parametrize("how", list(UNREADABLE))
@pytest.mark.parametrize("cache", [True, False], ids=["cached", "no-cache"])
def test_an_unreadable_design_in_a_folder_is_an_error_finding(folder, capsys, monkeypatch, how, cache):
    monkeypatch.chdir(folder)
    UNREADABLE[how](folder / "designs" / "secret.yaml", monkeypatch)
    code = main(["check", "--no-source", "designs", *([] if cache else ["--no-cache"])])
    out = capsys.readouterr().out
    assert code == 1, out
    assert re.search(r"^designs/secret\.yaml:1:1: error DL006 cannot read the file: \S", out, re.MULTILINE), (
        out
    )
    assert "All clear" not in out


def test_an_unreadable_file_named_to_a_hook_is_reported_not_dropped(folder, capsys, monkeypatch):
    """``--only-designs`` drops YAML files that are not designs; one it cannot read may be one."""
    monkeypatch.chdir(folder)
    _deny(folder / "designs" / "secret.yaml", monkeypatch)
    code = main(["check", "--only-designs", "--no-source", "designs/secret.yaml", "designs/good.yaml"])
    out = capsys.readouterr().out
    assert code == 1 and "designs/secret.yaml:1:1: error DL006" in out, out
