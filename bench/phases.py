"""Where the time of ``designlint check`` goes, phase by phase, without a profiler's overhead.

    python bench/phases.py DIR [--top 10]

Runs the same steps as the engine, in one process, with a clock around each: imports, rule
set and config, discovery, loading, model validation (the first one builds pydantic's
validators), each rule, stamping findings (config lookups, positions, stable paths),
suppressions and the JSON report. Then runs the real engine end to end for comparison. It
reaches into the engine's parts, so it follows them when they change.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class Clock:
    def __init__(self):
        self.totals: dict[str, float] = defaultdict(float)

    def time(self, phase: str, function, *args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            self.totals[phase] += time.perf_counter() - start


class GcClock:
    """Time spent in the cyclic garbage collector; it is charged to whichever phase triggers it."""

    def __init__(self):
        self.seconds = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start

    def measure(self, function, *args):
        self.seconds = 0.0
        gc.callbacks.append(self)
        try:
            return function(*args)
        finally:
            gc.callbacks.remove(self)


def run_phases(root: str, clock: Clock, per_rule: dict[str, float]) -> int:
    def imports():
        import designlint.cli  # noqa: F401
        from designlint.engine import runner, session  # noqa: F401
        from designlint.loader import load_path  # noqa: F401
        from designlint.model import Design  # noqa: F401
        from designlint.reporters import json_report  # noqa: F401

    clock.time("imports", imports)
    from designlint.engine.discovery import discover
    from designlint.engine.runner import FileResult
    from designlint.engine.session import CheckSession
    from designlint.engine.suppressions import parse_suppressions
    from designlint.findings import stable_path
    from designlint.loader import LoadError, load_path
    from designlint.model import Design
    from designlint.rulepacks.registry import declarative_problems

    files = clock.time("discovery", discover, [root])
    session = CheckSession()
    engine = clock.time("rule set + config", session.engine_for, files[0][0])
    config, rules = engine.config, list(engine.ruleset)
    findings = 0
    validate_phase = "model build (first validation)"  # pydantic builds validators lazily
    for path, display in files:
        try:
            document = clock.time("load (YAML + positions)", load_path, path, display)
        except LoadError:
            continue
        design = clock.time(validate_phase, Design.model_validate, document.data)
        validate_phase = "validate (pydantic)"
        raw: list = []
        for rule in rules:
            if rule.rule.engine or not clock.time("config lookups", config.enabled, rule, display):
                continue
            start = time.perf_counter()
            if rule.check is not None:
                raw.extend((rule, problem) for problem in rule.check(design, rule.options))
            else:
                raw.extend((rule, problem) for problem in declarative_problems(rule, document.data))
            elapsed = time.perf_counter() - start
            clock.totals["rules"] += elapsed
            per_rule[f"{rule.code} {rule.name}"] += elapsed
        for rule, problem in raw:
            clock.time("config lookups", config.enabled, rule, display)
            clock.time("config lookups", config.severity, rule, display)
            clock.time(
                "positions", document.locate, problem.path, at_key=problem.at_key, offset=problem.offset
            )
            clock.time("stable paths", stable_path, problem.path, document.data)
        findings += len(raw)
        clock.time("suppressions", parse_suppressions, document.text, display)
        FileResult(display, text=document.text, design=design)
    return findings


def end_to_end(root: str) -> tuple[float, float]:
    """The real engine and JSON reporter, as ``designlint check DIR --format json --jobs 1`` runs them
    (compact results, the collector frozen after the rule packs load)."""
    from designlint.cli.reporting import enabled_codes, merged_ruleset
    from designlint.engine.discovery import discover
    from designlint.engine.parallel import check_files
    from designlint.engine.session import CheckSession, Overrides
    from designlint.reporters import REPORTERS, Report

    start = time.perf_counter()
    files = discover([root])
    session = CheckSession(keep_designs=False)
    results = check_files(Overrides(), files, jobs=1, use_cache=False, session=session).results
    checked = time.perf_counter()
    report = Report(
        results=results,
        ruleset=merged_ruleset(session, files),
        version="bench",
        enabled=enabled_codes(session, files),
    )
    REPORTERS["json"](report)
    return checked - start, time.perf_counter() - checked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time each phase of designlint check on a folder of designs."
    )
    parser.add_argument("dir")
    parser.add_argument("--top", type=int, default=10, help="slowest rules to list")
    args = parser.parse_args(argv)
    clock, collector = Clock(), GcClock()
    per_rule: defaultdict[str, float] = defaultdict(float)
    start = time.perf_counter()
    findings = collector.measure(run_phases, args.dir, clock, per_rule)
    phases_total = time.perf_counter() - start
    phases_gc = collector.seconds
    engine_s, report_s = collector.measure(end_to_end, args.dir)
    print(f"{'phase':34}{'seconds':>9}{'share':>8}")
    for phase, seconds in sorted(clock.totals.items(), key=lambda item: -item[1]):
        print(f"{phase:34}{seconds:>9.3f}{seconds / phases_total:>8.0%}")
    print(f"{'(phases, with ' + str(findings) + ' problems)':34}{phases_total:>9.3f}")
    print(f"{'  of which garbage collection':34}{phases_gc:>9.3f}{phases_gc / phases_total:>8.0%}")
    print(
        f"\nreal engine, second pass (warm):   {engine_s:.3f} s check + {report_s:.3f} s JSON report, "
        f"of which {collector.seconds:.3f} s garbage collection"
    )
    print(f"\nslowest {args.top} rules:")
    for name, seconds in sorted(per_rule.items(), key=lambda item: -item[1])[: args.top]:
        print(f"  {seconds:>8.3f} s  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
