"""References across a folder of designs: resolution, unknown references, cycles and assumptions.

The fixture folder (tests/data/organisation) holds five designs and a team catalogue: ``feed``
references ``content`` and ``graph`` through components that stand for them (and a design and an
element that do not exist), ``graph`` and ``notify`` call each other synchronously through
references, and ``ranking`` references other designs directly from a dependency target, a
request-path step and a cross-team dependency, and its teams from the ``org-teams`` catalogue.
"""

from __future__ import annotations

import shutil

import pytest

from designlint.cli import main
from tests.conftest import ROOT

FOLDER = ROOT / "tests" / "data" / "organisation"

EXPECTED = [
    (
        "feed.yaml",
        18,
        "DL603",
        "assumes 99.99% availability of content#content-service, which promises only 99.9%",
    ),
    ("feed.yaml", 27, "DL600", "references design 'search-platform'"),
    ("feed.yaml", 31, "DL601", "references 'media-service', which design 'content' does not define"),
    ("feed.yaml", 37, "DL603", "budgets 20 ms for content#content-service, whose p99 is 50 ms"),
    (
        "feed.yaml",
        44,
        "DL604",
        "needs graph#graph-service (99.95%) synchronously: the composite ceiling across designs is 99.94%",
    ),
    ("graph.yaml", 16, "DL602", "stands for notify#notify-service"),
    ("notify.yaml", 15, "DL602", "stands for graph#graph-service"),
    ("ranking.yaml", 7, "DL601", "references 'search-team', which design 'org-teams' does not define"),
    ("ranking.yaml", 19, "DL601", "'ranker' references 'body-store', which design 'content' does not define"),
    ("ranking.yaml", 20, "DL600", "'ranker' references design 'ads-platform'"),
    (
        "ranking.yaml",
        22,
        "DL605",
        "path 'rank' takes 110 ms across designs (40 ms + 50 ms (p99 of content#content-service) + 20 ms), "
        "over its 100 ms target",
    ),
    (
        "ranking.yaml",
        35,
        "DL601",
        "'Search' references 'search-team', which design 'org-teams' does not define",
    ),
]


def _findings(capsys, *args: str) -> list[tuple[str, int, str, str]]:
    main(["check", *args, "--no-source", "--select", "DL6", "--no-color"])
    found = []
    for line in capsys.readouterr().out.splitlines():
        if ": " in line and " DL6" in line:
            where, rest = line.split(": ", 1)
            file, row, _ = where.rsplit(":", 2)
            found.append((file.rsplit("/", 1)[-1], int(row), rest.split()[1], rest))
    return found


def _matches(found, expected) -> bool:
    return len(found) == len(expected) and all(
        (f[0], f[1], f[2]) == e[:3] and e[3] in f[3] for f, e in zip(found, expected)
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_folder_resolves_references_and_reports_at_the_referencing_line(capsys, jobs):
    found = _findings(capsys, str(FOLDER), "--no-cache", "--jobs", jobs)
    assert _matches(found, EXPECTED), found


def test_a_file_checked_alone_resolves_against_the_designs_beside_it(capsys):
    found = _findings(capsys, str(FOLDER / "feed.yaml"), "--no-cache")
    assert _matches(found, [e for e in EXPECTED if e[0] == "feed.yaml"]), found


def test_a_file_alone_in_its_folder_knows_only_itself(capsys, tmp_path):
    shutil.copy(FOLDER / "feed.yaml", tmp_path / "feed.yaml")
    found = _findings(capsys, str(tmp_path / "feed.yaml"), "--no-cache")
    # One finding per design nobody defines: 'content' is named twice (lines 18 and 31).
    assert [(f[1], f[2]) for f in found] == [(18, "DL600"), (23, "DL600"), (27, "DL600")], found
    assert "(1 more reference to it)" in found[0][3]


def test_a_changed_provider_rechecks_its_dependents_through_the_cache(capsys, tmp_path, monkeypatch):
    from designlint.engine.session import CheckSession

    for path in FOLDER.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)  # the result cache lives in the working directory
    checked: list[str] = []
    check = CheckSession.check

    def counting(self, files):
        checked.extend(display.rsplit("/", 1)[-1] for _, display in files)
        return check(self, files)

    monkeypatch.setattr(CheckSession, "check", counting)
    first = _findings(capsys, str(tmp_path), "--jobs", "1")
    assert _matches(first, EXPECTED), first
    assert sorted(checked) == sorted(p.name for p in FOLDER.glob("*.yaml"))
    checked.clear()

    def reloaded(path, display):
        raise AssertionError(f"{display} was loaded again to be indexed")

    monkeypatch.setattr("designlint.engine.organisation.load_index", reloaded)
    content = tmp_path / "content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace("99.9%", "99.99%"), encoding="utf-8")
    second = _findings(capsys, str(tmp_path), "--jobs", "1")
    # Only the provider is checked again; its dependents' cross-design findings follow its new
    # promise (feed's availability assumption now holds) from the indexes their entries keep, and
    # the designs that do not depend on it are replayed as they were.
    assert checked == ["content.yaml"]
    assert _matches(second, [e for e in EXPECTED if "availability" not in e[3]]), second
    checked.clear()
    third = _findings(capsys, str(tmp_path), "--jobs", "1")
    assert checked == [] and third == second


def test_the_example_designs_resolve_and_newsfeed_budgets_hold_against_content_platform(capsys):
    found = _findings(capsys, str(ROOT / "designs"), "--no-cache")
    assert found == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_cross_design_finding_is_suppressed_on_its_line(capsys, tmp_path, jobs):
    for path in FOLDER.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    feed = tmp_path / "feed.yaml"
    feed.write_text(
        feed.read_text(encoding="utf-8").replace(
            "      ref: content#content-service\n",
            "      ref: content#content-service  # designlint: ignore[DL603] reason: agreed with the content team\n",
        ),
        encoding="utf-8",
    )
    found = _findings(capsys, str(tmp_path), "--no-cache", "--jobs", jobs)
    assert _matches(found, [e for e in EXPECTED if (e[0], e[1]) != ("feed.yaml", 18)]), found
