"""Dimensions E, I and J: operating the system and working across teams."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from designlint.model.base import Identifier, Quantity, Section, Text, TextList


class Alert(Section):
    condition: Text
    """e.g. ``error rate > 1%``."""
    threshold: Quantity | None = None
    for_: Quantity | None = Field(default=None, alias="for")
    """How long the condition must hold before the alert fires, e.g. ``5 min``."""
    severity: Literal["page", "ticket", "info"] = "page"
    runbook: Identifier | None = None
    """The runbook (by id) on-call follows; required for paging alerts."""


class ComponentMetrics(Section):
    component: Identifier
    metrics: TextList = []
    alerts: list[Alert] = []


class Tracing(Section):
    context: TextList = []
    """Propagated identifiers, e.g. ``trace_id``."""
    description: Text | None = None


class Logging(Section):
    format: Text | None = None
    fields: TextList = []
    pii_policy: Text | None = None


class Observability(Section):
    metrics: list[ComponentMetrics] = []
    tracing: Tracing | None = None
    logging: Logging | None = None
    dashboards: TextList = []
    export: list[Literal["prometheus", "openslo"]] = []
    """Monitoring this design's SLOs are exported to (`designlint export`); each SLO then needs a `query`."""


class Runbook(Section):
    id: Identifier
    title: Text
    symptom: Text
    diagnosis: TextList = []
    mitigation: TextList = []
    escalation: TextList = []


class HumanErrorPattern(Section):
    pattern: Text
    what_happens: Text | None = None
    mitigation: Text | None = None


class CrossTeamDependency(Section):
    service: Text
    component: Identifier | None = None
    """The component (by id) in the architecture that stands for this service."""
    team: Text | None = None
    """Owning team."""
    contract: Text | None = None
    sla: Text | None = None
    escalation: Text | None = None
    fallback: Text | None = None


class DataInvariant(Section):
    name: Text
    statement: Text
    enforcement: Text | None = None
    """The mechanism that keeps the invariant true."""
