"""Direct checks of JSON Schema fragments agree with jsonschema's Draft 7 on every built-in fragment.

For each ``then`` and ``where`` fragment of the built-in packs, instances are generated from the
fragment itself (every combination of present, missing, empty and wrongly typed values for the
keys it names), and the direct validator must give jsonschema's answer: valid or not, and the
same first error (keyword and path), which is what a finding is placed from.
"""

from __future__ import annotations

import random

import jsonschema
import pytest

from designlint.resources import builtin_rules_dir
from designlint.rulepacks.schema_check import compile_schema, equal

MAX_INSTANCES = 200


def _fragments() -> list[tuple[str, dict]]:
    import yaml

    out = []
    for pack in sorted(builtin_rules_dir().glob("*.yaml")):
        document = yaml.safe_load(pack.read_text(encoding="utf-8"))
        for rule in document.get("rules") or []:
            if rule.get("then"):
                out.append((f"{rule['code']}-then", rule["then"]["schema"]))
            if rule.get("where") is not None:
                out.append((f"{rule['code']}-where", rule["where"]))
    return out


FRAGMENTS = _fragments()


def _candidates(schema: object, rng: random.Random, depth: int = 0) -> list:
    """Values that satisfy ``schema``, break it one way or another, or are of another type."""
    plain = [None, 0, 1, True, "async", "x", [], {}]
    if not isinstance(schema, dict) or depth > 4:
        return plain
    out = list(plain)
    if "const" in schema:
        out.append(schema["const"])
    if "enum" in schema:
        out.extend(schema["enum"])
    for keyword in ("contains", "items"):
        if isinstance(schema.get(keyword), dict):
            items = _candidates(schema[keyword], rng, depth + 1)
            out += [[rng.choice(items) for _ in range(rng.randint(1, 3))] for _ in range(12)]
    for keyword in ("anyOf", "allOf"):
        for sub in schema.get(keyword, []):
            out += _candidates(sub, rng, depth + 1)[-4:]
    if isinstance(schema.get("not"), dict):
        out += _candidates(schema["not"], rng, depth + 1)[-4:]
    if "properties" in schema or "required" in schema:
        names = sorted({*schema.get("properties", {}), *schema.get("required", [])})
        options = {
            name: [_MISSING, *_candidates(schema.get("properties", {}).get(name, {}), rng, depth + 1)]
            for name in names
        }
        for _ in range(12):
            out.append(
                {name: value for name in names if (value := rng.choice(options[name])) is not _MISSING}
            )
    return out


_MISSING = object()


def _first_error(validator, instance):
    error = next(iter(validator.iter_errors(instance)), None)
    return None if error is None else (error.validator, list(error.absolute_path))


@pytest.mark.parametrize(("name", "schema"), FRAGMENTS, ids=[name for name, _ in FRAGMENTS])
def test_direct_check_agrees_with_jsonschema(name, schema):
    direct = compile_schema(schema)
    assert direct is not None, f"{name} uses a keyword the direct checks do not cover"
    reference = jsonschema.Draft7Validator(schema)
    rng = random.Random(name)
    instances = _candidates(schema, rng)
    rng.shuffle(instances)
    for instance in instances[:MAX_INSTANCES]:
        assert direct.is_valid(instance) == reference.is_valid(instance), instance
        assert _first_error(direct, instance) == _first_error(reference, instance), instance
        # declarative rules build the first error only for a node is_valid refuses
        assert direct.is_valid(instance) == (_first_error(direct, instance) is None), instance


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"required": ["a", "b"]}, {"b": 1}),
        ({"properties": {"a": {"properties": {"b": {"minItems": 2}}}}}, {"a": {"b": [1]}}),
        ({"items": {"required": ["id"]}}, [{"id": 1}, {}, {"x": 2}]),
        ({"contains": {"const": 3}}, []),
        ({"contains": {"const": 3}}, [1, 2.0, 3.0]),
        ({"not": {"const": True}}, 1),
        ({"const": 1}, True),
        ({"const": [1, {"a": False}]}, [1.0, {"a": False}]),
        ({"enum": ["a", 0]}, False),
        ({"anyOf": [{"required": ["a"]}, {"minItems": 1}]}, {"b": 1}),
        ({"allOf": [{"required": ["a"]}, {"required": ["b"]}]}, {}),
        ({"type": "integer"}, 2.0),
        ({"type": ["string", "null"]}, 3),
        ({"maxItems": 1}, [1, 2]),
    ],
)
def test_each_keyword_matches_draft7(schema, instance):
    direct = compile_schema(schema)
    reference = jsonschema.Draft7Validator(schema)
    assert direct is not None
    assert direct.is_valid(instance) == reference.is_valid(instance)
    assert _first_error(direct, instance) == _first_error(reference, instance)


@pytest.mark.parametrize(
    "schema",
    [
        {"pattern": "^a"},
        {"properties": {"a": {"format": "email"}}},
        {"items": [{"const": 1}]},
        {"$ref": "#/definitions/x"},
        {"anyOf": []},
        False,
    ],
)
def test_other_keywords_are_left_to_jsonschema(schema):
    assert compile_schema(schema) is None


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        (1, 1.0, True),
        (True, 1, False),
        (False, 0, False),
        ("1", 1, False),
        ({"a": [1]}, {"a": [1.0]}, True),
        ([1, 2], [2, 1], False),
        (None, None, True),
    ],
)
def test_json_equality(one, other, same):
    assert equal(one, other) is same
