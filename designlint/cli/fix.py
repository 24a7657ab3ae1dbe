"""``designlint fix``: write in the numbers a design leaves out but its own arithmetic determines.

Nobody's work is lost:
- only the filled values are added, spliced into the original text (designlint.analysis.splice);
  every other byte, line ending and indentation stays as written;
- a symlink is followed: the file it points to is fixed and the link stays;
- the write is atomic, keeps the file's mode, and is refused when the file changed after it was
  read (someone saved it meanwhile) or is read-only.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from designlint.errors import DesignlintError, UsageError

_BOM = b"\xef\xbb\xbf"
_LINE_BREAKS = (
    "\n",
    "\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x85",
    "\u2028",
    "\u2029",
)  # str.splitlines'


def _where(fill) -> str:
    from designlint.findings import format_path

    return format_path((*fill.mapping, fill.key))


def _real_file(file: Path) -> Path:
    """The file ``file`` names, through any symlinks; a usage error when there is none."""
    try:
        return Path(os.path.realpath(file, strict=True))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"cannot read design file: {reason}", file=str(file)) from None


def _read(real: Path, file: str) -> bytes:
    from designlint.fileio import NotARegularFile, read_regular

    try:
        return read_regular(real)
    except NotARegularFile:
        raise UsageError("not a regular file; fix only edits regular files", file=file) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"cannot read design file: {reason}", file=file) from None


def _load(raw: bytes, file: str):
    """The loaded document and its validated design; anything unreadable or invalid is a usage error."""
    from designlint.errors import LoadError
    from designlint.loader import load_bytes
    from designlint.model import Design
    from designlint.model.validation import validate_or_raise

    try:
        document = load_bytes(raw, file)
    except LoadError as error:
        raise UsageError(
            f"{error.message} ({error.code})", file=error.file, position=error.position
        ) from None
    return document, validate_or_raise(document, Design, "design")


def _check_still_valid(updated: str, file: str) -> None:
    """A filled value the format cannot read back would break the design: refuse it instead."""
    from designlint.loader import load_text
    from designlint.model import Design
    from designlint.model.validation import validate_or_raise

    try:
        validate_or_raise(load_text(updated, file), Design, "design")
    except DesignlintError as error:
        raise DesignlintError(
            f"a filled value would not read back ({error.message}); nothing was written", file=file
        ) from None


def _read_only(real: Path) -> bool:
    mode = real.stat().st_mode
    # os.access alone says yes to root for any file; no write bit at all is read-only for everyone.
    return not os.access(real, os.W_OK) or not mode & 0o222


def _write(real: Path, file: str, data: bytes, original: bytes) -> None:
    from designlint.fileio import ChangedMeanwhile, write_atomic

    if _read_only(real):
        raise DesignlintError("the file is read-only; nothing was written", file=file)
    try:
        write_atomic(real, data, unchanged_from=original)
    except ChangedMeanwhile:
        raise DesignlintError(
            "the file changed while fix was running; nothing was written (run fix again)", file=file
        ) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise DesignlintError(f"cannot write the file: {reason}; nothing was written", file=file) from None


def _unified_diff(before: str, after: str, file: str) -> str:
    import difflib

    out = []
    for line in difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=file, tofile=file
    ):
        ended = line.endswith(_LINE_BREAKS)
        out.append(line if ended else line + "\n\\ No newline at end of file\n")
    return "".join(out)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print the change as a unified diff instead of writing the file (text a CI log would read "
    "as a workflow command is escaped, as in the text report).",
)
def fix(file, show_diff):
    """Fill in the numbers a design leaves out but determines: values of quantities that have a
    formula, SLO error budgets, cost items' monthly figures, the cost total and cost per user.

    Stated values are never changed (a value that disagrees stays a finding for a person). Only
    the filled values are added; every other line stays byte for byte as written. A symlink is
    followed and kept; the write is atomic and refused if the file changed meanwhile.

    Exit codes: 0 written or nothing to do; with --diff, 1 when the file would change;
    2 for a design that cannot be read, validated or written.
    """
    from designlint.analysis.fills import fills
    from designlint.analysis.splice import Placement, splice
    from designlint.cli.say import say
    from designlint.errors import EXIT_CLEAN, EXIT_FINDINGS

    shown = str(file)
    real = _real_file(file)
    raw = _read(real, shown)
    document, design = _load(raw, shown)
    planned = fills(design)
    if not planned:
        say(f"{shown}: nothing to fill")
        return EXIT_CLEAN
    placements = [Placement(fill.mapping, fill.key, fill.after, fill.text) for fill in planned]
    updated = splice(document.text, shown, document.data, placements)  # decoded, without a BOM
    _check_still_valid(updated, shown)
    if show_diff:
        from designlint.reporters.ci_log import TEXT, defuse

        # The diff quotes design text and may be printed in a CI log: no line of it may act as
        # a workflow command there (escaped as the text report does; such a line reads %3A).
        click.echo(defuse(_unified_diff(document.text, updated, shown), TEXT), nl=False)
        return EXIT_FINDINGS
    bom = _BOM if raw.startswith(_BOM) else b""
    _write(real, shown, bom + updated.encode("utf-8"), raw)
    for fill in planned:
        say(f"{shown}: {_where(fill)} = {fill.text}  ({fill.why})")
    return EXIT_CLEAN
