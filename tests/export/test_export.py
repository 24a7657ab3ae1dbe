"""SLOs exported as monitoring: Prometheus rules checked and unit-tested by the real promtool,
OpenSLO documents validated against the specification's JSON Schema."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from designlint.analysis.burn_rate import derived_windows, disagreements
from designlint.cli import main
from tests.conftest import DESIGNS, ROOT

EXAMPLES = sorted(DESIGNS.glob("*.yaml"))
PROMTOOL = shutil.which("promtool")


def export(target: str, design: Path, capsys) -> str:
    assert main(["export", target, str(design)]) == 0
    return capsys.readouterr().out


def test_burn_rates_follow_the_slo_window():
    thirty_days = 30 * 86400
    assert [round(w.burn_rate, 6) for w in derived_windows(thirty_days)] == [14.4, 6, 3, 1]
    week = derived_windows(7 * 86400)
    assert round(week[0].burn_rate, 4) == 3.36  # 2 % of a week's budget in one hour
    assert [w.short_seconds for w in week][:2] == [300, 1800]
    # 14.4 over 1 h copied from a 30-day SLO to a 7-day one is reported; the derived pair is not.
    assert [d.index for d in disagreements([(3600, 14.4), (259200, 1)], 7 * 86400)] == [0, 1]
    assert disagreements([(3600, 14.4), (259200, 1)], thirty_days) == []


@pytest.mark.parametrize("design", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_promtool_accepts_the_rules_of_every_example_design(design, tmp_path, capsys):
    assert PROMTOOL, "promtool comes with Debian's prometheus package (setup.sh --test installs it)"
    rules = tmp_path / "rules.yml"
    rules.write_text(export("prometheus", design, capsys), encoding="utf-8")
    groups = yaml.safe_load(rules.read_text(encoding="utf-8"))["groups"]
    assert groups, "every example design exports its SLOs"
    result = subprocess.run([PROMTOOL, "check", "rules", str(rules)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _alert(rules: dict, severity: str) -> dict:
    for group in rules["groups"]:
        for rule in group["rules"]:
            if (
                rule.get("labels", {}).get("severity") == severity
                and rule["labels"]["slo"] == "redirect-availability"
            ):
                return rule
    raise AssertionError(f"no {severity} alert")


def _unit_test(
    tmp_path: Path, rules_text: str, error_per_minute: int, ok_per_minute: int, checks: list
) -> str:
    (tmp_path / "rules.yml").write_text(rules_text, encoding="utf-8")
    test = {
        "rule_files": ["rules.yml"],
        "evaluation_interval": "1m",
        "tests": [
            {
                "interval": "1m",
                "input_series": [
                    {"series": 'redirect_requests_total{code="301"}', "values": f"0+{ok_per_minute}x600"},
                    {"series": 'redirect_requests_total{code="503"}', "values": f"0+{error_per_minute}x600"},
                ],
                "alert_rule_test": checks,
            }
        ],
    }
    (tmp_path / "test.yml").write_text(json.dumps(test), encoding="utf-8")
    result = subprocess.run(
        [PROMTOOL, "test", "rules", "test.yml"], capture_output=True, text=True, cwd=tmp_path
    )
    return result.stdout + result.stderr if result.returncode else ""


def test_a_fast_burn_pages_within_minutes_and_a_budget_neutral_rate_does_not(tmp_path, capsys):
    assert PROMTOOL
    text = export("prometheus", DESIGNS / "url-shortener.yaml", capsys)
    rules = yaml.safe_load(text)
    page, ticket = _alert(rules, "page"), _alert(rules, "ticket")

    def firing(rule: dict) -> list:
        return [{"exp_labels": rule["labels"], "exp_annotations": rule["annotations"]}]

    # 10 % of redirects fail: 100x the budget rate. The 1 h / 5 min pair crosses 14.4x at once,
    # so the page fires once its 2-minute `for` has passed, well within ten minutes.
    fast = [
        {"eval_time": "1m", "alertname": page["alert"], "exp_alerts": []},
        {"eval_time": "10m", "alertname": page["alert"], "exp_alerts": firing(page)},
    ]
    assert _unit_test(tmp_path, text, error_per_minute=100, ok_per_minute=900, checks=fast) == ""
    # Errors at half the budget rate (0.05 % against a 0.1 % budget) for ten hours: no page, no ticket.
    neutral = [
        {"eval_time": "10h", "alertname": page["alert"], "exp_alerts": []},
        {"eval_time": "10h", "alertname": ticket["alert"], "exp_alerts": []},
    ]
    assert _unit_test(tmp_path, text, error_per_minute=1, ok_per_minute=1999, checks=neutral) == ""
    # And the test itself can fail: expecting a page in the neutral case is reported by promtool.
    wrong = [{"eval_time": "10h", "alertname": page["alert"], "exp_alerts": firing(page)}]
    assert _unit_test(tmp_path, text, error_per_minute=1, ok_per_minute=1999, checks=wrong) != ""


def _openslo_validator():
    import jsonschema
    from referencing import Registry, Resource

    folder = ROOT / "tests" / "data" / "openslo-v1"
    registry = Registry()
    for path in sorted(folder.rglob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
    root = json.loads((folder / "openslo.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(root, registry=registry)


@pytest.mark.parametrize("design", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_openslo_export_validates_against_the_specification(design, capsys):
    validator = _openslo_validator()
    documents = list(yaml.safe_load_all(export("openslo", design, capsys)))
    kinds = {document["kind"] for document in documents}
    assert {"Service", "SLO", "AlertPolicy"} <= kinds
    for document in documents:
        errors = sorted(validator.iter_errors(document), key=str)
        assert not errors, f"{document['kind']} {document['metadata']['name']}: {errors[0].message}"
    slos = [d for d in documents if d["kind"] == "SLO"]
    policies = {d["metadata"]["name"] for d in documents if d["kind"] == "AlertPolicy"}
    assert all(set(slo["spec"]["alertPolicies"]) <= policies for slo in slos)


def test_the_validator_rejects_a_broken_document(capsys):
    documents = list(yaml.safe_load_all(export("openslo", DESIGNS / "newsfeed.yaml", capsys)))
    slo = next(d for d in documents if d["kind"] == "SLO")
    slo["spec"]["objectives"][0]["target"] = 1.5
    assert list(_openslo_validator().iter_errors(slo))


def test_exports_are_deterministic(capsys):
    for target in ("openslo", "prometheus"):
        assert export(target, DESIGNS / "newsfeed.yaml", capsys) == export(
            target, DESIGNS / "newsfeed.yaml", capsys
        )


def test_an_slo_without_a_query_is_skipped_with_a_warning(tmp_path, capsys):
    text = (DESIGNS / "url-shortener.yaml").read_text(encoding="utf-8")
    start = text.index("     query: {good: 'create_requests_total")
    end = text.index("\n", start) + 1
    design = tmp_path / "design.yaml"
    design.write_text(text[:start] + text[end:], encoding="utf-8")
    assert main(["export", "prometheus", str(design)]) == 0
    captured = capsys.readouterr()
    assert "create-availability' has no query" in captured.err
    assert "create-availability" not in captured.out
