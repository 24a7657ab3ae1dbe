"""``designlint site build`` / ``designlint site serve``: publish the designs as an MkDocs Material site."""

from __future__ import annotations

from pathlib import Path

import click

CONFIG_HELP = "The MkDocs configuration that uses the designlint plugin."
INSTALL_HINT = "pip install 'designlint[site]'"
# The packages the [site] extra brings; without any of them no site subcommand can work.
SITE_MODULES = ("mkdocs", "material", "diagrams")


def missing_site_module() -> str | None:
    """The first package of the [site] extra that cannot be imported, or None when all are there."""
    import importlib

    for name in SITE_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            return name
    return None


@click.group()
def site() -> None:
    """Publish designs as an MkDocs Material site (design pages, index, rule reference)."""
    missing = missing_site_module()
    if missing is not None:
        click.echo(
            f"designlint: the site commands need the [site] extra ({missing!r} is not installed); "
            f"install it with: {INSTALL_HINT}",
            err=True,
        )
        raise click.exceptions.Exit(2)


@site.command()
@click.option(
    "--config-file",
    "-f",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help=CONFIG_HELP,
)
@click.option(
    "--strict", is_flag=True, help="Fail on any warning: broken links, missing anchors, bad configuration."
)
@click.option(
    "--site-dir",
    "-d",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write the HTML here instead of the configured site_dir.",
)
@click.option(
    "--designs",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Design folders or files to publish instead of the ones mkdocs.yml names (repeatable).",
)
@click.option("--quiet", "-q", is_flag=True, help="Only warnings and errors.")
def build(config_file, strict, site_dir, designs, quiet):
    """Build the site (wraps 'mkdocs build'); diagrams are reused from the cache when unchanged."""
    import logging

    from designlint.site.build import build_site, show_mkdocs_log

    show_mkdocs_log(logging.WARNING if quiet else logging.INFO)
    report = build_site(config_file, strict=strict, site_dir=site_dir, designs=list(designs) or None)
    click.echo(
        f"designlint: site built in {_shown(report.site_dir)} ({report.designs} designs, {report.rules} rules; "
        f"diagrams drawn {report.diagrams_drawn}, reused {report.diagrams_reused}); "
        f"open {_shown(report.site_dir / 'index.html')}",
        err=True,
    )
    return 0


@site.command()
@click.option(
    "--config-file",
    "-f",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help=CONFIG_HELP,
)
@click.option(
    "--dev-addr", "-a", default=None, metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000)."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
def serve(config_file, dev_addr, open_browser):
    """Serve the site locally (wraps 'mkdocs serve'); it rebuilds when a design or page changes."""
    from designlint.site.build import serve_site, show_mkdocs_log

    show_mkdocs_log()
    serve_site(config_file, dev_addr=dev_addr, open_browser=open_browser)
    return 0


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
