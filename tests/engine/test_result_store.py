"""``check`` keeps each file's result packed: none stays alive as objects, in the run or in its report.

Counted with the collector's list of live objects, never with timings or memory sizes.
"""

from __future__ import annotations

import gc
import shutil
from dataclasses import replace

import pytest

from bench.generate import write_corpus
from designlint.engine.discovery import discover
from designlint.engine.organisation import apply_organisation
from designlint.engine.parallel import check_files
from designlint.engine.result_store import Tally
from designlint.engine.runner import FileResult
from designlint.engine.session import CheckSession, Overrides
from designlint.reporters import Report, Totals, json_report, sarif, text
from tests.conftest import ROOT


def alive() -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, FileResult))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("designs")
    write_corpus(20, folder, 3)
    files = discover([str(folder)])
    session = CheckSession(keep_designs=False)
    return files, session


def test_no_result_is_alive_once_the_files_are_checked(corpus):
    files, session = corpus
    before = alive()
    store = check_files(Overrides(), files, jobs=1, use_cache=False, session=session).results
    assert len(store) == len(files) == 20
    assert alive() == before


@pytest.mark.parametrize(
    "render_chunks", [text.render_chunks, json_report.render_chunks, sarif.render_chunks]
)
def test_a_report_holds_one_result_at_a_time(corpus, render_chunks):
    files, session = corpus
    store = check_files(Overrides(), files, jobs=1, use_cache=False, session=session).results
    report = Report(results=store, ruleset=session.engine_for(files[0][0]).ruleset, version="t")
    before = alive()
    most = 0
    for _ in render_chunks(report):
        most = max(most, alive() - before)
    assert most <= 2  # the result being written (for SARIF, with the others of its path), never all 20


def test_a_result_reads_back_as_checked(corpus):
    files, session = corpus
    store = check_files(Overrides(), files, jobs=1, use_cache=False, session=session).results
    for (path, display), stored in zip(files, store):
        fresh = session.engine_for(path).check_path(path, display)
        assert (stored.file, stored.findings, stored.suppressed) == (
            fresh.file,
            fresh.findings,
            fresh.suppressed,
        )
        for finding in fresh.findings:
            assert stored.source_line(finding.position.line) == fresh.source_line(finding.position.line)


@pytest.mark.parametrize("jobs", [1, 2])
def test_cross_design_findings_written_back_are_those_merged_into_results(tmp_path, jobs):
    """The organisation fixture's references (unknown designs, cycles, assumptions, a suppressed one)."""
    folder = tmp_path / "organisation"
    shutil.copytree(ROOT / "tests" / "data" / "organisation", folder)
    # Enough copies that the run is shared between processes; each copy is its own design.
    for number in range(8):
        for source in sorted((ROOT / "tests" / "data" / "organisation").glob("*.yaml")):
            text_of = source.read_text(encoding="utf-8").replace("name: ", f"name: c{number}-", 1)
            (folder / f"c{number}-{source.name}").write_text(text_of, encoding="utf-8")
    files = discover([str(folder)], catalogs=True)
    session = CheckSession(keep_designs=False)
    store = check_files(Overrides(), files, jobs=jobs, use_cache=False, session=session).results
    store.resolve_across_designs(files, session.engine_for)
    whole = session.check(files)
    apply_organisation(files, whole, session.engine_for)
    assert [(r.findings, r.suppressed) for r in store] == [(r.findings, r.suppressed) for r in whole]
    assert any(f.code.startswith("DL6") for r in whole for f in r.findings)
    # the counts kept beside each packed result include what the cross-design pass added
    assert [store.tally(number) for number in range(len(store))] == [Tally.of(r) for r in whole]
    assert Totals.of(whole) == tallied(store)


def test_a_replaced_result_keeps_the_source_lines_of_its_findings(corpus):
    """What a baseline does: a result read back, some findings dropped, stored again."""
    files, session = corpus
    store = check_files(Overrides(), files, jobs=1, use_cache=False, session=session).results
    number = next(n for n, result in enumerate(store) if len(result.findings) > 1)
    before = store[number]
    kept = before.findings[1:]
    store[number] = replace(before, findings=kept)
    after = store[number]
    assert after.findings == kept
    assert [after.source_line(f.position.line) for f in kept] == [
        before.source_line(f.position.line) for f in kept
    ]
    assert all(after.source_line(f.position.line) is not None for f in kept)
    assert store.tally(number) == Tally.of(after)
    assert store.tally(number).errors + store.tally(number).warnings + store.tally(number).infos == len(kept)


def tallied(store) -> Totals:
    totals = Totals()
    for number in range(len(store)):
        totals.add_tally(store.tally(number))
    return totals


def test_counts_kept_beside_packed_results_are_those_of_the_results(corpus):
    files, session = corpus
    store = check_files(Overrides(), files, jobs=2, use_cache=False, session=session).results
    assert tallied(store) == Totals.of(store)
    worst = [max((f.severity.rank for f in result.findings), default=-1) for result in store]
    assert [store.tally(number).worst for number in range(len(store))] == worst
    assert set(worst) >= {1, 2}


def test_writing_a_baseline_holds_one_result_at_a_time(corpus, tmp_path):
    from designlint.engine.baseline import load_baseline, write_baselines

    files, session = corpus
    store = check_files(Overrides(), files, jobs=1, use_cache=False, session=session).results
    before = alive()
    most = 0

    class Watched(list):
        def __getitem__(self, number):
            nonlocal most
            most = max(most, alive() - before)
            return store[number]

    target = tmp_path / "baseline.json"
    watched = Watched(range(len(store)))
    [(_, written)] = write_baselines(files, watched, lambda path: session.engine_for(path).config, target)
    assert most <= 1  # the result just read, never the 20
    assert load_baseline(target).counts == written.counts
    assert sum(written.counts.values()) >= sum(len(result.findings) for result in store)
