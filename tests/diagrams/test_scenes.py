"""What each view draws, checked on the scene before Graphviz: icons, clusters, edges, budgets."""

from __future__ import annotations

import pytest

from designlint.diagrams import scenes
from designlint.diagrams.architecture import CONTAINED, MOST, PROPAGATES, SAFE
from designlint.diagrams.icons import BY_KIND, class_path, icon_file, node_class
from designlint.diagrams.paths import OVER, WITHIN, stages
from designlint.diagrams.scene import ELLIPSIS, shorten, wrap
from designlint.model.architecture import ComponentKind


@pytest.fixture(scope="module")
def drawn(diagram_design):
    return scenes(diagram_design)


def _nodes(scene):
    found = {node.id: node for node in scene.nodes}
    stack = list(scene.clusters)
    while stack:
        cluster = stack.pop()
        found.update({node.id: node for node in cluster.nodes})
        stack.extend(cluster.clusters)
    return found


def _text(lines) -> str:
    return " | ".join(line.text for line in lines)


def test_every_kind_has_an_icon_that_exists():
    import typing

    from designlint.diagrams.render import icon_root

    for kind in typing.get_args(ComponentKind):
        assert kind in BY_KIND, kind
        assert (icon_root() / icon_file(node_class(kind, None))).is_file(), kind


def test_technology_refines_the_icon_by_the_word_named_first():
    assert class_path("cache", "Memcached").endswith("Memcached")
    assert class_path("wide-column-store", "Cassandra (or DynamoDB)").endswith("Cassandra")
    assert class_path("service", "Redis").endswith("Server")  # only within the kind's family


def test_architecture_clusters_components_by_owner(drawn):
    architecture = drawn["architecture"]
    clusters = {
        _text(cluster.lines): sorted(node.id for node in cluster.nodes) for cluster in architecture.clusters
    }
    assert clusters["Search team"] == ["c_nightly-reindex", "c_ranker", "c_search-index", "c_search-service"]
    assert clusters["vendor"] == ["c_cdn"]  # an owner that is not a declared team keeps its text
    assert sorted(node.id for node in architecture.nodes) == ["c_app", "c_geo-api", "c_lb"]


def test_architecture_marks_external_components_and_async_edges(drawn):
    nodes = _nodes(drawn["architecture"])
    assert "dashed" in nodes["c_geo-api"].attrs["style"] and "dashed" in nodes["c_cdn"].attrs["style"]
    assert "style" not in nodes["c_album-service"].attrs
    edges = {(edge.source, edge.target): edge for edge in drawn["architecture"].edges}
    assert edges[("c_upload-service", "c_events")].attrs["style"] == "dashed"
    assert _text(edges[("c_upload-service", "c_events")].lines) == "Kafka · async"
    assert _text(edges[("c_album-service", "c_album-store")].lines) == "CQL · sync"


def test_failure_view_colours_by_blast_radius_and_shows_fallbacks(drawn):
    nodes = _nodes(drawn["failure"])
    assert nodes["c_gateway"].attrs["fillcolor"] == MOST
    assert "loses 3 of 3 paths" in _text(nodes["c_gateway"].lines)
    assert nodes["c_session-kv"].attrs["fillcolor"] == SAFE
    edges = {(edge.source, edge.target): edge for edge in drawn["failure"].edges}
    ranker = edges[("c_album-service", "c_ranker")]
    assert ranker.attrs["color"] == CONTAINED and "fallback: Newest first." in _text(ranker.lines)
    assert edges[("c_album-service", "c_album-store")].attrs["color"] == PROPAGATES
    assert "color" not in edges[("c_gateway", "c_album-service")].attrs  # routing only


def test_paths_view_groups_parallel_steps_and_compares_with_the_target(drawn):
    paths = {cluster.attrs["id"]: cluster for cluster in drawn["paths"].clusters}
    assert list(paths) == [
        "path-reindex",
        "path-search",
        "path-upload-photo",
        "path-view-album",
    ]  # drawn top-down
    view = paths["path-view-album"]
    (group,) = view.clusters
    assert [node.id for node in group.nodes] == ["path_view-album_step_1", "path_view-album_step_2"]
    assert view.lines[1].text == "steps 85 ms · target 200 ms p99 · within" and view.lines[1].color == WITHIN
    upload = paths["path-upload-photo"]
    assert (
        upload.lines[1].text == "steps 160 ms · target 150 ms p95 · over by 10 ms"
        and upload.lines[1].color == OVER
    )
    edges = {(edge.source, edge.target) for edge in drawn["paths"].edges}
    assert ("path_view-album_step_0", "path_view-album_step_2") in edges
    assert ("path_view-album_step_2", "path_view-album_step_3") in edges
    assert "no latency target" in paths["path-search"].lines[1].text


def test_a_parallel_group_is_one_stage_where_it_first_appears():
    steps = [type("Step", (), {"parallel_group": group})() for group in [None, "g", "g", None, "g"]]
    assert stages(steps) == [[0], [1, 2, 4], [3]]


def test_text_helpers_wrap_in_full_and_cut_only_past_the_line_limit():
    assert shorten("a\nb\tc", 10) == "a b c"
    assert shorten("x" * 30, 10) == "x" * 9 + ELLIPSIS
    words = "one two three four five six seven eight nine ten"
    full = wrap(words, 10)
    assert " ".join(full) == words and all(len(line) <= 10 for line in full)
    lines = wrap(words, 10, 2)
    assert len(lines) == 2 and lines[-1].endswith(ELLIPSIS) and all(len(line) <= 10 for line in lines)


def test_fallbacks_protocols_and_step_names_are_drawn_in_full(diagram_design):
    """Nothing a reader needs is cut with an ellipsis: long texts wrap onto more lines."""
    for scene in scenes(diagram_design).values():
        texts = [line.text for node in _nodes(scene).values() for line in node.lines]
        texts += [line.text for edge in scene.edges for line in edge.lines]
        assert texts and not [text for text in texts if text.endswith(ELLIPSIS)], scene.name
    failure = scenes(diagram_design, ["failure"])["failure"]
    fallbacks = [
        " ".join(line.text for line in edge.lines[1:]) for edge in failure.edges if len(edge.lines) > 1
    ]
    assert "fallback: Treat as a miss and read the album store." in fallbacks


def test_failure_view_draws_an_asynchronous_hand_off_as_the_analysis_reads_it():
    from designlint.model import Design

    def component(id_: str, kind: str, *targets: str) -> dict:
        depends = [{"target": target, "mode": "async"} for target in targets]
        return {"id": id_, "name": id_, "kind": kind, "userFacing": id_ == "api", "dependsOn": depends}

    design = Design.model_validate(
        {
            "apiVersion": "designlint/v1",
            "kind": "Design",
            "metadata": {"name": "hand-off"},
            "architecture": {
                "components": [
                    component("api", "service", "mailer", "events"),
                    component("mailer", "worker"),
                    component("events", "queue"),
                ]
            },
        }
    )
    edges = {(edge.source, edge.target): edge for edge in scenes(design)["failure"].edges}
    assert edges[("c_api", "c_events")].attrs["color"] == PROPAGATES  # the hand-off itself is lost
    assert edges[("c_api", "c_mailer")].attrs.get("color") != PROPAGATES  # the work waits for the worker
