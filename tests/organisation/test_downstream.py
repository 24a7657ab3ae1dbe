"""``designlint diff`` lists the designs that depend on the changed one and how their ceilings move."""

from __future__ import annotations

import shutil

import pytest

from designlint.cli import main
from tests.conftest import ROOT

FOLDER = ROOT / "tests" / "data" / "organisation"

CASES = {
    "loosened availability": (
        ("graph.yaml", "availability: 99.95%", "availability: 99.5%"),
        [
            "loosened: 'feed' (feed.yaml) uses graph#graph-service: availability: 99.95% -> 99.5%",
            "lowered: 'feed' SLO 'feed-availability' availability ceiling: 99.94% -> 99.49% (objective 99.95%)",
            "loosened: 'notify' (notify.yaml) uses graph#graph-service: availability: 99.95% -> 99.5%",
            "loosened: 'ranking' (ranking.yaml) uses graph#graph-service: availability: 99.95% -> 99.5%",
        ],
    ),
    "removed component": (
        ("content.yaml", "id: content-service", "id: content-api"),
        [
            "removed: 'feed' (feed.yaml) uses content#content-service",
            "removed: 'ranking' (ranking.yaml) uses content#content-service",
        ],
    ),
    "slower p99": (
        ("content.yaml", "threshold: 50 ms", "threshold: 80 ms"),
        [
            "loosened: 'feed' (feed.yaml) uses content#content-service: p99: 50 ms -> 80 ms",
            "loosened: 'ranking' (ranking.yaml) uses content#content-service: p99: 50 ms -> 80 ms",
            # The step ranking leaves to content's p99 moves its path's sum across designs.
            "slower: 'ranking' path 'rank' latency across designs: 110 ms -> 140 ms (target 100 ms)",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_diff_lists_downstream_designs(case, capsys, tmp_path, monkeypatch):
    (name, old, new), expected = CASES[case]
    head = tmp_path / "head"
    head.mkdir()
    for path in FOLDER.glob("*.yaml"):
        shutil.copy(path, head / path.name)
    changed = head / name
    changed.write_text(changed.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    monkeypatch.chdir(head)
    main(["diff", str(FOLDER / name), name])
    out = capsys.readouterr().out
    section = out.split("Designs that depend on this one:\n", 1)[1].splitlines()
    listed = []
    for line in section:  # the section ends at the next heading (two spaces in)
        if not line.startswith("    "):
            break
        listed.append(line.strip())
    assert listed == expected, out


def test_no_downstream_section_without_dependents(capsys):
    main(["diff", str(FOLDER / "feed.yaml"), str(FOLDER / "feed.yaml")])
    assert "depend on this one" not in capsys.readouterr().out
