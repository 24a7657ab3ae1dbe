"""The organisation view: a service map across every design, a page per team, and who depends on each design.

Everything is read from the cross-design index each design's check leaves
(:mod:`designlint.analysis.org_index`) and from the designs' owners; pages are generated in a fixed
order (sorted names), so the same designs always give the same pages and the same map.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property

from designlint.analysis.org_index import OWNER, TEAM, DesignIndex, Reference
from designlint.site.escape import Raw, title_text
from designlint.site.markdown import blocks, bullets, code, heading, link, paragraph, table

ORGANISATION_SECTION = "organisation"
ORGANISATION_INDEX = f"{ORGANISATION_SECTION}/index.md"
SERVICE_MAP = f"{ORGANISATION_SECTION}/service-map.svg"
DEPENDED_ON_BY = "depended-on-by"


def team_page(slug: str) -> str:
    return f"{ORGANISATION_SECTION}/teams/{slug}.md"


@dataclass
class Team:
    id: str
    name: str
    page: str = ""
    designs: set[str] = field(default_factory=set)  # designs it owns (metadata.owners)
    components: set[tuple[str, str]] = field(default_factory=set)  # (design, component) it owns


@dataclass
class Organisation:
    """The designs of the site as one graph: who references whom, and which team owns what."""

    pages: dict[str, str]  # design name -> its page
    titles: dict[str, str]  # design name -> its title
    indexes: dict[str, DesignIndex]
    teams: dict[str, Team]
    dependents: dict[str, dict[str, set[str]]]  # provider -> dependent -> elements it uses

    @cached_property
    def owning_teams(self) -> dict[str, frozenset[str]]:
        """Design name -> the teams that own it (its metadata.owners), worked out once for every page."""
        owning: dict[str, set[str]] = {}
        for team in self.teams.values():
            for design in team.designs:
                owning.setdefault(design, set()).add(team.id)
        return {design: frozenset(teams) for design, teams in owning.items()}


def _service_refs(index: DesignIndex) -> list[Reference]:
    """References to another design's services (not to a catalogue's teams)."""
    return [ref for ref in index.references if ref.role not in (TEAM, OWNER) and ref.path[-1:] != ("team",)]


def _team_id(owner: str) -> str:
    return owner.partition("#")[2] if "#" in owner else owner


def _slug(team_id: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", team_id.lower()).strip("-") or "team"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def organisation(entries) -> Organisation:
    """The organisation of the site's designs (the first design of a name wins, as in ``check``)."""
    pages: dict[str, str] = {}
    titles: dict[str, str] = {}
    indexes: dict[str, DesignIndex] = {}
    teams: dict[str, Team] = {}
    for entry in entries:
        found = getattr(entry.result, "organisation", None)
        if found is None or found.design.name in indexes:
            continue
        index: DesignIndex = found.design
        indexes[index.name] = index
        pages[index.name] = entry.page
        titles[index.name] = entry.title
        for owner in entry.owners:
            team = teams.setdefault(_team_id(owner), Team(_team_id(owner), _team_id(owner)))
            team.designs.add(index.name)
        for team_id, name in index.teams.items():
            teams.setdefault(team_id, Team(team_id, name)).name = name
        for component, owner in index.owners.items():
            team = teams.setdefault(_team_id(owner), Team(_team_id(owner), _team_id(owner)))
            team.components.add((index.name, component))
    taken: set[str] = set()
    for team_id in sorted(teams):
        teams[team_id].page = team_page(_slug(team_id, taken))
    dependents: dict[str, dict[str, set[str]]] = {}
    for name, index in indexes.items():
        for ref in _service_refs(index):
            if ref.design != name:
                dependents.setdefault(ref.design, {}).setdefault(name, set()).add(ref.element)
    return Organisation(pages, titles, indexes, teams, dependents)


def _owner_of(org: Organisation, design: str, element: str) -> set[str]:
    """The teams answerable for an element: its component's owner, else the design's owners."""
    index = org.indexes.get(design)
    if index is None:
        return set()
    owner = index.owners.get(element)
    if owner:
        return {_team_id(owner)}
    return set(org.owning_teams.get(design, ()))


def service_map_dot(org: Organisation) -> str:
    """The DOT source of the service map: a node per design, an edge per design it references.

    Ids are generated (``d0``, ``d1``...), never taken from a design; labels are escaped.
    """
    from designlint.diagrams.draw import FONT, escape_html

    names = sorted(set(org.indexes) | set(org.dependents))
    ids = {name: f"d{number}" for number, name in enumerate(names)}
    lines = [
        "digraph service_map {",
        f'  graph [rankdir=LR, bgcolor="transparent", nodesep=0.4, ranksep=0.9, fontname="{FONT}"];',
        f'  node [shape=box, style="rounded,filled", fillcolor="#EEF1FB", color="#3F51B5", fontname="{FONT}", '
        "fontsize=11];",
        f'  edge [color="#7B8894", fontname="{FONT}", fontsize=9, arrowsize=0.7];',
    ]
    for name in names:
        if name in org.indexes:
            title = org.titles.get(name, name)
            label = f"<B>{escape_html(title)}</B>" + (
                f"<BR/><FONT POINT-SIZE='9'>{escape_html(name)}</FONT>" if title != name else ""
            )
            lines.append(f"  {ids[name]} [label=<{label}>];")
        else:  # referenced, but no design of the site has this name
            lines.append(
                f'  {ids[name]} [label=<{escape_html(name)}<BR/><I>not published</I>>, style="rounded,dashed", '
                'color="#B00020", fillcolor="white"];'
            )
    for provider in names:
        for dependent, elements in sorted(org.dependents.get(provider, {}).items()):
            calls = any(
                ref.calls
                for ref in _service_refs(org.indexes[dependent])
                if ref.design == provider and ref.element in elements
            )
            label = "<BR/>".join(escape_html(element) for element in sorted(elements))
            style = "solid" if calls else "dashed"
            lines.append(f"  {ids[dependent]} -> {ids[provider]} [label=<{label}>, style={style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _render_map(org: Organisation) -> bytes | None:
    from designlint.diagrams.render import RenderError, render_all

    try:
        return render_all({"service map": service_map_dot(org)}, "svg")["service map"]
    except RenderError:
        return None  # no Graphviz: the page says the map is not drawn


def _design_link(org: Organisation, name: str, from_page: str) -> Raw:
    page = org.pages.get(name)
    return link(org.titles.get(name, name), page, from_page=from_page) if page else code(name)


def _team_link(org: Organisation, team_id: str, from_page: str) -> Raw:
    team = org.teams.get(team_id)
    return link(team.name, team.page, from_page=from_page) if team else code(team_id)


def index_page(org: Organisation, drawn: bool) -> str:
    here = ORGANISATION_INDEX
    rows = []
    for name in sorted(org.indexes):
        uses = sorted({ref.design for ref in _service_refs(org.indexes[name]) if ref.design != name})
        used_by = sorted(org.dependents.get(name, {}))
        rows.append(
            (
                _design_link(org, name, here),
                Raw(", ".join(_design_link(org, other, here) for other in uses)) if uses else "—",
                Raw(", ".join(_design_link(org, other, here) for other in used_by)) if used_by else "—",
            )
        )
    the_map = (
        Raw('<img class="designlint-diagram designlint-service-map" src="service-map.svg" alt="Service map">')
        if drawn
        else Raw("*The service map is not drawn: Graphviz is not installed.*")
    )
    return blocks(
        heading(1, "Organisation"),
        paragraph(
            "Every design and the designs it references (an arrow points at the design whose element is "
            "used; solid when it is called synchronously)."
        ),
        heading(2, "Service map", "service-map"),
        paragraph(the_map),
        heading(2, "Designs", "designs"),
        table(("Design", "Depends on", "Depended on by"), rows),
        heading(2, "Teams", "teams"),
        bullets(_team_link(org, team_id, here) for team_id in sorted(org.teams)),
    )


def team_markdown(org: Organisation, team: Team) -> str:
    here = team.page
    depended: dict[str, set[str]] = {}
    for design in sorted(org.dependents):
        for dependent, elements in org.dependents[design].items():
            for element in elements:
                if team.id in _owner_of(org, design, element):
                    depended.setdefault(dependent, set()).add(f"{design}#{element}")
    owned = [
        Raw(f"{code(component)} in {_design_link(org, design, here)}")
        for design, component in sorted(team.components)
    ]
    # The page title as plain text in front matter: Material puts the H1, unescaped, in <title>.
    title = f"Team {team.id}" if team.name == team.id else team.name
    return f"---\ntitle: {json.dumps(title_text(title))}\n---\n\n" + blocks(
        heading(1, Raw(f"Team {code(team.id)}") if team.name == team.id else team.name),
        heading(2, "Designs it owns", "designs"),
        bullets(_design_link(org, design, here) for design in sorted(team.designs)) or "*None.*",
        heading(2, "Components it owns", "components"),
        bullets(owned) or "*None.*",
        heading(2, "Who depends on it", "dependents"),
        table(
            ("Design", "Uses"),
            [
                (_design_link(org, dependent, here), Raw(", ".join(code(e) for e in sorted(elements))))
                for dependent, elements in sorted(depended.items())
            ],
        )
        if depended
        else "*No other design references what this team owns.*",
    )


def depended_on_by(org: Organisation, name: str, page: str) -> str:
    """The section a design page ends with: the designs that reference it, and what they use."""
    dependents = org.dependents.get(name, {})
    body = (
        table(
            ("Design", "Uses"),
            [
                (_design_link(org, dependent, page), Raw(", ".join(code(e) for e in sorted(elements))))
                for dependent, elements in sorted(dependents.items())
            ],
        )
        if dependents
        else "*No other design references this one.*"
    )
    return blocks(heading(2, "Depended on by", DEPENDED_ON_BY), body)


def organisation_pages(entries, out: dict[str, str | bytes]) -> dict[str, str | bytes]:
    """The organisation's pages, and every design page in ``out`` with its "Depended on by" section."""
    org = organisation(entries)
    pages: dict[str, str | bytes] = {}
    for name in sorted(org.indexes):
        page = org.pages[name]
        existing = out.get(page)
        if isinstance(existing, str):
            pages[page] = blocks(existing.rstrip("\n"), depended_on_by(org, name, page)) + "\n"
    svg = _render_map(org)
    if svg is not None:
        pages[SERVICE_MAP] = svg
    pages[ORGANISATION_INDEX] = index_page(org, svg is not None)
    for team_id in sorted(org.teams):
        team = org.teams[team_id]
        pages[team.page] = team_markdown(org, team)
    return pages
