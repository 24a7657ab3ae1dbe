"""The rule-pack format: rules as data, each with its code, name, severity, dimensions and docs."""

from typing import Annotated, Any, Literal

from pydantic import Field

from designlint.model.base import Section, Text

RuleCode = Annotated[
    str, Field(pattern=r"^[A-Z]{1,6}[0-9]{3,4}$", description="Stable code, e.g. DL201; never reused.")
]
RuleName = Annotated[
    str, Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", description="Readable kebab-case name.")
]
Dimension = Literal["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]

DIMENSIONS: dict[str, str] = {
    "A": "Judgment & decision-making",
    "B": "Failure & incident thinking",
    "C": "Scale & time",
    "D": "Cost & sustainability",
    "E": "Real-world engineering",
    "F": "Learnability & memorability",
    "G": "Data, consistency & correctness",
    "H": "Security & compliance",
    "I": "Observability & debuggability",
    "J": "Cross-team & org impact",
}


class RuleDocs(Section):
    what: Text
    """What the rule checks."""
    why: Text
    """Why it matters in a staff-level review."""
    failing: Text
    """A design fragment (YAML) that triggers the rule."""
    passing: Text
    """The same fragment, fixed; it must not trigger the rule."""
    fix: Text | None = None
    """How to fix a finding."""
    notes: Text | None = None


class Assertion(Section):
    """Declarative ``then``: every selected node must satisfy the JSON Schema fragment."""

    schema_: dict[str, Any] = Field(alias="schema")
    field: Text | None = None
    """Point findings at this key of the selected node (defaults to the key the schema names)."""


class Grouping(Section):
    """Report one gap repeated across many items once per design, listing them."""

    message: Text
    """Message of the one finding; ``{count}`` and ``{items}`` (the first few, named) are filled in."""
    item: Text = "{id}"
    """How an item is named, from the mapping its finding points at: ``{id}``, ``{name}``..."""


class Rule(Section):
    code: RuleCode
    name: RuleName
    severity: Literal["error", "warning", "info"]
    dimensions: list[Dimension] = []
    message: Text
    """Finding message; ``{key}`` is replaced by that key's value on the selected node."""
    hint: Text | None = None
    given: Text | None = None
    """Selector of the nodes the rule applies to, e.g. ``$.slos[*]``. A declarative rule asserts
    ``then`` on each; a check names its subject with it, and is vacuous (not passed) on a design
    where it selects nothing."""
    where: dict[str, Any] | None = None
    """Only nodes that satisfy this JSON Schema fragment are selected."""
    then: Assertion | None = None
    check: Text | None = None
    """Name of a check implemented in designlint (rules that compute or walk the graph)."""
    engine: bool = False
    """Emitted by the engine itself (loading and structure), documented here like any rule."""
    options: dict[str, Any] = {}
    group: Grouping | None = None
    """When the rule fires on several items of one design, one finding lists them all (each
    location kept as a related location) instead of one finding per item."""
    docs: RuleDocs
    help_uri: Text | None = None


class PackMetadata(Section):
    name: RuleName
    description: Text | None = None


class RulePack(Section):
    api_version: Literal["designlint/v1"]
    kind: Literal["RulePack"]
    metadata: PackMetadata
    extends: list[Text] = []
    """Packs whose rules this pack includes: built-in names (``staff-checklist``) or paths relative to this file."""
    rules: list[Rule] = []
    overrides: dict[RuleCode, dict[str, Any]] = {}
    """Change the severity or options of an inherited rule, by code."""
