"""Atomic writes keep the original on failure and give new files ordinary permissions."""

from __future__ import annotations

import os

import pytest

from designlint.fileio import ChangedMeanwhile, NotARegularFile, read_regular, write_atomic


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


def test_a_symlink_at_the_target_is_replaced_not_written_through(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n")
    link = tmp_path / "out.txt"
    link.symlink_to(outside)
    write_atomic(link, "new\n")
    assert outside.read_text() == "keep me\n"
    assert not link.is_symlink() and link.read_text() == "new\n"


def test_a_file_changed_since_it_was_read_is_not_replaced(tmp_path):
    target = tmp_path / "design.yaml"
    target.write_text("edited meanwhile\n")
    with pytest.raises(ChangedMeanwhile):
        write_atomic(target, "fixed\n", unchanged_from=b"as read\n")
    assert target.read_text() == "edited meanwhile\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["design.yaml"]
    write_atomic(target, "fixed\n", unchanged_from=b"edited meanwhile\n")
    assert target.read_text() == "fixed\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_reading_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(NotARegularFile):
        read_regular(fifo)
    assert read_regular(__file__).startswith(b'"""')


@pytest.mark.skipif(not hasattr(os, "chown") or os.geteuid() != 0, reason="only root may give a file away")
def test_the_owner_of_a_replaced_file_is_kept(tmp_path):
    target = tmp_path / "design.yaml"
    target.write_text("a: 1\n")
    os.chown(target, 1234, 4321)
    write_atomic(target, "a: 2\n")
    assert (target.stat().st_uid, target.stat().st_gid) == (1234, 4321)
