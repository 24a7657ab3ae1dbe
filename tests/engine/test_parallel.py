"""Checking on every core gives byte for byte what one process gives."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bench.generate import write_corpus
from designlint.engine.parallel import MIN_CHUNK, Dealer


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


@pytest.mark.parametrize(("count", "jobs"), [(16, 2), (83, 2), (500, 2), (500, 8), (5000, 2)])
def test_chunks_keep_every_file_once_in_order_and_shrink(count, jobs):
    files = [(i, str(i)) for i in range(count)]
    dealer = Dealer(files, jobs)
    dealt = []
    while (taken := dealer.take()) is not None:
        dealt.append(taken)
    assert [number for number, _ in dealt] == list(range(len(dealt)))
    chunks = [chunk for _, chunk in dealt]
    assert [f for chunk in chunks for f in chunk] == files
    sizes = [len(chunk) for chunk in chunks]
    assert sizes == sorted(sizes, reverse=True)
    assert all(size >= MIN_CHUNK for size in sizes[:-1])
    # the last chunks are small, so every core finishes at about the same time
    assert sizes[-1] <= MIN_CHUNK
    assert len(chunks) < 60


@pytest.mark.parametrize("failing", [0, 17, 49])
def test_an_error_in_any_chunk_is_raised_and_nothing_hangs(corpus, monkeypatch, failing):
    from designlint.engine import parallel
    from designlint.engine.session import Overrides

    files = [(path, path.name) for path in sorted(corpus.glob("*.yaml"))]
    packed = parallel.pack

    def pack_or_fail(result):
        if result.file == files[failing][1]:
            raise ValueError(f"cannot pack {result.file}")
        return packed(result)

    monkeypatch.setattr(parallel, "pack", pack_or_fail)  # workers are forked with it in place
    with pytest.raises(ValueError, match="cannot pack"):
        parallel.check_files(Overrides(), files, jobs=2, use_cache=False)
