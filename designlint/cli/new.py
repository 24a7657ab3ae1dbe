"""``designlint new``: scaffold a design that walks the five phases, valid from the first save."""

from __future__ import annotations

import os
from pathlib import Path

import click

from designlint.errors import EXIT_CLEAN

# Kept literal so that importing the CLI does not load the templates; a test keeps it in step.
TEMPLATE_CHOICES = ("blank", "newsfeed", "rate-limiter")
SCHEMA_RELATIVE = Path("schemas") / "design.schema.json"


def modeline_for(target: Path) -> str:
    """Point editors at the schema when the design sits in a checkout that has one."""
    folder = target.resolve().parent
    for candidate in [folder, *folder.parents]:
        schema = candidate / SCHEMA_RELATIVE
        if schema.is_file():
            return f"# yaml-language-server: $schema={Path(os.path.relpath(schema, folder)).as_posix()}"
    return (
        "# Completion and hover docs in editors: `designlint schema > design.schema.json`, then make the\n"
        "# first line `# yaml-language-server: $schema=design.schema.json`."
    )


@click.command()
@click.argument("name")
@click.option(
    "--template",
    "-t",
    type=click.Choice(TEMPLATE_CHOICES),
    default="blank",
    show_default=True,
    help="Start blank, or from the worked news feed or rate limiter.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=str),
    default=None,
    help="File (or folder) to write; default NAME.yaml here; '-' prints it.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(name, template, output, force):
    """Scaffold a design called NAME that walks the five phases in order.

    Each section carries a comment saying what to decide and how long the phase deserves in a
    design interview. The file is valid from the first save; `designlint check` then lists what
    is still missing and `designlint score` grades it.
    """
    from designlint.errors import UsageError
    from designlint.templates import render

    to_stdout = output == "-"
    target = Path(f"{name}.yaml") if output is None or to_stdout else Path(output)
    if output is not None and not to_stdout and (output.endswith(("/", os.sep)) or target.is_dir()):
        target = target / f"{name}.yaml"
    try:
        text = render(template, name, modeline_for(target))
    except ValueError as error:
        raise UsageError(str(error)) from None
    if to_stdout:
        click.echo(text, nl=False)
        return EXIT_CLEAN
    if target.exists() and not force:
        raise UsageError(
            f"{target.as_posix()} already exists; choose another name or pass --force to overwrite it"
        )
    from designlint.fileio import write_atomic

    try:
        write_atomic(target, text)
    except OSError as error:
        raise UsageError(f"cannot write {target.as_posix()}: {error.strerror or error}") from None
    from designlint.cli.say import say

    say(
        f"wrote {target.as_posix()} from the '{template}' template; "
        f"next: designlint check {target.as_posix()}",
        err=False,
    )
    return EXIT_CLEAN
