"""Phases 1, 2 and 5: who the users are, what they do, what is in scope, what must happen, and what is assumed."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from designlint.model.base import Identifier, Section, Text, TextList


class Metadata(Section):
    name: Identifier
    """Machine name of the design, unique within a repository."""
    title: Text | None = None
    """Human title shown on the site."""
    owners: list[Text] = []
    """Teams or people accountable for the design."""
    status: Literal["draft", "review", "approved", "implemented", "deprecated", "superseded"] = "draft"
    tags: list[Identifier] = []
    summary: Text | None = None
    """One paragraph a VP could read."""
    source: Text | None = None
    """Where the design comes from when it is transcribed from a write-up: a citation or a URL."""
    created: Text | None = None
    updated: Text | None = None
    reviewers: list[Text] = []


class Team(Section):
    id: Identifier
    name: Text | None = None
    responsibilities: Text | None = None
    oncall: Text | None = None
    """Who carries the pager and how to reach them."""


class User(Section):
    id: Identifier
    name: Text
    type: Literal["human", "system", "operational"]
    """Human users, systems we integrate with, or the people who operate the system."""
    role: Literal["primary", "secondary"] = "secondary"
    description: Text | None = None
    needs: TextList = []


class UseCase(Section):
    id: Identifier
    name: Text
    category: Literal["core", "supporting", "edge"]
    user: Identifier | None = None
    """The user (by id) this use case serves."""
    priority: Literal["P0", "P1", "P2", "P3"] | None = None
    description: Text | None = None
    handling: Text | None = None
    """For edge cases: how the design handles it."""
    operations: list[Identifier] = []
    """Latency-targeted operations (``nfr.latency[].operation``) this use case exercises."""


class OutOfScope(Section):
    item: Text
    reason: Text | None = None


class Scope(Section):
    in_: TextList = Field(default=[], alias="in")
    out: list[OutOfScope] = []


class Requirement(Section):
    id: Identifier
    name: Text
    flow: Literal["read", "write", "control"]
    description: Text | None = None
    details: TextList = []
    use_cases: list[Identifier] = []
    edge_cases: TextList = []


class Assumption(Section):
    category: Literal["infrastructure", "service", "behavioural", "environmental"] | None = None
    """Infrastructure, service, behavioural or environmental."""
    statement: Text
    risk: Literal["low", "medium", "high"] | None = None
    validation: Text | None = None
    """How we would find out the assumption is wrong."""


class Simplification(Section):
    statement: Text
    why: Text | None = None
    """Why the simplification is reasonable."""
