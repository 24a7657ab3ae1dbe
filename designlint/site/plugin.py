"""The MkDocs plugin: design pages, the design index and the rule reference, generated at build time.

Add it to any MkDocs (Material) site::

    plugins:
      - search
      - tags
      - designlint:
          designs: designs          # folders or files, relative to mkdocs.yml

Nothing is written into the docs folder: pages and diagrams are virtual files (``File.generated``),
rebuilt from the designs on every build and on every change while ``mkdocs serve`` runs.
"""

from __future__ import annotations

import logging
import os
import re
from importlib import resources
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from designlint.site.layout import ASSETS

log = logging.getLogger("mkdocs.plugins.designlint")

REQUIRED_EXTENSIONS = ("tables", "attr_list", "md_in_html", "admonition", "toc")
ASSET_FILES = ("designlint.css", "designlint.js")
EPOCH_DATE = "1970-01-01"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


class DesignlintConfig(base.Config):
    designs = c.Type((str, list), default="designs")
    """Folders (searched for design files) or design files, relative to mkdocs.yml."""
    diagrams = c.Type(bool, default=True)
    """Draw the architecture, failure and request-path diagrams (needs Graphviz)."""
    cache_dir = c.Type(str, default="build/.diagram-cache")
    """Where drawn diagrams are kept between builds, by content hash ('' turns the cache off)."""
    edit_uri = c.Optional(c.Type(str))
    """Edit links for design files, relative to repo_url (like MkDocs' own edit_uri, but from the
    repository root); by default derived from edit_uri by dropping the docs folder."""
    reproducible = c.Type(bool, default=True)
    """Stamp pages with the designs' own dates instead of today, so the same designs build the same bytes."""


class DesignlintPlugin(BasePlugin[DesignlintConfig]):
    def __init__(self):
        self.root = Path.cwd()
        self.inputs = None
        self.stats: dict[str, int] = {}
        self._edit_urls: dict[str, str] = {}
        self._site_date = EPOCH_DATE

    # -- configuration ------------------------------------------------------------------------

    def sources(self) -> list[Path]:
        designs = self.config.designs
        paths = [designs] if isinstance(designs, str) else list(designs)
        return [(self.root / str(path)).resolve() for path in paths]

    def on_config(self, config):
        self.root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        if not config.repo_url and config.edit_uri and not re.match(r"^https?://", config.edit_uri):
            config.edit_uri = None  # no repository configured: no edit links to nowhere
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        from mkdocs.config.config_options import ExtraScriptValue

        css, js = f"{ASSETS}/designlint.css", f"{ASSETS}/designlint.js"
        if css not in config.extra_css:
            config.extra_css.append(css)
        if not any(str(script) == js for script in config.extra_javascript):
            config.extra_javascript.append(ExtraScriptValue(js))
        return config

    def on_serve(self, server, /, *, config, builder):
        for source in self.sources():
            if source.exists():
                server.watch(str(source))
        return server

    # -- pages --------------------------------------------------------------------------------

    def on_files(self, files: Files, /, *, config) -> Files:
        from designlint.errors import DesignlintError
        from designlint.site.pipeline import make_site

        def progress(done: int, total: int) -> None:
            log.info(f"designlint: checked {done} of {total} designs")

        cache = None
        if self.config.diagrams:
            from designlint.engine.cache_folder import CacheFolder
            from designlint.site.diagrams import DiagramCache

            folder = CacheFolder.at(self.root, self.config.cache_dir) if self.config.cache_dir else None
            cache = DiagramCache(folder)
        try:
            site = make_site(self.sources(), self.root, cache, config.use_directory_urls, progress)
        except DesignlintError as error:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"designlint: {error.format()}") from None
        self.inputs = site.inputs
        for uri, content in site.files.items():
            self._add(files, config, uri, content)
        for name in ASSET_FILES:
            data = resources.files("designlint.site").joinpath("assets").joinpath(name).read_bytes()
            self._add(files, config, f"{ASSETS}/{name}", data)
        self._edit_urls = self._design_edit_urls(config)
        self._site_date = self._latest_design_date()
        self.stats = {
            "designs": len(self.inputs.designs),
            "rules": len(list(self.inputs.ruleset)),
            "diagrams_drawn": cache.rendered if cache else 0,
            "diagrams_reused": cache.reused if cache else 0,
        }
        if (
            cache is not None
            and cache.missing_tools()
            and any(d.metadata is not None for d in self.inputs.designs)
        ):
            log.info(f"designlint: diagrams unavailable: {cache.missing_tools()}")
        if cache is not None and cache.problem is not None:
            # Not a warning: a planted link must not fail a --strict build; diagrams are drawn afresh.
            log.info(f"designlint: diagram cache not used: {cache.problem}")
        log.info(
            f"designlint: {self.stats['designs']} designs, {self.stats['rules']} rules; diagrams drawn "
            f"{self.stats['diagrams_drawn']}, reused from cache {self.stats['diagrams_reused']}"
        )
        return files

    def _add(self, files: Files, config, uri: str, content: str | bytes) -> None:
        existing = files.get_file_from_path(uri)
        if existing is not None:
            log.warning(f"designlint: '{uri}' in the docs folder is replaced by the generated page")
            files.remove(existing)
        files.append(File.generated(config, uri, content=content))

    # -- per-page adjustments -------------------------------------------------------------------

    def on_pre_page(self, page, /, *, config, files):
        edit_url = self._edit_urls.get(page.file.src_uri)
        if edit_url is not None:
            page.edit_url = edit_url
        if self.config.reproducible and "SOURCE_DATE_EPOCH" not in os.environ:
            page.update_date = self._site_date
        return page

    def on_post_page(self, output: str, /, *, page, config) -> str:
        from designlint.site.compact import compact_html

        return compact_html(output)

    def _edit_base(self, config) -> str | None:
        if self.config.edit_uri is not None:
            base_uri = self.config.edit_uri
        else:
            if not config.edit_uri or config.edit_uri_template:
                return None
            docs = Path(config.docs_dir).resolve()
            if not docs.is_relative_to(self.root):
                return None
            suffix = docs.relative_to(self.root).as_posix().strip("/") + "/"
            base_uri = config.edit_uri if config.edit_uri.endswith("/") else config.edit_uri + "/"
            if suffix != "./":
                if not base_uri.endswith(suffix):
                    return None
                base_uri = base_uri[: -len(suffix)]
        if not base_uri.endswith("/"):
            base_uri += "/"
        repo = config.repo_url
        if repo:
            return urljoin(repo if repo.endswith("/") else repo + "/", base_uri)
        return base_uri if re.match(r"^https?://", base_uri) else None

    def _design_edit_urls(self, config) -> dict[str, str]:
        """Generated page -> the edit link of the YAML (or rule pack) it shows, under the repository root."""
        base_url = self._edit_base(config)
        if base_url is None or self.inputs is None:
            return {}
        from designlint.site.escape import url_path
        from designlint.site.layout import rule_page

        urls = {}
        for entry in self.inputs.designs:
            if not Path(entry.display).is_absolute():
                urls[entry.page] = base_url + url_path(entry.display)
        for rule in self.inputs.ruleset:
            pack = Path(rule.source).resolve()
            if pack.is_relative_to(self.root):
                urls[rule_page(rule.code)] = base_url + url_path(pack.relative_to(self.root).as_posix())
        return urls

    def _latest_design_date(self) -> str:
        """The newest ``updated``/``created`` date among the designs: pages say that, not the build day."""
        dates = [
            value[:10]
            for entry in (self.inputs.designs if self.inputs else [])
            if entry.metadata is not None
            for value in (entry.metadata.updated, entry.metadata.created)
            if value and _ISO_DATE.match(value)
        ]
        return max(dates, default=EPOCH_DATE)
