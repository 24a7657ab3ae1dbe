"""Dimensions E, I and J: operating the system and working across teams."""

from typing import Literal

from pydantic import Field

from designlint.model.base import Identifier, Quantity, Section, Text, TextList
from designlint.model.reference import LocalOrElementRef


class Alert(Section):
    condition: Text
    """e.g. ``error rate > 1%``."""
    threshold: Quantity | None = None
    """The value the condition compares with, e.g. ``1%``."""
    for_: Quantity | None = Field(default=None, alias="for")
    """How long the condition must hold before the alert fires, e.g. ``5 min``."""
    severity: Literal["page", "ticket", "info"] = "page"
    """What the alert does.

    - ``page``: wakes someone up; needs a runbook.
    - ``ticket``: opens a ticket for working hours.
    - ``info``: shows on dashboards only.
    """
    runbook: Identifier | None = None
    """The runbook (by id) on-call follows; required for paging alerts."""


class ComponentMetrics(Section):
    component: Identifier
    """The component (by id) the metrics are for, e.g. ``feed-service``."""
    metrics: TextList = []
    """What is measured, e.g. ``[request rate, error rate, p99 latency]``."""
    alerts: list[Alert] = []
    """The alerts on those metrics, each with a condition, severity and runbook."""


class Tracing(Section):
    context: TextList = []
    """Propagated identifiers, e.g. ``trace_id``."""
    description: Text | None = None
    """How requests are traced, e.g. "OpenTelemetry, 1% sampled, errors always kept"."""


class Logging(Section):
    format: Text | None = None
    """How logs are written, e.g. ``structured JSON``."""
    fields: TextList = []
    """Fields every log line carries, e.g. ``[trace_id, user_id_hash, route]``."""
    pii_policy: Text | None = None
    """What personal data logs may hold, e.g. "user ids hashed, no post text"."""


class Observability(Section):
    metrics: list[ComponentMetrics] = []
    """Metrics and alerts per component."""
    tracing: Tracing | None = None
    """How requests are traced across components."""
    logging: Logging | None = None
    """How and what the system logs."""
    dashboards: TextList = []
    """The dashboards on-call looks at, e.g. ``Feed health (Grafana)``."""
    export: list[Literal["prometheus", "openslo"]] = []
    """Monitoring this design's SLOs are exported to (`designlint export`); each SLO then needs a `query`.

    - ``prometheus``: Prometheus recording and alerting rules.
    - ``openslo``: OpenSLO documents.
    """


class Runbook(Section):
    id: Identifier
    """How alerts and SLOs refer to the runbook, e.g. ``feed-latency``."""
    title: Text
    """What the runbook is for, e.g. ``Feed latency spike``."""
    symptom: Text
    """What on-call sees that sends them here, e.g. "p99 feed load over 300 ms"."""
    diagnosis: TextList = []
    """How to find the cause, step by step."""
    mitigation: TextList = []
    """How to stop the bleeding, step by step, e.g. "switch ranking off (flag feed.ranking)"."""
    escalation: TextList = []
    """Who to call when the steps do not help, and when."""


class HumanErrorPattern(Section):
    pattern: Text
    """The mistake, e.g. ``Deploying a config with the wrong TTL``."""
    what_happens: Text | None = None
    """What the mistake does to the system and its users."""
    mitigation: Text | None = None
    """What guards against it, e.g. "config changes go through the canary like code"."""


class CrossTeamDependency(Section):
    service: Text
    """The other team's service, e.g. ``Content Service``."""
    component: LocalOrElementRef | None = None
    """The component (by id) in the architecture that stands for this service, or the service itself in
    another design as ``design-name#component-id``, e.g. ``content-platform#content-service``."""
    team: Text | None = None
    """The team that owns the service (by id when it is one of ``teams``, or as ``catalog-name#team-id``
    in a team catalogue), e.g. ``content-platform``."""
    contract: Text | None = None
    """What it promises this design, e.g. "post bodies by id, batch of 100"."""
    sla: Text | None = None
    """What the owning team commits to, e.g. ``99.95%, p99 under 50 ms``."""
    escalation: Text | None = None
    """How to reach the owning team when it breaks, e.g. their on-call channel."""
    fallback: Text | None = None
    """What this design does when the service is down, e.g. "show cached bodies"."""


class DataInvariant(Section):
    name: Text
    """The invariant in a few words, e.g. ``No orphan feed items``."""
    statement: Text
    """What must always hold, e.g. "every feed item points at a post that exists"."""
    enforcement: Text | None = None
    """The mechanism that keeps the invariant true."""
