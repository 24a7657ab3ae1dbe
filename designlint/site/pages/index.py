"""The index of all designs: status, owners, tags, checklist coverage and findings, sortable and filterable."""

from __future__ import annotations

from designlint.findings import Severity
from designlint.site.coverage import Coverage
from designlint.site.escape import Raw
from designlint.site.layout import DESIGNS_INDEX
from designlint.site.markdown import blocks, code, heading, link, paragraph, table

FILTER_BOX = (
    '<div class="designlint-filter">'
    '<input type="search" placeholder="Filter designs by name, status, owner or tag" '
    'aria-label="Filter designs" data-designlint-filter>'
    "</div>"
)


def _coverage_cell(cover: Coverage | None) -> Raw:
    if cover is None:
        return Raw("—")
    return Raw(
        f"{cover.percent} %<br>{len(cover.clean_dimensions)}/{len(cover.assessed_dimensions)} dimensions clean"
    )


def index_page(entries, covers: dict[str, Coverage | None]) -> str:
    rows = []
    for entry in entries:
        meta = entry.metadata
        design_cell = Raw(
            f"{link(entry.title, entry.page, from_page=DESIGNS_INDEX)}<br>{code(entry.display)}"
        )
        rows.append(
            (
                design_cell,
                Raw(f'<span class="designlint-status designlint-status-{meta.status}">{meta.status}</span>')
                if meta
                else "invalid",
                ", ".join(meta.owners) if meta else None,
                ", ".join(meta.tags) if meta else None,
                _coverage_cell(covers[entry.page]),
                entry.count(Severity.ERROR),
                entry.count(Severity.WARNING),
                entry.count(Severity.INFO),
                len(entry.result.suppressed),
            )
        )
    total = sum(len(entry.findings) for entry in entries)
    invalid = sum(1 for entry in entries if entry.metadata is None)
    lead = (
        f"{len(entries)} design{'s' if len(entries) != 1 else ''}, {total} open finding{'s' if total != 1 else ''}"
        + (f", {invalid} not yet valid" if invalid else "")
        + ". Click a column heading to sort; type to filter. Coverage is the share of the checklist rules "
        "that had something to check in a design which pass (a rule with nothing to check is not "
        "counted), and how many of the assessed dimensions A–J have no open findings."
    )
    if not entries:
        lead = "No designs found. Point the plugin's `designs` option at the folder that holds them."
    return (
        "---\nhide:\n  - navigation\n  - toc\n---\n\n"
        + blocks(
            heading(1, "Designs"),
            paragraph(lead) if entries else lead,
            FILTER_BOX if entries else "",
            table(
                [
                    "Design",
                    "Status",
                    "Owners",
                    "Tags",
                    "Coverage",
                    "Errors",
                    "Warnings",
                    "Infos",
                    "Suppressed",
                ],
                rows,
                css="designlint-index designlint-sortable",
            ),
        )
        + "\n"
    )
