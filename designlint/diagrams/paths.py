"""The request-paths view: each path as a left-to-right chain of its steps and their budgets.

Steps sharing a ``parallelGroup`` run concurrently and are drawn side by side; the group costs
its slowest step. Each path's title compares the steps' total
(:func:`designlint.analysis.latency.path_latencies`) with the latency target of its operation
(``nfr.latency``).
"""

from __future__ import annotations

from designlint.analysis.latency import path_latencies
from designlint.diagrams.scene import Cluster, Edge, Line, Node, Scene, one_line, tooltip, wrap
from designlint.units import UnitError, from_quantity, month_seconds_of
from designlint.units.display import format_measure

GREY = "#757575"
OVER = "#C62828"
WITHIN = "#2E7D32"
PATH_FILL = "#F5F7FA"
GROUP_FILL = "#E3F2FD"


def stages(steps) -> list[list[int]]:
    """Step indexes in execution order; steps of one parallel group form one stage, where the first appears."""
    result: list[list[int]] = []
    group_stage: dict[str, list[int]] = {}
    for index, step in enumerate(steps):
        if step.parallel_group is None:
            result.append([index])
        elif step.parallel_group in group_stage:
            group_stage[step.parallel_group].append(index)
        else:
            group_stage[step.parallel_group] = [index]
            result.append(group_stage[step.parallel_group])
    return result


def _verdict(path, latency, targets) -> tuple[str, str]:
    """The title's budget line (the sum from :mod:`designlint.analysis.latency`) and its colour."""
    total = latency.total
    unknown = "total unknown (a budget is not a duration)"
    if latency.target is None:
        if not path.operation:
            reason = "no operation"
        elif path.operation not in targets:
            reason = f"no nfr.latency entry for '{one_line(path.operation)}'"
        else:
            reason = "the target is not a duration"
        shown = format_measure(total) if total is not None else unknown
        return f"steps {shown} · no latency target ({reason})", GREY
    unit = latency.target.target.unit or None  # compare in the target's own unit
    target = f"target {format_measure(latency.target_value, unit)}"
    if latency.target.percentile:
        target += f" {latency.target.percentile}"
    if total is None:
        return f"steps {unknown} · {target}", GREY
    shown = format_measure(total, unit)
    if total.value > latency.target_value.value:
        return (
            f"steps {shown} · {target} · over by {format_measure(total - latency.target_value, unit)}",
            OVER,
        )
    return f"steps {shown} · {target} · within", WITHIN


def _slowest(steps, stage, month_seconds) -> str:
    budgets = [steps[i].budget for i in stage]
    if any(budget is None for budget in budgets):
        return "slowest unknown"
    try:
        return "slowest " + format_measure(
            max(
                (from_quantity(budget, month_seconds) for budget in budgets),
                key=lambda budget: budget.value,
            )
        )
    except UnitError:
        return "slowest unknown"


def _step_node(path, index: int, step, component_names: dict[str, str]) -> Node:
    lines = [Line(text, bold=True) for text in wrap(step.name, 22)]
    if step.component:
        name = component_names.get(step.component, step.component)
        lines += [Line(text, size=10, color=GREY) for text in wrap(name, 26)]
    budget = str(step.budget) if step.budget is not None else "no budget"
    lines.append(Line(budget, size=11))
    return Node(
        id=f"path_{path.id}_step_{index}",
        lines=lines,
        tooltip=tooltip(
            step.name,
            component_names.get(step.component or "", step.component),
            f"budget {budget}",
            step.notes,
        ),
        attrs={"id": f"step-{path.id}-{index}"},
    )


def _path_cluster(path, latency, targets, component_names, month_seconds) -> tuple[Cluster, list[Edge]]:
    verdict, colour = _verdict(path, latency, targets)
    cluster = Cluster(
        id=f"path_{path.id}",
        lines=[
            *(Line(text, size=13, bold=True) for text in wrap(f"{path.name} ({path.flow})", 80)),
            Line(verdict, size=11, color=colour),
        ],
        tooltip=tooltip(path.name, path.description),
        attrs={
            "id": f"path-{path.id}",
            "bgcolor": PATH_FILL,
            "pencolor": colour if colour != GREY else "#AEB6BE",
        },
    )
    steps = path.steps
    previous: list[str] = []
    edges: list[Edge] = []
    for stage in stages(steps):
        nodes = [_step_node(path, i, steps[i], component_names) for i in stage]
        if len(stage) > 1:
            group = steps[stage[0]].parallel_group
            cluster.clusters.append(
                Cluster(
                    id=f"path_{path.id}_group_{stage[0]}",
                    lines=[
                        Line(f"in parallel · {_slowest(steps, stage, month_seconds)}", size=10, color=GREY)
                    ],
                    tooltip=tooltip(f"parallel group {group}"),
                    nodes=nodes,
                    attrs={"bgcolor": GROUP_FILL, "style": "rounded,dashed"},
                )
            )
        else:
            cluster.nodes.extend(nodes)
        edges.extend(Edge(source, node.id) for source in previous for node in nodes)
        previous = [node.id for node in nodes]
    return cluster, edges


def paths_scene(design) -> Scene:
    """Every request path of the design, one chain per path, in document order."""
    title = design.metadata.title or design.metadata.name
    scene = Scene(name="paths", title=[Line(f"{title} — request paths", size=16, bold=True)], direction="LR")
    architecture = design.architecture
    if architecture is None or not architecture.paths:
        scene.title.append(Line("no request paths (architecture.paths) to draw", size=11, color=GREY))
        return scene
    month_seconds = month_seconds_of(design)
    latencies, _ = path_latencies(design, month_seconds)  # unit problems are the checks' to report
    targets = {target.operation: target for target in design.nfr.latency} if design.nfr else {}
    component_names = {component.id: component.name for component in architecture.components}
    # In a left-to-right layout Graphviz stacks independent chains bottom-up in the order they
    # are declared: declare them in reverse so the first path is drawn on top.
    for path, latency in reversed(list(zip(architecture.paths, latencies))):
        cluster, edges = _path_cluster(path, latency, targets, component_names, month_seconds)
        scene.clusters.append(cluster)
        scene.edges.extend(edges)
    return scene
