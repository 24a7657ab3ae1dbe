"""Every way a design file can fail to load: rule code and exact position."""

from __future__ import annotations

import os

import pytest

from designlint.errors import LoadError, Position, UsageError
from designlint.loader import Limits, load_bytes, load_path, load_text
from designlint.loader.syntax import TAB_MESSAGE


def fail(source: str | bytes, *, limits: Limits | None = None) -> LoadError:
    extra = {} if limits is None else {"limits": limits}
    with pytest.raises(LoadError) as info:
        if isinstance(source, bytes):
            load_bytes(source, "design.yaml", **extra)
        else:
            load_text(source, "design.yaml", **extra)
    assert info.value.file == "design.yaml"
    return info.value


def where(error: LoadError) -> tuple[str, str]:
    return error.code, str(error.position)


# --- DL001 yaml-syntax -------------------------------------------------------------------


def test_scanner_error_has_problem_position():
    error = fail("a: b\nc: d: e\n")
    assert where(error) == ("DL001", "2:5")
    assert "mapping values are not allowed" in error.message


def test_parser_error_mentions_context():
    error = fail("a:\n  - x\n  y: 1\n")
    assert error.code == "DL001"
    assert "block" in error.message and "at 2:3" in error.message


@pytest.mark.parametrize(
    ("source", "position"),
    [
        ("a:\n\tb: 1\n", "2:1"),  # the reported case
        ("a: 1\n\tb: 2\n", "2:1"),
        ("a:\n  b: 1\n \tc: 2\n", "3:2"),  # a tab among the indenting spaces
        ("a:\n  - x\n\t- y\n", "3:1"),
        ("\ta: 1\n", "1:1"),
    ],
)
def test_tab_indentation_is_named(source, position):
    error = fail(source)
    assert where(error) == ("DL001", position)
    assert error.message == TAB_MESSAGE
    assert "tab character used for indentation" in error.message


def test_tabs_as_separators_are_fine():
    assert load_text("a:\tb\nc: [1,\t2]\n", "f").data == {"a": "b", "c": [1, 2]}


@pytest.mark.parametrize("source", ["", "# only a comment\n", "\n\n   \n"])
def test_empty_file(source):
    error = fail(source)
    assert where(error) == ("DL001", "1:1")
    assert "empty" in error.message


def test_more_than_one_document():
    error = fail("a: 1\n---\nb: 2\n")
    assert where(error) == ("DL001", "2:1")
    assert "more than one document" in error.message


def test_document_end_marker_alone_is_one_document():
    assert load_text("---\na: 1\n...\n", "f").data == {"a": 1}


@pytest.mark.parametrize(
    ("source", "position", "kind"),
    [
        ("- a\n- b\n", "1:1", "a sequence"),
        ("# header\n\n[1, 2]\n", "3:1", "a sequence"),
        ("just text\n", "1:1", "a scalar"),
        ("!!str just text\n", "1:1", "a scalar"),
        ("*alias\n", "1:1", "an alias"),
        ("---\n", "2:1", "a scalar"),  # an empty document is null
        ("---", "1:4", "a scalar"),  # never past the end of the text
    ],
)
def test_root_must_be_a_mapping(source, position, kind):
    error = fail(source)
    assert where(error) == ("DL001", position)
    assert f"top level must be a mapping, not {kind}" in error.message


@pytest.mark.parametrize(
    ("source", "position"),
    [("[a, b]: 1\n", "1:1"), ("x:\n  ? {a: 1}\n  : 2\n", "2:5")],
)
def test_collection_keys_are_rejected(source, position):
    error = fail(source)
    assert where(error) == ("DL001", position)
    assert "keys must be scalars" in error.message


def test_alias_to_a_collection_as_key():
    error = fail("a: &x [1]\n*x : 2\n")
    assert where(error) == ("DL001", "2:1")


def test_undefined_alias():
    error = fail("a: 1\nb: *nowhere\n")
    assert where(error) == ("DL001", "2:4")
    assert "*nowhere" in error.message


@pytest.mark.parametrize(
    ("source", "position"),
    [
        ("a: !!int abc\n", "1:4"),
        ("a: !!bool yes\n", "1:4"),  # yes is not a boolean in YAML 1.2
        ("a: !!null 0\n", "1:4"),
        ("a: !!map [1]\n", "1:4"),
        ("a: !!seq {b: 1}\n", "1:4"),
        ("a: !!str {b: 1}\n", "1:4"),
        ("a: !!seq text\n", "1:4"),
        ("!!seq\nb: 1\n", "1:1"),
    ],
)
def test_core_tag_on_the_wrong_value(source, position):
    assert where(fail(source)) == ("DL001", position)


# --- DL002 duplicate-key -----------------------------------------------------------------


def test_duplicate_key_points_at_second_occurrence():
    error = fail("name: a\nowner: b\nname: c\n")
    assert where(error) == ("DL002", "3:1")
    assert error.message == "duplicate key 'name'; it is first defined on line 1"


@pytest.mark.parametrize(
    ("source", "position", "first_line"),
    [
        ("svc:\n  a: 1\n  b: 2\n  a: 3\n", "4:3", 2),
        ('a: 1\n"a": 2\n', "2:1", 1),  # the same key text, quoted or not
        ("a: {x: 1, x: 2}\n", "1:11", 1),
        ("1: a\n'1': b\n", "2:1", 1),
        ("k: &n key\nm:\n  key: 1\n  *n : 2\n", "4:3", 3),
    ],
)
def test_duplicate_keys_anywhere(source, position, first_line):
    error = fail(source)
    assert where(error) == ("DL002", position)
    assert f"first defined on line {first_line}" in error.message


def test_same_key_in_different_mappings_is_fine():
    assert load_text("a: {x: 1}\nb: {x: 2}\n", "f").data == {"a": {"x": 1}, "b": {"x": 2}}


# Keys are compared by what they mean under the YAML 1.2 core schema: same type, same value.
SAME_VALUE_KEYS = [
    ("a:\n  true: 1\n  True: 2\n", "3:3", "the boolean true", "true", 2),
    ("a: {false: 1, FALSE: 2}\n", "1:15", "the boolean false", "false", 1),
    ("~: 1\nnull: 2\n", "2:1", "null", "~", 1),
    ("? \n: 1\nNULL: 2\n", "3:1", "null", "", 1),  # an empty key is null too
    ("1: a\n0x1: b\n", "2:1", "the integer 1", "1", 1),
    ("8: a\n0o10: b\n", "2:1", "the integer 8", "8", 1),
    ("0: a\n-0: b\n", "2:1", "the integer 0", "0", 1),
    ("+1: a\n01: b\n", "2:1", "the integer 1", "+1", 1),
    ("1e3: a\n1000.0: b\n", "2:1", "the float 1000.0", "1e3", 1),
    (".inf: a\n+.Inf: b\n", "2:1", "the float inf", ".inf", 1),
    (".nan: a\n.NaN: b\n", "2:1", "the float nan", ".nan", 1),
    ("!!bool true: a\nTrue: b\n", "2:1", "the boolean true", "true", 1),  # a tagged key
    ("!!int 0o1: a\n1: b\n", "2:1", "the integer 1", "0o1", 1),
    ("x: &k 1\n*k : a\n0x1: b\n", "3:1", "the integer 1", "1", 2),  # an alias as a key
]


@pytest.mark.parametrize(("source", "position", "meaning", "first", "first_line"), SAME_VALUE_KEYS)
def test_keys_with_the_same_value_are_duplicates(source, position, meaning, first, first_line):
    error = fail(source)
    assert where(error) == ("DL002", position)
    assert f"YAML reads it as {meaning}, like {first!r} on line {first_line}" in error.message


@pytest.mark.parametrize(
    "source",
    [
        "1: a\n1.0: b\n",  # an integer and a float are different values
        "0.0: a\n-0.0: b\n",
        '"true": a\nTrue: b\n',  # a quoted key is a string, whatever it spells
        "'1': a\n0x1: b\n",
        "yes: a\nYes: b\n",  # YAML 1.1 booleans are plain strings in 1.2
        "t: a\nT: b\n",
        "a:\n  - true: 1\n  - True: 2\n",  # different mappings
    ],
)
def test_keys_with_different_values_are_not_duplicates(source):
    assert load_text(source, "f").data


def test_a_key_too_long_to_be_a_number_stays_text():
    digits = "9" * 5000
    source = f'? "{digits}"\n: a\n? {digits}\n: b\n'
    assert fail(source).code == "DL002"  # the same text, so the same key
    long_key = f"? {digits}\n: a\n? {digits[:-1]}\n: b\n"
    assert load_text(long_key, "f").data == {digits: "a", digits[:-1]: "b"}


# --- DL003 forbidden-tag -----------------------------------------------------------------


def test_python_object_apply_is_rejected_and_never_run(monkeypatch):
    calls = []
    monkeypatch.setattr(os, "system", lambda command: calls.append(command) or 0)
    error = fail('x: !!python/object/apply:os.system ["echo hi"]\n')
    assert where(error) == ("DL003", "1:4")
    assert "!!python/object/apply:os.system" in error.message
    assert calls == []


@pytest.mark.parametrize(
    ("source", "position", "shown"),
    [
        ("a: !!python/name:os.system ''\n", "1:4", "!!python/name:os.system"),
        ("a: !!python/object:os.system {}\n", "1:4", "!!python/object:os.system"),
        ("a:\n  - !custom x\n", "2:5", "!custom"),
        ("a: !<tag:example.com,2024:thing> 1\n", "1:4", "!<tag:example.com,2024:thing>"),
        ("a: !!binary aGk=\n", "1:4", "!!binary"),
        ("a: !!timestamp 2024-01-15\n", "1:4", "!!timestamp"),
        ("a: !!set {x}\n", "1:4", "!!set"),
        ("!!omap\nb: 1\n", "1:1", "!!omap"),
        ("!!python/object/apply:os.system [echo]\n", "1:1", "!!python/object/apply:os.system"),
        ("!custom key: 1\n", "1:1", "!custom"),
        # A %TAG directive cannot smuggle a foreign tag in under the `!!` handle.
        ("%TAG !! tag:example.com,2024:\n---\na: !!str x\n", "3:4", "!<tag:example.com,2024:str>"),
    ],
)
def test_non_core_tags_are_rejected(source, position, shown):
    error = fail(source)
    assert where(error) == ("DL003", position)
    assert f"tag {shown} is not allowed" in error.message


# --- DL004 document-too-large ------------------------------------------------------------


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_rejected():
    error = fail(billion_laughs())
    # a..f expand to 672,603 values; the first *f inside g takes the count past a million.
    assert where(error) == ("DL004", "7:8")
    assert "1000000 values" in error.message


def test_node_limit_counts_aliases_at_expanded_size():
    source = "a: &a [1, 2, 3]\nb: *a\n"  # values: root, 4 in a, 4 more through *a
    assert load_text(source, "f", limits=Limits(max_nodes=9)).data["b"] == [1, 2, 3]
    assert where(fail(source, limits=Limits(max_nodes=8))) == ("DL004", "2:4")


def test_recursive_alias():
    error = fail("a: &loop\n  b: *loop\n")
    assert where(error) == ("DL004", "2:6")
    assert "contains it" in error.message


@pytest.mark.parametrize(
    ("source", "position"),
    [
        ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "1:67"),
        ("{a: " * 100_000 + "1" + "}" * 100_000 + "\n", "1:257"),
        ("a:\n" + "- " * 100_000 + "x\n", "2:127"),
    ],
)
def test_deep_nesting_is_rejected_without_recursion(source, position):
    error = fail(source)
    assert where(error) == ("DL004", position)
    assert "deeper than the limit of 64" in error.message


def test_depth_limit_is_inclusive():
    nested = "a: " + "[" * 63 + "]" * 63 + "\n"  # the root mapping and 63 lists: 64 levels
    value = load_text(nested, "f").data["a"]
    for _ in range(62):
        value = value[0]
    assert value == []
    assert where(fail("a: " + "[" * 64 + "]" * 64 + "\n")) == ("DL004", "1:67")


def test_size_limit_is_checked_before_parsing():
    source = "a: [" * 20  # not even valid YAML: the size check comes first
    assert where(fail(source.encode(), limits=Limits(max_bytes=10))) == ("DL004", "1:1")
    assert where(fail(source, limits=Limits(max_bytes=10))) == ("DL004", "1:1")
    assert where(fail("a: é\n", limits=Limits(max_bytes=5))) == ("DL004", "1:1")  # 6 bytes


def test_integer_too_long_to_convert():
    error = fail("a: 1\nb: " + "9" * 5000 + "\n")
    assert where(error) == ("DL004", "2:4")


# --- DL005 encoding ----------------------------------------------------------------------


def test_invalid_utf8_points_at_the_first_bad_byte():
    error = fail("name: shop\nowner: café\n".encode("latin-1"))
    assert where(error) == ("DL005", "2:11")
    assert "0xe9" in error.message


def test_invalid_utf8_column_counts_characters():
    assert where(fail("a: ééé\xff".encode().replace(b"\xc3\xbf", b"\xff"))) == ("DL005", "1:7")


def test_utf8_bom_is_accepted_and_not_counted():
    document = load_bytes(b"\xef\xbb\xbfname: shop\n", "f")
    assert document.data == {"name": "shop"}
    assert document.text == "name: shop\n"
    assert str(document.positions.value(("name",))) == "1:7"
    assert load_text("\ufeffname: shop\n", "f").data == {"name": "shop"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_are_named(encoding):
    error = fail("a: 1\n".encode(encoding))
    assert where(error) == ("DL005", "1:1")
    assert encoding.upper() in error.message


@pytest.mark.parametrize(
    ("source", "position", "char"),
    [
        ("a: b\x00\n", "1:5", "U+0000"),
        ("a: 1\nb: \x07\n", "2:4", "U+0007"),
        ("a: 'x\x7f'\n", "1:6", "U+007F"),
        ("a: é\x9b\n", "1:5", "U+009B"),  # C1 control, in non-ASCII text
        ("a: \ufffe\n", "1:4", "U+FFFE"),
        ("a: \ud800\n", "1:4", "U+D800"),  # a lone surrogate in a str
    ],
)
def test_control_characters(source, position, char):
    for raw in [source] if "\ud800" in source else [source, source.encode("utf-8")]:
        error = fail(raw)
        assert where(error) == ("DL005", position)
        assert char in error.message


# --- load_path ---------------------------------------------------------------------------


def test_load_path_reads_the_file_and_names_it(tmp_path):
    path = tmp_path / "shop.yaml"
    path.write_bytes(b"name: shop\n")
    assert load_path(path).file == str(path)
    document = load_path(path, "designs/shop.yaml")
    assert (document.file, document.data) == ("designs/shop.yaml", {"name": "shop"})


def test_load_path_errors_carry_the_display_name(tmp_path):
    path = tmp_path / "shop.yaml"
    path.write_bytes(b"a: 1\na: 2\n")
    with pytest.raises(LoadError) as info:
        load_path(path, "shop.yaml")
    expected = "shop.yaml:2:1: error DL002 duplicate key 'a'; it is first defined on line 1"
    assert info.value.format() == expected


def test_load_path_size_limit(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 100 + b"\n")
    with pytest.raises(LoadError) as info:
        load_path(path, limits=Limits(max_bytes=50))
    assert where(info.value) == ("DL004", "1:1")


def test_unreadable_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError) as info:
        load_path(tmp_path / "missing.yaml", "missing.yaml")
    assert info.value.exit_code == 2
    assert info.value.format().startswith("missing.yaml: error: cannot read design file")


def test_positions_are_one_based():
    error = fail("a: 1\na: 2\n")
    assert error.position == Position(2, 1)


def test_parser_nesting_limit_does_not_override_ours():
    # libyaml 0.2.6 refuses flow nesting past 1,000 levels by itself; the depth limit is ours.
    levels = 1200
    source = "a: " + "[" * levels + "]" * levels + "\n"
    value = load_text(source, "f", limits=Limits(max_depth=levels + 1)).data["a"]
    for _ in range(levels - 1):
        value = value[0]
    assert value == []
    assert where(fail(source)) == ("DL004", "1:67")
