"""How ``designlint check`` time grows with the number of files and with the size of one file.

    python bench/scaling.py [--quick] [--counts 50,500,5000] [--sizes 10,1000,5000] [--repeat 1] [--json] [--save]

Two series, each step a fresh process (``bench/measure.py``) on one core, with every rule:

- file count: 50 -> 500 -> 5,000 generated designs (``--quick`` stops at 500);
- file size: one design of about 10 KB -> 1 MB -> 5 MB (``--quick`` stops at 1 MB),
  grown by merging generated designs with their identifiers renamed apart, so references
  still resolve and the content stays design-like.

For each step it prints the CPU time of the check and of the event floor (``bench/floor.py``),
and the marginal cost per unit (per file, per MiB) between this step and the one before. Time
grows linearly when the marginal cost stays flat: the ``growth`` column divides each step's
marginal cost by the first one's (1.0 is linear; a quadratic step doubles it at every
tenfold), and the ``floor`` column does the same for the event floor measured beside it: the
machine's speed drifts during a run, and a growth the floor shows too is that drift. The figures are ratios measured in one run, not absolute claims. Not part of the
test suite: the full run takes minutes. ``--save`` keeps the series in ``results.json`` under
``scaling``, and ``bench/readme.py`` renders them in the README.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(REPO))

from bench.generate import DEFAULT_SEED, design_rng, draft_design, write_corpus  # noqa: E402
from bench.run import RESULTS, designlint_command, measure  # noqa: E402
from bench.yamlemit import dump  # noqa: E402

COUNTS = (50, 500, 5000)
# A 100 KB step would add less work than a start-up's noise, and its marginal cost, the one the
# growth column divides by, would be noise too.
SIZES_KB = (10, 1000, 5000)
QUICK_COUNT_LIMIT = 500
QUICK_SIZE_LIMIT_KB = 1000
MIB = 2**20
# Identifiers and quantity names: what references and formulas point at.
_SLUG = re.compile(r"[a-z][a-z0-9_-]*")


@dataclass(frozen=True)
class Step:
    """One measured point of a series: ``units`` files, or MiB of one file."""

    units: float
    bytes: int
    cpu_s: float
    floor_cpu_s: float
    peak_rss_mib: float


@dataclass(frozen=True)
class Row:
    step: Step
    per_unit_s: float | None  # marginal CPU seconds per unit since the previous step
    growth: float | None  # per_unit_s / the first step's per_unit_s
    over_floor: float  # CPU of the check / CPU of the event floor
    # The same growth for the event floor. The machine's speed drifts over minutes of a run; when
    # the floor's marginal cost grows as much as designlint's, the drift explains the growth.
    floor_growth: float | None = None


def _names(node: object, found: set[str]) -> None:
    """The identifiers (``id``) and quantity names of a document, which copies must rename."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            for key, value in current.items():
                if key in ("id", "name") and isinstance(value, str) and _SLUG.fullmatch(value):
                    found.add(value)
                stack.append(value)
        elif isinstance(current, list):
            stack.extend(current)


def _restore_format_values(renamed: dict, original: dict) -> None:
    """Put back the values renaming changed where the format wants one of its fixed values.

    A component called ``edge`` and a use-case category ``edge`` are the same string: the copy's
    identifiers are renamed everywhere, then validation says which places hold a fixed value.
    """
    from pydantic import ValidationError

    from designlint.model import Design

    try:
        Design.model_validate({**original, **renamed})
    except ValidationError as error:
        for problem in error.errors():
            if problem["type"] not in ("literal_error", "enum"):
                continue
            *parents, last = problem["loc"]
            into, source = renamed, original
            for step in parents:
                into, source = into[step], source[step]
            into[last] = source[last]


def _renamed(node: object, pattern: re.Pattern[str], suffix: str) -> object:
    """A deep copy of ``node`` with every whole identifier in its strings suffixed."""
    if isinstance(node, dict):
        return {key: _renamed(value, pattern, suffix) for key, value in node.items()}
    if isinstance(node, list):
        return [_renamed(item, pattern, suffix) for item in node]
    if isinstance(node, str):
        return pattern.sub(lambda match: match.group(0) + suffix, node)
    return node


def _merge(into: dict, other: dict) -> None:
    """Lists are concatenated, mappings merged, single values kept from the first design."""
    for key, value in other.items():
        mine = into.get(key)
        if isinstance(mine, list) and isinstance(value, list):
            mine.extend(value)
        elif isinstance(mine, dict) and isinstance(value, dict):
            _merge(mine, value)
        elif key not in into:
            into[key] = value


def grown_design(target_bytes: int, seed: int = DEFAULT_SEED) -> str:
    """One design of about ``target_bytes`` (at least that, within one generated design's size).

    Below one generated design (about 28 KB), its first sections; above, generated designs
    merged, the identifiers of each copy renamed apart (``_c1``, ``_c2``, ...).
    """
    base, _ = draft_design(0, design_rng(seed, 0))
    text = dump(base)
    if len(text.encode("utf-8")) >= target_bytes:
        partial: dict = {}
        for key, value in base.items():
            partial[key] = value
            if (
                key not in ("apiVersion", "kind", "metadata")
                and len(dump(partial).encode("utf-8")) >= target_bytes
            ):
                break
        return dump(partial)
    merged = copy.deepcopy(base)
    copies = 1
    size = len(text.encode("utf-8"))
    while size < target_bytes:
        size += _add_copy(merged, copies, seed)
        copies += 1
        if size >= target_bytes:  # the estimate counts some text twice: measure once it says enough
            size = len(dump(merged).encode("utf-8"))
    return dump(merged)


def _add_copy(merged: dict, copies: int, seed: int) -> int:
    """Merge generated design number ``copies``, renamed apart, into ``merged``; about how many
    bytes it adds."""
    document, _ = draft_design(copies, design_rng(seed, copies))
    names: set[str] = set()
    _names(document, names)
    # Longest first, so a name that is a prefix of another is not matched inside it.
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=lambda n: (-len(n), n)))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    renamed = _renamed({k: v for k, v in document.items() if k != "metadata"}, pattern, f"_c{copies}")
    assert isinstance(renamed, dict)
    # Otherwise the grown design would measure validation errors rather than a design.
    _restore_format_values(renamed, document)
    _merge(merged, renamed)
    return len(dump(renamed).encode("utf-8"))


def _marginal(steps: list[Step], cost: Callable[[Step], float]) -> list[float | None]:
    """CPU seconds per unit between each step and the one before (None for the first)."""
    out: list[float | None] = [None]
    for before, step in zip(steps, steps[1:]):
        extra_units = step.units - before.units
        out.append((cost(step) - cost(before)) / extra_units if extra_units > 0 else None)
    return out


def _growths(per_units: list[float | None]) -> list[float | None]:
    """Each marginal cost against the first one there is."""
    first = next((value for value in per_units if value is not None), None)
    return [value / first if value is not None and first else None for value in per_units]


def rows(steps: list[Step]) -> list[Row]:
    """Marginal cost per unit between consecutive steps, and its growth against the first, for
    designlint and for the event floor."""
    per_units = _marginal(steps, lambda step: step.cpu_s)
    growths = _growths(per_units)
    floor_growths = _growths(_marginal(steps, lambda step: step.floor_cpu_s))
    return [
        Row(
            step,
            per_unit,
            growth,
            step.cpu_s / step.floor_cpu_s if step.floor_cpu_s else float("nan"),
            floor_growth,
        )
        for step, per_unit, growth, floor_growth in zip(steps, per_units, growths, floor_growths)
    ]


Measure = Callable[[list[str]], dict]


def _measure_folder(folder: Path, measure_one: Measure, repeat: int) -> tuple[float, float, float]:
    """The least CPU time of the check and of the floor over ``repeat`` runs, and the check's peak."""
    check = [*designlint_command(), "check", str(folder), "--format", "json", "--no-cache", "--jobs", "1"]
    floor = [sys.executable, str(BENCH / "floor.py"), str(folder)]
    checks = [measure_one(check) for _ in range(repeat)]
    floors = [measure_one(floor) for _ in range(repeat)]
    return (
        min(run["cpu_s"] for run in checks),
        min(run["cpu_s"] for run in floors),
        max(run["peak_rss_kib"] for run in checks) / 1024,
    )


def count_series(counts: list[int], measure_one: Measure, repeat: int, scratch: Path, progress) -> list[Step]:
    corpus = scratch / "count"
    steps = []
    for count in counts:
        progress(f"file count: {count} designs ...")
        shutil.rmtree(corpus, ignore_errors=True)
        paths = write_corpus(count, corpus)
        cpu, floor_cpu, peak = _measure_folder(corpus, measure_one, repeat)
        steps.append(Step(count, sum(p.stat().st_size for p in paths), cpu, floor_cpu, peak))
    return steps


def size_series(
    sizes_kb: list[int], measure_one: Measure, repeat: int, scratch: Path, progress
) -> list[Step]:
    folder = scratch / "size"
    steps = []
    for kb in sizes_kb:
        progress(f"file size: one design of about {kb} KB ...")
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        raw = grown_design(kb * 1000).encode("utf-8")
        (folder / "design.yaml").write_bytes(raw)
        cpu, floor_cpu, peak = _measure_folder(folder, measure_one, repeat)
        steps.append(Step(len(raw) / MIB, len(raw), cpu, floor_cpu, peak))
    return steps


def render(series: dict[str, list[Row]]) -> str:
    lines = []
    for name, unit in (("count", "file"), ("size", "MiB")):
        table = series.get(name)
        if not table:
            continue
        title = "time vs number of files" if name == "count" else "time vs size of one file"
        lines += [
            f"{title} (one core, every rule; marginal CPU per {unit} between steps)",
            f"{'step':>14} {'MiB':>8} {'check CPU':>10} {'floor CPU':>10} {'/floor':>7} "
            f"{'per ' + unit:>12} {'growth':>7} {'floor':>6} {'peak RSS':>9}",
        ]
        for row in table:
            step = row.step
            label = f"{int(step.units)} files" if name == "count" else f"{step.bytes / 1000:.0f} KB"
            per_unit = f"{row.per_unit_s * 1000:.2f} ms" if row.per_unit_s is not None else "-"
            growth = f"{row.growth:.2f}" if row.growth is not None else "-"
            floor_growth = f"{row.floor_growth:.2f}" if row.floor_growth is not None else "-"
            lines.append(
                f"{label:>14} {step.bytes / MIB:>8.2f} {step.cpu_s:>9.2f}s {step.floor_cpu_s:>9.2f}s "
                f"{row.over_floor:>6.2f}x {per_unit:>12} {growth:>7} {floor_growth:>6} {step.peak_rss_mib:>5.0f} MiB"
            )
        lines.append("")
    return "\n".join(lines)


def _numbers(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers separated by commas, not {text!r}") from None
    if not values or any(value < 1 for value in values) or values != sorted(set(values)):
        raise argparse.ArgumentTypeError("expected increasing positive numbers")
    return values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Show how designlint check time grows with file count and size."
    )
    parser.add_argument("--quick", action="store_true", help="skip 5,000 designs and the 5 MB design")
    parser.add_argument(
        "--counts", type=_numbers, default=list(COUNTS), help="designs per step (default 50,500,5000)"
    )
    parser.add_argument(
        "--sizes", type=_numbers, default=list(SIZES_KB), help="KB per design (default 10,1000,5000)"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per step; the least CPU time counts (default 1)"
    )
    parser.add_argument("--json", action="store_true", help="print the series as JSON")
    parser.add_argument(
        "--save", action="store_true", help=f"keep the series in {RESULTS.relative_to(REPO)} for the README"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    counts = [c for c in args.counts if not args.quick or c <= QUICK_COUNT_LIMIT]
    sizes = [s for s in args.sizes if not args.quick or s <= QUICK_SIZE_LIMIT_KB]
    progress = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    scratch = Path(tempfile.mkdtemp(prefix="designlint-scaling-"))
    stdout_file = scratch / "stdout.txt"
    try:
        measure_one: Measure = lambda command: measure(command, scratch)  # noqa: E731
        series = {
            "count": rows(count_series(counts, measure_one, args.repeat, scratch, progress)),
            "size": rows(size_series(sizes, measure_one, args.repeat, scratch, progress)),
        }
    except RuntimeError as error:
        print(f"scaling: could not measure: {error}", file=sys.stderr)
        return 2
    finally:
        stdout_file.unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)
    as_data = {name: [asdict(row) for row in table] for name, table in series.items()}
    if args.save:
        # Figures the other benchmarks saved are kept beside these.
        saved = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
        saved["scaling"] = as_data
        RESULTS.write_text(json.dumps(saved, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        progress(f"wrote {RESULTS.relative_to(REPO)}; run bench/readme.py to update the README")
    if args.json:
        print(json.dumps(as_data, indent=2))
    else:
        print(render(series), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
