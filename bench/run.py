"""Measure ``designlint check`` against the parse floors, side by side, in the same run.

    python bench/run.py [--files 500] [--repeat 3] [--cold-runs 10] [--memory-files N] [--out DIR] [--json] [--save]

Generates the corpus, then runs each command as a fresh process (one warm-up, then
``--repeat`` measured runs, interleaved so all see the same machine load):

- the event floor: ``bench/floor.py DIR`` (libyaml events, plain values with positions, one
  trivial rule), which every ratio is against;
- the compose floor, for reference: ``bench/floor.py DIR --kind compose``;
- ``designlint check DIR --format json --no-cache`` on one core (``--jobs 1``) and on all;
- the same with the result cache warm;
- the cold start: ``designlint check designs/newsfeed.yaml --no-cache``, median of ``--cold-runs``,
  and ``designlint --version``;
- with ``--memory-files N`` (the issue's target is at 5000), the peak resident memory of a check
  of N designs, one run each: text and json reports on every core, text on one core, and text
  with the result cache warm (``memory`` in the results; it takes minutes).

Prints a table; ``--save`` writes the figures to ``bench/results.json``, from which
``bench/readme.py`` renders the README's performance table. Always exits 0 when it could
measure: it is a report, not a test.
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
REPO = BENCH.parent
if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(REPO))

from bench.generate import DEFAULT_SEED, write_corpus  # noqa: E402

MAX_RATIO = 1.5  # designlint on one core / event floor
MAX_PEAK_MIB = 100.0
MAX_COLD_START_MS = 150.0
MAX_VERSION_MS = 60.0
RESULTS = BENCH / "results.json"
COLD_START_DESIGN = REPO / "designs" / "newsfeed.yaml"


def bytecode_warning() -> str | None:
    """Without bytecode caches every process recompiles designlint, which users' runs do not."""
    if not os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return None
    return (
        "warning: PYTHONDONTWRITEBYTECODE is set, so every run recompiles designlint and the times include "
        "it; run with bytecode caching enabled (env -u PYTHONDONTWRITEBYTECODE ...) to measure what users see"
    )


def designlint_command() -> list[str]:
    """The installed console script next to this interpreter, as users run it."""
    script = Path(sys.executable).parent / "designlint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "designlint"]


def measure(command: list[str], scratch: Path, cwd: Path = REPO) -> dict:
    """One run of `command` in a fresh child of a fresh measuring process."""
    stdout_file = scratch / "stdout.txt"
    completed = subprocess.run(
        [sys.executable, str(BENCH / "measure.py"), str(stdout_file), "--", *command],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=True,
    )
    result = json.loads(completed.stdout)
    result["stdout_file"] = str(stdout_file)
    if result["returncode"] not in (0, 1):  # 1 is "findings", which is what a lint run reports
        raise RuntimeError(f"{' '.join(command)} exited {result['returncode']}: {result['stderr'].strip()}")
    return result


def summarise(runs: list[dict]) -> dict:
    walls = [r["wall_s"] for r in runs]
    return {
        "wall_s": statistics.median(walls),
        "wall_runs_s": [round(w, 4) for w in walls],
        "cpu_s": statistics.median(r["cpu_s"] for r in runs),
        "peak_rss_mib": max(r["peak_rss_kib"] for r in runs) / 1024,
    }


def findings_summary(stdout_file: str) -> dict | None:
    try:
        return json.loads(Path(stdout_file).read_text(encoding="utf-8")).get("summary")
    except (OSError, ValueError):
        return None


MEMORY_RUNS = {  # name -> the arguments after ``check DIR``
    "text": ["--format", "text", "--no-cache"],
    "json": ["--format", "json", "--no-cache"],
    "text_one_core": ["--format", "text", "--no-cache", "--jobs", "1"],
    "warm_cache": ["--format", "text"],
}


def memory_benchmark(files: int, seed: int, progress) -> dict:
    """Peak resident memory (the child's ru_maxrss) of checks of ``files`` designs, per output and cache."""
    folder = Path(tempfile.mkdtemp(prefix="designlint-memory-"))
    scratch = Path(tempfile.mkdtemp(prefix="designlint-bench-"))
    cache_home = Path(tempfile.mkdtemp(prefix="designlint-bench-cache-"))
    try:
        progress(f"memory: generating {files} designs ...")
        corpus_bytes = sum(path.stat().st_size for path in write_corpus(files, folder, seed))
        runs = {}
        for name, arguments in MEMORY_RUNS.items():
            command = [*designlint_command(), "check", str(folder), *arguments]
            if name == "warm_cache":
                progress("memory: filling the result cache ...")
                measure(command, scratch, cwd=cache_home)
            progress(f"memory: {name} ...")
            runs[name] = measure(command, scratch, cwd=cache_home)
    finally:
        for temporary in (folder, scratch, cache_home):
            shutil.rmtree(temporary, ignore_errors=True)
    return {
        "files": files,
        "bytes": corpus_bytes,
        "peak_rss_mib": {name: run["peak_rss_kib"] / 1024 for name, run in runs.items()},
        "cpu_s": {name: run["cpu_s"] for name, run in runs.items()},
        "wall_s": {name: run["wall_s"] for name, run in runs.items()},
    }


def run_benchmark(
    files: int, repeat: int, cold_runs: int, seed: int, out: Path, progress, memory_files: int = 0
) -> dict:
    progress(f"generating {files} designs into {out} ...")
    paths = write_corpus(files, out, seed)
    corpus_bytes = sum(p.stat().st_size for p in paths)
    scratch = Path(tempfile.mkdtemp(prefix="designlint-bench-"))
    cache_home = Path(tempfile.mkdtemp(prefix="designlint-bench-cache-"))
    check = [*designlint_command(), "check", str(out), "--format", "json"]
    commands = {
        "event_floor": [sys.executable, str(BENCH / "floor.py"), str(out)],
        "compose_floor": [sys.executable, str(BENCH / "floor.py"), str(out), "--kind", "compose"],
        "one_core": [*check, "--no-cache", "--jobs", "1"],
        "all_cores": [*check, "--no-cache"],
    }
    try:
        progress("warming up (page cache, bytecode) ...")
        for command in commands.values():
            measure(command, scratch)
        runs: dict[str, list[dict]] = {name: [] for name in commands}
        for number in range(1, repeat + 1):
            for name, command in commands.items():
                progress(f"run {number}/{repeat}: {name} ...")
                runs[name].append(measure(command, scratch))
        report_summary = findings_summary(runs["one_core"][-1]["stdout_file"])
        progress("warm result cache ...")
        warm_cmd = [*check, "--jobs", "1"]
        measure(warm_cmd, scratch, cwd=cache_home)  # fills the cache
        runs["warm_cache"] = [measure(warm_cmd, scratch, cwd=cache_home) for _ in range(repeat)]

        cold_design = COLD_START_DESIGN if COLD_START_DESIGN.exists() else paths[0]
        progress(f"cold start: {cold_runs} runs on {cold_design.name} ...")
        cold_cmd = [*designlint_command(), "check", str(cold_design), "--no-cache"]
        version_cmd = [*designlint_command(), "--version"]
        measure(cold_cmd, scratch)  # warm-up: bytecode is compiled once, as on a developer's machine
        runs["cold_start"] = [measure(cold_cmd, scratch) for _ in range(cold_runs)]
        runs["version"] = [measure(version_cmd, scratch) for _ in range(cold_runs)]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(cache_home, ignore_errors=True)
    memory = memory_benchmark(memory_files, seed, progress) if memory_files > 0 else None

    rows = {name: summarise(measured) for name, measured in runs.items()}
    floor = rows["event_floor"]
    ratios = {
        name: rows[name]["wall_s"] / floor["wall_s"]
        for name in ("compose_floor", "one_core", "all_cores", "warm_cache")
    }
    cpu_ratio = rows["one_core"]["cpu_s"] / floor["cpu_s"]
    peak = max(rows[name]["peak_rss_mib"] for name in ("one_core", "all_cores", "warm_cache"))
    peak_files = files
    if memory is not None:  # the target is about large runs: measured there when asked
        peak = max(peak, *memory["peak_rss_mib"].values())
        peak_files = memory["files"]
    cold_ms = rows["cold_start"]["wall_s"] * 1000
    version_ms = rows["version"]["wall_s"] * 1000
    return {
        "corpus": {"files": files, "bytes": corpus_bytes, "seed": seed},
        "repeat": repeat,
        "cold_runs": cold_runs,
        "environment": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "bytecode_cache": bytecode_warning() is None,
            # Other work on a shared machine stretches wall times; CPU times move much less.
            "load_average": round(os.getloadavg()[0], 1) if hasattr(os, "getloadavg") else None,
        },
        "rows": rows,
        "ratios": ratios,
        "cpu_ratio_one_core": cpu_ratio,
        "report": report_summary,
        **({"memory": memory} if memory is not None else {}),
        "targets": {
            "one_core_ratio": {
                "limit": MAX_RATIO,
                "value": ratios["one_core"],
                "met": ratios["one_core"] <= MAX_RATIO,
            },
            "all_cores_below_floor": {
                "limit": 1.0,
                "value": ratios["all_cores"],
                "met": ratios["all_cores"] < 1.0,
            },
            "peak_rss_mib": {
                "limit": MAX_PEAK_MIB,
                "value": peak,
                "met": peak <= MAX_PEAK_MIB,
                "files": peak_files,
            },
            "cold_start_ms": {
                "limit": MAX_COLD_START_MS,
                "value": cold_ms,
                "met": cold_ms <= MAX_COLD_START_MS,
            },
            "version_ms": {"limit": MAX_VERSION_MS, "value": version_ms, "met": version_ms <= MAX_VERSION_MS},
        },
    }


LABELS = {
    "event_floor": "event floor: libyaml events, values with positions, one trivial rule",
    "compose_floor": "compose floor (reference): libyaml compose + one walk",
    "one_core": "`designlint check DIR --format json --no-cache --jobs 1`",
    "all_cores": "the same on every core (default `--jobs`)",
    "warm_cache": "the same, result cache warm",
    "cold_start": "cold start: `check designs/newsfeed.yaml --no-cache`",
    "version": "`designlint --version`",
}
TARGET_LABELS = {
    "one_core_ratio": ("designlint on one core / event floor", "x", "<="),
    "all_cores_below_floor": ("designlint on every core / event floor", "x", "<"),
    "peak_rss_mib": ("peak memory of a check", " MiB", "<="),
    "cold_start_ms": ("cold start", " ms", "<="),
    "version_ms": ("`--version`", " ms", "<="),
}


def render_table(result: dict) -> str:
    """The Markdown table the README shows (rendered by bench/readme.py)."""
    from bench.readme import render_table as render

    return render(result)


def render_memory(memory: dict) -> str:
    """Peak memory at the larger corpus, one line per output and cache setting."""
    lines = [
        "",
        f"Peak resident memory checking {memory['files']} designs ({memory['bytes'] / 2**20:.0f} MiB):",
    ]
    for name, peak in memory["peak_rss_mib"].items():
        lines.append(f"  {name:14} {peak:6.0f} MiB  ({memory['cpu_s'][name]:.1f} s CPU)")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark designlint check against the YAML parse floor.")
    parser.add_argument("--files", type=int, default=500, help="designs in the corpus (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="measured runs of each command (default 3)")
    parser.add_argument("--cold-runs", type=int, default=10, help="runs of the cold start (default 10)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--memory-files",
        type=int,
        default=0,
        metavar="N",
        help="also measure peak memory on N designs (the target is at 5000; takes minutes); default: skip",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="write the corpus here (e.g. bench/out) and keep it; default: a temporary folder",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--save", action="store_true", help=f"write the results to {RESULTS.relative_to(REPO)} for the README"
    )
    args = parser.parse_args(argv)
    if args.files < 1 or args.repeat < 1 or args.cold_runs < 1 or args.memory_files < 0:
        parser.error("--files, --repeat and --cold-runs must be at least 1, --memory-files at least 0")

    progress = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    if bytecode_warning():
        progress(bytecode_warning())
    temporary = args.out is None
    out = Path(tempfile.mkdtemp(prefix="designlint-corpus-")) if temporary else args.out.resolve()
    if not temporary and out.exists() and any(out.glob("design-*.yaml")):
        for stale in out.glob("design-*.yaml"):  # a previous, possibly larger corpus
            stale.unlink()
    try:
        result = run_benchmark(
            args.files, args.repeat, args.cold_runs, args.seed, out, progress, memory_files=args.memory_files
        )
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"bench: could not measure: {error}", file=sys.stderr)
        return 2
    finally:
        if temporary:
            shutil.rmtree(out, ignore_errors=True)
    if args.save:
        # Figures other benchmarks saved beside these (bench/site.py's "site") are kept.
        kept = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
        result = {**{key: kept[key] for key in kept if key not in result}, **result}
        RESULTS.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        progress(f"wrote {RESULTS.relative_to(REPO)}; run bench/readme.py to update the README")
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
    else:
        print(render_table(result), end="")
        if "memory" in result:
            print(render_memory(result["memory"]), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
