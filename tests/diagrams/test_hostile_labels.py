"""Names and descriptions are data: nothing in them can break the DOT or add to the graph."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from designlint.diagrams import dot_sources, render_views
from designlint.diagrams.scene import ELLIPSIS, MAX_LABEL_LINES
from tests.diagrams.conftest import clusters_of, design_from_text, drawn_texts, graphviz_json, nodes_of

QUOTES = 'Evil "quoted" name'
MARKUP = '<b>bold</b> & </TD></TR></TABLE>> <IMG SRC="/etc/passwd"/>'
DOT = 'x"]; injected [label="pwn"]; a -> b; //'
BRACES = "{ subgraph cluster_evil { n1 } }"
BACKSLASHES = 'C:\\path\\N\\G\\\\"'
NEWLINES = "line one\nline two\r\n\tthree"
LONG = "Z" * 12 + " extremely long component name" * 12
OWNER = 'team"}; subgraph cluster_owned { evil }'

COMPONENTS = [
    ("quotes", QUOTES),
    ("markup", MARKUP),
    ("dot", DOT),
    ("braces", BRACES),
    ("backslashes", BACKSLASHES),
    ("newlines", NEWLINES),
    ("long", LONG),
]


def _q(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def _hostile_design() -> str:
    lines = [
        "apiVersion: designlint/v1",
        "kind: Design",
        f"metadata: {{name: hostile, title: {_q(MARKUP + DOT)}}}",
        f"teams: [{{id: t1, name: {_q(MARKUP)}}}]",
        "nfr: {latency: [{operation: op, target: 10 ms}]}",
        "architecture:",
        "  components:",
    ]
    previous = None
    for index, (cid, name) in enumerate(COMPONENTS):
        owner = "t1" if index % 2 else OWNER
        lines += [
            f"    - id: {cid}",
            f"      name: {_q(name)}",
            "      kind: service",
            f"      owner: {_q(owner)}",
            f"      technology: {_q(BACKSLASHES + MARKUP)}",
            f"      description: {_q(DOT + NEWLINES)}",
        ]
        if previous:
            lines += [
                "      dependsOn:",
                f"        - {{target: {previous}, protocol: {_q(DOT)}, fallback: {_q(MARKUP + BACKSLASHES)}}}",
            ]
        previous = cid
    lines += [
        "  paths:",
        "    - id: p1",
        f"      name: {_q(BRACES + QUOTES)}",
        "      flow: read",
        "      operation: op",
        "      steps:",
    ]
    for cid, name in COMPONENTS:
        lines.append(f"        - {{name: {_q(name)}, component: {cid}, budget: 1 ms, parallelGroup: g}}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return design_from_text(_hostile_design(), tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def sources(hostile):
    return dot_sources(hostile)


@pytest.mark.parametrize("view", ["architecture", "failure"])
def test_graph_views_draw_exactly_the_model(sources, view):
    layout = graphviz_json(sources[view])
    assert sorted(node["name"] for node in nodes_of(layout)) == sorted(f"c_{cid}" for cid, _ in COMPONENTS)
    assert len(layout.get("edges", [])) == len(COMPONENTS) - 1
    assert len(clusters_of(layout)) == 2  # the two owners, whatever their names say


def test_paths_view_draws_exactly_the_steps(sources):
    layout = graphviz_json(sources["paths"])
    assert len(nodes_of(layout)) == len(COMPONENTS)
    assert len(clusters_of(layout)) == 2  # the path and its parallel group
    assert layout.get("edges", []) == []  # one parallel stage: nothing to chain


def _node_text(layout: dict, name: str) -> str:
    (node,) = [n for n in nodes_of(layout) if n["name"] == name]
    return " ".join(drawn_texts(node))


def test_names_are_drawn_literally(sources):
    layout = graphviz_json(sources["architecture"])
    assert _node_text(layout, "c_quotes").startswith(QUOTES)
    assert "<b>bold</b> &" in _node_text(layout, "c_markup")
    assert _node_text(layout, "c_dot").replace(" ", "").startswith('x"];injected[label="pwn"]')
    assert _node_text(layout, "c_braces").startswith("{ subgraph cluster_evil")
    assert _node_text(layout, "c_backslashes").startswith('C:\\path\\N\\G\\\\"')
    assert _node_text(layout, "c_newlines").startswith("line one line two three")
    title = " ".join(drawn_texts(layout))
    assert "<b>bold</b>" in title and 'injected [label="pwn"]' in title


QUOTED_TOOLTIP = re.compile(r'tooltip="(?:[^"\\]|\\.)*"')


def test_dot_holds_the_text_escaped(sources):
    for view, source in sources.items():
        assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;/TD&gt;&lt;/TR&gt;&lt;/TABLE&gt;&gt;" in source, view
        assert "C:\\\\path\\\\N\\\\G" in source, view  # backslashes doubled in labels
        # Raw markup only inside quoted tooltips, where it is plain text.
        outside_tooltips = QUOTED_TOOLTIP.sub("", source)
        assert "<b>bold</b>" not in outside_tooltips and "</TABLE>> <IMG" not in outside_tooltips, view


def test_long_names_wrap_and_stay_whole_in_the_hover_title(hostile):
    layout = graphviz_json(dot_sources(hostile, ["architecture"])["architecture"])
    (node,) = [n for n in nodes_of(layout) if n["name"] == "c_long"]
    name_lines = drawn_texts(node)[:MAX_LABEL_LINES]
    assert all(len(line) <= 20 for line in name_lines)
    flat = " ".join(LONG.split())
    assert flat.startswith(" ".join(name_lines[:-1]))  # wrapped, not cut, up to the last line drawn
    assert name_lines[-1].endswith(ELLIPSIS)  # only text longer than any real name is cut
    svg = render_views(hostile, views=("architecture",))["architecture"]["svg"]
    titles = [element.text or "" for element in ET.fromstring(svg).iter() if element.tag.endswith("}title")]
    assert any(flat in title for title in titles)
    assert any(QUOTES in title for title in titles)
