"""Inline suppressions: trailing, standalone and on a parent mapping; reasons required; unused ones reported."""

from __future__ import annotations

import json

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
    ],
)
def test_malformed_suppression_is_a_positioned_usage_error(tmp_path, capsys, comment, message):
    code, out = _check(tmp_path, capsys, f"  - name: A  {comment}\n    choice: x\n")
    assert code == 2
    assert "d.yaml:6:" in out["err"] and message in out["err"] and "Traceback" not in out["err"]
