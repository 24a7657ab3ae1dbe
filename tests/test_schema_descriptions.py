"""Every key of the design format explains itself in an editor: the schema's descriptions."""

from __future__ import annotations

import json
from typing import Any

import pytest

from designlint.loader import load_path
from designlint.model import Design
from designlint.schema import _attribute_docstrings, _models_in, design_json_schema
from tests.conftest import DESIGNS, ROOT

SCHEMA = ROOT / "schemas" / "design.schema.json"


def _models() -> dict[str, type]:
    seen: dict[str, type] = {}
    stack: list[Any] = [Design]
    while stack:
        cls = stack.pop()
        if cls.__name__ in seen:
            continue
        seen[cls.__name__] = cls
        for field in cls.model_fields.values():
            stack.extend(_models_in(field.annotation))
    return seen


def _properties(schema: dict) -> list[tuple[str, str, dict]]:
    """Every property of every object in the schema (definitions and objects written inline)."""
    found: list[tuple[str, str, dict]] = []
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict):
                holder = node.get("title", "?")
                found += [(holder, key, prop) for key, prop in node["properties"].items()]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _enums(node: Any) -> list[dict]:
    if not isinstance(node, dict):
        return []
    found = [node] if "enum" in node else []
    for branch in node.get("anyOf", []):
        found += _enums(branch)
    return found + _enums(node.get("items"))


@pytest.mark.parametrize("model", sorted(_models()), ids=str)
def test_every_field_of_the_format_has_a_docstring(model):
    """A field docstring is where a property's description comes from; a new field needs one."""
    cls = _models()[model]
    documented = _attribute_docstrings(cls)
    missing = [name for name in cls.model_fields if not documented.get(name, "").strip()]
    assert missing == [], f"{model}: write a docstring under {', '.join(missing)} (what it is, an example)"


def test_every_property_is_described_and_titled_by_its_key():
    schema = design_json_schema()
    for holder, key, prop in _properties(schema):
        assert prop.get("title") == key, f"{holder}.{key}"
        description = prop.get("description", "")
        assert len(description.split()) >= 3, f"{holder}.{key} has no description a person can use"
        assert prop.get("markdownDescription"), f"{holder}.{key}"


def test_every_enumeration_value_says_what_it_means():
    schema = design_json_schema()
    for holder, key, prop in _properties(schema):
        for enum in _enums(prop):
            for field in ("enumDescriptions", "markdownEnumDescriptions"):
                texts = enum.get(field, [])
                assert len(texts) == len(enum["enum"]) and all(texts), (
                    f"{holder}.{key}: {field} needs one text per value of {enum['enum']}: "
                    "write '- ``value``: what it means' lines in the field's docstring"
                )


def _resolve(node: dict, schema: dict) -> list[dict]:
    """The alternatives a value may match, references followed (as an editor resolves them)."""
    if "$ref" in node:
        return _resolve(schema["definitions"][node["$ref"].rsplit("/", 1)[-1]], schema)
    if "anyOf" in node:
        return [found for branch in node["anyOf"] for found in _resolve(branch, schema)]
    return [node]


def _keys(data: Any, node: dict, schema: dict, path: str = "") -> list[tuple[str, dict | None]]:
    """Every mapping key of ``data`` with the schema property that describes it (None when none does)."""
    found: list[tuple[str, dict | None]] = []
    alternatives = _resolve(node, schema)
    if isinstance(data, dict):
        properties: dict = {}
        free = None  # the schema of keys a mapping leaves free (additionalProperties)
        for alternative in alternatives:
            properties.update(alternative.get("properties", {}))
            if isinstance(alternative.get("additionalProperties"), dict):
                free = alternative["additionalProperties"]
        for key, value in data.items():
            prop = properties.get(key, free)
            found.append((f"{path}.{key}".lstrip("."), prop))
            if prop is not None:
                found += _keys(value, prop, schema, f"{path}.{key}")
    elif isinstance(data, list):
        items = next((a["items"] for a in alternatives if "items" in a), None)
        if items is not None:
            for index, value in enumerate(data):
                found += _keys(value, items, schema, f"{path}[{index}]")
    return found


@pytest.mark.parametrize("design", sorted(DESIGNS.glob("*.yaml")), ids=lambda p: p.name)
def test_a_hover_on_any_key_of_the_example_designs_shows_a_description(design):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = load_path(design).data
    keys = _keys(data, schema, schema)
    assert len(keys) > 10
    undescribed = sorted({path for path, prop in keys if prop is None or not prop.get("description")})
    assert undescribed == [], undescribed[:10]
