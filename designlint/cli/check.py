"""``designlint check``: the pre-merge gate."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import click

from designlint import __version__
from designlint.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from designlint.findings import Severity


def _codes(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_formats",
    multiple=True,
    metavar="FMT[:FILE]",
    help="Output format: text (default), json, sarif, github or junit; FMT:FILE writes that report "
    "to FILE. Repeat for several reports from one run.",
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
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary line and no warnings.")
@click.option(
    "--statistics", is_flag=True, help="Print how many findings each rule produced instead of the findings."
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when there are findings (errors of designlint itself still exit 2).",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="PATTERN",
    help="Skip files and folders matching these globs when walking folders (replaces 'exclude' in config).",
)
@click.option(
    "--extend-exclude",
    multiple=True,
    metavar="PATTERN",
    help="Skip these as well as the configured 'exclude' and 'extend-exclude'.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    help="Check files in this many processes (default 0: one per core; 1 checks in this process).",
)
@click.option("--watch", "-w", is_flag=True, help="Check again whenever a design or configuration changes.")
def check(paths, watch, **options):
    """Check design files (or folders of them) against the rule packs."""
    run = CheckRun(paths=tuple(paths) or (".",), **options)
    if watch:
        from designlint.cli.watch import watch_and_rerun

        return watch_and_rerun(run.paths, run.execute)
    return run.execute()


@dataclass
class CheckRun:
    """One ``check`` over the command line's paths and options."""

    paths: tuple[str, ...]
    output_formats: tuple[str, ...]
    fail_on: str | None
    config_file: Path | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    packs: tuple[str, ...]
    output: Path | None
    color: bool | None
    no_source: bool
    baseline_file: Path | None
    write_baseline: str | None
    no_cache: bool
    only_designs: bool
    quiet: bool
    statistics: bool
    exit_zero: bool
    exclude: tuple[str, ...]
    extend_exclude: tuple[str, ...]
    jobs: int

    def execute(self) -> int:
        code = _check(self)
        return EXIT_CLEAN if self.exit_zero and code == EXIT_FINDINGS else code


def _excluded(run: CheckRun, session, files: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """Drop files found in folders that match exclude patterns; files named explicitly stay."""
    from designlint.engine.exclusion import Exclusion

    config = session.engine_for(Path.cwd()).config
    patterns = list(run.exclude) if run.exclude else list(config.model.exclude or [])
    patterns += [*config.model.extend_exclude, *run.extend_exclude]
    exclusion = Exclusion(patterns, config.root if config.source else Path.cwd())
    if not exclusion:
        return files
    from designlint.fileio import resolved

    named = {resolved(p) for p in run.paths}
    return [
        (path, display) for path, display in files if resolved(path) in named or not exclusion.excludes(path)
    ]


def _check(run: CheckRun) -> int:
    from designlint.cli.outputs import parse_outputs, refuse_to_overwrite_input, use_color
    from designlint.cli.progress import Progress
    from designlint.cli.reporting import announce_baselines, enabled_codes, merged_ruleset, warn
    from designlint.engine.baseline import write_baselines
    from designlint.engine.discovery import discover
    from designlint.engine.parallel import check_files, default_jobs
    from designlint.engine.session import CheckSession, Overrides
    from designlint.reporters import Report, Totals

    outputs = parse_outputs(run.output_formats, run.output)
    for output in outputs:
        if output.file is not None:
            refuse_to_overwrite_input(output.file, list(run.paths))
    skipped: list = []
    files = discover(list(run.paths), skipped, catalogs=True)
    for file in skipped if not run.quiet else ():
        warn(f"{file.display} {file.reason}; skipped")
    if not files and not run.quiet:
        # Exit 0 like ruff, but say so: a CI job pointed at the wrong folder should not look green silently.
        click.echo(
            "designlint: warning: no design files found (YAML files with apiVersion: designlint/... "
            "and kind: Design)",
            err=True,
        )
    if run.only_designs:
        from designlint.engine.discovery import Header, design_header

        # A file that cannot be read stays: its check reports it (DL006) rather than passing it.
        files = [
            (path, display)
            for path, display in files
            if design_header(path, catalogs=True) is not Header.OTHER
        ]
    overrides = Overrides(
        config_file=run.config_file,
        select=_codes(run.select) or None,
        extend_ignore=_codes(run.ignore),
        packs=[str(Path(p).resolve()) if p.endswith((".yaml", ".yml")) else p for p in run.packs],
    )
    session = CheckSession(overrides, keep_designs=False)
    files = _excluded(run, session, files)
    progress = Progress("checked", len(files), enabled=None if not run.quiet else False)
    try:
        checked = check_files(
            overrides,
            files,
            jobs=run.jobs or default_jobs(),
            use_cache=not run.no_cache,
            on_progress=progress.update,
            session=session,
        )
    finally:
        progress.close()
    results = checked.results  # packed: each result is unpacked while it is read
    results.resolve_across_designs(files, session.engine_for)
    for problem in checked.cache_problems if not run.quiet else ():
        warn(f"result cache not used: {problem}")

    def config_for(path: Path):
        return session.engine_for(path).config

    if run.write_baseline is not None:
        target = Path(run.write_baseline) if run.write_baseline else run.baseline_file
        written = write_baselines(files, results, config_for, target)  # reads one result at a time
        announce_baselines(written, results.failed())
        return EXIT_ERROR if results.internal_error else EXIT_CLEAN
    baselined = _hide_baselined(files, results, config_for, run.baseline_file)
    ruleset = merged_ruleset(session, files)
    junit = any(output.format == "junit" for output in outputs)
    configs = [config_for(path) for path, _ in files]
    thresholds = {
        display: Severity(run.fail_on or config.model.fail_on) for (_, display), config in zip(files, configs)
    }
    # One pass over the counts for the summary and the exit code, so no report needs every result
    # at once.
    totals = Totals()
    failed = False
    for number, (_, display) in enumerate(files):
        tally = results.tally(number)  # counted where it was checked: nothing is unpacked
        totals.add_tally(tally)
        failed = failed or tally.worst >= thresholds[display].rank
    site_url = next((config.model.site_url for config in configs if config.model.site_url), None)
    for output in outputs:
        report = Report(
            results=results,
            ruleset=ruleset,
            color=use_color(run.color, sys.stdout.isatty()) and output.file is None,
            show_source=not run.no_source,
            version=__version__,
            enabled=enabled_codes(session, files) if junit else {},
            baselined=baselined,
            quiet=run.quiet,
            fail_on=thresholds,
            site_url=site_url,
            totals=totals,
        )
        if run.statistics and output.format == "text":
            from designlint.reporters.statistics import render as statistics

            chunks: Iterable[str] = (statistics(report),)
        else:
            chunks = _rendered(output.format, report)
        if output.file is not None:
            from designlint.fileio import write_atomic

            write_atomic(output.file, _batched(chunks))
        else:
            for text in _batched(chunks):
                # click strips colour when stdout is not a terminal unless told otherwise (FORCE_COLOR).
                click.echo(text, nl=False, color=report.color or None)
    if results.internal_error:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def _hide_baselined(files: list[tuple[Path, str]], results, config_for, option: Path | None) -> int:
    """Hide the findings each file's baseline records, replacing its result; how many were hidden.

    Like ``hide_baselined``, but one result at a time, so a run's results never all come alive.
    """
    from designlint.engine.baseline import BaselineFilter

    baselines = BaselineFilter(config_for, option)
    hidden = 0
    for number, (path, _) in enumerate(files):
        if not baselines.applies(path):
            continue
        result, count = baselines.hide(path, results[number])
        if count:
            results[number] = result
            hidden += count
    return hidden


def _rendered(output_format: str, report) -> Iterable[str]:
    """The report in pieces of whole lines, as it is rendered."""
    if output_format == "text":
        from designlint.reporters.text import render_chunks as text_chunks

        return text_chunks(report)
    if output_format == "json":
        from designlint.reporters.json_report import render_chunks as json_chunks

        return json_chunks(report)
    if output_format == "sarif":
        from designlint.reporters.sarif import render_chunks as sarif_chunks

        return sarif_chunks(report)
    if output_format == "github":
        from designlint.reporters.github import render_chunks as github_chunks

        return github_chunks(report)
    from designlint.reporters.junit import render_chunks as junit_chunks

    return junit_chunks(report)


STREAM_CHUNK = 1 << 16  # characters written at a time: few writes, and never the whole report in memory


def _batched(chunks: Iterable[str]) -> Iterator[str]:
    """Pieces of a report joined into writes of about STREAM_CHUNK characters."""
    pending: list[str] = []
    size = 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size >= STREAM_CHUNK:
            yield "".join(pending)
            pending, size = [], 0
    if pending:
        yield "".join(pending)
