"""The rule tests exercise every built-in rule, the opt-in presets' included: their engine checks
with the ``depth`` preset, which extends the default checklist."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def ruleset():
    from designlint.rulepacks.registry import load_ruleset

    return load_ruleset(("depth",))


@pytest.fixture(scope="session")
def engine(ruleset):
    from designlint.engine.config import Config
    from designlint.engine.runner import Engine

    return Engine(ruleset, Config())
