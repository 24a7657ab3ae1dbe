"""``designlint site init``: the files a repository needs to publish its designs as a site.

Only text is produced here (a configuration, a home page, a CI workflow); the command writes them,
never over an existing file unless told to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# git@host:owner/name(.git) and ssh://git@host/owner/name(.git) -> https://host/owner/name
_SCP_REMOTE = re.compile(r"^[\w.-]+@([\w.-]+):(?!/)(.+?)(?:\.git)?/?$")
_URL_REMOTE = re.compile(r"^(?:ssh|https?|git)://(?:[^@/]+@)?([\w.-]+)(?::\d+)?/(.+?)(?:\.git)?/?$")
DOCS_DIR = "docs"


@dataclass(frozen=True)
class Repository:
    """Where the repository is browsed on the web, for edit links; both unknown when not detected."""

    url: str | None = None
    branch: str = "main"


def web_url(remote: str) -> str | None:
    """The web address of a git remote (HTTPS or SSH form), or None for anything else (a local path)."""
    remote = remote.strip()
    for pattern in (_SCP_REMOTE, _URL_REMOTE):
        match = pattern.match(remote)
        if match:
            return f"https://{match[1]}/{match[2]}"
    return None


def edit_uri(repository: Repository) -> str | None:
    """MkDocs' edit_uri for GitHub/GitLab-style hosts (edit/BRANCH/docs/), None without a repository."""
    if repository.url is None:
        return None
    if "gitlab" in repository.url:
        return f"-/edit/{repository.branch}/{DOCS_DIR}/"
    return f"edit/{repository.branch}/{DOCS_DIR}/"


def mkdocs_yml(site_name: str, repository: Repository) -> str:
    lines = [
        "# The design site: designlint finds every design in this repository and adds a page for each,",
        "# a design index and the rule reference. Build it with `designlint site build`.",
        f"site_name: {_quoted(site_name)}",
        f"docs_dir: {DOCS_DIR}",
        "site_dir: build/site",
    ]
    uri = edit_uri(repository)
    if repository.url is not None and uri is not None:
        lines += [f"repo_url: {_quoted(repository.url)}", f"edit_uri: {_quoted(uri)}"]
    features = [
        "navigation.tabs",
        "navigation.sections",
        "navigation.indexes",
        "navigation.top",
        "search.highlight",
    ]
    if repository.url is not None:
        features.append("content.action.edit")
    lines += [
        "",
        "theme:",
        "  name: material",
        "  font: false  # no web fonts fetched from outside: the site works offline",
        "  features:",
        *(f"    - {feature}" for feature in features),
        "  palette:",
        "    - media: '(prefers-color-scheme: light)'",
        "      scheme: default",
        "      primary: indigo",
        "      toggle: {icon: material/brightness-4, name: Switch to dark mode}",
        "    - media: '(prefers-color-scheme: dark)'",
        "      scheme: slate",
        "      primary: indigo",
        "      toggle: {icon: material/brightness-7, name: Switch to light mode}",
        "",
        "plugins:",
        "  - search",
        "  - designlint:",
        "      designs: .  # every design anywhere in the repository",
        "",
        "markdown_extensions:",
        "  - admonition",
        "  - attr_list",
        "  - md_in_html",
        "  - tables",
        "  - toc:",
        "      permalink: true",
        "",
    ]
    return "\n".join(lines)


def home_page(site_name: str) -> str:
    return f"""# {site_name}

The system designs of this repository, reviewed against the staff-level checklist. Every page
under Designs is generated from a design's YAML file, so it always says what the file says.

- **[Designs](designs/index.md)**: every design with its status, owners and open findings.
- **[Rules](rules/index.md)**: the checklist, one page per rule with why it matters and how to fix it.

Check a design before you push it:

```bash
designlint check .
designlint site serve
```
"""


WORKFLOW = """\
# Publishes the design site on GitHub Pages whenever a design changes on the default branch.
# DESIGNLINT_SPEC is where your organisation installs designlint from (a git URL with a tag,
# e.g. git+https://github.com/your-org/designlint@v0.1.0): set it as a repository variable.
name: design-site
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
jobs:
  site:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: sudo apt-get install -y graphviz
      - run: pip install "designlint[site] @ ${{ vars.DESIGNLINT_SPEC }}"
      - run: designlint site build --strict
      - uses: actions/upload-pages-artifact@v3
        with:
          path: build/site
      - uses: actions/deploy-pages@v4
"""


def _quoted(text: str) -> str:
    # A YAML double-quoted scalar: names and URLs may hold ':' or '#'.
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
