"""Checking time grows linearly with the input, even for inputs built to make it grow faster.

Each generated pathological design is checked at 1x and 4x its size; four times the input may
take at most eight times the CPU time (the minimum of a few runs, so a busy machine does not
count). A quadratic step shows up as about 16x. Sizes keep the whole file well under 30 s.
"""

from __future__ import annotations

import contextlib
import io

import pytest

from designlint.cli import main
from tests.growth import assert_near_linear

HEADER = "apiVersion: designlint/v1\nkind: Design\nmetadata:\n  name: growth\n  title: Growth\n"


def long_whitespace_in_a_value(n: int) -> str:
    return HEADER + f"scale:\n  quantities:\n    - name: q\n      value: 1 a{' ' * n}b\n"


def many_suppressions(n: int) -> str:
    return HEADER + "".join(
        f"# designlint: ignore[DL210] reason: accepted gap number {i}\n" for i in range(n)
    )


def one_reason_with_a_huge_run_of_spaces(n: int) -> str:
    return HEADER + f"# designlint: ignore[DL210] reason: a{' ' * n}b\n"


def many_unknown_keys(n: int) -> str:
    return HEADER + "".join(f"  unknown_key_{i}: value\n" for i in range(n))


def one_very_long_line_of_words(n: int) -> str:
    return HEADER + "  summary: " + "word " * n + "\n"


def one_very_long_token(n: int) -> str:
    return HEADER + "  summary: " + "x" * n + "\n"


def many_components(n: int) -> str:
    """Services in chains of five, each chain ending at one shared database: the way designs grow."""
    lines = ["    - {id: db, name: Shared database, kind: database}\n"]
    for i in range(n):
        target = f"c{i + 1}" if i % 5 != 4 and i + 1 < n else "db"
        lines.append(
            f"    - {{id: c{i}, name: Component {i}, kind: service, userFacing: {str(i % 5 == 0).lower()},"
            f" dependsOn: [{{target: {target}}}]}}\n"
        )
    return HEADER + "architecture:\n  components:\n" + "".join(lines)


def one_long_chain(n: int) -> str:
    """Single-instance components each needing the next, every other one user-facing: every
    walk of the graph and every chain shown could grow with the chain's length."""
    lines = []
    for i in range(n):
        needs = f", dependsOn: [{{target: c{i + 1}}}]" if i + 1 < n else ""
        lines.append(
            f"    - {{id: c{i}, name: Component {i}, kind: service, replicas: 1,"
            f" userFacing: {str(i % 2 == 0).lower()}{needs}}}\n"
        )
    return HEADER + "architecture:\n  components:\n" + "".join(lines)


def many_broken_quantity_names(n: int) -> str:
    """Every formula names its input with a slip: one 'did you mean' search per unknown name."""
    lines = ["    - {name: requests_per_region_0, value: 1000 requests/s}\n"]
    for i in range(1, n):
        lines.append(
            f"    - {{name: requests_per_region_{i}, value: 2000 requests/s,"
            f" formula: requets_per_region_{i - 1} * 2}}\n"
        )
    return HEADER + "scale:\n  quantities:\n" + "".join(lines)


def a_large_design(n: int) -> str:
    """n cells behind one load balancer: a gateway, a service with a soft cache and a hard
    database, a read path through them, and quantities derived from each other."""
    components = [
        "    - {id: app, name: App, kind: client, userFacing: true, dependsOn: [{target: lb}]}\n",
        "    - id: lb\n      name: Load balancer\n      kind: load-balancer\n      dependsOn:\n",
        *(f"        - {{target: gw{i}}}\n" for i in range(n)),
    ]
    paths, quantities = [], []
    for i in range(n):
        components.append(
            f"    - {{id: gw{i}, name: Gateway {i}, kind: api-gateway, dependsOn: [{{target: svc{i}}}]}}\n"
            f"    - id: svc{i}\n      name: Service {i}\n      kind: service\n      dependsOn:\n"
            f"        - {{target: cache{i}, criticality: soft, timeout: 10 ms}}\n"
            f"        - {{target: db{i}, timeout: 50 ms}}\n"
            f"    - {{id: cache{i}, name: Cache {i}, kind: cache}}\n"
            f"    - {{id: db{i}, name: Database {i}, kind: database}}\n"
        )
        paths.append(
            f"    - id: read{i}\n      name: Read {i}\n      flow: read\n      steps:\n"
            f"        - {{name: Route, component: gw{i}, budget: 5 ms}}\n"
            f"        - {{name: Cache lookup, component: cache{i}, budget: 2 ms}}\n"
            f"        - {{name: Query, component: db{i}, budget: 20 ms}}\n"
            f"        - {{name: Assemble, component: svc{i}, budget: 10 ms}}\n"
        )
        quantities.append(
            f"    - {{name: users_{i}, value: 2M users}}\n"
            f"    - {{name: reads_per_user_{i}, value: 10 reads/day}}\n"
            f"    - {{name: reads_{i}, value: 20M reads/day, formula: users_{i} * reads_per_user_{i}}}\n"
        )
    return (
        HEADER
        + "scale:\n  quantities:\n"
        + "".join(quantities)
        + "architecture:\n  components:\n"
        + "".join(components)
        + "  paths:\n"
        + "".join(paths)
    )


# (generator, size at 1x); a quadratic step at these sizes fails within seconds, not minutes
CASES = [
    pytest.param(long_whitespace_in_a_value, 10_000),
    pytest.param(many_suppressions, 2_000),
    pytest.param(one_reason_with_a_huge_run_of_spaces, 10_000),
    pytest.param(many_unknown_keys, 2_000),
    pytest.param(one_very_long_line_of_words, 20_000),
    pytest.param(one_very_long_token, 100_000),
    pytest.param(many_components, 200),
    pytest.param(one_long_chain, 150),
    pytest.param(many_broken_quantity_names, 300),
    pytest.param(a_large_design, 100),
]


def checking(path):
    def check() -> None:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
            code = main(["check", "--no-cache", "--format", "json", str(path)])
        assert code in (0, 1), err.getvalue()[-500:]

    return check


@pytest.mark.parametrize(("generate", "size"), CASES, ids=[case.values[0].__name__ for case in CASES])
def test_four_times_the_input_takes_at_most_eight_times_as_long(generate, size, tmp_path):
    small, large = tmp_path / "small.yaml", tmp_path / "large.yaml"
    small.write_text(generate(size), encoding="utf-8")
    large.write_text(generate(4 * size), encoding="utf-8")
    checking(small)()  # imports and caches of the first run are not the input's cost
    assert_near_linear(checking(small), checking(large), runs=3)
