"""What a design page's section builders share: the page's path, its diagrams and rule links."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from designlint.site.collect import DesignEntry
from designlint.site.diagrams import VIEW_TITLES, Diagrams
from designlint.site.escape import Raw, text
from designlint.site.layout import RULES_SECTION, diagram_file, rule_page
from designlint.site.markdown import admonition, relative
from designlint.site.recompute import Numbers


@dataclass
class PageContext:
    entry: DesignEntry
    diagrams: Diagrams
    known_rules: frozenset[str]
    numbers: Numbers = field(default_factory=Numbers)
    """What the numbers engine recomputes for this design (empty when it cannot)."""

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
        """The view as an image, or a note saying why it is missing; empty when there is nothing to draw."""
        if view in self.diagrams.images:
            alt = f"{VIEW_TITLES[view]} diagram of {self.entry.name}"
            target = relative(diagram_file(self.page, view), from_page=self.page)
            # The image links to itself: a wide drawing is easier to read on its own.
            return f'[![{text(alt)}]({target}){{ .designlint-diagram }}]({target} "Open at full size")'
        if self.diagrams.unavailable:
            return admonition("note", "Diagram unavailable", str(text(self.diagrams.unavailable)))
        return ""
