"""The whole design document (``apiVersion: designlint/v1``, ``kind: Design``)."""

from typing import Any, Literal

from pydantic import PrivateAttr

from designlint.model.api import ApiDesign
from designlint.model.architecture import Architecture
from designlint.model.base import Section, Text, TextList
from designlint.model.change import Deployment, Migration, Roadmap
from designlint.model.cost import Cost
from designlint.model.judgment import Decision, MentalModel, TradeOff
from designlint.model.nfr import NonFunctional
from designlint.model.operations import (
    CrossTeamDependency,
    DataInvariant,
    HumanErrorPattern,
    Observability,
    Runbook,
)
from designlint.model.product import (
    Assumption,
    Metadata,
    Requirement,
    Scope,
    Simplification,
    Team,
    UseCase,
    User,
)
from designlint.model.reliability import (
    CascadeProtection,
    DisasterRecovery,
    FailureScenario,
    Incident,
    MultiRegion,
    PartialFailure,
    Slo,
)
from designlint.model.scale import Scale

API_VERSION = "designlint/v1"


class Design(Section):
    """A system design, walked through the five phases and the staff-level dimensions."""

    api_version: Literal["designlint/v1"]
    """The version of the design format this file is written in; always ``designlint/v1``."""
    kind: Literal["Design"]
    """What this file is; always ``Design`` (rule packs say ``RulePack``)."""
    metadata: Metadata
    """Who owns the design and where it stands: name, title, owners, status, summary."""
    teams: list[Team] = []
    """The teams involved, each with an id that owners refer to, e.g. ``- {id: feed-team, name: Feed team}``."""
    users: list[User] = []
    """Who uses the system: people, the systems it integrates with and the people who operate it."""
    use_cases: list[UseCase] = []
    """What the users do with the system, core first, with the edge cases that drive the architecture."""
    scope: Scope | None = None
    """What this design covers (``in``) and what it deliberately leaves out (``out``, with a reason)."""
    requirements: list[Requirement] = []
    """What the system must do, as read, write and control flows stated as behaviour, e.g. "a new post is
    visible to followers within a minute"."""
    scale: Scale | None = None
    """The numbers: named quantities derived from a few inputs by formulas, peak multipliers, and how the
    load grows."""
    nfr: NonFunctional | None = None
    """How well the system must work: latency with percentiles, availability, consistency, durability and
    security."""
    tradeoffs: list[TradeOff] = []
    """Each trade-off as a choice with its price, e.g. freshness given up for read latency."""
    decisions: list[Decision] = []
    """Decisions worth recording, how reversible each is, and the alternatives that were rejected."""
    assumptions: list[Assumption] = []
    """What the design takes for granted about infrastructure, services, behaviour and environment, with how
    to find out it is wrong."""
    constraints: TextList = []
    """Givens the design must live with, e.g. "must run on the existing Kafka cluster"."""
    simplifications: list[Simplification] = []
    """What was simplified on purpose, and why that is reasonable for now."""
    architecture: Architecture | None = None
    """The components, the dependencies between them and the request paths through them."""
    failure_scenarios: list[FailureScenario] = []
    """What happens when each component fails: impact, how the system degrades, detection and what on-call
    does."""
    partial_failures: list[PartialFailure] = []
    """Failures that are neither up nor down (slow, flapping, half the shards), and how the system answers
    them."""
    cascade_protections: list[CascadeProtection] = []
    """What stops one failure spreading: circuit breakers, bulkheads, timeouts, load shedding and the like."""
    slos: list[Slo] = []
    """Service-level objectives users feel, each with its error budget and burn-rate alerts."""
    dr: DisasterRecovery | None = None
    """Disaster recovery: the tier, strategy, RPO and RTO, and how failover and failback work."""
    multi_region: MultiRegion | None = None
    """How the system runs across regions today and where it is heading, and what that changes per component."""
    migrations: list[Migration] = []
    """How the system gets from what runs today to this design, phase by phase, each with a way back."""
    invariants: list[DataInvariant] = []
    """Statements about the data that must always hold, with the mechanism that keeps each true."""
    cost: Cost | None = None
    """What the design costs per month, item by item, the total, cost per user and where it is heading."""
    cross_team_dependencies: list[CrossTeamDependency] = []
    """Services other teams own that this design relies on: contract, SLA, escalation and fallback."""
    observability: Observability | None = None
    """Metrics and alerts per component, tracing, logging and dashboards."""
    runbooks: list[Runbook] = []
    """What on-call does for each symptom, step by step; alerts refer to them by id."""
    deployment: Deployment | None = None
    """How changes reach production safely: practices, canary stages and what triggers a rollback."""
    human_errors: list[HumanErrorPattern] = []
    """Mistakes people are likely to make operating the system, what happens then, and the guard against
    each."""
    api: ApiDesign | None = None
    """The API that sets the team boundaries: style, pagination, idempotency, errors, versioning and
    endpoints."""
    evolution: Roadmap | None = None
    """How the design is expected to change: steps on a horizon with what triggers each."""
    incidents: list[Incident] = []
    """Past incidents (here or in similar systems) and the design changes they taught."""
    mental_models: list[MentalModel] = []
    """The ideas that carry the design, each in one line, e.g. "the feed is a cache of a query"."""
    notes: Text | None = None
    """Anything else a reviewer should know, as free text."""

    # Analyses derived from this design (the numbers every number rule reads), computed once per
    # instance; not part of the data, the schema or a dump.
    _derived: dict[str, Any] = PrivateAttr(default_factory=dict)
