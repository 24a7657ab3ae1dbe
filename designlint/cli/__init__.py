"""The command line. Only this layer prints and decides exit codes."""

from __future__ import annotations

import sys

import click

from designlint import __version__
from designlint.cli.calc import calc
from designlint.cli.check import check
from designlint.cli.diagram import diagram
from designlint.cli.diff import diff
from designlint.cli.fix import fix
from designlint.cli.info import rule, rules, schema
from designlint.cli.new import new
from designlint.cli.score import score
from designlint.cli.site import site
from designlint.errors import EXIT_ERROR, DesignlintError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="designlint", message="%(prog)s %(version)s")
def cli() -> None:
    """Review system designs the way a staff engineer would.

    Exit codes: 0 clean, 1 findings, 2 usage or internal error.
    """


cli.add_command(check)
cli.add_command(schema)
cli.add_command(rules)
cli.add_command(rule)
cli.add_command(score)
cli.add_command(new)
cli.add_command(diff)
cli.add_command(diagram)
cli.add_command(site)
cli.add_command(calc)
cli.add_command(fix)


def main(argv: list[str] | None = None) -> int:
    try:
        returned = cli.main(args=argv, prog_name="designlint", standalone_mode=False)
    except DesignlintError as error:
        click.echo(error.format(), err=True)
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("designlint: aborted", err=True)
        return EXIT_ERROR
    except click.ClickException as error:
        error.show()
        return EXIT_ERROR if error.exit_code == 1 else error.exit_code
    except click.exceptions.Exit as exit_:
        return exit_.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: one line, never a traceback
        click.echo(f"designlint: internal error: {type(exc).__name__}: {exc} (please report this)", err=True)
        return EXIT_ERROR
    return returned if isinstance(returned, int) else 0


def run() -> None:
    sys.exit(main())
