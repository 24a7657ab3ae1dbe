"""One design as a design-review document: the five phases, then architecture to incidents, then the review."""

from __future__ import annotations

import json

from designlint.findings import Severity
from designlint.site.coverage import Coverage
from designlint.site.escape import Raw, text, title_text
from designlint.site.markdown import admonition, blocks, code, heading, labelled, paragraph, section
from designlint.site.pages import architecture, numbers, operations, product, reliability, review
from designlint.site.pages.context import PageContext


def front_matter(title: str, tags: list[str]) -> str:
    """Front matter: the page title as plain text (see :func:`title_text`), tags for Material's tags
    plugin (identifiers: letters, digits, '-', '_', '.'), and no navigation sidebar, so wide tables
    and diagrams get the room."""
    tag_lines = ("tags:\n" + "".join(f"  - {json.dumps(tag)}\n" for tag in tags)) if tags else ""
    # A JSON string is a YAML double-quoted scalar: nothing in the title can end the front matter.
    return f"---\ntitle: {json.dumps(title_text(title))}\nhide:\n  - navigation\n{tag_lines}---\n\n"


def design_page(ctx: PageContext, cover: Coverage | None) -> str:
    entry, design = ctx.entry, ctx.entry.design
    if design is None:
        return (
            front_matter(entry.display, [])
            + blocks(
                heading(1, entry.display),
                admonition(
                    "failure",
                    "Not a valid design yet",
                    "designlint could not read this file as a design, so only the findings are shown. "
                    "Fix them and the full review page appears.",
                ),
                review.findings(ctx),
                review.coverage(ctx, cover),
            )
            + "\n"
        )
    body = blocks(
        heading(1, entry.title),
        summary_bar(ctx, cover),
        overview(ctx, cover),
        product.users_and_use_cases(design),
        product.scope_and_requirements(design),
        numbers.scale(design, ctx),
        numbers.non_functional(design),
        product.judgment(design),
        architecture.architecture(design, ctx),
        reliability.failure(design, ctx),
        reliability.slos(design, ctx),
        reliability.disaster_recovery(design),
        operations.migrations(design),
        operations.invariants(design),
        numbers.cost(design, ctx),
        operations.cross_team(design),
        operations.observability(design),
        operations.runbooks(design),
        operations.evolution(design),
        reliability.incidents(design),
        section(2, "Notes", "notes", paragraph(design.notes)),
        review.findings(ctx),
        review.coverage(ctx, cover),
    )
    return front_matter(entry.title, design.metadata.tags) + collapsible(body) + "\n"


def verdict(entry) -> tuple[str, str]:
    """(css modifier, words) for the page's one-line verdict, from the severities of its findings."""
    if entry.count(Severity.ERROR):
        return "error", "changes required"
    if entry.count(Severity.WARNING):
        return "warning", "open warnings"
    return "clean", "no errors or warnings"


def summary_bar(ctx: PageContext, cover: Coverage | None) -> str:
    """Verdict, checklist score and finding counts, kept in view while the page scrolls."""
    entry = ctx.entry
    modifier, words = verdict(entry)
    items = [
        f'<span class="designlint-verdict designlint-verdict-{modifier}">{text(words)}</span>',
        f'<a href="#lint-findings">{text(review.counts_phrase(entry))}</a>',
    ]
    if cover is not None and cover.rules_total:
        items.append(
            f'<a href="#checklist-coverage">checklist {cover.rules_passed}/{cover.rules_total} rules pass, '
            f"{len(cover.clean_dimensions)}/{len(cover.assessed_dimensions)} dimensions clean</a>"
        )
    status = entry.design.metadata.status if entry.design is not None else None
    if status:
        items.append(f'<span class="designlint-status designlint-status-{status}">{text(status)}</span>')
    return f'<div class="designlint-summary" role="status">{" ".join(items)}</div>'


SECTION_START = "## "


def collapsible(body: str) -> str:
    """Each second-level section folded into a ``<details>`` element, open by default.

    The heading stays a heading (its anchor, the table of contents and search keep working) and
    becomes the section's summary, so a reader folds what they have read. Design text never
    starts a line with '#' (:func:`designlint.site.escape.text` escapes it) and design pages hold
    no code blocks, so a line starting with '## ' is always one of the page's own headings.
    """
    out: list[str] = []
    inside = False
    for line in body.split("\n"):
        if line.startswith(SECTION_START):
            if inside:
                out += ["", "</details>", ""]
            out += [
                '<details class="designlint-section" open markdown="block">',
                '<summary markdown="block">',
                "",
                line,
                "",
                "</summary>",
                "",
            ]
            inside = True
        else:
            out.append(line)
    if inside:
        out += ["", "</details>"]
    return "\n".join(out)


def overview(ctx: PageContext, cover: Coverage | None) -> str:
    entry, meta = ctx.entry, ctx.entry.design.metadata
    status = Raw(f'<span class="designlint-status designlint-status-{meta.status}">{meta.status}</span>')
    facts = labelled(
        [
            ("Status", status),
            ("Owners", ", ".join(meta.owners) or None),
            ("Reviewers", ", ".join(meta.reviewers) or None),
            ("Created", meta.created),
            ("Updated", meta.updated),
            ("Source", code(entry.display)),
        ]
    )
    glance = [f"**Lint:** {review.counts_phrase(entry)} ([findings](#lint-findings))"]
    if cover is not None:
        glance.append(
            f"**Checklist:** {cover.rules_passed} of the {cover.rules_total} rules that had something to "
            f"check pass{cover.suppressed_note}, "
            f"{len(cover.clean_dimensions)} of {len(cover.assessed_dimensions)} dimensions clean "
            f"([coverage](#checklist-coverage))"
        )
    for label, value in reliability.summary_row(entry.design):
        glance.append(f"**{text(label)}:** {value}")
    return blocks(
        facts,
        paragraph(meta.summary),
        admonition("abstract", "Review at a glance", "  \n".join(glance)),
        product.teams(entry.design),
    )
