"""Configuration found by walking up: select/ignore by code, name or dimension, severities, per-path overrides, packs."""

from __future__ import annotations

import textwrap

from designlint.cli import main

THIN = """\
apiVersion: designlint/v1
kind: Design
metadata:
  name: thin
tradeoffs:
  - name: Freshness vs latency
    choice: latency
"""


def _write(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def _codes(capsys, args) -> tuple[int, list[str]]:
    code = main(["check", "--format", "json", *args])
    import json

    out = json.loads(capsys.readouterr().out)
    return code, sorted({f["code"] for f in out["findings"]})


def test_defaults_report_checklist_gaps(tmp_path, capsys):
    _write(tmp_path, {"d/thin.yaml": THIN})
    code, codes = _codes(capsys, [str(tmp_path / "d")])
    assert code == 1
    assert {"DL400", "DL200", "DL440"} <= set(codes)


def test_pyproject_select_by_code_name_and_dimension(tmp_path, capsys):
    _write(
        tmp_path,
        {
            "pyproject.toml": """
            [tool.designlint]
            select = ["DL400", "slos-declared", "D"]
        """,
            "designs/thin.yaml": THIN,
        },
    )
    code, codes = _codes(capsys, [str(tmp_path / "designs")])
    assert code == 1
    assert set(codes) == {"DL400", "DL200", "DL440"}


def test_yaml_config_ignore_prefix_and_severity_override(tmp_path, capsys):
    _write(
        tmp_path,
        {
            ".designlint.yaml": """
            ignore: [DL1, DL2, DL3, DL41, DL42, DL43, DL44, DL45, DL5]
            severity: {tradeoff-sacrifice: info, DL401: info}
            fail-on: warning
        """,
            "thin.yaml": THIN,
        },
    )
    code, codes = _codes(capsys, [str(tmp_path / "thin.yaml")])
    assert codes == ["DL400"]
    assert code == 0  # DL400 lowered to info, below fail-on


def test_per_path_override(tmp_path, capsys):
    _write(
        tmp_path,
        {
            ".designlint.yaml": """
            select: [DL400]
            overrides:
              - paths: ["legacy/*"]
                ignore: [DL400]
        """,
            "legacy/old.yaml": THIN,
            "new/fresh.yaml": THIN,
        },
    )
    _, legacy = _codes(capsys, [str(tmp_path / "legacy")])
    _, fresh = _codes(capsys, [str(tmp_path / "new")])
    assert legacy == [] and fresh == ["DL400"]


def test_cli_fail_on_error_ignores_warnings(tmp_path, capsys):
    _write(tmp_path, {"thin.yaml": THIN})
    assert main(["check", "--fail-on", "error", str(tmp_path / "thin.yaml")]) == 0


def test_unknown_code_in_config_is_a_positioned_usage_error(tmp_path, capsys):
    _write(tmp_path, {".designlint.yaml": "select: [DL400]\nignore:\n  - DL999\n", "thin.yaml": THIN})
    assert main(["check", str(tmp_path / "thin.yaml")]) == 2
    err = capsys.readouterr().err
    assert ".designlint.yaml:3:5: error: unknown rule code or name 'DL999'" in err
    assert "Traceback" not in err


def test_unknown_config_key_is_a_positioned_usage_error(tmp_path, capsys):
    _write(tmp_path, {".designlint.yaml": "selct: [DL400]\n", "thin.yaml": THIN})
    assert main(["check", str(tmp_path / "thin.yaml")]) == 2
    assert (
        ".designlint.yaml:1:1: error: invalid configuration: unknown key 'selct'" in capsys.readouterr().err
    )


def test_malformed_toml_is_a_positioned_usage_error(tmp_path, capsys):
    _write(tmp_path, {"pyproject.toml": "[tool.designlint]\nselect = [\n", "thin.yaml": THIN})
    assert main(["check", str(tmp_path / "thin.yaml")]) == 2
    err = capsys.readouterr().err
    assert "pyproject.toml:" in err and "invalid TOML" in err


def test_org_pack_extends_the_checklist_without_python(tmp_path, capsys):
    _write(
        tmp_path,
        {
            "org-rules.yaml": """
            apiVersion: designlint/v1
            kind: RulePack
            metadata: {name: org-rules}
            extends: [staff-checklist]
            rules:
              - code: ORG001
                name: owners-required
                severity: error
                given: $.metadata
                then:
                  schema: {required: [owners], properties: {owners: {minItems: 1}}}
                message: every design names its owners
                docs:
                  what: Designs name an owning team.
                  why: Someone must answer for it.
                  failing: "metadata: {name: x}"
                  passing: "metadata: {name: x, owners: [feed-team]}"
            overrides:
              DL400: {severity: error}
        """,
            ".designlint.yaml": "packs: [org-rules.yaml]\nselect: [ORG001, DL400]\n",
            "thin.yaml": THIN,
        },
    )
    code, codes = _codes(capsys, [str(tmp_path / "thin.yaml")])
    assert code == 1 and codes == ["DL400", "ORG001"]


def test_broken_rule_pack_is_a_positioned_usage_error(tmp_path, capsys):
    _write(
        tmp_path,
        {
            "bad.yaml": """
            apiVersion: designlint/v1
            kind: RulePack
            metadata: {name: bad}
            rules:
              - code: ORG001
                name: owners-required
                severity: fatal
                message: x
                check: nothing
                docs: {what: a, why: b, failing: c, passing: d}
        """,
            ".designlint.yaml": "packs: [bad.yaml]\n",
            "thin.yaml": THIN,
        },
    )
    assert main(["check", str(tmp_path / "thin.yaml")]) == 2
    err = capsys.readouterr().err
    assert (
        "bad.yaml:8:15: error: invalid rule pack: the string 'fatal' is not one of 'error', 'warning' or 'info'"
        in err
    )


def test_rule_pack_with_bad_selector_or_schema(tmp_path, capsys):
    _write(
        tmp_path,
        {
            "bad.yaml": """
            apiVersion: designlint/v1
            kind: RulePack
            metadata: {name: bad}
            rules:
              - code: ORG002
                name: weird
                severity: error
                given: slos
                then: {schema: {required: [id]}}
                message: x
                docs: {what: a, why: b, failing: c, passing: d}
        """,
            ".designlint.yaml": "packs: [bad.yaml]\n",
            "thin.yaml": THIN,
        },
    )
    assert main(["check", str(tmp_path / "thin.yaml")]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml:9:12: error: rule ORG002: selector 'slos' must start with '$'" in err  # at the selector


def test_rule_pack_with_invalid_json_schema_fragment(tmp_path, capsys):
    _write(
        tmp_path,
        {
            "bad.yaml": """
            apiVersion: designlint/v1
            kind: RulePack
            metadata: {name: bad}
            rules:
              - code: ORG003
                name: odd-schema
                severity: error
                given: $.slos[*]
                then: {schema: {type: 12}}
                message: x
                docs: {what: a, why: b, failing: c, passing: d}
        """,
            ".designlint.yaml": "packs: [bad.yaml]\n",
            "thin.yaml": THIN,
        },
    )
    assert main(["check", "--no-cache", str(tmp_path / "thin.yaml")]) == 2
    assert "bad.yaml:10:11: error: rule ORG003: invalid JSON Schema" in capsys.readouterr().err  # at its then
