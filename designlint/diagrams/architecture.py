"""The architecture and failure views: components grouped by owning team, dependencies as edges.

Both views share the layout; the failure view recolours it by blast radius
(:func:`designlint.analysis.graph.failure_impacts`) and shows where fallbacks contain a failure.
"""

from __future__ import annotations

from collections.abc import Callable

from designlint.analysis.graph import FailureImpact, contains_failure, failure_impacts, propagates, user_paths
from designlint.diagrams.scene import Cluster, Edge, Line, Node, Scene, one_line, slug, tooltip, wrap

GREY = "#757575"
EXTERNAL_BORDER = "#9E9E9E"
PROPAGATES = "#C62828"
CONTAINED = "#2E7D32"
ROUTED = "#7B8894"
EXTERNAL_TEAM_FILL = "#F2F2F2"

# Blast-radius fills, from harmless to everything lost.
SAFE = "#E8F5E9"
DEGRADES = "#FFF8E1"
SOME = "#FFE0B2"
MANY = "#FFAB91"
MOST = "#EF9A9A"
FAILURE_LEGEND = [
    (SAFE, "no user path affected"),
    (DEGRADES, "user paths degrade, none lost"),
    (SOME, "loses up to a third of the user paths"),
    (MANY, "loses up to two thirds"),
    (MOST, "loses more than two thirds"),
]

NAME_WIDTH = 20
DETAIL_WIDTH = 26


def is_external(component) -> bool:
    return component.external or component.kind == "external-service"


def _title(design, view: str) -> list[Line]:
    return [Line(f"{design.metadata.title or design.metadata.name} — {view}", size=16, bold=True)]


def _base_lines(component) -> list[Line]:
    lines = [Line(text, bold=True) for text in wrap(component.name, NAME_WIDTH)]
    detail = component.technology or component.kind
    lines += [Line(text, size=10, color=GREY) for text in wrap(detail, DETAIL_WIDTH)]
    if component.external and component.kind != "external-service":
        lines.append(Line("external", size=9, color=GREY))
    return lines


def _base_node(component) -> Node:
    attrs = {"id": f"component-{component.id}"}
    if is_external(component):
        attrs.update(shape="box", style="rounded,dashed", color=EXTERNAL_BORDER, fontcolor=GREY)
    return Node(
        id=f"c_{component.id}",
        lines=_base_lines(component),
        tooltip=tooltip(
            component.name,
            component.kind,
            component.technology,
            component.responsibility,
            component.description,
        ),
        icon=(component.kind, component.technology),
        attrs=attrs,
    )


def _dependency_lines(dependency) -> list[Line]:
    text = f"{one_line(dependency.protocol)} · {dependency.mode}" if dependency.protocol else dependency.mode
    return [Line(part, size=10) for part in wrap(text, DETAIL_WIDTH)]


def _base_edge(component, index: int, dependency, names: dict[str, str]) -> Edge:
    timeout = f"timeout {dependency.timeout}" if dependency.timeout else None
    fallback = f"fallback: {dependency.fallback}" if dependency.fallback else None
    return Edge(
        source=f"c_{component.id}",
        target=f"c_{dependency.target}",
        lines=_dependency_lines(dependency),
        tooltip=tooltip(
            f"{component.name} → {names[dependency.target]}",
            dependency.purpose,
            timeout,
            fallback,
            f"{dependency.criticality} dependency",
        ),
        attrs={
            "id": f"dependency-{component.id}-{index}",
            **({"style": "dashed"} if dependency.mode == "async" else {}),
        },
    )


def _layout(design, view: str, decorate_node: Callable, decorate_edge: Callable) -> Scene:
    scene = Scene(name=view, title=_title(design, view), direction="LR")
    if design.architecture is None:
        return scene
    components = design.architecture.components
    names = {component.id: component.name for component in components}
    teams = {team.id: team.name or team.id for team in design.teams}
    clusters: dict[str, Cluster] = {}
    for component in components:
        node = decorate_node(component, _base_node(component))
        if not component.owner:
            scene.nodes.append(node)
            continue
        cluster = clusters.get(component.owner)
        if cluster is None:
            cluster_id = f"team_{slug(component.owner)}_{len(clusters)}"
            label = teams.get(component.owner, component.owner)
            cluster = clusters[component.owner] = Cluster(
                id=cluster_id,
                lines=[Line(text, size=12, bold=True) for text in wrap(label, 40)],
                tooltip=tooltip(f"Owned by {label}"),
                attrs={"id": f"team-{slug(component.owner)}"},
            )
            scene.clusters.append(cluster)
        cluster.nodes.append(node)
    for component in components:
        for index, dependency in enumerate(component.depends_on):
            if dependency.target in names:
                edge = _base_edge(component, index, dependency, names)
                scene.edges.append(decorate_edge(component, dependency, edge))
    for owner, cluster in clusters.items():
        if all(is_external(component) for component in components if component.owner == owner):
            cluster.attrs["bgcolor"] = EXTERNAL_TEAM_FILL
    return scene


def architecture_scene(design) -> Scene:
    """Components with icons by kind, clustered by owner; dependencies labelled protocol · mode."""
    return _layout(
        design, "architecture", lambda component, node: node, lambda caller, dependency, edge: edge
    )


def _fill(impact: FailureImpact, total: int) -> str:
    if not impact.lost_paths:
        return DEGRADES if impact.degraded_paths else SAFE
    share = len(impact.lost_paths) / total
    return SOME if share <= 1 / 3 else MANY if share <= 2 / 3 else MOST


def _plural(count: int) -> str:
    return f"{count} path" if count == 1 else f"{count} paths"


def failure_scene(design) -> Scene:
    """The architecture coloured by what each component's failure costs the user-facing paths."""
    impacts = failure_impacts(design)
    paths = user_paths(design)
    path_names = {path.id: path.name for path in paths}
    total = len(paths)

    def names(ids) -> str:
        return ", ".join(name for path_id, name in path_names.items() if path_id in ids)

    def decorate_node(component, node: Node) -> Node:
        impact = impacts[component.id]
        if impact.lost_paths:
            summary = Line(
                f"loses {len(impact.lost_paths)} of {_plural(total)}", size=10, color=PROPAGATES, bold=True
            )
        elif impact.degraded_paths:
            summary = Line(f"degrades {_plural(len(impact.degraded_paths))}", size=10, color="#8D6E00")
        else:
            summary = Line("no user path affected", size=10, color=CONTAINED)
        node.lines.append(summary)
        style = "rounded,filled,dashed" if is_external(component) else "rounded,filled"
        node.attrs.update(shape="box", style=style, fillcolor=_fill(impact, total or 1))
        node.tooltip = tooltip(
            f"If {component.name} fails",
            f"loses: {names(impact.lost_paths)}" if impact.lost_paths else "loses no user path",
            f"degrades: {names(impact.degraded_paths)}" if impact.degraded_paths else None,
        )
        return node

    components = design.architecture.components if design.architecture else []
    kinds = {component.id: component.kind for component in components}

    def decorate_edge(caller, dependency, edge: Edge) -> Edge:
        # Drawn as the failure analysis reads it: work handed off asynchronously does not fail its caller.
        if propagates(caller, dependency, kinds.get(dependency.target)):
            edge.attrs.update(color=PROPAGATES, penwidth="1.6")
        elif contains_failure(dependency):
            contained_by = f"fallback: {dependency.fallback}" if dependency.fallback else "soft dependency"
            edge.lines += [Line(text, size=9, color=CONTAINED) for text in wrap(contained_by, 28)]
            edge.attrs.update(color=CONTAINED, fontcolor=CONTAINED)
        return edge

    scene = _layout(design, "failure", decorate_node, decorate_edge)
    scene.legend = [
        *FAILURE_LEGEND,
        (PROPAGATES, "edge: the caller fails with its target"),
        (CONTAINED, "edge: a fallback or soft dependency contains the failure"),
        (ROUTED, "edge: routing only; requests routed to a failed target fail"),
    ]
    return scene
