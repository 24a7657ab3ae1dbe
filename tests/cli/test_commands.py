"""The small commands: schema, rules, rule, --version, python -m designlint."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import yaml

from designlint import __version__
from designlint.cli import main
from designlint.schema import SCHEMA_FILES, render
from tests.conftest import DESIGNS, ROOT


def test_committed_schemas_are_current():
    for name, build in SCHEMA_FILES.items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == render(build()), (
            f"schemas/{name} is stale: run `designlint schema --kind ... > schemas/{name}`"
        )


def test_schema_command_prints_the_design_schema(capsys):
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == (ROOT / "schemas" / "design.schema.json").read_text(encoding="utf-8")


def test_designs_validate_against_the_schema_with_plain_jsonschema():
    schema = json.loads((ROOT / "schemas" / "design.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for path in sorted(DESIGNS.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], f"{path.name}: {errors[:3]}"


def test_schema_rejects_an_unknown_key():
    schema = json.loads((ROOT / "schemas" / "design.schema.json").read_text(encoding="utf-8"))
    bad = {"apiVersion": "designlint/v1", "kind": "Design", "metadata": {"name": "x"}, "failureScenario": []}
    assert not jsonschema.Draft7Validator(schema).is_valid(bad)


def test_every_design_starts_with_the_schema_modeline():
    for path in sorted(DESIGNS.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/design.schema.json", path.name


def test_rules_lists_every_rule(capsys):
    assert main(["rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    codes = [r["code"] for r in listed]
    assert codes == sorted(codes) and {"DL010", "DL201", "DL422"} <= set(codes)


def test_rule_explains_by_code_and_by_name(capsys):
    assert main(["rule", "DL201"]) == 0
    by_code = capsys.readouterr().out
    assert main(["rule", "slo-window-and-budget"]) == 0
    assert capsys.readouterr().out == by_code
    for heading in ("## What it does", "## Why it matters", "## Example", "## Use instead"):
        assert heading in by_code


def test_unknown_rule_is_a_usage_error(capsys):
    assert main(["rule", "DL999"]) == 2
    assert "no rule with code or name 'DL999'" in capsys.readouterr().err


def test_missing_path_is_a_usage_error(capsys, tmp_path):
    assert main(["check", str(tmp_path / "nope.yaml")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_version_and_module_entry_point():
    result = subprocess.run([sys.executable, "-m", "designlint", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"designlint {__version__}"


def test_unknown_option_exits_2(capsys):
    assert main(["check", "--frobnicate"]) == 2


def test_folder_without_designs_warns_and_exits_0(tmp_path, capsys):
    (tmp_path / "ci.yaml").write_text("on: push\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0
    assert "no design files found" in capsys.readouterr().err


def test_version_answers_without_importing_the_cli():
    code = (
        "import sys\n"
        "sys.argv = ['designlint', '--version']\n"
        "from designlint.entry import run\n"
        "try:\n"
        "    run()\n"
        "except SystemExit as exit:\n"
        "    print('EXIT', exit.code, 'click' in sys.modules, 'designlint.cli' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.splitlines() == [f"designlint {__version__}", "EXIT 0 False False"]
