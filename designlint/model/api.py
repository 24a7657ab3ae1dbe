"""API design: the contract that sets team boundaries."""

from __future__ import annotations

from typing import Literal

from designlint.model.base import Section, Text


class Endpoint(Section):
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE", "RPC", "STREAM"]
    path: Text
    description: Text | None = None
    idempotent: bool | None = None


class ApiDesign(Section):
    style: Literal["rest", "grpc", "graphql", "mixed"] | None = None
    rationale: Text | None = None
    pagination: Literal["cursor", "offset", "none"] | None = None
    pagination_notes: Text | None = None
    idempotency: Text | None = None
    error_contract: Text | None = None
    versioning: Text | None = None
    compatibility: Text | None = None
    endpoints: list[Endpoint] = []
