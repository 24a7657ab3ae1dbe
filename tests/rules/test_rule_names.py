"""One name per rule: the rule's name in its pack, the check it names and the function that implements it."""

from __future__ import annotations

from designlint.rulepacks.registry import load_ruleset


def test_every_check_is_named_after_its_rule():
    for rule in load_ruleset():
        if rule.check is None:
            continue
        assert rule.rule.check == rule.name, rule.code
        assert rule.check.__name__ == rule.name.replace("-", "_"), rule.code
