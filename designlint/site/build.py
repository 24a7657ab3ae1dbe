"""Building and serving the site through MkDocs' own API, as ``mkdocs build`` / ``mkdocs serve`` do."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from designlint.errors import UsageError

DEFAULT_CONFIG = "mkdocs.yml"
_LOG_FORMAT = "%(levelname)-7s -  %(message)s"


class SiteBuildError(UsageError):
    """MkDocs could not build the site (a broken link under --strict, a bad mkdocs.yml): exit code 2."""


@dataclass
class BuildReport:
    site_dir: Path
    designs: int
    rules: int
    diagrams_drawn: int
    diagrams_reused: int
    cache_dir: Path | None


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (it may be replaced between builds)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.setStream(sys.stderr)
        super().emit(record)


def show_mkdocs_log(level: int = logging.INFO) -> None:
    """Print MkDocs' (and the plugin's) log lines the way the mkdocs command does, once."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(handler, _StderrHandler) for handler in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter(_LOG_FORMAT))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(level)


class _ConfigErrors(logging.Filter):
    """Keeps MkDocs' configuration errors for one clear message instead of letting it print them."""

    def __init__(self):
        super().__init__()
        self.messages: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            self.messages.append(record.getMessage())
            return False
        return True


def _load(config_file: str | Path, **overrides):
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    path = Path(config_file)
    if not path.is_file():
        raise UsageError(
            f"no MkDocs configuration at {path} (run from the repository root or pass --config-file)"
        )
    errors = _ConfigErrors()
    config_log = logging.getLogger("mkdocs.config")
    config_log.addFilter(errors)
    try:
        return load_config(config_file=str(path), **{k: v for k, v in overrides.items() if v is not None})
    except (ConfigurationError, Abort) as error:
        reason = "; ".join(errors.messages) or str(error).strip()
        raise SiteBuildError(f"invalid MkDocs configuration: {reason}", file=str(path)) from None
    finally:
        config_log.removeFilter(errors)


def _designlint_plugin(config):
    from designlint.site.plugin import DesignlintPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, DesignlintPlugin):
            return plugin
    return None


def build_site(
    config_file: str | Path = DEFAULT_CONFIG,
    *,
    strict: bool = False,
    site_dir: str | Path | None = None,
    designs: list[str | Path] | None = None,
    cache_dir: str | Path | None = None,
) -> BuildReport:
    """``mkdocs build`` (``--strict`` fails on any warning).

    ``designs`` replaces the plugin's design folders and ``cache_dir`` its diagram cache ('' for none).
    """
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    config = _load(config_file, strict=strict or None, site_dir=str(site_dir) if site_dir else None)
    plugin = _designlint_plugin(config)
    if plugin is None:
        raise SiteBuildError(
            f"{config_file} does not use the designlint plugin (add '- designlint' under plugins:)"
        )
    if designs:
        plugin.config.designs = [str(Path(d).resolve()) for d in designs]
    if cache_dir is not None:
        plugin.config.cache_dir = str(Path(cache_dir).resolve()) if str(cache_dir) else ""
    _refuse_to_empty_sources(config, plugin)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except Abort as error:
        raise SiteBuildError(f"the site was not built: {error.message.strip()}") from None
    except MkDocsException as error:
        raise SiteBuildError(f"the site was not built: {error}") from None
    finally:
        config.plugins.on_shutdown()
    stats = plugin.stats
    cache = plugin.config.cache_dir
    return BuildReport(
        Path(config.site_dir),
        stats.get("designs", 0),
        stats.get("rules", 0),
        stats.get("diagrams_drawn", 0),
        stats.get("diagrams_reused", 0),
        (plugin.root / cache) if cache else None,
    )


def _refuse_to_empty_sources(config, plugin) -> None:
    """MkDocs empties the site folder before writing it: that folder may hold nothing the user wrote
    (``--site-dir designs`` or ``-d .`` would delete the designs, the pages or the repository)."""
    site = Path(config.site_dir).resolve()
    root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    designs = plugin.config.designs
    sources = [root, Path(config.docs_dir).resolve()]
    sources += [(root / str(path)).resolve() for path in ([designs] if isinstance(designs, str) else designs)]
    for source in sources:
        if source == site or source.is_relative_to(site):
            raise SiteBuildError(
                f"refusing to build the site into {config.site_dir}: MkDocs empties that folder first, "
                f"and it holds {source.as_posix()}; choose a folder of its own (the default is build/site)"
            )


def serve_site(
    config_file: str | Path = DEFAULT_CONFIG, *, dev_addr: str | None = None, open_browser: bool = False
) -> None:
    """``mkdocs serve``: rebuilds and reloads the browser when a page or a design changes."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, MkDocsException

    _load(config_file)  # a clear error for a missing or broken configuration before the server starts
    try:
        serve(
            config_file=str(config_file),
            open_in_browser=open_browser,
            dev_addr=dev_addr or None,  # mkdocs leaves the configured address in place for None
        )
    except Abort as error:
        raise SiteBuildError(f"the site was not served: {error.message.strip()}") from None
    except MkDocsException as error:
        raise SiteBuildError(f"the site was not served: {error}") from None
