"""Measure what references between designs cost ``designlint check``.

    python bench/organisation.py [--files 500] [--repeat 3] [--seed S] [--json]

Generates an organisation of designs (``bench/generate.py``) twice, into two folders that differ
only in the references: in both, every design gains the same few components standing for
services of other designs of the organisation (and its first component calls one of them
synchronously); in one folder those components carry ``ref: design#component`` and a dependency
target names another design's element directly, in the other they are plain local components
and the target is local. Both folders are checked as fresh processes (``designlint check .
--format json``, through ``bench/measure.py``), without the result cache and then re-run with it.

Prints median wall and CPU times and the ratio with/without references (target: at most 1.2x).
Exits 0 whenever it could measure: it is a report, not a test.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(BENCH.parent))

from bench.cache import designlint_command, measure, summarise  # noqa: E402
from bench.generate import DEFAULT_SEED, design_rng, draft_design, render  # noqa: E402
from bench.slips import add_slips  # noqa: E402

TARGET_RATIO = 1.2
PEERS = 3  # designs each design references
STRIDES = (7, 13, 31)  # which designs those are: spread over the organisation, some in cycles


def _peers(index: int, count: int) -> list[int]:
    chosen: list[int] = []
    for stride in STRIDES[:PEERS]:
        peer = (index * stride + stride) % count
        if peer != index and peer not in chosen:
            chosen.append(peer)
    return chosen


def organisation(count: int, seed: int, references: bool) -> dict[str, str]:
    """File name -> YAML text of every design of the organisation."""
    drafted = []
    for index in range(count):
        rng = design_rng(seed, index)
        document, draft = draft_design(index, rng)
        add_slips(document, draft, rng)
        drafted.append((document, draft))
    provided = [
        (document["metadata"]["name"], document["architecture"]["components"][0]["id"])
        for document, _ in drafted
    ]
    files = {}
    for index, (document, draft) in enumerate(drafted):
        components = document["architecture"]["components"]
        stand_ins = []
        for peer in _peers(index, count):
            design, element = provided[peer]
            stand_in = {"id": f"peer-{peer}", "name": f"Service of {design}", "kind": "external-service"}
            if references:
                stand_in["ref"] = f"{design}#{element}"
            stand_ins.append(stand_in)
        caller = components[0]
        direct = provided[_peers(index, count)[0]]
        target = f"{direct[0]}#{direct[1]}" if references else stand_ins[0]["id"]
        caller.setdefault("dependsOn", []).append({"target": target, "mode": "sync", "criticality": "soft"})
        components.extend(stand_ins)
        files[f"design-{index:04d}.yaml"] = render(document, draft)
    return files


def _write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def run_benchmark(count: int, repeat: int, seed: int, progress) -> dict:
    root = Path(tempfile.mkdtemp(prefix="designlint-organisation-bench-"))
    try:
        progress(f"generating {count} designs, with and without references ...")
        folders = {"with": root / "with", "without": root / "without"}
        for label, folder in folders.items():
            _write(folder, organisation(count, seed, references=label == "with"))
        out = root / "stdout.json"
        base = [*designlint_command(), "check", ".", "--format", "json"]
        results: dict[str, dict] = {}
        for label, folder in folders.items():
            progress(f"{label} references: {repeat} runs without the cache, then {repeat} with it ...")
            measure([*base, "--no-cache"], folder, out)  # warm-up: page cache, bytecode
            cold = [measure([*base, "--no-cache"], folder, out) for _ in range(repeat)]
            measure(base, folder, out)  # writes the entries
            warm = [measure(base, folder, out) for _ in range(repeat)]
            findings = json.loads(cold[0]["output"])
            organisation_findings = sum(
                1 for f in _findings(findings) if str(f.get("code", "")).startswith("DL6")
            )
            results[label] = {
                "uncached": summarise(cold),
                "cached": summarise(warm),
                "cross_design_findings": organisation_findings,
            }
    finally:
        shutil.rmtree(root, ignore_errors=True)
    ratio = results["with"]["uncached"]["cpu_s"] / results["without"]["uncached"]["cpu_s"]
    cached_ratio = results["with"]["cached"]["cpu_s"] / results["without"]["cached"]["cpu_s"]
    return {
        "corpus": {"files": count, "seed": seed, "references_per_design": PEERS + 1},
        **results,
        "ratio_uncached_cpu": ratio,
        "ratio_cached_cpu": cached_ratio,
        "target": {"ratio": TARGET_RATIO, "met": ratio <= TARGET_RATIO},
    }


def _findings(report: object) -> list[dict]:
    """The findings of a JSON report, whatever its top-level shape (a list, or files with findings)."""
    if isinstance(report, list):
        return [f for f in report if isinstance(f, dict)]
    if isinstance(report, dict):
        found = []
        for value in report.values():
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, dict) and "code" in item:
                        found.append(item)
                    elif isinstance(item, dict):
                        found.extend(_findings(item))
        return found
    return []


def render_table(result: dict) -> str:
    lines = [
        f"{result['corpus']['files']} designs, {result['corpus']['references_per_design']} references each",
        f"{'':28}{'wall s':>8}{'cpu s':>8}",
    ]
    for label in ("without", "with"):
        for mode in ("uncached", "cached"):
            row = result[label][mode]
            lines.append(f"{label + ' references, ' + mode:28}{row['wall_s']:>8.2f}{row['cpu_s']:>8.2f}")
    lines.append(f"cross-design findings with references: {result['with']['cross_design_findings']}")
    met = "met" if result["target"]["met"] else "NOT met"
    lines.append(
        f"ratio with/without (CPU): {result['ratio_uncached_cpu']:.2f}x without the cache, "
        f"{result['ratio_cached_cpu']:.2f}x with it; target <= {TARGET_RATIO}x: {met}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.files < 2 or args.repeat < 1:
        parser.error("--files must be at least 2 and --repeat at least 1")
    result = run_benchmark(args.files, args.repeat, args.seed, lambda m: print(m, file=sys.stderr))
    print(json.dumps(result, indent=2) if args.json else render_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
