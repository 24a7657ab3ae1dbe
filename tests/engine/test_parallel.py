"""Checking on every core gives byte for byte what one process gives."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bench.generate import write_corpus
from designlint.engine.parallel import MIN_FILES, chunked


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(50, folder, 11)
    return folder


def run(folder, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "designlint", "check", "--no-cache", *args, str(folder)],
        capture_output=True,
        text=True,
        cwd=folder.parent,
    )


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_several_processes_print_what_one_prints(corpus, output_format):
    one = run(corpus, "--jobs", "1", "--format", output_format)
    three = run(corpus, "--jobs", "3", "--format", output_format)
    assert one.returncode == three.returncode == 1, one.stderr + three.stderr
    assert one.stdout and one.stdout == three.stdout


def test_the_result_cache_answers_workers_too(corpus):
    cold = run(corpus, "--jobs", "2", "--format", "json")
    warm = subprocess.run(
        [sys.executable, "-m", "designlint", "check", "--jobs", "2", "--format", "json", str(corpus)],
        capture_output=True,
        text=True,
        cwd=corpus.parent,
    )
    again = subprocess.run(
        [sys.executable, "-m", "designlint", "check", "--jobs", "2", "--format", "json", str(corpus)],
        capture_output=True,
        text=True,
        cwd=corpus.parent,
    )
    assert cold.stdout == warm.stdout == again.stdout


def test_chunks_keep_every_file_once_in_order():
    files = [(i, str(i)) for i in range(MIN_FILES * 5 + 3)]
    chunks = chunked(files, 2)
    assert [f for chunk in chunks for f in chunk] == files
    assert len(chunks) <= 2 * 4 + 1
