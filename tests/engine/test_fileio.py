"""Atomic writes keep the original on failure and give new files ordinary permissions."""

from __future__ import annotations

import os

import pytest

from designlint.fileio import write_atomic


def test_new_file_gets_umask_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "out.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == 0o644


def test_existing_mode_is_kept(tmp_path):
    target = tmp_path / "design.yaml"
    target.write_text("a: 1\n")
    target.chmod(0o640)
    write_atomic(target, "a: 2\n")
    assert target.read_text() == "a: 2\n" and target.stat().st_mode & 0o777 == 0o640


def test_failed_write_leaves_the_original_intact(tmp_path):
    target = tmp_path / "design.yaml"
    target.write_text("original\n")
    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # not text or bytes: fails before replacing
    assert target.read_text() == "original\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["design.yaml"]
