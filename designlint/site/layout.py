"""Where generated pages and files live in the docs tree (paths relative to ``docs_dir``)."""

from __future__ import annotations

DESIGNS_SECTION = "designs"
RULES_SECTION = "rules"
DESIGNS_INDEX = f"{DESIGNS_SECTION}/index.md"
RULES_INDEX = f"{RULES_SECTION}/index.md"
ASSETS = "assets/designlint"


def rule_page(code: str) -> str:
    return f"{RULES_SECTION}/{code}.md"


def diagram_file(design_page: str, view: str) -> str:
    """``designs/newsfeed.md`` -> ``designs/newsfeed/architecture.svg`` (next to the built page)."""
    return f"{design_page[: -len('.md')]}/{view}.svg"


def icon_file(relative: str) -> str:
    """Where a diagram icon is stored once for the whole site (``relative``: its path under the icon root)."""
    return f"{ASSETS}/icons/{relative}"
