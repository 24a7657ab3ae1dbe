"""``designlint score``: an honest read of a design against the L6 readiness checklist."""

from __future__ import annotations

from pathlib import Path

import click

from designlint import __version__
from designlint.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS


@click.command()
@click.argument("file", type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Use this configuration file instead of searching upwards from the design.",
)
def score(file, output_format, config_file):
    """Grade the substance of a design on the 11 checklist items (dimensions A-J).

    Each item earns a share from what the design shows (numbers that check out, failure
    scenarios with degradation and detection, rejected alternatives with reasons...), trimmed by
    the rules that found a problem, and is shown as Strong, Partial or Missing with its evidence
    and, for every gap, what a staff-level answer adds. A rule with nothing to check is never a
    pass; a finding suppressed with a reason is an accepted gap. Exits 0 once graded, 1 when the
    design has structural errors to fix first.
    """
    from designlint.cli.say import say
    from designlint.engine.discovery import discover
    from designlint.engine.session import CheckSession, Overrides
    from designlint.errors import UsageError
    from designlint.score.grade import score_file

    if _is_dir(Path(file)):
        raise UsageError(f"score grades one design file, and {file} is a folder")
    ((path, display),) = discover([file])
    session = CheckSession(Overrides(config_file=config_file))
    result, card = score_file(session, path, display)
    if card is None:
        from designlint.engine.runner import INTERNAL_ERROR, FileResult
        from designlint.reporters import REPORTERS, Report

        # Only what stops grading: structural findings, or the rule that crashed.
        shown = [f for f in result.findings if f.code == INTERNAL_ERROR or f.code.startswith("DL0")]
        blocking = FileResult(result.file, findings=shown, text=result.text)
        click.echo(
            REPORTERS["text"](
                Report(results=[blocking], ruleset=session.engine_for(path).ruleset, version=__version__)
            ),
            nl=False,
        )
        reason = "a rule failed" if result.internal_error else "the design does not validate"
        say(f"designlint: cannot grade {display}: {reason}; fix the findings above first")
        return EXIT_ERROR if result.internal_error else EXIT_FINDINGS
    from designlint.reporters import ci_log
    from designlint.score import render

    # Design text reaches every format; none may carry a CI workflow command (see ci_log).
    if output_format == "json":
        click.echo(ci_log.defuse(render.render_json(card, __version__), ci_log.JSON), nl=False)
    elif output_format == "markdown":
        click.echo(ci_log.defuse(render.render_markdown(card), ci_log.MARKDOWN), nl=False)
    else:
        click.echo(ci_log.defuse(render.render_text(card), ci_log.TEXT), nl=False)
    return EXIT_CLEAN


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name the system refuses (too long, say): not a folder; reading it says why
        return False
