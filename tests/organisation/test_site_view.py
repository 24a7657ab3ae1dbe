"""The site's organisation view: who depends on whom, what each team owns, and a map with escaped labels."""

from __future__ import annotations

import shutil

from designlint.site.collect import collect
from designlint.site.pages.organisation import (
    depended_on_by,
    organisation,
    organisation_pages,
    service_map_dot,
    team_markdown,
)
from tests.conftest import ROOT

FOLDER = ROOT / "tests" / "data" / "organisation"


def _org(folder):
    return organisation(collect([folder], folder).designs)


def test_dependents_and_team_ownership_across_the_folder():
    org = _org(FOLDER)
    assert {provider: sorted(users) for provider, users in org.dependents.items()} == {
        "content": ["feed", "ranking"],
        "graph": ["feed", "notify", "ranking"],
        "notify": ["graph"],
        "search-platform": ["feed"],
        "ads-platform": ["ranking"],
    }
    assert org.dependents["content"]["ranking"] == {"content-service", "body-store"}
    ranking_team = org.teams["ranking-team"]
    assert ranking_team.components == {("ranking", "ranker")}
    assert "`ranker`" not in team_markdown(org, ranking_team)  # identifiers are shown as <code>, escaped
    assert "<code>ranker</code>" in team_markdown(org, ranking_team)
    section = depended_on_by(org, "content", "designs/content.md")
    assert "[ranking](ranking.md)" in section and "<code>body-store</code>" in section


def test_the_map_is_deterministic_and_escapes_what_designs_write(tmp_path):
    for name in ("content.yaml", "feed.yaml"):
        shutil.copy(FOLDER / name, tmp_path / name)
    feed = tmp_path / "feed.yaml"
    feed.write_text(
        feed.read_text(encoding="utf-8").replace(
            "  name: feed\n", '  name: feed\n  title: "<b onclick=x>Feed</b> \\"quoted\\" {label}"\n'
        ),
        encoding="utf-8",
    )
    feed.write_text(
        feed.read_text(encoding="utf-8").replace(
            "      kind: service\n", '      kind: service\n      owner: "<img src=x onerror=alert(1)>"\n', 1
        ),
        encoding="utf-8",
    )
    org = _org(tmp_path)
    (team,) = org.teams.values()
    assert team.page == "organisation/teams/img-src-x-onerror-alert-1.md"
    page = team_markdown(org, team)
    assert "&lt;img src=x onerror=alert&#40;1&#41;&gt;" in page and "<img" not in page
    dot = service_map_dot(org)
    assert dot == service_map_dot(_org(tmp_path))
    assert "&lt;b onclick=x&gt;Feed&lt;/b&gt; &quot;quoted&quot; {label}" in dot
    assert "<b onclick" not in dot
    # Node ids are generated, never a design's name.
    assert "d0 [label=" in dot and "feed [" not in dot


def test_pages_add_a_section_to_each_design_page_and_a_page_per_team():
    entries = collect([FOLDER], FOLDER).designs
    out: dict[str, str | bytes] = {entry.page: "# A design\n" for entry in entries}
    pages = organisation_pages(entries, out)
    assert all("## Depended on by" in str(pages[entry.page]) for entry in entries)
    # Teams the designs declare (ranking's two, through the catalogue) or own components as.
    assert {page for page in pages if page.startswith("organisation/teams/")} == {
        "organisation/teams/ranking-team.md",
        "organisation/teams/search-team.md",
    }
    assert "organisation/index.md" in pages
