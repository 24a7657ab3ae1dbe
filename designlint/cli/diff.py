"""``designlint diff``: what changed between two versions of a design, in review terms."""

from __future__ import annotations

from pathlib import Path

import click

from designlint import __version__
from designlint.errors import EXIT_CLEAN


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--git",
    "rev",
    metavar="REV",
    default=None,
    help="Compare every design changed since git revision REV with the working tree "
    "(PATHS then limit which files).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="Output format; markdown is ready for a pull-request comment.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Use this configuration file instead of searching upwards from each design.",
)
def diff(paths, rev, output_format, config_file):
    """Report what changed between two versions of a design: BASE HEAD, or --git REV [PATH...].

    In review terms: SLO, latency and availability targets tightened or loosened, the
    availability ceiling, DR tier, RPO and RTO, monthly and per-user cost, components and
    dependencies added or removed, migration phases that lost a rollback, and the findings
    introduced and fixed. Exits 0 once compared: it is a report; `check` is the gate.
    """
    from designlint.engine.session import CheckSession, Overrides
    from designlint.errors import UsageError
    from designlint.review import diff as review
    from designlint.review import render

    session = CheckSession(Overrides(config_file=config_file))
    if rev is not None:
        diffs = review.diff_git(session, rev, list(paths), Path.cwd())
        against = f"since {rev}"
    else:
        if len(paths) != 2:
            raise UsageError("diff compares two files (BASE HEAD), or the designs changed since --git REV")
        files = []
        for raw in paths:
            path = Path(raw)
            if not path.is_file():
                raise UsageError(f"no such file: {raw}" if not path.exists() else f"{raw} is not a file")
            files.append((path, path.as_posix()))
        (base, base_display), (head, head_display) = files
        diffs = [review.diff_files(session, base, base_display, head, head_display)]
        against = f"from {base_display}"
    from designlint.reporters import ci_log

    # Design text reaches every format; none may carry a CI workflow command (see ci_log).
    if output_format == "json":
        click.echo(ci_log.defuse(render.render_json(diffs, against, __version__), ci_log.JSON), nl=False)
    elif output_format == "markdown":
        click.echo(ci_log.defuse(render.render_markdown(diffs, against), ci_log.MARKDOWN), nl=False)
    else:
        click.echo(ci_log.defuse(render.render_text(diffs, against), ci_log.TEXT), nl=False)
    return EXIT_CLEAN
