"""The command line. Only this layer prints and decides exit codes."""

from __future__ import annotations

import sys

import click

from designlint import __version__
from designlint.cli.say import say
from designlint.errors import EXIT_ERROR, DesignlintError

# Command name -> "module:attribute". Commands are imported only when run (or listed in --help),
# so `designlint check` does not pay for the diagram, site or numbers commands.
COMMANDS = {
    "check": "designlint.cli.check:check",
    "rules": "designlint.cli.info:rules",
    "rule": "designlint.cli.info:rule",
    "schema": "designlint.cli.info:schema",
    "calc": "designlint.cli.calc:calc",
    "fix": "designlint.cli.fix:fix",
    "diagram": "designlint.cli.diagram:diagram",
    "site": "designlint.cli.site:site",
    "score": "designlint.cli.score:score",
    "diff": "designlint.cli.diff:diff",
    "new": "designlint.cli.new:new",
    "export": "designlint.cli.export:export",
    "server": "designlint.cli.server:server",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on demand (the pattern click's docs describe)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and name not in COMMANDS and not name.startswith("-"):
            import difflib

            close = difflib.get_close_matches(name, list(COMMANDS), n=1, cutoff=0.6)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            ctx.fail(f"No such command '{name}'.{hint}")
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        import importlib

        module, attribute = target.split(":")
        return getattr(importlib.import_module(module), attribute)


@click.group(
    cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, "--version", "-V", prog_name="designlint", message="%(prog)s %(version)s")
def cli() -> None:
    """Review system designs the way a staff engineer would.

    Exit codes: 0 clean, 1 findings, 2 usage or internal error.
    """


def main(argv: list[str] | None = None) -> int:
    try:
        returned = cli.main(args=argv, prog_name="designlint", standalone_mode=False)
    except DesignlintError as error:
        # Errors name files and quote their text: printable, and never a CI workflow command.
        say(error.format())
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("designlint: aborted", err=True)
        return EXIT_ERROR
    except click.ClickException as error:
        import io

        # click quotes the arguments it refused, which may be any text the user's shell passed.
        shown = io.StringIO()
        error.show(file=shown)
        say(shown.getvalue().rstrip("\n"))
        return EXIT_ERROR if error.exit_code == 1 else error.exit_code
    except click.exceptions.Exit as exit_:
        return exit_.exit_code
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # the system refused a file (a name too long, a loop of links): not a bug
        where = f"{exc.filename}: " if exc.filename else ""
        say(f"{where}error: {exc.strerror or type(exc).__name__}")
        return EXIT_ERROR
    except Exception as exc:  # the last line of defence: one line, never a traceback
        # The exception's text may quote a file name or a value from the user's files.
        say(f"designlint: internal error: {type(exc).__name__}: {exc} (please report this)")
        return EXIT_ERROR
    return returned if isinstance(returned, int) else 0


def run() -> None:
    sys.exit(main())
