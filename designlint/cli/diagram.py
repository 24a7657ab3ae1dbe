"""``designlint diagram``: draw a design's architecture, failure and request-path views."""

from __future__ import annotations

from pathlib import Path

import click

VIEW_CHOICES = ["architecture", "failure", "paths", "all"]
FORMAT_CHOICES = ["svg", "png", "dot"]


def _load_design(file: Path):
    """The validated design, or a positioned usage error (exit 2): nothing can be drawn from a broken file."""
    from designlint.cli.calc import load_valid

    return load_valid(file)[1]


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--output-dir",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to write the diagrams to (created if missing).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    default="svg",
    show_default=True,
    help="svg and png need Graphviz's dot program; dot is the Graphviz source.",
)
@click.option(
    "--view", type=click.Choice(VIEW_CHOICES), default="all", show_default=True, help="Which view to draw."
)
def diagram(file, output_dir, fmt, view):
    """Draw a design's architecture from its model, as NAME.VIEW.FORMAT files in the output folder.

    Views: architecture (components by team, dependencies), failure (blast radius of each
    component) and paths (request paths with latency budgets against their targets).
    Same design, same bytes.

    Exit codes: 0 drawn; 2 for a design that cannot be read or validated, nothing to draw,
    or Graphviz missing.
    """
    from designlint.diagrams import VIEWS, render_views
    from designlint.errors import UsageError
    from designlint.fileio import write_atomic

    design = _load_design(file)
    if design.architecture is None or not design.architecture.components:
        raise UsageError("nothing to draw: the design has no architecture.components", file=str(file))
    views = VIEWS if view == "all" else (view,)
    images = render_views(design, formats=(fmt,), views=views)
    for name, by_format in images.items():
        target = output_dir / f"{file.stem}.{name}.{fmt}"
        write_atomic(target, by_format[fmt])
        from designlint.cli.say import say

        say(str(target), err=False)
    return 0
