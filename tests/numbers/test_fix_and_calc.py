"""``designlint fix`` keeps the file as written and only adds what is missing; ``designlint calc`` shows the arithmetic."""

from __future__ import annotations

import json
import os

import pytest

from designlint.analysis.fills import fills
from designlint.cli import main
from designlint.loader import load_path
from designlint.model import Design
from tests.conftest import DESIGNS

DRAFT = """\
# yaml-language-server: $schema=../schemas/design.schema.json
apiVersion: designlint/v1
kind: Design
metadata: {name: draft, title: 'Draft: "quoted" title'}  # a trailing comment

scale:
  quantities:
    # Inputs first.
    - name: dau
      value: 200M users   # given
      rationale: >-
        Folded prose that the emitter must not
        re-wrap or re-indent.
    - {name: sessions, value: 5 loads/user/day,
       rationale: "a flow mapping written over two lines"}
    - name: loads_per_day
      formula: dau * sessions   # no value yet
    - {name: loads_per_s, formula: loads_per_day / (86400 s/day)}
    - name: wrong
      value: 3 loads/day
      formula: loads_per_day   # stated and disagreeing: never overwritten

slos:
  - id: feed
    sli: good loads / all loads
    objective: 99.9%
    window: 30 d
    # the budget is missing
  - {id: latency, sli: fast loads / all loads, kind: latency, objective: 99%, window: 30 d}

cost:
  hoursPerMonth: 730 h
  items:
    - name: Database
      quantity: 1 node
      unitPrice: $0.48/node/hour
    - {name: Load balancer, monthly: $25/month}
  users: dau
"""


def _changes(before: str, after: str) -> tuple[list[str], list[str]]:
    import difflib

    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))[2:]
    removed = [line[1:] for line in diff if line.startswith("-")]
    added = [line[1:] for line in diff if line.startswith("+")]
    return removed, added


def _write(tmp_path, text: str, newline: str = "\n"):
    path = tmp_path / "draft.yaml"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def test_fix_adds_the_missing_values_and_nothing_else(tmp_path, capsys):
    path = _write(tmp_path, DRAFT)
    assert main(["fix", str(path)]) == 0
    after = path.read_text(encoding="utf-8")
    removed, added = _changes(DRAFT, after)
    # Every other line stays as written: comments, quotes, folded text, flow maps over two lines.
    assert removed == [
        "    - {name: loads_per_s, formula: loads_per_day / (86400 s/day)}",
        "  - {id: latency, sli: fast loads / all loads, kind: latency, objective: 99%, window: 30 d}",
    ]
    assert added == [
        "      value: 1B loads/day",
        "    - {name: loads_per_s, value: ~11.6K loads/s, formula: loads_per_day / (86400 s/day)}",
        "    errorBudget: 43.2 min",
        "  - {id: latency, sli: fast loads / all loads, kind: latency, objective: 99%, window: 30 d, errorBudget: 1%}",
        "      monthly: $350.4/month",
        "  total: $375.4/month",
        "  perUser: $0.000001877/user/month",
    ]
    assert "value: 3 loads/day" in after  # the disagreeing stated value stays for a person
    assert "loads_per_s" in capsys.readouterr().err


def test_fix_is_idempotent_and_keeps_windows_line_endings(tmp_path):
    path = _write(tmp_path, DRAFT, newline="\r\n")
    assert main(["fix", str(path)]) == 0
    once = path.read_bytes()
    assert b"\r\n" in once and b"\n" not in once.replace(b"\r\n", b"")
    assert main(["fix", str(path)]) == 0
    assert path.read_bytes() == once
    document = load_path(path)
    assert fills(Design.model_validate(document.data)) == []


def test_fix_diff_prints_without_writing(tmp_path, capsys):
    path = _write(tmp_path, DRAFT)
    assert main(["fix", "--diff", str(path)]) == 1
    out = capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == DRAFT
    assert out.startswith(f"--- {path}\n+++ {path}\n")
    assert "+      value: 1B loads/day\n" in out


def test_a_failed_write_leaves_the_original(tmp_path, monkeypatch):
    path = _write(tmp_path, DRAFT)

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    assert main(["fix", str(path)]) == 2
    assert path.read_text(encoding="utf-8") == DRAFT
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]


@pytest.mark.parametrize("design", sorted(DESIGNS.glob("*.yaml")), ids=lambda p: p.name)
def test_fix_on_the_example_designs(tmp_path, design):
    """A design that needs nothing stays byte-identical; one that does only gains lines."""
    original = design.read_bytes()
    copy = tmp_path / design.name
    copy.write_bytes(original)
    needed = fills(Design.model_validate(load_path(design).data))
    assert main(["fix", str(copy)]) == 0
    if not needed:
        assert copy.read_bytes() == original
    else:
        removed, added = _changes(original.decode("utf-8"), copy.read_text(encoding="utf-8"))
        assert len(added) >= len(needed) and all("{" in line for line in removed)


def test_fix_refuses_a_broken_design(tmp_path, capsys):
    path = tmp_path / "broken.yaml"
    path.write_text(
        "apiVersion: designlint/v1\nkind: Design\nmetadata: {name: x}\nscale: [\n", encoding="utf-8"
    )
    assert main(["fix", str(path)]) == 2
    assert "broken.yaml:" in capsys.readouterr().err


def test_calc_shows_the_cost_example(capsys):
    assert main(["calc", str(DESIGNS / "url-shortener.yaml")]) == 0
    out = capsys.readouterr().out
    assert "1 node x $0.48/node/hour = $350.4/month   [stated $350/month: ok]" in out
    assert "total = sum of the items = $1,135/month" in out
    assert "Error budgets" in out and "43.2 min" in out


def test_calc_json_is_deterministic(capsys):
    assert main(["calc", "--format", "json", str(DESIGNS / "newsfeed.yaml")]) == 0
    first = capsys.readouterr().out
    assert main(["calc", "--format", "json", str(DESIGNS / "newsfeed.yaml")]) == 0
    assert capsys.readouterr().out == first
    report = json.loads(first)
    storage = next(row for row in report["quantities"] if row["name"] == "feed_storage_7d")
    assert storage == {
        "name": "feed_storage_7d",
        "formula": "feed_storage_per_day * feed_retention",
        "value": "35 TB",
        "stated": "35 TB",
        "status": "ok",
    }
    assert report["month"] == "730 h (cost.hoursPerMonth)"


def test_calc_on_a_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["calc", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml" in capsys.readouterr().err
