"""One design's numbers, each analysis computed on first use and shared by every rule that needs it."""

from __future__ import annotations

from functools import cached_property

from designlint.units import month_seconds_of


class Numbers:
    """Everything recomputed from one design. Build it with :func:`numbers`."""

    def __init__(self, design):
        self.design = design
        self.month_seconds = month_seconds_of(design)
        self._impacts: dict = {}

    @cached_property
    def derivations(self):
        from designlint.analysis.derivations import derive

        return derive(self.design, self.month_seconds)

    @cached_property
    def month_uses(self):
        from designlint.analysis.conventions import month_uses

        return month_uses(self.design, self.month_seconds)

    @cached_property
    def budgets(self):
        from designlint.analysis.slo import error_budgets

        return error_budgets(self.design, self.month_seconds)

    @cached_property
    def components(self):
        from designlint.analysis.resilience import ComponentIndex

        return ComponentIndex(self.design)

    @cached_property
    def availability(self):
        from designlint.analysis.resilience import ceilings

        return ceilings(self.design, self.month_seconds, self.components)

    @cached_property
    def single_points_of_failure(self):
        from designlint.analysis.resilience import single_points_of_failure

        return single_points_of_failure(self.design, self.components)

    @cached_property
    def latency(self):
        from designlint.analysis.latency import path_latencies

        return path_latencies(self.design, self.month_seconds)

    @cached_property
    def capacity(self):
        from designlint.analysis.capacity import capacities

        return capacities(self)

    @cached_property
    def cost(self):
        from designlint.analysis.cost import cost_summary

        return cost_summary(self)

    @cached_property
    def dr(self):
        """What the disaster-recovery section gets wrong, read once for the rules that report each kind."""
        from designlint.analysis.dr import dr_findings

        return dr_findings(self.design)

    @cached_property
    def prose(self):
        from designlint.analysis.prose import analyse_prose

        return analyse_prose(self)

    @cached_property
    def design_index(self):
        """The light index the cross-design pass reads (its ``file`` left empty)."""
        from designlint.analysis.org_index import build_index

        return build_index(self.design, self.components)

    @cached_property
    def references(self):
        """Every ``design#element`` reference the design writes, in document order: read by the
        design index and by every cross-design rule asking whether it has anything to check."""
        from designlint.analysis.org_index import design_references

        return design_references(self.design)

    @cached_property
    def references_alone(self):
        """The design's references to other designs, resolved as if it were the only design in the run."""
        from designlint.analysis.organisation import resolve

        return tuple(resolve([self.design_index]))

    @cached_property
    def failure_impacts(self):
        """component id -> what its failure does, for every component, in document order."""
        components = self.design.architecture.components if self.design.architecture else []
        return {component.id: self.failure_impact(component.id) for component in components}

    @cached_property
    def _failure_graph(self):
        from designlint.analysis.graph import failure_graph

        return failure_graph(self.design)

    def failure_impact(self, component: str):
        """What ``component``'s failure does, computed for it alone: a check needs only a few of them."""
        if component not in self._impacts:
            self._impacts[component] = self._failure_graph.impact(component)
        return self._impacts[component]


def release(design) -> None:
    """Drop the analyses cached on ``design``: they refer back to it, a cycle that only the garbage
    collector would free, so a run over thousands of designs frees each as soon as it is done."""
    derived = getattr(design, "_derived", None)
    if derived:
        derived.clear()


def numbers(design) -> Numbers:
    """The Numbers of ``design``, computed once per design instance and shared by its rules."""
    # Every rule asks, many times per design: read the private attribute from pydantic's slot
    # rather than through the model's __getattr__, which costs a microsecond a time.
    private = getattr(design, "__pydantic_private__", None)
    derived = private.get("_derived") if private else None
    if derived is None:
        derived = design._derived
    found = derived.get("numbers")
    if found is None:
        found = derived["numbers"] = Numbers(design)
    return found
