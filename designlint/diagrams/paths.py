"""The request-paths view: each path as a left-to-right chain of its steps and their budgets.

Steps sharing a ``parallelGroup`` run concurrently and are drawn side by side; the group costs
its slowest step. Each path's title compares the steps' total with the latency target of its
operation (``nfr.latency``).
"""

from __future__ import annotations

from designlint.diagrams.scene import Cluster, Edge, Line, Node, Scene, shorten, tooltip, wrap

GREY = "#757575"
OVER = "#C62828"
WITHIN = "#2E7D32"
PATH_FILL = "#F5F7FA"
GROUP_FILL = "#E3F2FD"

_MILLISECONDS_PER = {
    "ns": 1e-6, "us": 1e-3, "µs": 1e-3, "μs": 1e-3, "ms": 1.0, "msec": 1.0,
    "s": 1e3, "sec": 1e3, "second": 1e3, "seconds": 1e3, "min": 6e4, "minute": 6e4, "minutes": 6e4,
    "h": 3.6e6, "hour": 3.6e6, "hours": 3.6e6,
}


def milliseconds(quantity) -> float | None:
    """A duration in milliseconds, or None when its unit is not a time unit."""
    if quantity is None:
        return None
    factor = _MILLISECONDS_PER.get(quantity.unit.strip())
    return quantity.magnitude * factor if factor is not None else None


def format_ms(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:g} s"
    return f"{value:g} ms"


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


def total_ms(steps) -> float | None:
    """Sum over stages of the slowest step; None if any budget is not a duration."""
    total = 0.0
    for stage in stages(steps):
        budgets = [milliseconds(steps[i].budget) for i in stage]
        if any(budget is None for budget in budgets):
            return None
        total += max(budgets)
    return total


def _verdict(path, targets) -> tuple[str, str]:
    """The title's budget line and its colour."""
    total = total_ms(path.steps)
    shown = format_ms(total) if total is not None else "total unknown (a budget is not a duration)"
    target = targets.get(path.operation) if path.operation else None
    if target is None:
        reason = "no operation" if not path.operation else f"no nfr.latency entry for '{shorten(path.operation, 40)}'"
        return f"steps {shown} · no latency target ({reason})", GREY
    limit = milliseconds(target.target)
    percentile = f" {target.percentile}" if target.percentile else ""
    if total is None or limit is None:
        return f"steps {shown} · target {target.target}{percentile}", GREY
    if total > limit:
        return f"steps {shown} · target {format_ms(limit)}{percentile} · over by {format_ms(total - limit)}", OVER
    return f"steps {shown} · target {format_ms(limit)}{percentile} · within", WITHIN


def _step_node(path, index: int, step, component_names: dict[str, str]) -> Node:
    lines = [Line(text, bold=True) for text in wrap(step.name, 22, 2)]
    if step.component:
        lines.append(Line(shorten(component_names.get(step.component, step.component), 26), size=10, color=GREY))
    lines.append(Line(str(step.budget), size=11))
    return Node(
        id=f"path_{path.id}_step_{index}",
        lines=lines,
        tooltip=tooltip(step.name, component_names.get(step.component or "", step.component),
                        f"budget {step.budget}", step.notes),
        attrs={"id": f"step-{path.id}-{index}"},
    )


def _path_cluster(path, targets, component_names) -> tuple[Cluster, list[Edge]]:
    verdict, colour = _verdict(path, targets)
    cluster = Cluster(
        id=f"path_{path.id}",
        lines=[Line(shorten(f"{path.name} ({path.flow})", 80), size=13, bold=True),
               Line(verdict, size=11, color=colour)],
        tooltip=tooltip(path.name, path.description),
        attrs={"id": f"path-{path.id}", "bgcolor": PATH_FILL, "pencolor": colour if colour != GREY else "#AEB6BE"},
    )
    steps = path.steps
    previous: list[str] = []
    edges: list[Edge] = []
    for stage in stages(steps):
        nodes = [_step_node(path, i, steps[i], component_names) for i in stage]
        if len(stage) > 1:
            slowest = max((milliseconds(steps[i].budget) or 0.0) for i in stage)
            group = steps[stage[0]].parallel_group
            cluster.clusters.append(Cluster(
                id=f"path_{path.id}_group_{stage[0]}",
                lines=[Line(f"in parallel · slowest {format_ms(slowest)}", size=10, color=GREY)],
                tooltip=tooltip(f"parallel group {group}"),
                nodes=nodes,
                attrs={"bgcolor": GROUP_FILL, "style": "rounded,dashed"},
            ))
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
    targets = {target.operation: target for target in design.nfr.latency} if design.nfr else {}
    component_names = {component.id: component.name for component in architecture.components}
    for path in architecture.paths:
        cluster, edges = _path_cluster(path, targets, component_names)
        scene.clusters.append(cluster)
        scene.edges.extend(edges)
    return scene
