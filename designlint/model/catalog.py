"""A shared team catalogue (``apiVersion: designlint/v1``, ``kind: TeamCatalog``).

Designs name its teams as ``catalog-name#team-id`` (in ``teams[].ref``, a component's ``owner`` or a
cross-team dependency's ``team``) instead of describing every team again.
"""

from typing import Literal

from designlint.model.base import Identifier, Section, Text
from designlint.model.product import Team


class CatalogMetadata(Section):
    name: Identifier
    """How designs refer to the catalogue, e.g. ``org-teams`` in ``org-teams#feed-team``."""
    title: Text | None = None
    """Human title shown on the site."""
    owners: list[Text] = []
    """Who keeps the catalogue up to date."""
    summary: Text | None = None
    """What the catalogue covers, in a sentence."""


class TeamCatalog(Section):
    """The teams of an organisation, described once for every design to reference."""

    api_version: Literal["designlint/v1"]
    """The version of the format this file is written in; always ``designlint/v1``."""
    kind: Literal["TeamCatalog"]
    """What this file is; always ``TeamCatalog``."""
    metadata: CatalogMetadata
    """The catalogue's name (what designs reference it by), title and owners."""
    teams: list[Team] = []
    """The teams, each with the id designs reference, e.g. ``- {id: feed-team, name: Feed team, oncall: ...}``."""
