"""``designlint check``: the pre-merge gate."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from designlint import __version__
from designlint.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from designlint.findings import Severity

FORMATS = ["text", "json", "sarif", "github", "junit"]


def _use_color(option: bool | None) -> bool:
    if option is not None:
        return option
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _codes(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that fails the check (default from config, else warning).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Use this configuration file instead of searching upwards from each design.",
)
@click.option("--select", multiple=True, help="Only these rules (codes, prefixes, names or dimensions A-J).")
@click.option("--ignore", multiple=True, help="Skip these rules, in addition to the configuration.")
@click.option("--pack", "packs", multiple=True, help="Add a rule pack (built-in name or file).")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to a file instead of standard output.",
)
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when a terminal).")
@click.option("--no-source", is_flag=True, help="Text output without source lines and carets.")
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Hide the findings this baseline records, so only new ones fail (overrides 'baseline' in config).",
)
@click.option(
    "--write-baseline",
    "write_baseline",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[FILE]",
    help="Record the current findings as the baseline (in FILE, else --baseline, the configured "
    "baseline or designlint-baseline.json) and exit 0.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Check every file again instead of reusing the findings of unchanged ones (.designlint_cache/).",
)
@click.option(
    "--only-designs",
    is_flag=True,
    help="Skip named files that are not designs (for hooks that pass every YAML file).",
)
def check(
    paths,
    output_format,
    fail_on,
    config_file,
    select,
    ignore,
    packs,
    output,
    color,
    no_source,
    baseline_file,
    write_baseline,
    no_cache,
    only_designs,
):
    """Check design files (or folders of them) against the rule packs."""
    from designlint.cli.reporting import announce_baselines, enabled_codes, merged_ruleset
    from designlint.engine.baseline import hide_baselined, write_baselines
    from designlint.engine.discovery import discover
    from designlint.engine.session import CheckSession, Overrides
    from designlint.reporters import REPORTERS, Report

    files = discover(list(paths) or ["."])
    if not files:
        # Exit 0 like ruff, but say so: a CI job pointed at the wrong folder should not look green silently.
        click.echo(
            "designlint: warning: no design files found (YAML files with apiVersion: designlint/... "
            "and kind: Design)",
            err=True,
        )
    if only_designs:
        from designlint.engine.discovery import looks_like_design

        files = [(path, display) for path, display in files if looks_like_design(path)]
    overrides = Overrides(
        config_file=config_file,
        select=_codes(select) or None,
        extend_ignore=_codes(ignore),
        packs=[str(Path(p).resolve()) if p.endswith((".yaml", ".yml")) else p for p in packs],
    )
    session = CheckSession(overrides, keep_designs=False)
    if no_cache:
        results = session.check(files)
    else:
        from designlint.engine.cache import check_with_cache

        results = check_with_cache(session, files)

    def config_for(path: Path):
        return session.engine_for(path).config

    if write_baseline is not None:
        target = Path(write_baseline) if write_baseline else baseline_file
        announce_baselines(write_baselines(files, results, config_for, target), results)
        return EXIT_ERROR if any(result.internal_error for result in results) else EXIT_CLEAN
    results, baselined = hide_baselined(files, results, config_for, baseline_file)
    report = Report(
        results=results,
        ruleset=merged_ruleset(session, files),
        color=_use_color(color) and output is None,
        show_source=not no_source,
        version=__version__,
        enabled=enabled_codes(session, files) if output_format == "junit" else {},
        baselined=baselined,
    )
    reporter = REPORTERS[output_format]
    text = reporter(report)
    if output is not None:
        from designlint.fileio import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    if any(result.internal_error for result in results):
        return EXIT_ERROR
    failed = False
    for (path, _), result in zip(files, results):
        threshold = Severity(fail_on or session.engine_for(path).config.model.fail_on)
        failed = failed or any(f.severity.rank >= threshold.rank for f in result.findings)
    return EXIT_FINDINGS if failed else EXIT_CLEAN
