"""Every rule's documented failing example triggers it and its passing example does not.

One parametrised test over every rule of every built-in pack, so documentation cannot drift
from behaviour.
"""

from __future__ import annotations

import pytest

from designlint.rulepacks.registry import load_ruleset
from tests.conftest import with_header

RULES = sorted(load_ruleset(), key=lambda r: r.code)
# Rules about the file rather than its text (tests/cli/test_bad_input.py makes that file).
ABOUT_THE_FILE = {"DL006"}
FROM_TEXT = [r for r in RULES if r.code not in ABOUT_THE_FILE]


def _codes(engine, tmp_path, text: str) -> list[str]:
    path = tmp_path / "example.yaml"
    path.write_bytes(text.encode("utf-8"))
    return [f.code for f in engine.check_path(path, "example.yaml").findings]


@pytest.mark.parametrize("rule", FROM_TEXT, ids=[r.code for r in FROM_TEXT])
def test_failing_example_triggers_the_rule(rule, engine, tmp_path):
    codes = _codes(engine, tmp_path, with_header(rule.rule.docs.failing))
    assert rule.code in codes, f"{rule.code} failing example produced {codes}"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_passing_example_does_not_trigger_the_rule(rule, engine, tmp_path):
    codes = _codes(engine, tmp_path, with_header(rule.rule.docs.passing))
    assert rule.code not in codes, f"{rule.code} passing example produced {codes}"


def test_codes_and_names_are_unique():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_builtin_schema_fragments_are_valid_json_schema():
    """Built-in packs skip the metaschema check at start-up; this test is that check."""
    import jsonschema

    for rule in RULES:
        for fragment in (rule.rule.then.schema_ if rule.rule.then else None, rule.rule.where):
            if fragment is not None:
                jsonschema.Draft7Validator.check_schema(fragment)
