"""``designlint schema``, ``rules`` and ``rule``: what the format and the rules are."""

from __future__ import annotations

import click


@click.command()
@click.option(
    "--kind", type=click.Choice(["design", "rulepack", "teamcatalog"]), default="design", show_default=True
)
def schema(kind: str) -> None:
    """Print the JSON Schema of designs (or rule packs)."""
    from designlint.schema import SCHEMA_FILES, render

    click.echo(render(SCHEMA_FILES[f"{kind}.schema.json"]()), nl=False)


def _ruleset(packs: tuple[str, ...]):
    from designlint.rulepacks.registry import DEFAULT_PACK, load_ruleset

    return load_ruleset(packs or (DEFAULT_PACK,))


@click.command()
@click.option(
    "--pack", "packs", multiple=True, help="Rule pack(s) to list (default: the built-in checklist)."
)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def rules(packs, output_format) -> None:
    """List the rules: code, name, severity and checklist dimensions."""
    from designlint.cli.say import say
    from designlint.reporters import ci_log

    ruleset = _ruleset(packs)
    # Rule packs may come from the repository being checked: no CI workflow commands (see ci_log).
    if output_format == "json":
        import json

        listing = json.dumps(
            [
                {
                    "code": r.code,
                    "name": r.name,
                    "severity": r.severity.value,
                    "dimensions": r.rule.dimensions,
                    "pack": r.pack,
                    "opt_in": r.dormant,
                    "summary": r.rule.docs.what,
                }
                for r in ruleset
            ],
            indent=2,
        )
        click.echo(ci_log.defuse(listing, ci_log.JSON))
        return
    for r in ruleset:
        dims = ",".join(r.rule.dimensions) or "-"
        line = f"{r.code}  {r.name:<36} {r.severity.value:<8} {dims:<6} {r.rule.message}"
        if r.dormant:
            line += f"  [opt-in: {r.pack}]"
        say(line, err=False)  # a pack's message is the pack author's text: no control characters
    presets = sorted({r.pack for r in ruleset if r.dormant})
    if presets:
        for preset in presets:
            click.echo(
                f'\n[opt-in: {preset}] rules run only with their preset: packs = ["{preset}"] in '
                f"configuration, or --pack {preset}; designlint score always grades with them"
            )


@click.command()
@click.argument("code")
@click.option("--pack", "packs", multiple=True)
def rule(code, packs) -> None:
    """Explain one rule (by code or name): what it checks, why, and examples."""
    from designlint.errors import UsageError
    from designlint.rulepacks.docs import rule_markdown

    ruleset = _ruleset(packs)
    found = ruleset.get(code)
    if found is None:
        raise UsageError(f"no rule with code or name '{code}' (see 'designlint rules')")
    from designlint.cli.say import safe_line

    click.echo(safe_line(rule_markdown(found)), nl=False)
