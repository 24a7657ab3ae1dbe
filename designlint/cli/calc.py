"""``designlint calc``: every derived number of a design, with its arithmetic."""

from __future__ import annotations

from pathlib import Path

import click


def load_valid(file: Path):
    """The loaded document and its validated design; a file that cannot be read or validated is a usage error."""
    from designlint.errors import LoadError, UsageError
    from designlint.loader import load_path
    from designlint.model import Design
    from designlint.model.validation import validate_or_raise

    try:
        document = load_path(file, str(file))
    except LoadError as error:
        raise UsageError(
            f"{error.message} ({error.code})", file=error.file, position=error.position
        ) from None
    return document, validate_or_raise(document, Design, "design")


def _line(name: str, formula: str | None, value: str | None, stated: str | None, status: str) -> str:
    text = f"  {name}"
    if formula:
        text += f" = {formula}"
    text += f" = {value}" if value is not None else " = (cannot compute)"
    if stated is not None:
        text += f"   [stated {stated}: {status}]"
    elif status not in ("not stated", "ok"):
        text += f"   [{status}]"
    return text


def render_text(file: str, report: dict) -> str:
    out = [f"{file}  (month: {report['month']})"]

    def section(title: str, rows: list[str]) -> None:
        if rows:
            out.extend(["", title, *rows])

    section(
        "Derived quantities",
        [_line(r["name"], r["formula"], r["value"], r["stated"], r["status"]) for r in report["quantities"]],
    )
    section(
        "Error budgets",
        [_line(r["slo"], r["formula"], r["value"], r["stated"], r["status"]) for r in report["errorBudgets"]],
    )
    section(
        "Availability ceilings",
        [
            f"  {r['component']} = {r['formula']} = {r['ceiling']} against {r['objective']}: "
            f"{r['downtimePerWindow']} of downtime per window, budget {r['budgetPerWindow']}   [{r['status']}]"
            for r in report["availability"]
        ],
    )
    section(
        "Request paths",
        [
            _line(r["path"], r["formula"], r["value"], r["stated"], r["status"])
            + (f"   target {r['target']}" if r["target"] else "")
            for r in report["paths"]
        ],
    )
    section(
        "Capacity",
        [
            f"  {r['component']} = {r['formula']} = {r['nodesNeeded']} node{'s' if r['nodesNeeded'] != 1 else ''}"
            + (
                f"   [declared {r['nodesDeclared']}, {r['utilisation']} at peak: {r['status']}]"
                if r["nodesDeclared"] is not None
                else f"   [{r['status']}]"
            )
            for r in report["capacity"]
        ],
    )
    cost = report["cost"]
    rows = [
        _line(
            r["name"],
            r["formula"],
            r["value"] or r["stated"],
            r["stated"] if r["value"] else None,
            r["status"],
        )
        for r in cost["items"]
    ]
    if cost["total"] is not None or cost["statedTotal"] is not None:
        rows.append(
            _line("total", "sum of the items", cost["total"], cost["statedTotal"], cost["totalStatus"])
        )
    if cost["perUser"] is not None:
        rows.append(
            _line("per user", "total / users", cost["perUser"], cost["statedPerUser"], cost["perUserStatus"])
        )
    section("Cost (monthly)", rows)
    section(
        "Blast radius (from the dependency graph)",
        [
            f"  {r['component']}: loses {', '.join(r['loses']) or 'nothing'}; degrades {', '.join(r['degrades']) or 'nothing'}"
            for r in report["blastRadius"]
        ],
    )
    section("Cannot compute", [f"  {issue['message']}" for issue in report["issues"]])
    return "\n".join(out) + "\n"


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def calc(file, output_format):
    """Show every derived number of a design with its formula and value.

    Scale quantities with formulas, SLO error budgets, availability ceilings, request-path
    latency sums, capacity, cost items, totals and cost per user, and the blast radius the
    dependency graph implies, each against the figure the design states.

    Exit codes: 0 shown; 2 for a design that cannot be read or validated.
    """
    from designlint.analysis.report import calculation
    from designlint.reporters import ci_log

    document, design = load_valid(file)
    report = calculation(design)
    # Design text reaches both formats; neither may carry a CI workflow command (see ci_log).
    if output_format == "json":
        import json

        document_json = json.dumps(
            {"file": document.file, **report}, indent=2, sort_keys=True, ensure_ascii=False
        )
        click.echo(ci_log.defuse(document_json, ci_log.JSON))
    else:
        click.echo(ci_log.defuse(render_text(document.file, report), ci_log.TEXT), nl=False)
    return 0
