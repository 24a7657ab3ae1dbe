"""What values mean: the YAML 1.2 core schema, core tags, keys, aliases."""

from __future__ import annotations

import math

import pytest

from designlint.loader import LoadedDocument, load_text


def value_of(scalar: str):
    return load_text(f"v: {scalar}\n", "f").data["v"]


def same(actual, expected) -> bool:
    if isinstance(expected, float) and math.isnan(expected):
        return isinstance(actual, float) and math.isnan(actual)
    return type(actual) is type(expected) and actual == expected


CORE_SCALARS = [
    # null
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("~", None),
    ("", None),
    # bool: only these six spellings
    ("true", True),
    ("True", True),
    ("TRUE", True),
    ("false", False),
    ("False", False),
    ("FALSE", False),
    # int
    ("0", 0),
    ("42", 42),
    ("-17", -17),
    ("+5", 5),
    ("0777", 777),
    ("0o17", 15),
    ("0x1F", 31),
    ("0xff", 255),
    # float
    ("1.5", 1.5),
    ("-0.25", -0.25),
    ("1.", 1.0),
    (".5", 0.5),
    ("1e3", 1000.0),
    ("6.02E+23", 6.02e23),
    ("+1.5e-3", 0.0015),
    (".inf", math.inf),
    ("-.Inf", -math.inf),
    ("+.INF", math.inf),
    (".nan", math.nan),
    (".NaN", math.nan),
    (".NAN", math.nan),
    # YAML 1.1 would read these as something else; in 1.2 core they are strings
    ("no", "no"),
    ("yes", "yes"),
    ("on", "on"),
    ("off", "off"),
    ("y", "y"),
    ("n", "n"),
    ("NO", "NO"),
    ("2024-01-15", "2024-01-15"),
    ("2024-01-15T10:00:00Z", "2024-01-15T10:00:00Z"),
    ("1_000", "1_000"),
    ("0b101", "0b101"),
    ("1:30", "1:30"),
    ("0o8", "0o8"),
    ("0xG", "0xG"),
    ("=", "="),
    ("<<", "<<"),
    # strings that merely start like numbers or words
    ("12K/s", "12K/s"),
    ("99.9%", "99.9%"),
    ("10ms", "10ms"),
    ("1.2.3", "1.2.3"),
    ("-x", "-x"),
    ("-.", "-."),
    (".", "."),
    ("nullable", "nullable"),
    ("truest", "truest"),
    ("tRUE", "tRUE"),
    ("~x", "~x"),
    (".infinity", ".infinity"),
    ("+", "+"),
    ("1e", "1e"),
    ("e3", "e3"),
    ("0x", "0x"),
    ("١٢", "١٢"),  # non-ASCII digits are not digits
    # quoted and block scalars are always strings
    ('"42"', "42"),
    ("'true'", "true"),
    ('"null"', "null"),
    ("''", ""),
    ("|\n  42", "42\n"),
    (">-\n  1.5", "1.5"),
]


@pytest.mark.parametrize(("scalar", "expected"), CORE_SCALARS)
def test_yaml_12_core_schema(scalar, expected):
    assert same(value_of(scalar), expected)


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("!!str 123", "123"),
        ("!!str", ""),
        ("!!str true", "true"),
        ("!!int '42'", 42),
        ("!!int 0x10", 16),
        ("!!float 1", 1.0),
        ("!!float '.inf'", math.inf),
        ("!!bool 'false'", False),
        ("!!null ''", None),
        ("!!null ~", None),
        ("! 12", "12"),
        ("! true", "true"),  # the non-specific tag means string
        ("!!map {a: 1}", {"a": 1}),
        ("!!seq [1]", [1]),
        ("! [1]", [1]),
    ],
)
def test_core_tags(scalar, expected):
    assert same(value_of(scalar), expected)


def test_core_tags_via_tag_directive():
    text = "%TAG !y! tag:yaml.org,2002:\n---\na: !y!int '7'\n"
    assert load_text(text, "f").data == {"a": 7}


def test_keys_are_their_text():
    data = load_text("1: a\non: b\n~: c\ntrue: d\n'q': e\n0x1F: f\n? |\n  block\n: g\n", "f").data
    assert list(data) == ["1", "on", "~", "true", "q", "0x1F", "block\n"]


def test_empty_key():
    assert load_text("? \n: x\n", "f").data == {"": "x"}


def test_merge_key_is_an_ordinary_key():
    data = load_text("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n", "f").data
    assert data["item"] == {"<<": {"x": 1}, "y": 2}


def test_tagged_and_anchored_keys():
    data = load_text("!!str 1: a\n&k name: b\nother: *k\n", "f").data
    assert data == {"1": "a", "name": "b", "other": "name"}
    assert load_text("&k 7: a\nother: *k\n", "f").data["other"] == 7


def test_scalar_alias_as_key():
    assert load_text("a: &k key\n*k : 2\n", "f").data == {"a": "key", "key": 2}


def test_aliases_share_the_anchored_value():
    data = load_text("a: &x {p: [1, 2]}\nb: *x\nc: [*x, &s 5, *s]\n", "f").data
    assert data["b"] is data["a"]
    assert data["c"] == [{"p": [1, 2]}, 5, 5]


def test_anchor_may_be_redefined():
    # YAML allows it: an alias refers to the closest anchor before it.
    assert load_text("a: &x 1\nb: &x 2\nc: *x\n", "f").data["c"] == 2


def test_values_are_plain_python():
    document = load_text("a: {b: [1, 2.5, x, true, null]}\n", "f")
    assert isinstance(document, LoadedDocument)
    assert type(document.data) is dict and type(document.data["a"]["b"]) is list
    assert document.text == "a: {b: [1, 2.5, x, true, null]}\n"


def test_key_order_is_kept():
    assert list(load_text("z: 1\na: 2\nm: 3\n", "f").data) == ["z", "a", "m"]


def test_line_endings():
    assert load_text("a: 1\r\nb: [x,\r\n  y]\r\n", "f").data == {"a": 1, "b": ["x", "y"]}
    assert load_text("a: 1\rb: 2\r", "f").data == {"a": 1, "b": 2}
