"""Every generated file of the site, as docs-relative path -> content (Markdown text or SVG bytes)."""

from __future__ import annotations

from designlint.site.collect import SiteInputs
from designlint.site.coverage import coverage
from designlint.site.diagrams import DiagramCache, Diagrams, place_icons
from designlint.site.layout import DESIGNS_INDEX, RULES_INDEX, diagram_file, rule_page
from designlint.site.pages.context import PageContext
from designlint.site.pages.design import design_page
from designlint.site.pages.index import index_page
from designlint.site.pages.organisation import organisation_pages
from designlint.site.pages.rules import fired_counts, rule_page_markdown, rules_index
from designlint.site.recompute import Numbers, numbers_for


def generate(
    inputs: SiteInputs, cache: DiagramCache | None, directory_urls: bool = True
) -> dict[str, str | bytes]:
    """Pages in a fixed order, so the same designs always give the same site."""
    out: dict[str, str | bytes] = {}
    known = frozenset(rule.code for rule in inputs.ruleset)
    covers = {}
    if cache is not None:
        cache.draw_ahead([entry.design for entry in inputs.designs if entry.design is not None])
    for entry in inputs.designs:
        diagrams = (
            cache.diagrams(entry.design) if cache is not None and entry.design is not None else Diagrams()
        )
        cover = covers[entry.page] = coverage(entry)
        numbers = numbers_for(entry.design, entry.name) if entry.design is not None else Numbers()
        out[entry.page] = design_page(PageContext(entry, diagrams, known, numbers, directory_urls), cover)
        for view, svg in diagrams.images.items():
            published_at = diagram_file(entry.page, view)
            out[published_at] = place_icons(svg, published_at)
    if cache is not None:
        out.update(sorted(cache.icons.items()))
    out.update(organisation_pages(inputs.designs, out))
    out[DESIGNS_INDEX] = index_page(inputs.designs, covers)
    fired = fired_counts(inputs.designs)
    out[RULES_INDEX] = rules_index(inputs.ruleset, inputs.designs, fired)
    for rule in inputs.ruleset:
        out[rule_page(rule.code)] = rule_page_markdown(rule, inputs.designs, fired.get(rule.code))
    return out
