"""Dimension C over time: migrations, deployment safety and the evolution roadmap."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from designlint.model.base import Section, Text, TextList


class MigrationPhase(Section):
    name: Text
    action: Text | None = None
    risk: Literal["low", "medium", "high"] | None = None
    rollback: Text | None = None
    success_criteria: TextList = []
    duration: Text | None = None


class DataMigration(Section):
    strategy: Literal["none", "backfill", "dual-write", "cdc", "snapshot-restore", "replication"]
    """``replication``: the store's own (async) replication seeds the new copy."""
    description: Text | None = None


class Migration(Section):
    name: Text
    pattern: Literal["strangler-fig", "parallel-run", "big-bang", "feature-flag"] | None = None
    from_: Text | None = Field(default=None, alias="from")
    to: Text | None = None
    moves_data: bool = False
    phases: list[MigrationPhase] = []
    data_migration: DataMigration | None = None
    success_criteria: TextList = []
    timeline: Text | None = None
    risk_mitigation: TextList = []


class DeploymentPractice(Section):
    requirement: Text
    implementation: Text


class Deployment(Section):
    practices: list[DeploymentPractice] = []
    canary_stages: TextList = []
    rollback_trigger: Text | None = None


class EvolutionStep(Section):
    horizon: Text
    change: Text
    impact: Text | None = None
    trigger: Text | None = None
    """The signal that tells us it is time for this step."""


class Roadmap(Section):
    steps: list[EvolutionStep] = []
    themes: dict[Text, TextList] = {}
    """Feature themes by period, e.g. ``Year 1: [...]``."""
