"""``designlint fix``: write in the numbers a design leaves out but its own arithmetic determines.

The file is edited through ruamel.yaml's round-trip mode (YAML 1.2), which keeps comments, key
order and quoting. Its emitter still reflows a few things (flow mappings written over several
lines, for one), so every hunk that only re-wraps the original text is put back as it was; the
result is then read back and must equal the original data plus the filled keys, or nothing is
written. Stated values are never changed, and a file that needs nothing is not touched.
"""

from __future__ import annotations

from pathlib import Path

import click

from designlint.errors import DesignlintError


def _yaml(text: str):
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    _, sequence_indent, offset = load_yaml_guess_indent(text)
    sequence_indent = sequence_indent or 2
    offset = offset or 0
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines
    mapping_indent = sequence_indent - offset if sequence_indent > offset else sequence_indent
    yaml.indent(mapping=mapping_indent, sequence=sequence_indent, offset=offset)
    return yaml


def _scalar(text: str):
    """Plain numbers are written as numbers, everything else as text."""
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


def _node(root, path: tuple):
    node = root
    for step in path:
        node = node[step]
    return node


def _insert(mapping, fill, value) -> None:
    keys = list(mapping.keys())
    position = len(keys)
    for anchor in fill.after:
        if anchor in mapping:
            position = keys.index(anchor) + 1
            break
    mapping.insert(position, fill.key, value)


def _restore_formatting(original: str, dumped: str) -> str:
    """Keep the original lines wherever the emitter only reformatted them."""
    import difflib

    before = original.splitlines(keepends=True)
    after = dumped.splitlines(keepends=True)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "delete"):
            out.extend(before[i1:i2])
        elif tag == "insert":
            out.extend(after[j1:j2])
        elif "".join(before[i1:i2]).split() == "".join(after[j1:j2]).split():
            out.extend(before[i1:i2])
        else:
            out.extend(after[j1:j2])
    return "".join(out)


def apply_fills(text: str, file: str, data, planned) -> str:
    """The text with every fill inserted, formatting kept; raises DesignlintError if that cannot be done safely."""
    import copy
    import io

    from designlint.errors import LoadError
    from designlint.loader import load_text

    yaml = _yaml(text)
    tree = yaml.load(text)
    expected = copy.deepcopy(data)
    for fill in planned:
        value = _scalar(fill.text)
        _insert(_node(tree, fill.mapping), fill, value)
        _node(expected, fill.mapping)[fill.key] = value
    stream = io.StringIO()
    yaml.dump(tree, stream)
    dumped = stream.getvalue()
    newline = "\r\n" if "\r\n" in text else "\n"
    for candidate in (_restore_formatting(text, dumped), dumped):
        if newline != "\n":
            candidate = candidate.replace("\r\n", "\n").replace("\n", newline)
        try:
            if load_text(candidate, file).data == expected:
                return candidate
        except LoadError:
            continue
    raise DesignlintError(
        "could not add the values without changing the rest of the document; nothing was written", file=file
    )


def _where(fill) -> str:
    from designlint.findings import format_path

    return format_path((*fill.mapping, fill.key))


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print the change as a unified diff instead of writing the file.",
)
def fix(file, show_diff):
    """Fill in the numbers a design leaves out but determines: values of quantities that have a
    formula, SLO error budgets, cost items' monthly figures, the cost total and cost per user.

    Stated values are never changed (a value that disagrees stays a finding for a person), the
    file's comments, key order and quoting are kept, and the write is atomic.

    Exit codes: 0 written or nothing to do; with --diff, 1 when the file would change;
    2 for a design that cannot be read or validated.
    """
    from designlint.analysis.fills import fills
    from designlint.cli.calc import load_valid
    from designlint.errors import EXIT_CLEAN, EXIT_FINDINGS
    from designlint.fileio import write_atomic

    document, design = load_valid(file)
    planned = fills(design)
    if not planned:
        click.echo(f"{document.file}: nothing to fill", err=True)
        return EXIT_CLEAN
    source = document.text  # decoded, without a byte-order mark
    bom = "\ufeff" if Path(file).read_bytes().startswith(b"\xef\xbb\xbf") else ""
    updated = apply_fills(source, document.file, document.data, planned)
    if show_diff:
        import difflib

        lines = difflib.unified_diff(
            source.splitlines(keepends=True),
            updated.splitlines(keepends=True),
            fromfile=document.file,
            tofile=document.file,
        )
        click.echo("".join(lines), nl=False)
        return EXIT_FINDINGS
    write_atomic(file, bom + updated)
    for fill in planned:
        click.echo(f"{document.file}: {_where(fill)} = {fill.text}  ({fill.why})", err=True)
    return EXIT_CLEAN
