"""Targets written without a number: qualitative NFRs and request-path steps without a budget.

Real write-ups say "high availability with minimal latency" and trace a request step by step
without timings. The format lets them be written down (``nfr.qualitative``, a step without
``budget``) so the rest of the design is checked; each rule here then asks for the number once
per design, naming the places it is missing.
"""

from __future__ import annotations

from collections.abc import Iterator

from designlint.checks import reads
from designlint.findings import Problem
from designlint.model.reference import is_element_ref

NAMED = 3
"""How many places a message names before "and N more"."""


def _named(labels: list[str]) -> str:
    shown = ", ".join(labels[:NAMED])
    return shown + (f" and {len(labels) - NAMED} more" if len(labels) > NAMED else "")


@reads("nfr")
def qualitative_target(design, options) -> Iterator[Problem]:
    targets = design.nfr.qualitative if design.nfr else []
    if not targets:
        return
    labels = [f"{target.aspect} '{_short(target.statement)}'" for target in targets]
    count = len(targets)
    yield Problem(
        ("nfr", "qualitative", 0),
        f"{count} target{'s are' if count > 1 else ' is'} stated without a number: {_named(labels)}",
        related=tuple(("nfr", "qualitative", i) for i in range(1, count)),
        hint="give each a number: a latency with a percentile (p99 under 200 ms), an availability "
        "objective (99.9% over 30 days), a throughput or a freshness bound",
    )


@reads("architecture")
def unbudgeted_path_step(design, options) -> Iterator[Problem]:
    if design.architecture is None:
        return
    missing: list[tuple[tuple, str]] = []
    for i, path in enumerate(design.architecture.paths):
        for j, step in enumerate(path.steps):
            # A step another design does (design#element) costs that design's p99 (DL605).
            if step.budget is None and not is_element_ref(step.component):
                missing.append(
                    (("architecture", "paths", i, "steps", j), f"'{_short(step.name)}' in '{path.id}'")
                )
    if not missing:
        return
    count = len(missing)
    yield Problem(
        missing[0][0],
        f"{count} request-path step{'s have' if count > 1 else ' has'} no latency budget: "
        f"{_named([label for _, label in missing])}; the path cannot be checked against its target",
        related=tuple(path for path, _ in missing[1:]),
        hint="give every step a budget (e.g. 20 ms for a cache read), so the steps add up to the "
        "path's latency target",
    )


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


CHECKS = {
    "qualitative-target": qualitative_target,
    "unbudgeted-path-step": unbudgeted_path_step,
}
