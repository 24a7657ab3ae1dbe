"""API design: the contract that sets team boundaries."""

from typing import Literal

from designlint.model.base import Section, Text


class Endpoint(Section):
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE", "RPC", "STREAM"]
    """The HTTP method, or how a non-HTTP call is made.

    - ``GET``: reads; safe to retry.
    - ``POST``: creates or triggers something.
    - ``PUT``: replaces a resource.
    - ``PATCH``: changes part of a resource.
    - ``DELETE``: removes a resource.
    - ``RPC``: a remote procedure call, e.g. gRPC.
    - ``STREAM``: a long-lived stream, e.g. server-sent events or a gRPC stream.
    """
    path: Text
    """The route or procedure, e.g. ``/v1/feed`` or ``FeedService.GetFeed``."""
    description: Text | None = None
    """What the endpoint does, e.g. "returns the next page of the caller's feed"."""
    idempotent: bool | None = None
    """Whether calling it twice has the same effect as once, so clients may retry, e.g. ``true``."""


class ApiDesign(Section):
    style: Literal["rest", "grpc", "graphql", "mixed"] | None = None
    """The API style.

    - ``rest``: resources over HTTP.
    - ``grpc``: typed procedures over HTTP/2.
    - ``graphql``: one endpoint, clients choose the fields.
    - ``mixed``: more than one, e.g. REST outside and gRPC inside.
    """
    rationale: Text | None = None
    """Why this style, e.g. "mobile clients need small, cacheable responses"."""
    pagination: Literal["cursor", "offset", "none"] | None = None
    """How long lists are paged.

    - ``cursor``: an opaque cursor marks where the next page starts; stable under inserts.
    - ``offset``: page by position; simple, but items shift when new ones arrive.
    - ``none``: lists are returned whole.
    """
    pagination_notes: Text | None = None
    """More about paging, e.g. "cursors expire after 24 h; 20 items per page"."""
    idempotency: Text | None = None
    """How retries are made safe, e.g. "clients send an Idempotency-Key on POST; kept for 24 h"."""
    error_contract: Text | None = None
    """How errors are reported, e.g. "RFC 9457 problem details with a retryable flag"."""
    versioning: Text | None = None
    """How versions are told apart, e.g. ``/v1/ in the path``."""
    compatibility: Text | None = None
    """What changes are allowed without a new version, e.g. "new optional fields only"."""
    endpoints: list[Endpoint] = []
    """The endpoints, e.g. ``- {method: GET, path: /v1/feed, idempotent: true}``."""
