"""The formula evaluator: hand-worked results, positioned errors, and nothing but its own error on any input."""

from __future__ import annotations

import ast
import inspect

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import designlint.formula as formula_module
from designlint.formula import MAX_DEPTH, MAX_LENGTH, FormulaError, evaluate, names, parse
from designlint.model import parse_quantity
from designlint.units import from_quantity, measure
from designlint.units.display import format_measure

SCOPE = {
    "dau": "200M users",
    "sessions_per_user": "5 loads/user/day",
    "feed_availability": "99.9%",
    "cache_memory_active": "~1.6 TB",
    "cache_node_memory": "13 GB/node",
    "peak": "50K loads/s",
}


def lookup(name: str, offset: int):
    if name not in SCOPE:
        raise FormulaError(f"unknown name '{name}'", offset, len(name))
    return from_quantity(parse_quantity(SCOPE[name]))


def calc(text: str) -> str:
    return format_measure(evaluate(text, lookup, known=SCOPE))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dau * sessions_per_user", "1B loads/day"),
        ("dau * sessions_per_user / (86400 s/day)", "~11.6K loads/s"),
        ("(100% - feed_availability) * 30 day * 1440 min/day", "43.2 min"),
        ("(100% - feed_availability) * 365 day/year * 24 h/day", "8.76 h/year"),
        ("ceil(cache_memory_active / cache_node_memory)", "124 nodes"),
        ("floor(cache_memory_active / cache_node_memory)", "123 nodes"),
        ("round(2.5K / 1K)", "2"),
        ("max(peak, 60K loads/s)", "60K loads/s"),
        ("min(peak, 60K loads/s, 40K loads/s)", "40K loads/s"),
        ("$0.48/h * 730 h", "$350.4"),
        ("3 * $60", "$180"),
        ("-(2 + 3) * 4", "-20"),
        ("1B / 1K", "1M"),
        ("1e3 / .5 + 2.5e-1 * 4", "~2000"),
        ("100 bytes/item * 50B items/day", "5 TB/day"),
    ],
)
def test_hand_worked_results(text, expected):
    assert calc(text) == expected


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("__import__('os')", 1, "unknown function '__import__'"),
        ("x'os'", 2, "unexpected character"),
        ("dau.__class__", 4, "attribute access"),
        ("open('x')", 1, "unknown function 'open'"),
        ("eval(dau)", 1, "unknown function 'eval'"),
        ("(dau * 2", 9, "expected ')'"),
        ("dau * 2)", 8, "unbalanced ')'"),
        ("dau *", 6, "ends where a value was expected"),
        ("2 ** 3", 3, "powers"),
        ("dau + 5 GB", 5, "cannot combine"),
        ("dau / 0", 5, "division by zero"),
        ("2 dau", 3, "is a quantity, not a unit"),
        ("nope * 2", 1, "unknown name 'nope'"),
        ("5 zz", 3, "not a unit"),
        ("ceil(1, 2)", 1, "takes one value"),
        ("max()", 1, "one or more values"),
        ("[1]", 1, "unexpected character '['"),
        ("dau; 1", 4, "unexpected character ';'"),
        ("lambda: 1", 7, "unexpected character ':'"),
        ("", 1, "empty"),
    ],
)
def test_errors_are_positioned(text, column, fragment):
    with pytest.raises(FormulaError) as caught:
        evaluate(text, lookup, known=SCOPE)
    assert fragment in caught.value.message
    assert caught.value.offset + 1 == column


def test_length_and_nesting_are_bounded():
    with pytest.raises(FormulaError, match="longer than"):
        parse("1+" * MAX_LENGTH + "1")
    with pytest.raises(FormulaError, match="nested more than"):
        parse("(" * (MAX_DEPTH + 5) + "1" + ")" * (MAX_DEPTH + 5))
    with pytest.raises(FormulaError, match="nested more than"):
        parse("-" * (MAX_DEPTH + 5) + "1")


def test_names_are_collected_with_offsets():
    assert sorted(names(parse("a * (b + c) / max(a, d)"))) == [
        ("a", 0),
        ("a", 18),
        ("b", 5),
        ("c", 9),
        ("d", 21),
    ]


def test_the_evaluator_never_calls_eval_exec_or_compile():
    tree = ast.parse(inspect.getsource(formula_module))
    called = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert not called & {"eval", "exec", "compile", "__import__", "getattr", "literal_eval"}


PAYLOADS = [
    "__import__('os').system('touch /tmp/designlint-pwned')",
    "().__class__.__bases__[0].__subclasses__()",
    "exec('1')",
    "globals()",
    "lambda x: x",
    "[x for x in ()]",
    "'a' * 10",
    "b'x'",
    "f'{dau}'",
    "dau if dau else 0",
    "dau[0]",
    "dau(1)",
    "{1: 2}",
    "dau @ dau",
    "dau ** 2",
    "dau // 2",
    "not dau",
    "dau and dau",
    "dau == dau",
    "`dau`",
    "$",
    "$$1",
    "1e999",
    "9" * 400,
    "1" + "0" * 400 + " * 1e308",
]

python_like = st.lists(
    st.sampled_from(
        [
            "dau",
            "(",
            ")",
            "[",
            "]",
            ".",
            "__class__",
            "__import__",
            "'os'",
            '"x"',
            ",",
            ":",
            "lambda",
            "*",
            "**",
            "+",
            "-",
            "/",
            "%",
            "1",
            "2.5e3",
            "K",
            " ",
            "$",
            "max",
            "ceil",
            "eval",
            "=",
            "{",
            "}",
            "GB",
            "s/day",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.text(max_size=120), python_like))
@example(text=PAYLOADS[0])
def test_any_input_gives_a_value_or_a_positioned_formula_error(text):
    try:
        result = evaluate(text, lookup, known=SCOPE)
    except FormulaError as error:
        assert 0 <= error.offset <= len(text) + 1
        return
    assert result.value == result.value  # a finite, real number


@pytest.mark.parametrize("payload", PAYLOADS)
def test_python_payloads_are_refused_not_run(payload, tmp_path):
    with pytest.raises(FormulaError):
        evaluate(payload, lookup, known=SCOPE)
    import os

    assert not os.path.exists("/tmp/designlint-pwned")


def test_units_follow_the_months_convention():
    per_month = evaluate("1 month", lookup, 30 * 86_400.0)
    assert per_month.value == 30 * 86_400.0
    assert evaluate("1 month", lookup).value == measure(730, "h").value
