"""``given`` selectors: what each form selects, with paths, and the path-free walk that answers
whether a rule has a subject agrees with it."""

from __future__ import annotations

import pytest

from designlint.rulepacks.selector import SelectorError, compile_selector

DOCUMENT = {
    "slos": [{"id": "a", "window": None}, {"id": "b"}],
    "architecture": {"components": [{"id": "api"}, {"id": "db", "dependsOn": []}], "paths": []},
    "scale": {"quantities": None},
    "nfr": {"latency": [{"target": 1}], "availability": []},
}

CASES = [
    ("$", [((), DOCUMENT)]),
    ("$.slos", [(("slos",), DOCUMENT["slos"])]),
    ("$.slos[*]", [(("slos", 0), {"id": "a", "window": None}), (("slos", 1), {"id": "b"})]),
    ("$.slos[1]", [(("slos", 1), {"id": "b"})]),
    ("$.slos[5]", []),
    ("$.slos[*].window", [(("slos", 0, "window"), None)]),
    (
        "$['architecture'].components[*].id",
        [
            (("architecture", "components", 0, "id"), "api"),
            (("architecture", "components", 1, "id"), "db"),
        ],
    ),
    ("$.architecture.paths[*]", []),
    ("$.scale.quantities[*]", []),
    ("$.nfr.*", [(("nfr", "latency"), [{"target": 1}]), (("nfr", "availability"), [])]),
    ("$.nfr.*[*].target", [(("nfr", "latency", 0, "target"), 1)]),
    ("$.missing[*]", []),
    ("$.slos.id", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text for text, _ in CASES])
def test_selects_nodes_with_their_paths(text, expected):
    selector = compile_selector(text)
    assert list(selector.select(DOCUMENT)) == expected
    assert list(selector.nodes(DOCUMENT)) == [node for _, node in expected]


@pytest.mark.parametrize("text", ["slos", "$.slos[", "$..id", "$.slos[-1]"])
def test_unreadable_selectors_are_refused(text):
    with pytest.raises(SelectorError):
        compile_selector(text)
