"""Dimension C over time: migrations, deployment safety and the evolution roadmap."""

from typing import Literal

from pydantic import Field

from designlint.model.base import Section, Text, TextList


class MigrationPhase(Section):
    name: Text
    """The phase in a few words, e.g. ``Phase 1: read replicas``."""
    action: Text | None = None
    """What is done in this phase, e.g. "add read replicas in US-East"."""
    risk: Literal["low", "medium", "high"] | None = None
    """How risky the phase is.

    - ``low``: a mistake is cheap and quickly undone.
    - ``medium``: a mistake hurts some users for a while.
    - ``high``: a mistake can lose data or take the system down.
    """
    rollback: Text | None = None
    """How to undo the phase if it goes wrong, e.g. "route reads back to US-West"."""
    success_criteria: TextList = []
    """What must be true before moving on, e.g. "replica lag under 1 s for a week"."""
    duration: Text | None = None
    """How long the phase takes, e.g. ``2 weeks``."""


class DataMigration(Section):
    strategy: Literal["none", "backfill", "dual-write", "cdc", "snapshot-restore", "replication"]
    """How the data gets to its new home.

    - ``none``: nothing is copied; the new store starts empty or the data stays where it is.
    - ``backfill``: a job copies existing data while new writes go to both or to the new store.
    - ``dual-write``: the application writes to both stores until the old one is retired.
    - ``cdc``: change data capture streams every change from the old store to the new one.
    - ``snapshot-restore``: a snapshot of the old store is restored into the new one.
    - ``replication``: the store's own (async) replication seeds the new copy.
    """
    description: Text | None = None
    """How the data is moved and checked, e.g. "backfill from snapshots, then compare row counts per shard"."""


class Migration(Section):
    name: Text
    """The migration in a few words, e.g. ``Move to multi-region``."""
    pattern: Literal["strangler-fig", "parallel-run", "big-bang", "feature-flag"] | None = None
    """How the old and new systems coexist.

    - ``strangler-fig``: the new system takes over piece by piece.
    - ``parallel-run``: both run and their results are compared before switching.
    - ``big-bang``: one cut-over.
    - ``feature-flag``: the new path is switched on gradually behind a flag.
    """
    from_: Text | None = Field(default=None, alias="from")
    """What runs today, e.g. ``single region (US-West)``."""
    to: Text | None = None
    """Where the migration ends, e.g. ``active-active in two regions``."""
    moves_data: bool = False
    """Whether data has to be copied or transformed; then ``dataMigration`` says how."""
    phases: list[MigrationPhase] = []
    """The phases in order, each with a rollback and success criteria."""
    data_migration: DataMigration | None = None
    """How the data moves, when the migration moves data."""
    success_criteria: TextList = []
    """What tells the migration is done and worked, e.g. "no reads served from US-West for 30 days"."""
    timeline: Text | None = None
    """When it happens, e.g. ``Q3-Q4``."""
    risk_mitigation: TextList = []
    """How the risks are kept small, one per item, e.g. "shadow traffic before every cut-over"."""


class DeploymentPractice(Section):
    requirement: Text
    """What a safe deployment needs, e.g. ``Roll back within five minutes``."""
    implementation: Text
    """How this design meets it, e.g. "blue/green deploys with the old fleet kept warm for an hour"."""


class Deployment(Section):
    practices: list[DeploymentPractice] = []
    """Deployment practices, each a requirement with how it is met."""
    canary_stages: TextList = []
    """The canary stages in order, e.g. ``[1% for 30 min, 10% for 2 h, 100%]``."""
    rollback_trigger: Text | None = None
    """What makes a rollout roll back, e.g. "p99 latency over 400 ms for five minutes"."""


class EvolutionStep(Section):
    horizon: Text
    """When the step is expected, e.g. ``Year 2``."""
    change: Text
    """What changes, e.g. "move ranking to a streaming model"."""
    impact: Text | None = None
    """What the change means for the architecture and the teams."""
    trigger: Text | None = None
    """The signal that tells us it is time for this step."""


class Roadmap(Section):
    steps: list[EvolutionStep] = []
    """The expected steps, each with a horizon and what triggers it."""
    themes: dict[Text, TextList] = {}
    """Feature themes by period, e.g. ``Year 1: [...]``."""
