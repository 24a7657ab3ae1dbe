"""Measure the result cache: re-running ``designlint check`` on an unchanged repository.

    python bench/cache.py [--files 500] [--repeat 5] [--seed S] [--json]

Generates the corpus (``bench/generate.py``) into a temporary folder and, from inside it, runs
``designlint check . --format json`` as fresh processes (through ``bench/measure.py``):

- without the cache (``--no-cache``), the reference;
- the first run with the cache, which checks everything and writes the entries;
- re-runs on the unchanged folder, answered from the cache (the figure that matters);
- a re-run after one design changed;
- the same for a repository whose designs pass (``--select DL0``: the format rules, which the
  generated designs satisfy), where there is no report to print and the cache is all that is left.

Every run's output must be byte-identical to the uncached one (else the script fails with exit 2).
Prints median wall and CPU times; exits 0 whenever it could measure: it is a report, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(BENCH.parent))

from bench.generate import DEFAULT_SEED, write_corpus  # noqa: E402
from bench.run import bytecode_warning  # noqa: E402

TARGET_WARM_S = 1.0


def designlint_command() -> list[str]:
    script = Path(sys.executable).parent / "designlint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "designlint"]


def measure(command: list[str], cwd: Path, stdout_file: Path) -> dict:
    """One run in a fresh measuring process, so its CPU and memory figures are the command's alone."""
    completed = subprocess.run(
        [sys.executable, str(BENCH / "measure.py"), str(stdout_file), "--", *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(completed.stdout)
    if result["returncode"] not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited {result['returncode']}: {result['stderr'].strip()}")
    result["output"] = stdout_file.read_bytes()
    return result


def summarise(runs: list[dict]) -> dict:
    return {
        "wall_s": statistics.median(r["wall_s"] for r in runs),
        "cpu_s": statistics.median(r["cpu_s"] for r in runs),
        "peak_rss_mib": max(r["peak_rss_kib"] for r in runs) / 1024,
        "runs": len(runs),
    }


def run_benchmark(files: int, repeat: int, seed: int, progress) -> dict:
    corpus = Path(tempfile.mkdtemp(prefix="designlint-cache-bench-"))
    scratch = Path(tempfile.mkdtemp(prefix="designlint-cache-out-"))
    try:
        progress(f"generating {files} designs ...")
        paths = write_corpus(files, corpus, seed)
        base = [*designlint_command(), "check", ".", "--format", "json"]
        out = scratch / "stdout.json"

        progress("warming up (page cache, bytecode) ...")
        measure([*base, "--no-cache"], corpus, out)
        uncached = [measure([*base, "--no-cache"], corpus, out) for _ in range(repeat)]
        reference = uncached[0]["output"]
        progress("first run with the cache (checks everything, writes the entries) ...")
        first = measure(base, corpus, out)
        progress(f"{repeat} re-runs on the unchanged folder ...")
        warm = [measure(base, corpus, out) for _ in range(repeat)]

        progress("re-run after one design changed ...")
        changed = paths[len(paths) // 2]
        changed.write_text(changed.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        one_changed = measure(base, corpus, out)
        changed_reference = measure([*base, "--no-cache"], corpus, out)["output"]

        progress("a repository whose designs pass: without the cache, then re-runs with it ...")
        clean = [*base, "--select", "DL0"]
        clean_uncached = [measure([*clean, "--no-cache"], corpus, out) for _ in range(repeat)]
        measure(clean, corpus, out)
        clean_warm = [measure(clean, corpus, out) for _ in range(repeat)]

        mismatches = [
            label
            for label, runs, expected in (
                ("unchanged", [*uncached, first, *warm], reference),
                ("one design changed", [one_changed], changed_reference),
                ("passing designs", [*clean_uncached, *clean_warm], clean_uncached[0]["output"]),
            )
            if any(run["output"] != expected for run in runs)
        ]
        entries = sum(1 for _ in (corpus / ".designlint_cache").rglob("*.json"))
    finally:
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)
    warm_summary = summarise(warm)
    return {
        "corpus": {"files": files, "seed": seed},
        "environment": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "bytecode_cache": bytecode_warning() is None,
        },
        "uncached": summarise(uncached),
        "first_cached_run": summarise([first]),
        "warm": warm_summary,
        "one_design_changed": summarise([one_changed]),
        "passing_uncached": summarise(clean_uncached),
        "passing_warm": summarise(clean_warm),
        "cache_entries": entries,
        "identical_output": not mismatches,
        "mismatches": mismatches,
        "speedup": summarise(uncached)["wall_s"] / warm_summary["wall_s"],
        "target": {"warm_wall_s": TARGET_WARM_S, "met": warm_summary["wall_s"] < TARGET_WARM_S},
    }


def render_table(result: dict) -> str:
    rows = (
        ("no cache (--no-cache)", result["uncached"]),
        ("first run, writing the cache", result["first_cached_run"]),
        ("re-run, nothing changed", result["warm"]),
        ("re-run, one design changed", result["one_design_changed"]),
        ("passing designs, no cache", result["passing_uncached"]),
        ("passing designs, re-run", result["passing_warm"]),
    )
    lines = [
        f"designlint result cache: {result['corpus']['files']} designs, "
        f"median of {result['warm']['runs']} runs",
        "",
        f"{'designlint check . --format json':34}{'wall':>10}{'CPU':>10}{'peak RSS':>14}",
        *(
            f"{label:34}{row['wall_s']:>9.3f}s{row['cpu_s']:>9.3f}s{row['peak_rss_mib']:>10.1f} MiB"
            for label, row in rows
        ),
        "",
        f"unchanged re-run: {result['warm']['wall_s']:.3f} s, {result['speedup']:.1f}x faster than no cache; "
        f"target < {TARGET_WARM_S:.1f} s {'met' if result['target']['met'] else 'MISSED'}",
        f"{result['cache_entries']} cache entries; output byte-identical to uncached runs: "
        f"{'yes' if result['identical_output'] else 'NO'}",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure designlint's result cache on a generated corpus.")
    parser.add_argument("--files", type=int, default=500, help="designs in the corpus (default 500)")
    parser.add_argument("--repeat", type=int, default=5, help="measured runs of each command (default 5)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if args.files < 1 or args.repeat < 1:
        parser.error("--files and --repeat must be at least 1")
    progress = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    if bytecode_warning():
        progress(bytecode_warning())
    try:
        result = run_benchmark(args.files, args.repeat, args.seed, progress)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"bench: could not measure: {error}", file=sys.stderr)
        return 2
    print(
        json.dumps(result, indent=2, sort_keys=True) if args.json else render_table(result),
        end="\n" if args.json else "",
    )
    if not result["identical_output"]:
        print(
            f"bench: cached output differs from an uncached check: {', '.join(result['mismatches'])}",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
