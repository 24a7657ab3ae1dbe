"""One design as a design-review document: the five phases, then architecture to incidents, then the review."""

from __future__ import annotations

import json

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
    return front_matter(entry.title, design.metadata.tags) + body + "\n"


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
