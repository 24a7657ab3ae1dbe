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
    from designlint.cli.say import say

    say(
        f"designlint: site built in {_shown(report.site_dir)} ({report.designs} designs, {report.rules} rules; "
        f"diagrams drawn {report.diagrams_drawn}, reused {report.diagrams_reused}); "
        f"open {_shown(report.site_dir / 'index.html')}"
    )
    return 0


@site.command()
@click.option("--force", is_flag=True, help="Replace files that already exist.")
@click.option(
    "--repo-url", default=None, help="The repository's web address, for edit links (default: git's origin)."
)
@click.option("--site-name", default="Design reviews", show_default=True, help="The site's title.")
def init(force, repo_url, site_name):
    """Write mkdocs.yml, docs/index.md and a CI workflow that publishes the designs of this repository."""
    import sys

    from designlint.site.init import DOCS_DIR, WORKFLOW, Repository, home_page, mkdocs_yml

    repository = _detected_repository()
    if repo_url is None and sys.stdin.isatty():
        repo_url = click.prompt(
            "Repository web address for edit links (empty for none)",
            default=repository.url or "",
            show_default=True,
        )
    if repo_url is not None:
        repository = Repository(url=repo_url.strip() or None, branch=repository.branch)
    files = {
        Path("mkdocs.yml"): mkdocs_yml(site_name, repository),
        Path(DOCS_DIR) / "index.md": home_page(site_name),
        Path(".github/workflows/design-site.yml"): WORKFLOW,
    }
    from designlint.cli.say import say
    from designlint.fileio import write_atomic

    existing = [path for path in files if path.exists() or path.is_symlink()]
    if existing and not force:
        names = ", ".join(path.as_posix() for path in existing)
        say(f"designlint: {names} already exist; nothing written (--force replaces them)")
        return 2

    for path, text in files.items():
        write_atomic(path, text)  # replaces a link that stands there, never writes through it
        say(f"designlint: wrote {path.as_posix()}")
    where = (
        f"edit links open {repository.url}" if repository.url else "no repository web address: no edit links"
    )
    click.echo(f"designlint: {where}; next: designlint site build", err=True)
    return 0


def _detected_repository():
    """The origin remote's web address and the current branch, when git knows them."""
    import subprocess

    from designlint.site.init import Repository, web_url

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", *args], capture_output=True, text=True, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None

    remote = git("remote", "get-url", "origin")
    branch = git("symbolic-ref", "--short", "HEAD") or "main"
    return Repository(url=web_url(remote) if remote else None, branch=branch)


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
