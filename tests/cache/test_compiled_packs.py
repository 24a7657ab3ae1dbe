"""Compiled rule packs kept in the user's cache folder: restored only while every pack file is
unchanged, equal to a fresh load, and never a reason for a check to fail."""

from __future__ import annotations

import pytest

from designlint.engine import compiled_packs
from designlint.engine.compiled_packs import FOLDER, compiled_ruleset
from designlint.errors import UsageError
from designlint.rulepacks.registry import load_ruleset

CUSTOM = """apiVersion: designlint/v1
kind: RulePack
metadata: {{name: team}}
extends: [staff-checklist]
overrides:
  DL102: {{severity: {severity}}}
"""


@pytest.fixture(autouse=True)
def user_cache(own_cache_key):
    return own_cache_key / "designlint" / FOLDER


@pytest.fixture
def loads(monkeypatch):
    """How many times the packs were really loaded (not restored)."""
    calls = []

    def counting(packs, base_dir=None):
        calls.append(list(packs))
        return load_ruleset(packs, base_dir=base_dir)

    monkeypatch.setattr(compiled_packs, "load_ruleset", counting)
    return calls


def _shape(ruleset):
    return [
        (rule.code, rule.severity, rule.options, rule.rule, rule.check, rule.pack, rule.source)
        for rule in ruleset
    ]


def test_second_load_is_restored_and_equal_to_a_fresh_load(loads, tmp_path):
    first = compiled_ruleset(["staff-checklist"], tmp_path)
    second = compiled_ruleset(["staff-checklist"], tmp_path)
    assert len(loads) == 1
    fresh = load_ruleset(["staff-checklist"], base_dir=tmp_path)
    assert _shape(second) == _shape(first) == _shape(fresh)
    assert second.packs == fresh.packs
    assert second.fingerprint() == fresh.fingerprint()
    design = {"slos": [{"service": "a"}, {"service": "b"}], "scope": {"out": []}}
    for restored, loaded in zip(second, fresh):
        if loaded.selector is not None:
            assert list(restored.selector.select(design)) == list(loaded.selector.select(design))


def test_two_installations_keep_an_entry_each(loads, tmp_path, monkeypatch):
    # Another virtualenv or checkout sharing the user's cache must not replace this one's entry.
    compiled_ruleset(["staff-checklist"], tmp_path)
    installed_here = compiled_packs._PACKAGE
    monkeypatch.setattr(compiled_packs, "_PACKAGE", tmp_path / "elsewhere" / "designlint")
    compiled_ruleset(["staff-checklist"], tmp_path)
    monkeypatch.setattr(compiled_packs, "_PACKAGE", installed_here)
    compiled_ruleset(["staff-checklist"], tmp_path)
    assert len(loads) == 2


def test_a_changed_pack_file_is_loaded_again(loads, tmp_path):
    pack = tmp_path / "team.yaml"
    pack.write_text(CUSTOM.format(severity="info"), encoding="utf-8")
    assert compiled_ruleset(["team.yaml"], tmp_path).rules["DL102"].severity.value == "info"
    assert compiled_ruleset(["team.yaml"], tmp_path).rules["DL102"].severity.value == "info"
    assert len(loads) == 1
    pack.write_text(CUSTOM.format(severity="error"), encoding="utf-8")
    assert compiled_ruleset(["team.yaml"], tmp_path).rules["DL102"].severity.value == "error"
    assert len(loads) == 2


def test_a_foreign_entry_is_a_miss(loads, tmp_path, user_cache):
    compiled_ruleset(["staff-checklist"], tmp_path)
    (entry,) = user_cache.iterdir()
    entry.write_bytes(b"not sealed by designlint")
    assert compiled_ruleset(["staff-checklist"], tmp_path).rules
    assert len(loads) == 2


def test_an_unusable_cache_folder_only_means_loading(loads, tmp_path, user_cache):
    user_cache.parent.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    user_cache.symlink_to(elsewhere)
    assert compiled_ruleset(["staff-checklist"], tmp_path).rules
    assert compiled_ruleset(["staff-checklist"], tmp_path).rules
    assert len(loads) == 2
    assert not any(elsewhere.iterdir())


def test_a_broken_pack_is_reported_every_time(tmp_path):
    (tmp_path / "broken.yaml").write_text("apiVersion: designlint/v1\nkind: RulePack\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(UsageError):
            compiled_ruleset(["broken.yaml"], tmp_path)
