"""The site as MkDocs builds it: every page generated, nothing written into the docs folder, same bytes twice."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from designlint.cli import main
from tests.conftest import DESIGNS, ROOT
from tests.site.conftest import HOSTILE, build

DESIGN_FILES = sorted(DESIGNS.glob("*.yaml"))


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_design_and_rule_has_a_page(built_site, page_html):
    from designlint.rulepacks.registry import load_ruleset

    for design in DESIGN_FILES:
        assert (built_site.site_dir / "designs" / design.stem / "index.html").is_file(), design.name
    index = page_html("designs/index.html")
    for design in DESIGN_FILES:
        assert f"designs/{design.name}" in index
    for rule in load_ruleset():
        assert f"{rule.code} {rule.name}" in page_html(f"rules/{rule.code}/index.html")
    assert built_site.designs == len(DESIGN_FILES) + 1


def test_generated_pages_are_never_written_into_the_docs_folder(built_site):
    written = {p.relative_to(ROOT / "site").as_posix() for p in (ROOT / "site").rglob("*")}
    assert not {name for name in written if name.startswith(("designs", "rules", "assets"))}


def test_newsfeed_page_reads_like_a_review(page_html):
    html = page_html("designs/newsfeed/index.html")
    headings = re.findall(r'<h2 id="([^"]+)"', html)
    expected = [
        "users-and-use-cases",
        "scope-and-requirements",
        "scale",
        "non-functional-requirements",
        "judgment",
        "architecture",
        "failure",
        "slos",
        "disaster-recovery",
        "migration",
        "invariants",
        "cost",
        "cross-team",
        "observability",
        "runbooks",
        "evolution",
        "incidents",
    ]
    assert [h for h in headings if h in expected] == expected, "sections follow the review order"
    assert headings.index("lint-findings") + 1 == headings.index("checklist-coverage")
    assert 'data="architecture.svg"' in html and 'data="failure.svg"' in html
    assert "<code>dau * sessions_per_user</code>" in unescape(html), "derived quantities show their formula"
    assert 'class="designlint-slos"' in html and "43.2 min" in html
    # This repository's mkdocs.yml names no repository unless DESIGNLINT_REPO_URL does: no edit links.
    assert 'title="Edit this page"' not in html and "md-source" not in html
    assert 'href="../../rules/DL' in html, "findings and coverage link to rule pages"


def test_each_long_section_folds_and_the_summary_leads_the_page(page_html):
    html = page_html("designs/newsfeed/index.html")
    folds = re.findall(
        r'<details class="designlint-section" open(?:="open")?>\s*<summary>\s*<h2 id="([^"]+)"', html
    )
    review_sections = {
        "teams",
        "architecture",
        "failure",
        "slos",
        "cost",
        "lint-findings",
        "checklist-coverage",
    }
    assert review_sections <= set(folds) and len(folds) >= 20, "each review section folds under its heading"
    assert html.index('class="designlint-summary"') < html.index("<h2")
    assert "changes required" in html and 'href="#lint-findings"' in html


def test_icons_are_published_once_and_every_drawing_finds_them(built_site):
    site = built_site.site_dir
    icons = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.png") if "icons" in path.parts)
    assert icons and all(path.startswith("assets/designlint/icons/") for path in icons)
    linked = set()
    for svg in site.glob("designs/*/*.svg"):
        text = svg.read_text(encoding="utf-8")
        assert "data:image" not in text, svg
        for href in re.findall(r'xlink:href="([^"#][^"]*)"', text):
            target = (svg.parent / href).resolve()
            assert target.is_file() and target.is_relative_to(site.resolve()), (svg, href)
            linked.add(target.relative_to(site.resolve()).as_posix())
    assert linked == set(icons), "every icon published is used, every icon used is published"


def test_edit_links_appear_when_a_repository_is_configured(tmp_path, monkeypatch):
    monkeypatch.setenv("DESIGNLINT_REPO_URL", "https://github.com/acme/designs")
    report = build(tmp_path / "site", [DESIGNS / "newsfeed.yaml"], cache_dir="")
    html = (report.site_dir / "designs" / "newsfeed" / "index.html").read_text(encoding="utf-8")
    edit = re.search(r'<a href="([^"]+)" title="Edit this page"', html)
    assert edit and edit[1] == "https://github.com/acme/designs/edit/main/designs/newsfeed.yaml"
    assert "md-source" in html


def test_tags_and_search_index_include_the_designs(page_html):
    assert "fan-out" in page_html("tags/index.html")
    assert "Publish flow service" in page_html("search/search_index.json")


def test_same_designs_build_the_same_bytes_and_reuse_their_diagrams(built_site, tmp_path):
    again = build(tmp_path / "again", [DESIGNS, HOSTILE], cache_dir=built_site.cache_dir)
    assert again.diagrams_drawn == 0 and again.diagrams_reused == built_site.diagrams_drawn > 0
    first, second = _tree(built_site.site_dir), _tree(again.site_dir)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_plain_material_site_adds_the_plugin(tmp_path, monkeypatch):
    """An existing site lists ``designlint`` under plugins; without Graphviz it still builds, and says so."""
    designs = tmp_path / "specs"
    designs.mkdir()
    (designs / "tiny.yaml").write_text(
        (DESIGNS / "newsfeed.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (designs / "broken.yaml").write_text(
        "apiVersion: designlint/v1\nkind: Design\nmetadata: {name: Broken!}\n"
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Team site\n\nSee [the designs](designs/index.md).\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Team\nsite_url: https://docs.example.com/\ntheme: {name: material}\n"
        "plugins:\n  - search\n  - designlint:\n      designs: specs\n      cache_dir: ''\n"
    )
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    from designlint.site.build import build_site

    report = build_site(tmp_path / "mkdocs.yml", strict=True)
    page = (report.site_dir / "designs" / "tiny" / "index.html").read_text(encoding="utf-8")
    assert "Diagram unavailable" in page and "Graphviz" in page
    broken = (report.site_dir / "designs" / "broken" / "index.html").read_text(encoding="utf-8")
    assert "Not a valid design yet" in broken
    sitemap = (report.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"1970-01-01"}, (
        "no build date in the output"
    )


def test_cli_builds_and_reports_a_missing_configuration(tmp_path, capsys):
    assert main(["site", "build", "-f", str(tmp_path / "missing.yml")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "no MkDocs configuration" in err


@pytest.mark.parametrize(
    "bad, says",
    [
        ("plugins:\n  - designlint:\n      designs: 5\n", "invalid MkDocs configuration"),
        ("plugins: [search]\n", "does not use the designlint plugin"),
    ],
)
def test_a_bad_mkdocs_configuration_is_one_clear_error(tmp_path, capsys, bad, says):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n" + bad)
    (tmp_path / "docs").mkdir()
    assert main(["site", "build", "-f", str(config), "-d", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err and says in err.splitlines()[-1]
