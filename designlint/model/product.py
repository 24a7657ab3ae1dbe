"""Phases 1, 2 and 5: who the users are, what they do, what is in scope, what must happen, and what is assumed."""

from typing import Literal

from pydantic import Field, model_validator

from designlint.model.base import Identifier, Section, Text, TextList
from designlint.model.reference import ElementRef


class Metadata(Section):
    name: Identifier
    """Machine name of the design, unique within a repository."""
    title: Text | None = None
    """Human title shown on the site."""
    owners: list[Text] = []
    """Teams or people accountable for the design."""
    status: Literal["draft", "review", "approved", "implemented", "deprecated", "superseded"] = "draft"
    """Where the design is in its life.

    - ``draft``: still being written.
    - ``review``: ready for reviewers.
    - ``approved``: accepted; not yet built.
    - ``implemented``: what runs in production.
    - ``deprecated``: still true of production but being phased out.
    - ``superseded``: replaced by another design.
    """
    tags: list[Identifier] = []
    """Labels for finding the design on the site, e.g. ``[feed, caching, fan-out]``."""
    summary: Text | None = None
    """One paragraph a VP could read."""
    source: Text | None = None
    """Where the design comes from when it is transcribed from a write-up: a citation or a URL."""
    created: Text | None = None
    """When the design was started, e.g. ``2024-03-01``."""
    updated: Text | None = None
    """When the design last changed in substance, e.g. ``2024-05-20``."""
    reviewers: list[Text] = []
    """Who reviewed or is asked to review it, e.g. ``[staff-eng-platform, sre-lead]``."""


class Team(Section):
    id: Identifier = ""
    """How owners and components refer to the team, e.g. ``feed-team``; defaults to the id in ``ref``."""
    ref: ElementRef | None = None
    """The team as a shared team catalogue (``kind: TeamCatalog``) describes it, as
    ``catalog-name#team-id``, e.g. ``org-teams#feed-team``: name, responsibilities and on-call come from
    there instead of being repeated."""
    name: Text | None = None
    """The team's name as people say it, e.g. ``Feed team``."""
    responsibilities: Text | None = None
    """What the team owns and answers for, e.g. "feed serving, fan-out and the feed cache"."""
    oncall: Text | None = None
    """Who carries the pager and how to reach them."""

    @model_validator(mode="after")
    def _id_from_ref(self) -> "Team":
        if not self.id:
            if self.ref is None:
                raise ValueError("a team needs an id, or a ref to a team catalogue's team")
            self.id = self.ref.partition("#")[2]
        return self


class User(Section):
    id: Identifier
    """How use cases refer to this user, e.g. ``consumer``."""
    name: Text
    """Who they are, e.g. ``Feed consumers``."""
    type: Literal["human", "system", "operational"]
    """Human users, systems we integrate with, or the people who operate the system.

    - ``human``: people using the product, e.g. readers.
    - ``system``: another system that calls or feeds this one, e.g. an ads service.
    - ``operational``: the people who run it, e.g. SRE on call.
    """
    role: Literal["primary", "secondary"] = "secondary"
    """How much the design bends to them.

    - ``primary``: the users the design is optimised for.
    - ``secondary``: served, but not at the expense of the primary users.
    """
    description: Text | None = None
    """Who these users are and what they care about, in a sentence or two."""
    needs: TextList = []
    """What they need from the system, e.g. ``A relevant first page the moment the app opens``."""


class UseCase(Section):
    id: Identifier
    """A short id for the use case, e.g. ``load-home-feed``."""
    name: Text
    """The use case in a few words, e.g. ``Load home feed``."""
    category: Literal["core", "supporting", "edge"]
    """How central it is.

    - ``core``: what the system exists for; the architecture is shaped around it.
    - ``supporting``: needed, but not what the design is optimised for.
    - ``edge``: an unusual case the design must survive, e.g. a celebrity with 100M followers posting.
    """
    kind: Literal["interactive", "batch", "offline", "streaming"] = "interactive"
    """Which target fits it: a latency percentile for interactive use, a freshness or throughput
    target (``nfr.freshness``, ``nfr.throughput``) for batch and offline work, a freshness (lag)
    target for streaming.

    - ``interactive``: a person waits for the answer; give it a latency target.
    - ``batch``: runs on a schedule over a body of data; give it a freshness or throughput target.
    - ``offline``: runs apart from user traffic, e.g. model training; freshness or throughput.
    - ``streaming``: processes events as they arrive; give it a lag (freshness) target.
    """
    user: Identifier | None = None
    """The user (by id) this use case serves."""
    priority: Literal["P0", "P1", "P2", "P3"] | None = None
    """How much it matters, ``P0`` first.

    - ``P0``: must work for launch.
    - ``P1``: expected soon after.
    - ``P2``: nice to have.
    - ``P3``: later, if ever.
    """
    description: Text | None = None
    """What happens from the user's point of view, e.g. "opening the app shows a personalised first page"."""
    handling: Text | None = None
    """For edge cases: how the design handles it."""
    operations: list[Identifier] = []
    """Targeted operations (``nfr.latency``, ``nfr.freshness`` or ``nfr.throughput``, by
    ``operation``) this use case exercises."""


class OutOfScope(Section):
    item: Text
    """What is left out, e.g. ``Ad selection``."""
    reason: Text | None = None
    """Why it is left out, e.g. "owned by the ads team"."""


class Scope(Section):
    in_: TextList = Field(default=[], alias="in")
    """What this design covers, e.g. ``[home feed, publishing, fan-out]``."""
    out: list[OutOfScope] = []
    """What it deliberately does not cover, each with a reason."""


class Requirement(Section):
    id: Identifier
    """A short id for the requirement, e.g. ``feed-read``."""
    name: Text
    """The requirement in a few words, e.g. ``Read the home feed``."""
    flow: Literal["read", "write", "control"]
    """Which kind of flow it is.

    - ``read``: serves data to users, e.g. loading the feed.
    - ``write``: accepts data from users, e.g. publishing a post.
    - ``control``: changes how the system behaves, e.g. muting an account.
    """
    description: Text | None = None
    """The behaviour required, not its implementation: "visible within a minute", not "store in Cassandra"."""
    details: TextList = []
    """Finer points of the requirement, one per item."""
    use_cases: list[Identifier] = []
    """The use cases (by id) this requirement serves, e.g. ``[load-home-feed]``."""
    edge_cases: TextList = []
    """Edge cases the requirement must handle, e.g. "a reader who follows nobody"."""


class Assumption(Section):
    category: Literal["infrastructure", "service", "behavioural", "environmental"] | None = None
    """Infrastructure, service, behavioural or environmental.

    - ``infrastructure``: about the platform, e.g. "the cloud region has three zones".
    - ``service``: about another service, e.g. "the Content Service answers within 50 ms".
    - ``behavioural``: about how people behave, e.g. "most users open the app twice a day".
    - ``environmental``: about the world around, e.g. "traffic doubles on election nights".
    """
    statement: Text
    """What is assumed, e.g. "the Content Service answers 99.9% of reads within 50 ms"."""
    risk: Literal["low", "medium", "high"] | None = None
    """How badly the design suffers if the assumption is wrong.

    - ``low``: a tweak.
    - ``medium``: a component changes.
    - ``high``: the design needs rethinking.
    """
    validation: Text | None = None
    """How we would find out the assumption is wrong."""


class Simplification(Section):
    statement: Text
    """What was simplified, e.g. "one region only"."""
    why: Text | None = None
    """Why the simplification is reasonable."""
