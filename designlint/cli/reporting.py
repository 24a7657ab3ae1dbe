"""What ``designlint check`` hands to reporters and tells the user about baselines it wrote."""

from __future__ import annotations

from pathlib import Path

from designlint.cli.say import say
from designlint.engine.runner import INTERNAL_ERROR, FileResult
from designlint.rulepacks.registry import RuleSet


def merged_ruleset(session, files: list[tuple[Path, str]]) -> RuleSet:
    """Every rule the files ran with; files under different configurations may use different packs."""
    merged = RuleSet()
    seen = set()  # most files share an engine: its rules are merged once
    for path, _ in files:
        engine = session.engine_for(path)
        if id(engine) in seen:
            continue
        seen.add(id(engine))
        for rule in engine.ruleset:
            merged.rules.setdefault(rule.code, rule)
    return merged


def enabled_codes(session, files: list[tuple[Path, str]]) -> dict[str, tuple[str, ...]]:
    return {display: session.engine_for(path).enabled_codes(display) for path, display in files}


def warn(message: str) -> None:
    """One warning line on standard error; file names in it are data, never CI workflow commands."""
    say(f"designlint: warning: {message}")


def announce_baselines(written, results: list[FileResult]) -> None:
    for destination, baseline in written:
        total = sum(baseline.counts.values())
        say(
            f"designlint: wrote baseline {destination.as_posix()} "
            f"({total} finding{'s' if total != 1 else ''} in {baseline.files} "
            f"file{'s' if baseline.files != 1 else ''})"
        )
    for result in results:
        for finding in result.findings:
            if finding.code == INTERNAL_ERROR:
                say(
                    f"{finding.file}:{finding.position}: error {finding.code} {finding.message} "
                    "(not recorded in the baseline)"
                )
