"""Model validators kept in the user's cache folder: a restored one validates exactly as the model
does (same instances, same problems), and a missing, foreign or damaged entry only means a build."""

from __future__ import annotations

import copy
import pickle

import pytest

from designlint.engine import cache_folder, model_validators
from designlint.engine.config import ConfigModel
from designlint.engine.model_validators import FOLDER, model_validator
from designlint.loader import load_path
from designlint.model import Design
from designlint.model.validation import validate_design
from tests.conftest import DESIGNS


@pytest.fixture(autouse=True)
def plugins_off(own_cache_key, monkeypatch):
    """As the command line runs: pydantic plugins disabled, a user cache of this test's own, and
    no validator remembered by this process."""
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    monkeypatch.setattr(model_validators, "_validators", {})
    return own_cache_key / "designlint" / FOLDER


@pytest.fixture
def builds(monkeypatch):
    """Models whose validator was really built (not restored)."""
    built: list[str] = []
    original = model_validators._build

    def counting(model):
        built.append(model.__name__)
        return original(model)

    monkeypatch.setattr(model_validators, "_build", counting)
    return built


def _next_run(monkeypatch):
    """Forget the validators this process holds, as a new run would start."""
    monkeypatch.setattr(model_validators, "_validators", {})


def _newsfeed() -> dict:
    return load_path(DESIGNS / "newsfeed.yaml", "newsfeed.yaml").data


def _broken(edit) -> dict:
    data = copy.deepcopy(_newsfeed())
    edit(data)
    return data


def _component(data: dict) -> dict:
    return data["architecture"]["components"][0]


BROKEN = {
    "valid as written": lambda data: None,
    "unknown key": lambda data: data["metadata"].update(ownerz=["x"]),
    "unknown top-level key": lambda data: data.update(sloz=[]),
    "wrong type": lambda data: data.update(constraints="one"),
    "missing key": lambda data: data.pop("metadata"),
    "unreadable quantity": lambda data: data["scale"]["quantities"][0].update(value="thirty days"),
    "bad fallback": lambda data: (
        _component(data).setdefault("dependsOn", [{}])[0].update(fallback={"strategy": "pray"})
    ),
    "too long": lambda data: data.update(notes="x" * 20_001),
    "wrong version": lambda data: data.update(apiVersion="designlint/v9"),
    "bad identifier": lambda data: _component(data).update(id="no spaces allowed"),
}


def test_a_restored_validator_is_pydantics_own_and_is_built_once(builds, monkeypatch):
    first = model_validator(Design)
    _next_run(monkeypatch)
    second = model_validator(Design)
    assert builds == ["Design"]
    data = _newsfeed()
    assert second(data) == first(data) == Design.model_validate(data)
    assert type(second(data)) is Design


@pytest.mark.parametrize("edit", list(BROKEN.values()), ids=list(BROKEN))
def test_a_restored_validator_finds_the_same_problems(edit, monkeypatch):
    model_validator(Design)
    _next_run(monkeypatch)
    restored = model_validator(Design)
    data = _broken(edit)
    expected = validate_design(copy.deepcopy(data), Design)
    got = validate_design(data, Design, restored)
    assert got.problems == expected.problems
    assert got.invalid_sections == expected.invalid_sections
    assert got.data == expected.data
    assert got.model == expected.model


def test_configuration_validates_the_same_through_the_cache(builds, monkeypatch):
    model_validator(ConfigModel)
    _next_run(monkeypatch)
    restored = model_validator(ConfigModel)
    assert builds == ["ConfigModel"]
    raw = {"select": ["DL0"], "fail-on": "error", "overrides": [{"paths": ["a/*"], "ignore": ["B"]}]}
    assert restored(raw) == ConfigModel.model_validate(raw)
    assert restored({}) == ConfigModel()
    with pytest.raises(Exception) as restored_error:
        restored({"fail-on": "never"})
    with pytest.raises(Exception) as own_error:
        ConfigModel.model_validate({"fail-on": "never"})
    assert restored_error.value.errors() == own_error.value.errors()  # type: ignore[attr-defined]


def _entry(folder):
    (entry,) = [path for path in folder.iterdir() if not path.name.startswith(".")]
    return entry


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda entry: entry.write_bytes(b"not sealed"), id="not sealed"),
        pytest.param(lambda entry: entry.write_bytes(entry.read_bytes()[:-100]), id="truncated"),
        pytest.param(
            lambda entry: entry.write_bytes(
                cache_folder.seal(b"\x80\x05garbage", model_validators._context(Design))
            ),
            id="sealed garbage",
        ),
        pytest.param(
            lambda entry: entry.write_bytes(
                cache_folder.seal(pickle.dumps({"not": "a validator"}), model_validators._context(Design))
            ),
            id="sealed other object",
        ),
    ],
)
def test_a_damaged_entry_is_a_build_and_is_replaced(plugins_off, builds, monkeypatch, damage):
    model_validator(Design)
    damage(_entry(plugins_off))
    _next_run(monkeypatch)
    validate = model_validator(Design)
    assert builds == ["Design", "Design"]
    assert validate(_newsfeed()) == Design.model_validate(_newsfeed())
    _next_run(monkeypatch)
    model_validator(Design)
    assert builds == ["Design", "Design"]  # the damaged entry was replaced by a good one


def test_changed_model_code_is_a_build(builds, monkeypatch):
    model_validator(Design)
    _next_run(monkeypatch)
    monkeypatch.setattr(model_validators, "_code_stamp", lambda model: "edited")
    model_validator(Design)
    assert builds == ["Design", "Design"]


def test_an_unwritable_cache_still_validates(own_cache_key, builds, monkeypatch):
    (own_cache_key / "designlint").mkdir(exist_ok=True)
    (own_cache_key / "designlint" / FOLDER).write_text("a file where the folder should be")
    validate = model_validator(Design)
    assert validate(_newsfeed()) == Design.model_validate(_newsfeed())


def test_with_pydantic_plugins_enabled_the_model_validates_itself(builds, monkeypatch):
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS")
    assert model_validator(Design) == Design.model_validate
    assert builds == []
