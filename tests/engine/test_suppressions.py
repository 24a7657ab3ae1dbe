"""Inline suppressions: trailing, standalone and on a parent mapping; reasons required; unused ones reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from designlint.cli import main

BASE = """\
apiVersion: designlint/v1
kind: Design
metadata:
  name: s
tradeoffs:
{body}"""


def _check(tmp_path, capsys, body: str, *extra: str) -> tuple[int, dict]:
    path = tmp_path / "d.yaml"
    path.write_text(BASE.format(body=body), encoding="utf-8")
    code = main(["check", "--format", "json", "--select", "DL400,DL009", *extra, str(path)])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if captured.out else {"err": captured.err})


def test_trailing_comment_suppresses_its_line(tmp_path, capsys):
    code, out = _check(
        tmp_path, capsys, "  - name: A  # designlint: ignore[DL400] reason: agreed in review\n    choice: x\n"
    )
    assert code == 0 and out["findings"] == [] and out["suppressed"] == 1


def test_standalone_comment_suppresses_the_next_line(tmp_path, capsys):
    body = "  # designlint: ignore[DL400] reason: agreed in review\n  - name: A\n    choice: x\n"
    code, out = _check(tmp_path, capsys, body)
    assert code == 0 and out["suppressed"] == 1


def test_comment_on_parent_mapping_covers_children(tmp_path, capsys):
    path = tmp_path / "d.yaml"
    path.write_text(
        "apiVersion: designlint/v1\nkind: Design\nmetadata:\n  name: s\n"
        "tradeoffs:  # designlint: ignore[DL400] reason: trade-offs are drafted elsewhere\n"
        "  - {name: A, choice: x}\n  - {name: B, choice: y}\n",
        encoding="utf-8",
    )
    assert main(["check", "--format", "json", "--select", "DL400,DL009", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["suppressed"] == 2


def test_suppression_of_another_code_does_not_hide_the_finding(tmp_path, capsys):
    code, out = _check(
        tmp_path, capsys, "  - name: A  # designlint: ignore[DL401] reason: x\n    choice: x\n"
    )
    assert code == 1
    assert [f["code"] for f in out["findings"]] == ["DL400"]


def test_unused_suppression_is_reported(tmp_path, capsys):
    body = "  - name: A\n    choice: x\n    sacrifices: y\n    rationale: z  # designlint: ignore[DL400] reason: stale\n"
    code, out = _check(tmp_path, capsys, body)
    assert code == 1
    [finding] = out["findings"]
    assert finding["code"] == "DL009" and finding["line"] == 9 and "DL400" in finding["message"]


@pytest.mark.parametrize(
    "comment, message",
    [
        ("# designlint: ignore[DL400]", "suppression needs a reason"),
        ("# designlint: ignore[DL400] reason:   ", "suppression needs a reason"),
        ("# designlint: ignore DL400 reason: x", "malformed suppression"),
        ("# designlint: ignore[] reason: x", "no rule code"),
        ("# designlint: ignore[dl400] reason: x", "not a rule code: dl400"),
        ("# designlint: ignore[DL999] reason: x", "unknown rule code DL999"),
        ("# designlint: ignore[DL400 reason: x", "malformed suppression"),
    ],
)
def test_malformed_suppression_is_a_positioned_finding(tmp_path, capsys, comment, message):
    code, out = _check(tmp_path, capsys, f"  - name: A  {comment}\n    choice: x\n", "--select", "DL008")
    assert code == 1
    [finding] = [f for f in out["findings"] if f["code"] == "DL008"]
    assert (finding["line"], finding["column"]) == (6, 16) and message in finding["message"]
    assert finding["severity"] == "error"


def test_a_malformed_suppression_does_not_stop_the_other_files(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text(
        BASE.format(body="  - name: A  # designlint: ignore[DL400]\n    choice: x\n"), encoding="utf-8"
    )
    (tmp_path / "b.yaml").write_text(BASE.format(body="  - name: B\n    choice: y\n"), encoding="utf-8")
    code = main(["check", "--format", "json", "--select", "DL400,DL008", str(tmp_path)])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert code == 1
    assert sorted((Path(f["file"]).name, f["code"]) for f in findings) == [
        ("a.yaml", "DL008"),
        ("a.yaml", "DL400"),
        ("b.yaml", "DL400"),
    ]


SCALARS = """\
  - name: A
    choice: x
    sacrifices: |
      reviewers wrote # designlint: ignore[DL400] reason: inside a block scalar
      and # designlint: ignore[DL400]
    rationale: "quoted # designlint: ignore[DL401] reason: inside a quoted string"
  - name: 'B # designlint: ignore[DL400] reason: inside a single-quoted key value'
    choice: y
  - {name: C, choice: "z # designlint: ignore[DL400] reason: in a flow mapping"}
"""


def test_text_inside_scalars_is_never_a_suppression(tmp_path, capsys):
    code, out = _check(tmp_path, capsys, SCALARS, "--select", "DL400,DL008,DL009")
    assert code == 1
    assert out["suppressed"] == 0
    # Both trade-offs lack their sacrifice: one finding lists them, the second as a related place.
    [finding] = out["findings"]
    assert (finding["code"], finding["line"]) == ("DL400", 12) and finding["message"].startswith(
        "2 trade-offs"
    )
    assert [place["line"] for place in finding["related"]] == [14]


def test_a_comment_right_after_a_block_scalar_is_a_suppression(tmp_path, capsys):
    body = (
        "  - name: A\n    choice: x\n    sacrifices: s\n    rationale: |\n"
        "      text # designlint: ignore[DL999]\n"
        "  # designlint: ignore[DL400] reason: agreed in review\n"
        "  - name: B\n    choice: y\n"
    )
    code, out = _check(tmp_path, capsys, body, "--select", "DL400,DL008,DL009")
    assert code == 0 and out["suppressed"] == 1 and out["findings"] == []
