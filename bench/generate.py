"""Generate realistic, valid design files for benchmarks.

    python bench/generate.py N OUTDIR [--seed S]

Each design is about 28 KB / 800 lines and touches every section of the format, with
cross-references that agree (dependencies, paths, SLOs, runbooks, cost items). Output is
deterministic: the same seed and index give the same bytes.

Other benchmarks reuse it: ``generate_design(index, rng)`` or ``write_corpus(n, outdir, seed)``.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import part_architecture as arch
from bench import part_operations as ops
from bench import part_product as product
from bench import part_reliability as rel
from bench import part_scale as scale
from bench.prose import Draft
from bench.reconcile import settle_availability
from bench.slips import add_slips
from bench.yamlemit import dump

DEFAULT_SEED = 20240601


def design_rng(seed: int, index: int) -> random.Random:
    """The generator for design `index`: independent of the others, so any subset can be regenerated."""
    return random.Random(f"designlint-bench:{seed}:{index}")


def generate_design(index: int, rng: random.Random, slips: bool = True) -> str:
    """The YAML text of one design; `index` makes its name unique within a corpus.

    Its numbers are consistent; with `slips`, a few designs carry one slip of the kind
    reviews find (see :mod:`bench.slips`), as a repository of real drafts would.
    """
    document, draft = draft_design(index, rng)
    if slips:
        add_slips(document, draft, rng)
    return render(document, draft)


def draft_design(index: int, rng: random.Random) -> tuple[dict, Draft]:
    """One design as a document (sections in the format's order) and the draft that wrote it."""
    draft = Draft(index, rng)
    # Sections that others refer to are drafted first; the document keeps the format's order.
    teams = product.teams(draft)
    users = product.users(draft)
    nfr = scale.nfr(draft)
    scale_section = scale.scale(draft)
    use_cases = product.use_cases(draft)
    architecture = arch.architecture(draft)
    runbooks = ops.runbooks(draft)
    rel.plan_regions(draft)
    maybe = lambda section: section if rng.random() < 0.5 else None  # noqa: E731 - not every design has them
    document = {
        "apiVersion": "designlint/v1",
        "kind": "Design",
        "metadata": product.metadata(draft),
        "#teams": "Who owns what, and who carries the pager.",
        "teams": teams,
        "users": users,
        "useCases": use_cases,
        "scope": product.scope(draft),
        "requirements": product.requirements(draft),
        "#scale": "Phase 3: every derived number names the formula it comes from.",
        "scale": scale_section,
        "nfr": nfr,
        "tradeoffs": product.tradeoffs(draft),
        "decisions": product.decisions(draft),
        "assumptions": product.assumptions(draft),
        "constraints": product.constraints(draft),
        "simplifications": maybe(product.simplifications(draft)),
        "#architecture": "Dependencies point from caller to callee.",
        "architecture": architecture,
        "failureScenarios": rel.failure_scenarios(draft),
        "partialFailures": maybe(rel.partial_failures(draft)),
        "cascadeProtections": rel.cascade_protections(draft),
        "slos": rel.slos(draft),
        "dr": rel.dr(draft),
        "multiRegion": rel.multi_region(draft),
        "migrations": maybe(ops.migrations(draft)),
        "invariants": ops.invariants(draft),
        "cost": ops.cost(draft),
        "crossTeamDependencies": maybe(ops.cross_team_dependencies(draft)),
        "observability": ops.observability(draft),
        "runbooks": runbooks,
        "deployment": ops.deployment(draft),
        "humanErrors": maybe(ops.human_errors(draft)),
        "api": arch.api(draft),
        "evolution": maybe(ops.evolution(draft)),
        "incidents": maybe(rel.incidents(draft)),
        "mentalModels": maybe(product.mental_models(draft)),
        "notes": ops.notes(draft),
    }
    document = {key: value for key, value in document.items() if value is not None}
    settle_availability(document, rel.set_slo_objective)
    return document, draft


def render(document: dict, draft: Draft) -> str:
    header = [
        f"{draft.d.title}: generated benchmark design #{draft.index}.",
        "Numbers are illustrative but consistent: formulas, budgets and costs recompute.",
    ]
    return dump(document, header)


def write_corpus(n: int, outdir: str | Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write designs 0..n-1 into `outdir` (created if needed); returns their paths in order."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        path = out / f"design-{index:04d}.yaml"
        path.write_bytes(generate_design(index, design_rng(seed, index)).encode("utf-8"))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write N generated design files into OUTDIR.")
    parser.add_argument("count", metavar="N", type=int)
    parser.add_argument("outdir", metavar="OUTDIR")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("N must be zero or more")
    paths = write_corpus(args.count, args.outdir, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} designs ({size / 1024:.0f} KiB) to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
