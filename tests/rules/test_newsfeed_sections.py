"""Delete or corrupt each checklist section of a copy of the News Feed design in turn: the intended
rule fires, at the line of the broken node (or its nearest surviving parent).

The expected line comes from ruamel.yaml's own line records of the mutated document, an oracle
independent of designlint's loader.
"""

from __future__ import annotations

import io

import pytest
from ruamel.yaml import YAML

from tests.conftest import DESIGNS


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    return yaml


def _by_id(items, ident):
    return next(i for i, item in enumerate(items) if item.get("id") == ident)


def _expected_line(doc, path) -> int:
    """Line of the node at ``path``; for a missing path, the nearest existing parent's line."""
    node, line = doc, doc.lc.line + 1
    for part in path:
        if isinstance(part, int):
            if not (isinstance(node, list) and part < len(node)):
                break
            line = node.lc.item(part)[0] + 1
        else:
            if not (isinstance(node, dict) and part in node):
                break
            line = node.lc.key(part)[0] + 1
        node = node[part]
    return line


def _components(d):
    return d["architecture"]["components"]


def _component(d, ident):
    return _components(d)[_by_id(_components(d), ident)]


def _dependency_index(d, caller, target):
    return next(i for i, dep in enumerate(_component(d, caller)["dependsOn"]) if dep["target"] == target)


def _cycle(d):
    dependencies = _component(d, "feed-cache").setdefault("dependsOn", [])
    dependencies.append({"target": "feed-service", "mode": "sync"})
    return (
        "architecture",
        "components",
        _by_id(_components(d), "feed-cache"),
        "dependsOn",
        len(dependencies) - 1,
    )


def _slo_flood(d):
    d["slos"].extend(
        {
            "id": f"extra-{n}",
            "service": "feed-service",
            "sli": "x",
            "objective": "99%",
            "window": "30d",
            "errorBudget": "7.2 h",
        }
        for n in range(4)
    )
    return ("slos", 0)


def _no_partial(d):
    for scenario in d["failureScenarios"]:
        scenario["scope"] = "cluster"
        scenario.pop("partial", None)
    del d["partialFailures"]
    return ("failureScenarios",)


def _no_skew(d):
    # The scale states the tail (mean vs celebrity followers); without `hotKeys` nothing answers it.
    for component in _components(d):
        component.pop("hotKeys", None)
    quantities = d["scale"]["quantities"]
    return (
        "scale",
        "quantities",
        next(i for i, q in enumerate(quantities) if q["name"] == "celebrity_followers"),
    )


def _no_cascade_protection(d):
    """No cascade protections anywhere: neither the section nor a timeout or breaker on a call."""
    for component in _components(d):
        for dependency in component.get("dependsOn", []):
            dependency.pop("timeout", None)
            dependency.pop("circuitBreaker", None)
    del d["cascadeProtections"]
    return ("cascadeProtections",)


def _drop(*path):
    def mutate(d):
        node = d
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]
        return path

    return mutate


# (code, mutation returning the path the finding must point at)
CASES = {
    "DL101": lambda d: (
        d.__setitem__("users", [u for u in d["users"] if u["type"] != "operational"]),
        ("users",),
    )[1],
    "DL102": _drop("scope", "out"),
    "DL103": lambda d: (_drop("useCases", 0, "operations")(d), ("useCases", 0))[1],
    "DL104": _drop("nfr", "latency", 0, "percentile"),
    "DL105": lambda d: (
        d["nfr"]["availability"].pop(0),
        d["slos"].pop(0),
        _component(d, "feed-service").__setitem__("userFacing", True),
        ("architecture", "components", _by_id(_components(d), "feed-service")),
    )[-1],
    "DL106": lambda d: (
        d["nfr"].__setitem__("qualitative", [{"aspect": "latency", "statement": "publishing feels instant"}]),
        ("nfr", "qualitative", 0),
    )[1],
    "DL107": lambda d: (
        _drop("architecture", "paths", 0, "steps", 0, "budget")(d),
        ("architecture", "paths", 0, "steps", 0),
    )[1],
    "DL110": lambda d: (_drop("scale", "quantities", 0, "rationale")(d), ("scale", "quantities", 0))[1],
    "DL111": _drop("scale", "overTime"),
    "DL112": _no_skew,
    "DL120": _drop("nfr", "security", "pii"),
    "DL121": _drop("nfr", "consistency"),
    "DL200": _drop("slos"),
    "DL201": _drop("slos", 0, "errorBudget"),
    "DL202": lambda d: (d["slos"][0].__setitem__("sla", {"target": "99.95%"}), ("slos", 0, "sla", "target"))[
        1
    ],
    "DL203": _slo_flood,
    "DL211": lambda d: (
        d.__setitem__("dr", {"tier": 3, "rpo": "5 min", "rto": "2 h", "drillCadence": "quarterly"}),
        ("dr", "scenarios"),
    )[1],
    "DL212": lambda d: (
        d.__setitem__("dr", {"tier": 3, "rpo": "5 min", "rto": "2 h"}),
        ("dr", "drillCadence"),
    )[1],
    "DL220": lambda d: (
        d.__setitem__(
            "failureScenarios", [s for s in d["failureScenarios"] if s["component"] != "feed-cache"]
        ),
        ("architecture", "components", _by_id(_components(d), "feed-cache")),
    )[1],
    "DL221": _no_partial,
    "DL222": _no_cascade_protection,
    "DL223": _drop("failureScenarios", 0, "blastRadius"),
    "DL300": _drop("migrations"),
    "DL301": _drop("migrations", 0, "pattern"),
    "DL302": _drop("migrations", 0, "phases", 0, "rollback"),
    "DL303": lambda d: (
        d["migrations"].append(
            {
                "name": "Second store",
                "pattern": "parallel-run",
                "phases": [{"name": "Shadow", "rollback": "stop"}],
            }
        ),
        ("migrations", 1, "phases", 0, "successCriteria"),
    )[1],
    "DL304": _drop("migrations", 0, "dataMigration"),
    "DL310": _drop("evolution"),
    "DL311": _drop("evolution", "steps", 0, "trigger"),
    "DL400": _drop("tradeoffs", 0, "sacrifices"),
    "DL401": _drop("tradeoffs"),
    "DL402": lambda d: _drop("decisions", _by_id(d["decisions"], "feed-storage-shard-key"), "alternatives")(
        d
    ),
    "DL403": _drop("decisions", 0, "reversibility"),
    "DL404": _drop("assumptions", 0, "category"),
    "DL410": _drop("invariants", 0, "enforcement"),
    "DL411": _drop("invariants"),
    "DL420": lambda d: _drop(
        "architecture",
        "components",
        _by_id(_components(d), "feed-service"),
        "dependsOn",
        _dependency_index(d, "feed-service", "ranking-service"),
        "timeout",  # the fallback is also stated by the ranking-down scenario
    )(d)[:-1],
    "DL421": _drop("crossTeamDependencies", 0, "escalation"),
    "DL422": lambda d: (
        _component(d, "feed-service")["dependsOn"][0].__setitem__("target", "feed-cahce"),
        ("architecture", "components", _by_id(_components(d), "feed-service"), "dependsOn", 0, "target"),
    )[1],
    "DL423": _cycle,
    "DL430": lambda d: (
        d["observability"].__setitem__(
            "metrics", [m for m in d["observability"]["metrics"] if m["component"] != "feed-cache"]
        ),
        ("architecture", "components", _by_id(_components(d), "feed-cache")),
    )[1],
    "DL431": lambda d: (
        _drop("observability", "metrics", 0, "alerts", 0, "runbook")(d),
        ("observability", "metrics", 0, "alerts", 0),
    )[1],
    "DL432": _drop("runbooks"),
    "DL433": _drop("deployment", "rollbackTrigger"),
    "DL440": _drop("cost", "total"),
    "DL441": _drop("cost", "drivers"),
    "DL450": _drop("mentalModels"),
}


@pytest.fixture(scope="module")
def newsfeed_text() -> str:
    return (DESIGNS / "newsfeed.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(CASES))
def test_broken_section_fires_its_rule_at_the_right_line(code, newsfeed_text, check_text):
    yaml = _yaml()
    doc = yaml.load(newsfeed_text)
    path = CASES[code](doc)
    buffer = io.StringIO()
    yaml.dump(doc, buffer)
    mutated = yaml.load(buffer.getvalue())  # fresh line records for the dumped text
    findings = check_text(buffer.getvalue(), "newsfeed.yaml")
    lines = sorted(f.position.line for f in findings if f.code == code)
    assert lines, f"{code} did not fire; got {sorted({f.code for f in findings})}"
    assert _expected_line(mutated, path) in lines, (
        f"{code} at {lines}, expected line {_expected_line(mutated, path)}"
    )


def test_every_checklist_rule_is_exercised_on_the_newsfeed(ruleset):
    checklist = {r.code for r in ruleset if r.pack in ("staff-checklist", "depth")}
    untested = (
        checklist - set(CASES) - {"DL210"}
    )  # DL210 is suppressed in the design itself; see its docs test
    assert not untested, sorted(untested)


def test_the_newsfeed_design_is_clean(check_text, newsfeed_text):
    # Alone, its references to the designs beside it are unknown (DL600); tests/organisation resolves them.
    findings = [f for f in check_text(newsfeed_text, "newsfeed.yaml") if f.code != "DL600"]
    assert [f"{f.position} {f.code} {f.message}" for f in findings] == []
