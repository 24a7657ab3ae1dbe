"""The whole design document (``apiVersion: designlint/v1``, ``kind: Design``)."""

from __future__ import annotations

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
    kind: Literal["Design"]
    metadata: Metadata
    teams: list[Team] = []
    users: list[User] = []
    use_cases: list[UseCase] = []
    scope: Scope | None = None
    requirements: list[Requirement] = []
    scale: Scale | None = None
    nfr: NonFunctional | None = None
    tradeoffs: list[TradeOff] = []
    decisions: list[Decision] = []
    assumptions: list[Assumption] = []
    constraints: TextList = []
    simplifications: list[Simplification] = []
    architecture: Architecture | None = None
    failure_scenarios: list[FailureScenario] = []
    partial_failures: list[PartialFailure] = []
    cascade_protections: list[CascadeProtection] = []
    slos: list[Slo] = []
    dr: DisasterRecovery | None = None
    multi_region: MultiRegion | None = None
    migrations: list[Migration] = []
    invariants: list[DataInvariant] = []
    cost: Cost | None = None
    cross_team_dependencies: list[CrossTeamDependency] = []
    observability: Observability | None = None
    runbooks: list[Runbook] = []
    deployment: Deployment | None = None
    human_errors: list[HumanErrorPattern] = []
    api: ApiDesign | None = None
    evolution: Roadmap | None = None
    incidents: list[Incident] = []
    mental_models: list[MentalModel] = []
    notes: Text | None = None

    # Analyses derived from this design (the numbers every number rule reads), computed once per
    # instance; not part of the data, the schema or a dump.
    _derived: dict[str, Any] = PrivateAttr(default_factory=dict)
