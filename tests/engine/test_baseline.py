"""Baselines: accepted findings are hidden by file, document path and code, so they survive edits."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from designlint.cli import main
from designlint.engine.baseline import Baseline
from designlint.engine.runner import FileResult
from designlint.errors import Position
from designlint.findings import Finding, Severity

HEADER = "apiVersion: designlint/v1\nkind: Design\nmetadata: {name: x}\n"
ONLY_FORMAT = "select: [DL0]\n"


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "designs").mkdir()
    (tmp_path / "designs" / "feed.yaml").write_text(HEADER + "bogus: 1\nother: 2\n", encoding="utf-8")
    # Only the format's own rules: the checklist runs on a design with unknown keys too, and
    # these tests are about the two unknown keys.
    (tmp_path / ".designlint.yaml").write_text(ONLY_FORMAT, encoding="utf-8")
    return tmp_path


@pytest.fixture
def run(capsys):
    def invoke(*argv) -> tuple[int, str, str]:
        code = main([str(arg) for arg in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def test_written_baseline_is_keyed_by_file_path_and_code(repo, run):
    code, out, err = run("check", "designs", "--write-baseline")
    assert code == 0 and out == ""
    assert "wrote baseline designlint-baseline.json (2 findings in 1 file)" in err
    text = (repo / "designlint-baseline.json").read_text(encoding="utf-8")
    assert json.loads(text) == {
        "version": 1,
        "findings": {"designs/feed.yaml": {"bogus": {"DL010": 1}, "other": {"DL010": 1}}},
    }
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True) + "\n"
    run("check", "designs", "--write-baseline")
    assert (repo / "designlint-baseline.json").read_text(encoding="utf-8") == text  # same input, same bytes


def test_baseline_survives_lines_inserted_above_and_new_findings_still_fail(repo, run):
    assert run("check", "designs", "--write-baseline=base.json")[0] == 0
    code, out, _ = run("check", "designs", "--baseline", "base.json")
    assert code == 0
    assert out.endswith("All clear: 1 file checked, no new findings (2 in baseline).\n")

    feed = repo / "designs" / "feed.yaml"
    feed.write_text(
        "# owner: feed team\n\n" + feed.read_text(encoding="utf-8").replace("bogus", "# moved\nbogus"),
        encoding="utf-8",
    )
    assert run("check", "designs", "--baseline", "base.json")[0] == 0

    feed.write_text(feed.read_text(encoding="utf-8") + "newcomer: 3\n", encoding="utf-8")
    code, out, _ = run("check", "--no-source", "designs", "--baseline", "base.json")
    assert code == 1
    assert "DL010 unknown key 'newcomer'" in out
    assert "'bogus'" not in out and "'other'" not in out
    assert "(1 error, 2 in baseline)" in out


def test_hiding_is_count_aware():
    def finding(line: int) -> Finding:
        return Finding(
            file="d.yaml",
            position=Position(line, 1),
            code="DL201",
            name="slo-window-and-budget",
            severity=Severity.WARNING,
            message="m",
            path=("slos", 0),
        )

    baseline = Baseline(Path.cwd(), Counter({("d.yaml", "slos[0]", "DL201"): 1}))
    result = FileResult("d.yaml", findings=[finding(5), finding(9)])
    kept, hidden = baseline.hide_known(result, Counter(baseline.counts))
    assert hidden == 1 and [f.position.line for f in kept.findings] == [9]


def test_baseline_from_configuration_is_relative_to_it(repo, run, monkeypatch):
    (repo / ".designlint.yaml").write_text(ONLY_FORMAT + "baseline: ci/baseline.json\n", encoding="utf-8")
    assert run("check", "designs", "--write-baseline")[0] == 0
    assert json.loads((repo / "ci" / "baseline.json").read_text(encoding="utf-8"))["findings"] == {
        "../designs/feed.yaml": {"bogus": {"DL010": 1}, "other": {"DL010": 1}},
    }
    assert run("check", "designs")[0] == 0
    # From another working directory the same baseline still matches.
    monkeypatch.chdir(repo / "designs")
    assert run("check", "feed.yaml")[0] == 0


def test_missing_configured_baseline_points_at_the_configuration(repo, run):
    (repo / ".designlint.yaml").write_text(
        ONLY_FORMAT + "fail-on: error\nbaseline: nowhere.json\n", encoding="utf-8"
    )
    code, _, err = run("check", "designs")
    assert code == 2
    assert err.strip().endswith(
        ".designlint.yaml:3:1: error: baseline not found: "
        f"{(repo / 'nowhere.json').as_posix()} (create it with --write-baseline)"
    )


def position_of(text: str, marker: str) -> str:
    before = text[: text.index(marker)]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


@pytest.mark.parametrize(
    ("content", "marker", "message"),
    [
        (
            '{"version": 1, "findings": {"a.yaml": {"x": {"DL010": 1},}}}\n',
            "}}}\n",
            "Expecting property name enclosed in double quotes",
        ),
        (
            '{\n  "version": 1,\n  "findings": {"a.yaml": {"x": {"DL010": "one"}}}\n}\n',
            '"one"',
            "whole number",
        ),
        ('{\n  "version": 2,\n  "findings": {}\n}\n', "2,", "not one of 1"),
        (
            '{\n  "version": 1,\n  "findings": {"a.yaml": {"x": {"dl10": 1}}}\n}\n',
            '"dl10"',
            "does not match the pattern",
        ),
        ('{"version": 1, "findings": {}, "extra": true}\n', '"extra"', "unknown key 'extra'"),
        ("version: 1\nfindings: {}\n", "version", "Expecting value"),
        ('{"version": 1, "version": 1, "findings": {}}\n', '"version": 1, "findings"', "duplicate"),
    ],
)
def test_malformed_baseline_is_a_positioned_usage_error(repo, run, content, marker, message):
    (repo / "base.json").write_text(content, encoding="utf-8")
    code, out, err = run("check", "designs", "--baseline", "base.json")
    assert code == 2 and out == ""
    assert err.startswith(f"base.json:{position_of(content, marker)}: error: invalid baseline: "), err
    assert message in err
    assert "Traceback" not in err


def test_missing_baseline_is_a_usage_error(repo, run):
    code, _, err = run("check", "designs", "--baseline", "absent.json")
    assert code == 2
    assert "baseline not found: absent.json" in err


def test_writing_never_overwrites_something_that_is_not_a_baseline(repo, run):
    feed = repo / "designs" / "feed.yaml"
    before = feed.read_text(encoding="utf-8")
    # The optional FILE takes the next word: here the design itself.
    code, _, err = run("check", "--write-baseline", "designs/feed.yaml")
    assert code == 2
    assert "refusing to overwrite designs/feed.yaml: it is not a designlint baseline" in err
    assert feed.read_text(encoding="utf-8") == before
    code, _, err = run("check", "--write-baseline", "designs")
    assert code == 2 and "is a folder" in err


def test_baseline_survives_a_list_item_inserted_before_the_finding(repo, run):
    design = repo / "designs" / "feed.yaml"
    design.write_text(HEADER + "tradeoffs:\n  - {name: Push vs pull, choice: hybrid}\n", encoding="utf-8")
    assert run("check", "designs", "--select", "DL400", "--write-baseline")[0] == 0
    design.write_text(
        HEADER + "tradeoffs:\n  - {name: Cost vs speed, choice: speed, sacrifices: money, rationale: users}\n"
        "  - {name: Push vs pull, choice: hybrid}\n",
        encoding="utf-8",
    )
    assert run("check", "designs", "--select", "DL400", "--baseline", "designlint-baseline.json")[0] == 0


GROUPED = """\
architecture:
  components:
    - {id: api, name: API, kind: service}
    - {id: db, name: DB, kind: database}
"""


def test_a_grouped_finding_stays_known_only_while_each_of_its_places_is(repo, run):
    """One gap on many components is one finding; the baseline records every place of it."""
    design = repo / "designs" / "feed.yaml"
    design.write_text(HEADER + GROUPED, encoding="utf-8")
    (repo / ".designlint.yaml").write_text("select: [DL220]\n", encoding="utf-8")
    assert run("check", "designs", "--write-baseline")[0] == 0
    recorded = json.loads((repo / "designlint-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert recorded == {
        "designs/feed.yaml": {
            "architecture.components[api]": {"DL220": 1},
            "architecture.components[db]": {"DL220": 1},
        }
    }
    # One of them gets its scenario: the rest of the gap is still the known one.
    design.write_text(
        HEADER + GROUPED + "failureScenarios:\n  - {id: db-down, component: db, degradation: read-only}\n",
        encoding="utf-8",
    )
    assert run("check", "designs", "--baseline", "designlint-baseline.json")[0] == 0
    # A new component with the same gap is news, although the finding starts at the same place.
    design.write_text(HEADER + GROUPED + "    - {id: queue, name: Queue, kind: queue}\n", encoding="utf-8")
    code, out, _ = run("check", "--no-source", "designs", "--baseline", "designlint-baseline.json")
    assert code == 1 and "3 components have no failure scenario" in out


WRITTEN_AS_JSON = [
    {},
    {("a.yaml", "x", "DL001"): 1},
    {
        ("a.yaml", "x", "DL001"): 1,
        ("a.yaml", "x", "DL002"): 3,
        ("a.yaml", "x.y", "DL001"): 1,
        ("a.yaml", "y", "DL001"): 2,
        ("a b.yaml", "", "DL100"): 1,
        ('q"é\u2028\n.yaml', 'z[0]."q\\\\"', "DL500"): 1,
        ("ä.yaml", "x", "DL010"): 4,
    },
    # enough entries that the text is written in several pieces
    {(f"designs/{n // 50:03}.yaml", f"components[{n % 50}].name", "DL200"): n + 1 for n in range(4000)},
]


@pytest.mark.parametrize("counts", WRITTEN_AS_JSON)
def test_a_baseline_written_in_pieces_is_the_standard_encoders_text(counts):
    baseline = Baseline(Path("."), Counter(counts))
    tree: dict = {}
    for (file, path, code), count in counts.items():
        tree.setdefault(file, {}).setdefault(path, {})[code] = count
    document = {"version": 1, "findings": tree}
    expected = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert baseline.to_json() == expected
    assert json.loads(expected) == document
