"""Failure propagation and blast radius over the dependency graph."""

from __future__ import annotations

from designlint.analysis.graph import blast_radius, failure_impacts
from designlint.loader import load_path
from designlint.model import Design
from tests.conftest import ROOT


def _design(components: list[dict], paths: list[dict]) -> Design:
    return Design.model_validate(
        {
            "apiVersion": "designlint/v1",
            "kind": "Design",
            "metadata": {"name": "t"},
            "architecture": {"components": components, "paths": paths},
        }
    )


def _c(cid: str, kind: str = "service", deps: list[dict] | None = None, **extra) -> dict:
    return {"id": cid, "name": cid, "kind": kind, "dependsOn": deps or [], **extra}


def _path(pid: str, *components: str, flow: str = "read") -> dict:
    return {
        "id": pid,
        "name": pid,
        "flow": flow,
        "steps": [{"name": c, "component": c, "budget": "1 ms"} for c in components],
    }


def test_hard_dependencies_fail_their_callers_transitively():
    design = _design(
        [
            _c("app", "client", [{"target": "api"}], userFacing=True),
            _c("api", deps=[{"target": "db"}]),
            _c("db", "database"),
        ],
        [_path("read", "api", "db")],
    )
    impacts = failure_impacts(design)
    assert impacts["db"].failed == {"db", "api"}  # the client routes, it does not fail with the api
    assert blast_radius(design) == {"app": {"read"}, "api": {"read"}, "db": {"read"}}


def test_fallbacks_and_soft_dependencies_contain_failures():
    design = _design(
        [
            _c("app", "client", [{"target": "api"}], userFacing=True),
            _c(
                "api",
                deps=[
                    {"target": "ranker", "fallback": "chronological"},
                    {"target": "tracker", "criticality": "soft"},
                ],
            ),
            _c("ranker", "ml-model"),
            _c("tracker"),
        ],
        [_path("read", "api", "ranker", "tracker")],
    )
    impacts = failure_impacts(design)
    for contained in ("ranker", "tracker"):
        assert impacts[contained].failed == {contained}
        assert impacts[contained].degraded == {"api"}
        assert impacts[contained].lost_paths == set() and impacts[contained].degraded_paths == {"read"}


def test_a_cache_step_is_lost_only_where_no_caller_on_the_path_contains_it():
    design = _design(
        [
            _c("app", "client", [{"target": "feed"}], userFacing=True),
            _c("feed", deps=[{"target": "cache", "criticality": "soft"}, {"target": "store"}]),
            _c("cache", "cache"),
            _c("store", "database"),
        ],
        [_path("miss", "cache", "store", "feed"), _path("hit", "cache")],
    )
    cache = failure_impacts(design)["cache"]
    assert cache.lost_paths == {"hit"} and cache.degraded_paths == {"miss"}


def test_a_failed_router_cuts_every_path_behind_it():
    design = _design(
        [
            _c("app", "client", [{"target": "lb"}], userFacing=True),
            _c("lb", "load-balancer", [{"target": "a"}, {"target": "b"}]),
            _c("a"),
            _c("b"),
        ],
        [_path("pa", "a"), _path("pb", "b")],
    )
    radius = blast_radius(design)
    assert radius["lb"] == {"pa", "pb"}
    assert radius["a"] == {"pa"}  # the load balancer keeps routing to b
    assert failure_impacts(design)["a"].failed == {"a"}


def test_consumers_users_never_reach_fail_only_through_their_dependencies():
    design = _design(
        [
            _c("app", "client", [{"target": "api"}], userFacing=True),
            _c("api", deps=[{"target": "queue", "mode": "async"}]),
            _c("queue", "queue"),
            _c("worker", "worker", [{"target": "queue", "mode": "async"}]),
        ],
        [_path("fanout", "worker", flow="write")],
    )
    radius = blast_radius(design)
    assert radius["queue"] == {"fanout"} and radius["worker"] == {"fanout"}
    assert radius["api"] == set()


def test_control_paths_are_not_user_facing_and_cycles_terminate():
    design = _design(
        [_c("a", deps=[{"target": "b"}]), _c("b", deps=[{"target": "a"}, {"target": "missing"}])],
        [_path("job", "a", flow="control")],
    )
    impacts = failure_impacts(design)
    assert impacts["a"].failed == {"a", "b"} and impacts["a"].lost_paths == set()


def test_a_design_without_architecture_has_no_impacts():
    design = Design.model_validate(
        {"apiVersion": "designlint/v1", "kind": "Design", "metadata": {"name": "t"}}
    )
    assert blast_radius(design) == {}


def test_blast_radius_of_the_diagram_design():
    design = Design.model_validate(load_path(ROOT / "tests" / "data" / "diagram-design.yaml").data)
    radius = blast_radius(design)
    assert radius["gateway"] == {"view-album", "upload-photo", "search"}
    assert radius["album-store"] == {"view-album", "upload-photo"}
    assert radius["album-cache"] == set() and radius["ranker"] == set()
    assert radius["nightly-reindex"] == set()
