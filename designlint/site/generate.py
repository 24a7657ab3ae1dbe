"""Every generated file of the site, as docs-relative path -> content (Markdown text or SVG bytes).

A design's own files (:func:`design_files`) depend on that design alone, so they can be made
anywhere, in any order; the site-wide pages (:func:`site_files`) read only the designs' summaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from designlint.rulepacks.registry import RuleSet
from designlint.site.collect import DesignEntry, SiteInputs
from designlint.site.coverage import Coverage, coverage
from designlint.site.diagrams import DiagramCache, Diagrams, place_icons
from designlint.site.layout import DESIGNS_INDEX, RULES_INDEX, diagram_file, rule_page
from designlint.site.pages.context import PageContext
from designlint.site.pages.design import design_page
from designlint.site.pages.index import index_page
from designlint.site.pages.organisation import organisation_pages
from designlint.site.pages.rules import fired_counts, rule_page_markdown, rules_index
from designlint.site.recompute import Numbers, numbers_for


@dataclass
class DesignFiles:
    """One design's share of the site: its page and drawings, and its coverage for the index."""

    files: dict[str, str | bytes] = field(default_factory=dict)
    coverage: Coverage | None = None


def design_files(
    entry: DesignEntry, cache: DiagramCache | None, known_rules: frozenset[str], directory_urls: bool = True
) -> DesignFiles:
    """The design's page, then its drawings (icons linked from where they are published)."""
    diagrams = cache.diagrams(entry.design) if cache is not None and entry.design is not None else Diagrams()
    cover = coverage(entry)
    numbers = numbers_for(entry.design, entry.name) if entry.design is not None else Numbers()
    made = DesignFiles(coverage=cover)
    made.files[entry.page] = design_page(
        PageContext(entry, diagrams, known_rules, numbers, directory_urls), cover
    )
    for view, svg in diagrams.images.items():
        published_at = diagram_file(entry.page, view)
        made.files[published_at] = place_icons(svg, published_at)
    return made


def site_files(
    designs: list[DesignEntry], made: list[DesignFiles], icons: dict[str, bytes], ruleset: RuleSet
) -> dict[str, str | bytes]:
    """Pages in a fixed order, so the same designs always give the same site: each design's files
    (``made``, in the order of ``designs``), the icons, then the pages about all designs."""
    out: dict[str, str | bytes] = {}
    covers = {}
    for entry, files in zip(designs, made):
        out.update(files.files)
        covers[entry.page] = files.coverage
    out.update(sorted(icons.items()))
    out.update(organisation_pages(designs, out))
    out[DESIGNS_INDEX] = index_page(designs, covers)
    fired = fired_counts(designs)
    out[RULES_INDEX] = rules_index(ruleset, designs, fired)
    for rule in ruleset:
        out[rule_page(rule.code)] = rule_page_markdown(rule, designs, fired.get(rule.code))
    return out


def known_rules(ruleset: RuleSet) -> frozenset[str]:
    """The codes a page may link to a rule page for."""
    return frozenset(rule.code for rule in ruleset)


def generate(
    inputs: SiteInputs, cache: DiagramCache | None, directory_urls: bool = True
) -> dict[str, str | bytes]:
    """Every file of the site, made in this process (diagrams not cached are drawn ahead on every core)."""
    known = known_rules(inputs.ruleset)
    if cache is not None:
        cache.draw_ahead([entry.design for entry in inputs.designs if entry.design is not None])
    made = [design_files(entry, cache, known, directory_urls) for entry in inputs.designs]
    return site_files(inputs.designs, made, cache.icons if cache is not None else {}, inputs.ruleset)
