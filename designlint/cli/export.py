"""``designlint export``: a design's SLOs as monitoring (OpenSLO documents, Prometheus rules)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("target", type=click.Choice(["openslo", "prometheus"]))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
def export(target: str, file: Path, output: Path | None) -> int:
    """Export the SLOs of FILE as OpenSLO v1 documents or Prometheus recording and alerting rules.

    Burn-rate alerts are derived from each SLO's window and objective (page when 2 % of the budget
    goes in 1 h or 5 % in 6 h; ticket when 10 % goes in 1 d or 3 d). Prometheus rules need each
    SLO's `query` (PromQL for good and total events); SLOs without one are skipped with a warning.
    """
    import yaml

    from designlint.cli.calc import load_valid

    if output is not None:
        from designlint.cli.outputs import refuse_to_overwrite_input

        refuse_to_overwrite_input(output, [file])
    _document, design = load_valid(file)
    if target == "openslo":
        from designlint.export.openslo import openslo_documents

        documents, skipped = openslo_documents(design)
        text = yaml.safe_dump_all(documents, sort_keys=False, allow_unicode=True, width=100)
    else:
        from designlint.export.prometheus import prometheus_rules

        rules, skipped = prometheus_rules(design)
        text = yaml.safe_dump(rules, sort_keys=False, allow_unicode=True, width=100)
    for note in skipped:
        from designlint.cli.say import say

        say(f"designlint: warning: {file}: {note}; not exported")
    if output is not None:
        from designlint.fileio import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    return 0
