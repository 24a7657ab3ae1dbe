"""The architecture: diagram, components, dependencies, capacity, request paths, data model and API."""

from __future__ import annotations

from designlint.site.escape import Raw, text
from designlint.site.markdown import (
    blocks,
    bullets,
    code,
    columns,
    heading,
    labelled,
    paragraph,
    section,
    table,
)
from designlint.site.pages.context import PageContext
from designlint.site.recompute import verdict

_FLOW_TITLES = {"read": "Read path", "write": "Write path", "control": "Control path"}


def _component_cell(component) -> Raw:
    return Raw(f"**{text(component.name)}**<br>{code(component.id)}")


def _traits(component) -> list[str]:
    traits = []
    if component.user_facing:
        traits.append("user-facing")
    if component.external:
        traits.append("external")
    if component.replicas is not None:
        traits.append(f"{component.replicas} replicas")
    if component.shards is not None:
        traits.append(
            f"{component.shards} shards" + (f" by {component.shard_key}" if component.shard_key else "")
        )
    if component.availability is not None:
        traits.append(f"availability {component.availability}")
    return traits


def architecture(design, ctx: PageContext) -> str:
    architecture = design.architecture
    if architecture is None:
        return section(2, "Architecture", "architecture", always=True)
    components = architecture.components
    names = {c.id: c.name for c in components}
    component_table = columns(
        ["Component", "Kind", "Technology", "Owner", "Responsibility", "Traits"],
        components,
        [
            _component_cell,
            lambda c: c.kind,
            lambda c: c.technology,
            lambda c: c.owner,
            lambda c: c.responsibility or c.description,
            _traits,
        ],
    )
    notes = [blocks(f"**{text(c.name)}**", bullets(c.design_notes)) for c in components if c.design_notes]
    return section(
        2,
        "Architecture",
        "architecture",
        paragraph(architecture.summary),
        ctx.diagram("architecture"),
        section(3, "Components", "components", component_table),
        section(3, "Design notes", "component-notes", *notes),
        section(3, "Dependencies", "dependencies", dependencies(components, names)),
        section(3, "Capacity", "capacity", capacity(components, ctx)),
        section(
            3,
            "Request paths",
            "request-paths",
            ctx.diagram("paths"),
            *(request_path(path, names, ctx) for path in architecture.paths),
        ),
        section(3, "Data model", "data-model", bullets(architecture.data_model)),
        section(3, "API", "api", api(design.api)),
        always=True,
    )


def dependencies(components, names) -> str:
    rows = []
    for component in components:
        for dep in component.depends_on:
            guard = []
            if dep.timeout is not None:
                guard.append(f"timeout {dep.timeout}")
            if dep.circuit_breaker:
                guard.append("circuit breaker")
            rows.append(
                (
                    component.name,
                    names.get(dep.target, dep.target),
                    f"{dep.mode}, {dep.criticality}" + (f", {dep.protocol}" if dep.protocol else ""),
                    dep.purpose,
                    guard,
                    dep.fallback,
                )
            )
    return table(["Caller", "Calls", "How", "Purpose", "Guarded by", "When it fails"], rows)


def capacity(components, ctx: PageContext) -> str:
    sized = [c for c in components if c.capacity is not None]
    needed = ctx.numbers.capacity

    def worked_out(component):
        row = needed.get(component.id)
        if row is None:
            return None
        return Raw(f"{code(row['formula'])}<br>= {text(row['nodesNeeded'])} nodes ({text(row['status'])})")

    return columns(
        ["Component", "Per node", "Peak load", "Nodes", "Target utilisation", "Nodes needed at peak"],
        sized,
        [
            lambda c: c.name,
            lambda c: c.capacity.per_node,
            lambda c: c.capacity.load,
            lambda c: c.capacity.nodes,
            lambda c: c.capacity.target_utilisation,
            worked_out,
        ],
    )


def request_path(path, names, ctx: PageContext) -> str:
    steps = [
        (s.name, names.get(s.component, s.component), s.budget, s.parallel_group, s.notes) for s in path.steps
    ]
    if path.total is not None:
        steps.append((Raw("**Total (stated)**"), None, path.total, None, None))
    summed = ctx.numbers.paths.get(path.id)
    if summed is not None and summed.get("value") is not None:
        steps.append(
            (
                Raw("**Sum of the steps**"),
                None,
                verdict(summed["value"], summed["status"]),
                None,
                Raw(
                    f"{code(summed['formula'])}"
                    + (f"<br>target {text(summed['target'])}" if summed.get("target") else "")
                ),
            )
        )
    return blocks(
        heading(4, f"{_FLOW_TITLES[path.flow]}: {path.name}", f"path-{path.id}"),
        paragraph(path.description),
        labelled([("Latency target", Raw(f"{code(path.operation)}") if path.operation else None)]),
        table(["Step", "Component", "Budget", "Runs in parallel group", "Notes"], steps, drop_empty=True),
    )


def api(api) -> str:
    if api is None:
        return ""
    return blocks(
        labelled(
            [
                ("Style", api.style),
                ("Why", api.rationale),
                ("Pagination", api.pagination),
                ("Pagination notes", api.pagination_notes),
                ("Idempotency", api.idempotency),
                ("Errors", api.error_contract),
                ("Versioning", api.versioning),
                ("Compatibility", api.compatibility),
            ]
        ),
        columns(
            ["Method", "Path", "Description", "Idempotent"],
            api.endpoints,
            [lambda e: e.method, lambda e: code(e.path), lambda e: e.description, lambda e: e.idempotent],
        ),
    )
