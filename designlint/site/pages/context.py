"""What a design page's section builders share: the page's path, its diagrams and rule links."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cached_property

from designlint.site.collect import DesignEntry
from designlint.site.diagrams import VIEW_TITLES, Diagrams, drawing_size
from designlint.site.escape import Raw, text, url_path
from designlint.site.layout import RULES_SECTION, diagram_file, rule_page
from designlint.site.markdown import admonition, relative
from designlint.site.recompute import Numbers

MIN_SCALE = 0.8
"""The smallest a drawing is shown, as a share of its own size (labels stay at least 8 px)."""


@dataclass
class PageContext:
    entry: DesignEntry
    diagrams: Diagrams
    known_rules: frozenset[str]
    numbers: Numbers = field(default_factory=Numbers)
    """What the numbers engine recomputes for this design (empty when it cannot)."""
    directory_urls: bool = True
    """MkDocs' ``use_directory_urls``: whether this page is published as ``<name>/index.html``."""

    @property
    def page(self) -> str:
        return self.entry.page

    @cached_property
    def _rules_prefix(self) -> str:
        """The relative path from this page to the rule pages' folder (the same for every link)."""
        return relative(RULES_SECTION, from_page=self.page) + "/"

    def rule_link(self, code: str, label: str | None = None) -> Raw:
        if code not in self.known_rules:
            return text(label or code)
        return Raw(
            f"[{text(label or code)}]({self._rules_prefix}{rule_page(code)[len(RULES_SECTION) + 1 :]})"
        )

    def diagram(self, view: str) -> str:
        """The view as an embedded drawing, or a note saying why it is missing; empty when there is
        nothing to draw.

        An ``<object>``, not an ``<img>``: the drawing's icons are files of their own and its
        elements carry their full text as hover titles, which an image shows neither of. It is
        shown at its own size, never below :data:`MIN_SCALE` of it: a wider drawing scrolls in
        its frame instead of shrinking its labels out of reach.
        """
        if view in self.diagrams.images:
            svg = self.diagrams.images[view]
            alt = text(f"{VIEW_TITLES[view]} diagram of {self.entry.name}")
            published = diagram_file(self.page, view)
            # Raw HTML is not rewritten by MkDocs: the address is relative to the published page.
            page_folder = self.page[: -len(".md")] if self.directory_urls else posixpath.dirname(self.page)
            data = url_path(posixpath.relpath(published, page_folder or "."))
            size = drawing_size(svg)
            style = (
                f' style="width: clamp({round(size.width * MIN_SCALE)}px, 100%, {size.width}px); '
                f'aspect-ratio: {size.width} / {size.height}"'
                if size is not None
                else ""
            )
            target = relative(published, from_page=self.page)
            return (
                f'<div class="designlint-diagram-frame"><object class="designlint-diagram" '
                f'type="image/svg+xml" data="{data}" role="img" aria-label="{alt}"{style}>{alt}</object></div>'
                f"\n\n[Open the {text(VIEW_TITLES[view].lower())} diagram at full size]({target})"
                "{ .designlint-diagram-open }"
            )
        if self.diagrams.unavailable:
            return admonition("note", "Diagram unavailable", str(text(self.diagrams.unavailable)))
        return ""
