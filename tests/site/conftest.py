"""One real site build (MkDocs, Material, the plugin, Graphviz) shared by the site's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DESIGNS, ROOT

HOSTILE = Path(__file__).parent / "data" / "hostile"


def build(site_dir: Path, designs: list[Path], **kwargs):
    from designlint.site.build import build_site

    return build_site(ROOT / "mkdocs.yml", strict=True, site_dir=site_dir, designs=designs, **kwargs)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site for ``designs/`` plus a hostile design, built with ``--strict``."""
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    site_dir = tmp_path_factory.mktemp("site")
    report = build(site_dir, [DESIGNS, HOSTILE], cache_dir=tmp_path_factory.mktemp("diagram-cache"))
    return report


@pytest.fixture(scope="session")
def page_html(built_site):
    def read(path: str) -> str:
        return (built_site.site_dir / path).read_text(encoding="utf-8")

    return read


# Design files named, and designs written, to break out of an attribute or a tag wherever the site
# puts them: the "Edit this page" link, headings, tables, the diagram, a rule page from a pack the
# repository brings. Created at test time (such names are not portable enough to commit).
HOSTILE_NAMES = (
    'x"><img src=x onerror=alert(1)>.yaml',
    "x'><img src=x onerror=window.__pwned='name'>.yaml",
    "<script>window.__pwned='script'<\u2215script>.yaml",
    "javascript:window.__pwned='url'.yaml",
)
HOSTILE_NAMED_DESIGN = """\
apiVersion: designlint/v1
kind: Design
metadata:
  name: named-{number}
  title: 'Title "><img src=x onerror="window.__pwned=`title`">'
  status: draft
architecture:
  components:
    - id: api
      name: '"><img src=x onerror="window.__pwned=`svg`"><script>window.__pwned="svg"</script>'
      kind: service
"""
HOSTILE_IDS_DESIGN = """\
apiVersion: designlint/v1
kind: Design
metadata:
  name: '"><img src=x onerror="window.__pwned=`id`">'
users:
  - id: "'><svg onload=\\"window.__pwned='user'\\">"
    name: reader
    type: human
"""
HOSTILE_PACK = """\
apiVersion: designlint/v1
kind: RulePack
metadata: {name: org-rules}
rules:
  - code: ORG001
    name: owners-required
    severity: warning
    given: $.metadata
    then: {schema: {required: [owners]}}
    message: 'every design names its owners <img src=x onerror="window.__pwned=`message`">'
    docs:
      what: 'Owners `<b>code</b>` <img src=x onerror="window.__pwned=`what`"> [link](javascript:window.__pwned=1)'
      why: "<script>window.__pwned = 'why'</script>"
      failing: "metadata: {name: x}\\n```\\n<script>window.__pwned = 'fence'</script>\\n"
      passing: "metadata: {name: x, owners: [me]}"
      fix: "{{ config.site_name }} <iframe src=\\"javascript:window.__pwned='fix'\\"></iframe>"
"""


@pytest.fixture(scope="session")
def hostile_names_site(tmp_path_factory):
    """A site whose repository is hostile: file names, ids, text and a rule pack, with edit links on."""
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    from designlint.site.build import build_site

    project = tmp_path_factory.mktemp("hostile-repository")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Designs\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Hostile repository\ndocs_dir: docs\nrepo_url: https://git.example.com/team/designs\n"
        "edit_uri: edit/main/docs/\ntheme:\n  name: material\n  font: false\n  features: [content.action.edit]\n"
        "plugins:\n  - search\n  - designlint:\n      designs: designs\n",
        encoding="utf-8",
    )
    designs = project / "designs"
    designs.mkdir()
    for number, name in enumerate(HOSTILE_NAMES):
        (designs / name).write_text(HOSTILE_NAMED_DESIGN.format(number=number), encoding="utf-8")
    (designs / "ids.yaml").write_text(HOSTILE_IDS_DESIGN, encoding="utf-8")
    (designs / "org.yaml").write_text(HOSTILE_PACK, encoding="utf-8")
    (designs / ".designlint.yaml").write_text("packs: [staff-checklist, org.yaml]\n", encoding="utf-8")
    return build_site(project / "mkdocs.yml", strict=True, site_dir=project / "site", cache_dir="")
