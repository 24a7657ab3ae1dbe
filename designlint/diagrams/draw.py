"""Turn a :class:`~designlint.diagrams.scene.Scene` into DOT with the ``diagrams`` package.

Every piece of design text becomes either an HTML-like label with all markup characters
escaped or an escaped string (tooltips), so names cannot add nodes, edges or attributes.
Node ids come from model ids (``diagrams`` would use random uuids), icons are referenced
relative to the icon root so the DOT is the same on every machine, and Graphviz attribute
lists are emitted sorted: the same scene always gives the same bytes.
"""

from __future__ import annotations

import html
from typing import Any

from designlint.diagrams.icons import icon_file, node_class
from designlint.diagrams.scene import Cluster, Line, Node, Scene, one_line

FONT = "Sans-Serif"
ICON_POINTS = 56
HEADER = (
    "Drawn by designlint from the design's architecture section. Icons are relative to the "
    "install directory of the Python 'diagrams' package: render with dot -Gimagepath=<that directory>."
)

GRAPH_ATTRS = {
    "pad": "0.3",
    "splines": "spline",
    "nodesep": "0.5",
    "ranksep": "0.8",
    "newrank": "true",
    "labelloc": "t",
    "labeljust": "l",
    "fontname": FONT,
    "fontsize": "12",
    "compound": "true",
}
NODE_ATTRS = {
    "shape": "box",
    "style": "rounded",
    "fixedsize": "false",
    "width": "0",
    "height": "0",
    "margin": "0.12,0.06",
    "fontname": FONT,
    "fontsize": "11",
    "fontcolor": "#2D3436",
    "imagescale": None,
    "labelloc": None,
}
EDGE_ATTRS = {"color": "#7B8894", "fontname": FONT, "fontsize": "10", "arrowsize": "0.7"}
# Tooltips pass through Graphviz's backslash processing twice in some versions; a look-alike
# character keeps them literal everywhere.
BACKSLASH_LOOKALIKE = "\u29f5"


def escape_html(text: str) -> str:
    """Text for an HTML-like label: markup characters as entities, backslashes doubled because
    Graphviz expands ``\\N``, ``\\G`` and friends even there."""
    return html.escape(one_line(text), quote=True).replace("\\", "\\\\")


def html_lines(lines: list[Line]) -> str:
    """The lines as HTML-like label content (without the outer angle brackets)."""
    rendered = []
    for line in lines:
        text = escape_html(line.text)
        if line.bold:
            text = f"<B>{text}</B>"
        font = ""
        if line.size is not None:
            font += f' POINT-SIZE="{int(line.size)}"'
        if line.color:
            font += f' COLOR="{escape_html(line.color)}"'
        rendered.append(f"<FONT{font}>{text}</FONT>" if font else text)
    return "<BR/>".join(rendered)


def html_label(lines: list[Line]):
    """An HTML-like label, or an empty plain label when there is nothing to say."""
    from graphviz import nohtml

    content = html_lines([line for line in lines if one_line(line.text)])
    return f"<{content}>" if content else nohtml("")


def escaped_string(text: str):
    """A Graphviz escString that shows ``text`` literally (for tooltips)."""
    from graphviz import nohtml

    return nohtml(one_line(text).replace("\\", BACKSLASH_LOOKALIKE))


def icon_label(icon: str, lines: list[Line]) -> str:
    """Icon above the text, in a table so the node grows with its label and nothing overlaps."""
    text = html_lines([line for line in lines if one_line(line.text)])
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{ICON_POINTS}" HEIGHT="{ICON_POINTS}">'
        f'<IMG SRC="{escape_html(icon)}" SCALE="TRUE"/></TD></TR>'
        f"<TR><TD>{text}</TD></TR></TABLE>>"
    )


def legend_label(title: list[Line], legend: list[tuple[str, str]]) -> str:
    rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT">{html_lines([line])}</TD></TR>' for line in title]
    rows += [
        f'<TR><TD BGCOLOR="{escape_html(colour)}" WIDTH="18" HEIGHT="10"> </TD>'
        f'<TD ALIGN="LEFT"><FONT POINT-SIZE="10">{escape_html(meaning)}</FONT></TD></TR>'
        for colour, meaning in legend
    ]
    return '<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"


def _add_node(node: Node, base_node):
    attrs = {"tooltip": escaped_string(node.tooltip), **node.attrs}
    if node.icon is None:
        return base_node(html_label(node.lines), nodeid=node.id, **attrs)
    cls = node_class(*node.icon)
    attrs.setdefault("shape", "plain")
    # image=None and height=None drop the attributes diagrams sets for icons: the icon is in the label.
    return cls(icon_label(icon_file(cls), node.lines), nodeid=node.id, image=None, height=None, **attrs)


def _add_cluster(cluster: Cluster, made: dict, diagrams_module) -> None:
    graph_attr = {
        "label": html_label(cluster.lines),
        "tooltip": escaped_string(cluster.tooltip),
        "fontname": FONT,
        **cluster.attrs,
    }
    with diagrams_module.Cluster(label=cluster.id, graph_attr=graph_attr):
        for node in cluster.nodes:
            made[node.id] = _add_node(node, diagrams_module.Node)
        for inner in cluster.clusters:
            _add_cluster(inner, made, diagrams_module)


def to_dot(scene: Scene) -> str:
    """The DOT source of a scene."""
    import diagrams

    title = legend_label(scene.title, scene.legend) if scene.legend else html_label(scene.title)
    diagram = diagrams.Diagram(
        name=scene.name,
        filename=scene.name,
        direction=scene.direction,
        outformat="dot",
        show=False,
        graph_attr={**GRAPH_ATTRS, "label": title},
        node_attr=NODE_ATTRS,
        edge_attr=EDGE_ATTRS,
    )
    diagram.dot.comment = HEADER
    made: dict[str, Any] = {}  # diagrams nodes; the diagrams package has no type hints
    outer = diagrams.getdiagram()
    diagrams.setdiagram(diagram)
    try:
        for node in scene.nodes:
            made[node.id] = _add_node(node, diagrams.Node)
        for cluster in scene.clusters:
            _add_cluster(cluster, made, diagrams)
        for edge in scene.edges:
            source, target = made.get(edge.source), made.get(edge.target)
            if source is None or target is None:
                continue
            label = html_label(edge.lines) if edge.lines else None
            attrs = {"fontname": FONT, "fontsize": EDGE_ATTRS["fontsize"], **edge.attrs}
            source.connect(
                target,
                diagrams.Edge(
                    forward=True,
                    label=label,
                    tooltip=escaped_string(edge.tooltip) if edge.tooltip else None,
                    **attrs,
                ),
            )
    finally:
        diagrams.setdiagram(outer)
    return diagram.dot.source
