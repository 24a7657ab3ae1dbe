"""One gap repeated across many items is one finding per design: the most critical item first,
the count and the first few named, every place available as a related location."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from designlint.cli import main

SARIF_SCHEMA = Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"

DESIGN = """\
apiVersion: designlint/v1
kind: Design
metadata: {name: shop}
architecture:
  components:
    - id: web
      name: Web
      kind: load-balancer
      userFacing: true
      dependsOn: [{target: api}]
    - id: api
      name: API
      kind: service
      dependsOn: [{target: orders}, {target: cache, fallback: read orders}]
    - id: cache
      name: Cache
      kind: cache
    - id: orders
      name: Orders
      kind: database
  paths:
    - id: checkout
      name: Checkout
      flow: write
      steps:
        - {name: Route, component: web, budget: 5 ms}
        - {name: Place, component: api, budget: 50 ms}
        - {name: Store, component: orders, budget: 20 ms}
"""


def run(tmp_path: Path, capsys, text: str, *argv: str) -> dict:
    (tmp_path / "shop.yaml").write_text(text, encoding="utf-8")
    main(["check", "--no-cache", "--format", "json", "--select", "DL220", *argv, str(tmp_path / "shop.yaml")])
    return json.loads(capsys.readouterr().out)


def test_one_gap_on_many_components_is_one_finding(tmp_path, capsys):
    [finding] = run(tmp_path, capsys, DESIGN)["findings"]
    # The database first: losing it loses checkout and takes the API down with it; then the
    # components whose loss only loses checkout, in document order; the cache, behind a fallback, last.
    assert finding["path"] == "architecture.components[3]" and finding["line"] == 18
    assert finding["message"] == (
        "4 components have no failure scenario that says how the system degrades: "
        "'orders', 'web', 'api' and 1 more"
    )
    assert [(place["path"], place["line"]) for place in finding["related"]] == [
        ("architecture.components[0]", 6),
        ("architecture.components[1]", 11),
        ("architecture.components[2]", 15),
    ]


def test_one_item_keeps_its_own_message(tmp_path, capsys):
    scenarios = "failureScenarios:\n" + "".join(
        f"  - {{id: {c}-down, component: {c}, degradation: degraded}}\n" for c in ("web", "api", "cache")
    )
    [finding] = run(tmp_path, capsys, DESIGN + scenarios)["findings"]
    assert finding["message"] == "component 'orders' has no failure scenario" and "related" not in finding


def test_suppressions_apply_per_item_before_grouping(tmp_path, capsys):
    text = DESIGN.replace(
        "    - id: cache\n",
        "    # designlint: ignore[DL220] reason: a cold cache only costs latency, measured in the load test\n"
        "    - id: cache\n",
    )
    out = run(tmp_path, capsys, text, "--select", "DL009")
    [finding] = out["findings"]
    assert out["suppressed"] == 1
    assert finding["message"].startswith("3 components") and len(finding["related"]) == 2


def test_sarif_carries_related_locations(tmp_path, capsys):
    (tmp_path / "shop.yaml").write_text(DESIGN, encoding="utf-8")
    main(["check", "--no-cache", "--format", "sarif", "--select", "DL220", str(tmp_path / "shop.yaml")])
    log = json.loads(capsys.readouterr().out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft4Validator(schema).iter_errors(log))
    [result] = log["runs"][0]["results"]
    related = result["relatedLocations"]
    assert [place["physicalLocation"]["region"]["startLine"] for place in related] == [6, 11, 15]
    assert related[0]["message"]["text"] == "architecture.components[web]"


def test_the_result_cache_replays_related_locations(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shop.yaml").write_text(DESIGN, encoding="utf-8")
    outputs = []
    for _ in range(2):
        main(["check", "--format", "json", "--select", "DL220", "shop.yaml"])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and '"related"' in outputs[1]
