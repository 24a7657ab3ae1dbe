"""One line of designlint's own to the user, whatever the file names and text in it.

File names, codes and messages in these lines come from the user's files and command line:
every character that could drive a terminal becomes ``?``, and nothing in them can act as a CI
workflow command (see :mod:`designlint.reporters.ci_log`).
"""

from __future__ import annotations

import click


def safe_line(message: str) -> str:
    """``message`` as printable text that no CI runner reads as a command (line breaks and tabs
    kept: a rule's example may be about a tab)."""
    from designlint.reporters import printable
    from designlint.reporters.ci_log import TEXT, defuse

    lines = ("\t".join(printable(part) for part in line.split("\t")) for line in message.split("\n"))
    return defuse("\n".join(lines), TEXT)


def say(message: str, *, err: bool = True) -> None:
    click.echo(safe_line(message), err=err)
