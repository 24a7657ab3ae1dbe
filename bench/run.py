"""Measure ``designlint check`` against the parse floor, side by side, in the same run.

    python bench/run.py [--files 500] [--repeat 3] [--cold-runs 10] [--out DIR] [--json]

Generates the corpus, then runs each command as a fresh process (one warm-up, then
``--repeat`` measured runs, interleaved so both see the same machine load):

- the floor: ``bench/floor.py DIR`` (libyaml compose + a walk over every node's position);
- ``designlint check DIR --format json``;
- the cold start: ``designlint check designs/newsfeed.yaml``, median of ``--cold-runs``.

Prints median wall times, peak memory and the designlint/floor ratio with the targets
marked met or missed. Always exits 0 when it could measure: it is a report, not a test.
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

MAX_RATIO = 2.0
MAX_PEAK_MIB = 150.0
MAX_COLD_START_MS = 250.0
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


def run_benchmark(files: int, repeat: int, cold_runs: int, seed: int, out: Path, progress) -> dict:
    progress(f"generating {files} designs into {out} ...")
    paths = write_corpus(files, out, seed)
    corpus_bytes = sum(p.stat().st_size for p in paths)
    scratch = Path(tempfile.mkdtemp(prefix="designlint-bench-"))
    try:
        floor_cmd = [sys.executable, str(BENCH / "floor.py"), str(out)]
        check_cmd = [*designlint_command(), "check", str(out), "--format", "json", "--no-cache"]
        progress("warming up (page cache, bytecode) ...")
        measure(floor_cmd, scratch)
        measure(check_cmd, scratch)
        floor_runs, check_runs = [], []
        for number in range(1, repeat + 1):
            progress(f"run {number}/{repeat}: floor ...")
            floor_runs.append(measure(floor_cmd, scratch))
            progress(f"run {number}/{repeat}: designlint check ...")
            check_runs.append(measure(check_cmd, scratch))
        report_summary = findings_summary(check_runs[-1]["stdout_file"])

        cold_design = COLD_START_DESIGN if COLD_START_DESIGN.exists() else paths[0]
        progress(f"cold start: {cold_runs} runs on {cold_design.name} ...")
        cold_cmd = [*designlint_command(), "check", str(cold_design), "--no-cache"]
        measure(cold_cmd, scratch)  # warm-up: bytecode is compiled once, as on a developer's machine
        cold = summarise([measure(cold_cmd, scratch) for _ in range(cold_runs)])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    floor, check = summarise(floor_runs), summarise(check_runs)
    ratio = check["wall_s"] / floor["wall_s"]
    cpu_ratio = check["cpu_s"] / floor["cpu_s"]
    cold_ms = cold["wall_s"] * 1000
    return {
        "corpus": {"files": files, "bytes": corpus_bytes, "seed": seed, "dir": str(out)},
        "repeat": repeat,
        "environment": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "bytecode_cache": bytecode_warning() is None,
        },
        "floor": floor,
        "designlint": {**check, "report": report_summary},
        "cold_start": {
            **cold,
            "runs": cold_runs,
            "design": str(cold_design),
            "is_newsfeed": cold_design == COLD_START_DESIGN,
        },
        "ratio": ratio,
        "cpu_ratio": cpu_ratio,
        "targets": {
            "ratio": {"limit": MAX_RATIO, "value": ratio, "met": ratio <= MAX_RATIO},
            "peak_rss_mib": {
                "limit": MAX_PEAK_MIB,
                "value": check["peak_rss_mib"],
                "met": check["peak_rss_mib"] < MAX_PEAK_MIB,
            },
            "cold_start_ms": {
                "limit": MAX_COLD_START_MS,
                "value": cold_ms,
                "met": cold_ms < MAX_COLD_START_MS,
            },
        },
    }


def render_table(result: dict) -> str:
    corpus, targets = result["corpus"], result["targets"]
    floor, check, cold = result["floor"], result["designlint"], result["cold_start"]
    mark = lambda target: "met" if target["met"] else "MISSED"  # noqa: E731
    cold_label = "cold start (newsfeed.yaml)" if cold["is_newsfeed"] else "cold start (1 generated design)"
    lines = [
        f"designlint benchmark: {corpus['files']} designs, {corpus['bytes'] / 2**20:.1f} MiB, "
        f"median of {result['repeat']} runs (cold start: {cold['runs']})",
        "",
        f"{'':32}{'wall':>10}{'CPU':>10}{'peak RSS':>14}",
        *(
            f"{label:32}{row['wall_s']:>9.3f}s{row['cpu_s']:>9.3f}s{row['peak_rss_mib']:>10.1f} MiB"
            for label, row in (
                ("floor (libyaml compose + walk)", floor),
                ("designlint check --format json", check),
                (cold_label, cold),
            )
        ),
        "",
        f"{'designlint / floor':32}{result['ratio']:>9.2f}x   target <= {MAX_RATIO:.1f}x      {mark(targets['ratio'])}"
        f"   (CPU time: {result['cpu_ratio']:.2f}x)",
        f"{'designlint peak memory':32}{check['peak_rss_mib']:>6.1f} MiB   target < {MAX_PEAK_MIB:.0f} MiB    "
        f"{mark(targets['peak_rss_mib'])}",
        f"{'cold start':32}{targets['cold_start_ms']['value']:>7.0f} ms   target < {MAX_COLD_START_MS:.0f} ms     "
        f"{mark(targets['cold_start_ms'])}",
    ]
    if not cold["is_newsfeed"]:
        lines.append("(designs/newsfeed.yaml not found: cold start measured on a generated design)")
    if check.get("report"):
        summary = check["report"]
        lines.append(
            f"designlint reported {summary.get('findings')} findings on {summary.get('files')} files "
            f"({summary.get('error')} errors, {summary.get('warning')} warnings, {summary.get('info')} info)"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark designlint check against the YAML parse floor.")
    parser.add_argument("--files", type=int, default=500, help="designs in the corpus (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="measured runs of each command (default 3)")
    parser.add_argument("--cold-runs", type=int, default=10, help="runs of the cold start (default 10)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="write the corpus here (e.g. bench/out) and keep it; default: a temporary folder",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if args.files < 1 or args.repeat < 1 or args.cold_runs < 1:
        parser.error("--files, --repeat and --cold-runs must be at least 1")

    progress = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    if bytecode_warning():
        progress(bytecode_warning())
    temporary = args.out is None
    out = Path(tempfile.mkdtemp(prefix="designlint-corpus-")) if temporary else args.out.resolve()
    if not temporary and out.exists() and any(out.glob("design-*.yaml")):
        for stale in out.glob("design-*.yaml"):  # a previous, possibly larger corpus
            stale.unlink()
    try:
        result = run_benchmark(args.files, args.repeat, args.cold_runs, args.seed, out, progress)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"bench: could not measure: {error}", file=sys.stderr)
        return 2
    finally:
        if temporary:
            shutil.rmtree(out, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
    else:
        print(render_table(result), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
