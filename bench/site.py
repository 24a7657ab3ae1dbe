"""Measure ``designlint site build`` against a plain ``mkdocs build`` of the same pages, in the same run.

    python bench/site.py [--designs 100] [--repeat 3] [--out DIR] [--json] [--save]

Generates the designs (``bench/generate.py``), then builds, each as a fresh process:

- **designlint**: ``designlint site build`` on the designs, with the diagram cache warm (an
  unchanged rebuild, the everyday case) and, once, cold (every diagram drawn by Graphviz);
- **plain MkDocs**: ``mkdocs build`` of the very pages designlint generates (design pages,
  index, rule reference, diagrams and assets), written out as static Markdown and files, with
  the same theme, plugins and extensions and without the designlint plugin.

The difference is designlint's own work: reading, checking and recomputing the designs and
writing their Markdown. Runs are interleaved so both see the same machine load. ``--save`` puts
the figures under ``site`` in ``bench/results.json`` (the rest of the file is kept), from which
``bench/readme.py`` renders them into the README. Exits 0 when it could measure (it is a report,
not a test).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(REPO))

from bench.generate import DEFAULT_SEED, write_corpus  # noqa: E402
from bench.run import RESULTS, designlint_command, measure, summarise  # noqa: E402

MAX_OVERHEAD = 0.20
THEME = """\
theme:
  name: material
  font: false
  features: [navigation.tabs, navigation.sections, navigation.indexes, content.action.edit]
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc: {permalink: true}
"""


def write_configs(work: Path, designs: Path) -> tuple[Path, Path]:
    """The designlint site and the plain site: same theme and plugins, one with the designlint plugin."""
    (work / "docs").mkdir(parents=True, exist_ok=True)
    (work / "docs" / "index.md").write_text(
        "# Design reviews\n\n[Designs](designs/index.md)\n", encoding="utf-8"
    )
    designlint_yml = work / "designlint.yml"
    designlint_yml.write_text(
        f"site_name: Bench\ndocs_dir: docs\nsite_dir: out-designlint\n{THEME}"
        f"plugins:\n  - search\n  - tags\n  - designlint:\n      designs: {json.dumps(str(designs))}\n"
        f"      cache_dir: diagram-cache\n",
        encoding="utf-8",
    )
    plain_yml = work / "plain.yml"
    plain_yml.write_text(
        f"site_name: Bench\ndocs_dir: static-docs\nsite_dir: out-plain\n{THEME}plugins:\n  - search\n  - tags\n"
        "extra_css: [assets/designlint/designlint.css]\nextra_javascript: [assets/designlint/designlint.js]\n",
        encoding="utf-8",
    )
    return designlint_yml, plain_yml


def write_static_pages(work: Path, designs: Path) -> dict:
    """designlint's generated pages as ordinary files, for the plain build (and their sizes, for the report)."""
    from importlib import resources

    from designlint.engine.cache_folder import CacheFolder
    from designlint.site.collect import collect
    from designlint.site.diagrams import DiagramCache
    from designlint.site.generate import generate

    docs = work / "static-docs"
    shutil.copytree(work / "docs", docs, dirs_exist_ok=True)
    generated = generate(collect([designs], work), DiagramCache(CacheFolder.at(work, "diagram-cache")))
    for name in ("designlint.css", "designlint.js"):
        generated[f"assets/designlint/{name}"] = (
            resources.files("designlint.site").joinpath("assets").joinpath(name).read_bytes()
        )
    markdown = 0
    for uri, content in generated.items():
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        target.write_bytes(data)
        markdown += len(data) if uri.endswith(".md") else 0
    pages = sum(1 for uri in generated if uri.endswith(".md"))
    return {"pages": pages, "markdown_bytes": markdown}


def run(count: int, repeat: int, seed: int, out: Path, progress) -> dict:
    work = out
    designs = work / "designs"
    progress(f"generating {count} designs into {designs} ...")
    write_corpus(count, designs, seed)
    designlint_yml, plain_yml = write_configs(work, designs)
    site_cmd = [*designlint_command(), "site", "build", "--strict", "-q", "-f", str(designlint_yml)]
    plain_cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(plain_yml)]
    scratch = Path(tempfile.mkdtemp(prefix="designlint-site-bench-"))
    try:
        shutil.rmtree(work / "diagram-cache", ignore_errors=True)
        progress("designlint, cold diagram cache (Graphviz draws every diagram) ...")
        cold = measure(site_cmd, scratch, cwd=work)
        progress("writing the same pages as static Markdown for the plain build ...")
        pages = write_static_pages(work, designs)
        progress("warming up ...")
        measure(plain_cmd, scratch, cwd=work)
        measure(site_cmd, scratch, cwd=work)
        warm_runs, plain_runs = [], []
        for number in range(1, repeat + 1):
            progress(f"run {number}/{repeat}: plain mkdocs build ...")
            plain_runs.append(measure(plain_cmd, scratch, cwd=work))
            progress(f"run {number}/{repeat}: designlint site build ...")
            warm_runs.append(measure(site_cmd, scratch, cwd=work))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    plain, warm = summarise(plain_runs), summarise(warm_runs)
    overhead = warm["wall_s"] / plain["wall_s"] - 1
    return {
        "designs": count,
        "seed": seed,
        "repeat": repeat,
        **pages,
        "plain_mkdocs": plain,
        "designlint_warm": warm,
        "designlint_cold": {
            "wall_s": cold["wall_s"],
            "cpu_s": cold["cpu_s"],
            "peak_rss_mib": cold["peak_rss_kib"] / 1024,
        },
        "overhead": overhead,
        "cold_overhead": cold["wall_s"] / plain["wall_s"] - 1,
        "target": {"limit": MAX_OVERHEAD, "met": overhead <= MAX_OVERHEAD},
    }


def render(result: dict) -> str:
    plain, warm, cold = result["plain_mkdocs"], result["designlint_warm"], result["designlint_cold"]
    verdict = "met" if result["target"]["met"] else "MISSED"
    # CPU is every process of the build (workers included): steadier than wall on a busy machine,
    # but it counts work done in parallel in full, so the target stays on wall time.
    cpu = {name: row.get("cpu_s") for name, row in (("plain", plain), ("warm", warm), ("cold", cold))}

    def cpu_cell(name: str) -> str:
        return f"{cpu[name]:>9.2f}s" if cpu[name] is not None else f"{'—':>10}"

    cpu_overhead = (
        f"; CPU time {(warm['cpu_s'] / plain['cpu_s'] - 1) * 100:+.0f} %"
        if cpu["warm"] is not None and cpu["plain"]
        else ""
    )
    return (
        "\n".join(
            [
                f"site benchmark: {result['designs']} generated designs -> {result['pages']} pages "
                f"({result['markdown_bytes'] / 2**20:.1f} MiB of Markdown), median of {result['repeat']} runs",
                "",
                f"{'':46}{'wall':>10}{'CPU':>10}{'peak RSS':>14}",
                f"{'plain mkdocs build of the same static pages':46}{plain['wall_s']:>9.2f}s{cpu_cell('plain')}"
                f"{plain['peak_rss_mib']:>10.1f} MiB",
                f"{'designlint site build (diagrams cached)':46}{warm['wall_s']:>9.2f}s{cpu_cell('warm')}"
                f"{warm['peak_rss_mib']:>10.1f} MiB",
                f"{'designlint site build (diagrams drawn, once)':46}{cold['wall_s']:>9.2f}s{cpu_cell('cold')}"
                f"{cold['peak_rss_mib']:>10.1f} MiB",
                "",
                f"designlint / plain mkdocs: {warm['wall_s'] / plain['wall_s']:.2f}x with diagrams cached, "
                f"{cold['wall_s'] / plain['wall_s']:.2f}x with every diagram drawn",
                f"designlint's own overhead: {result['overhead'] * 100:+.0f} % "
                f"(target within {result['target']['limit'] * 100:.0f} %: {verdict}){cpu_overhead}",
            ]
        )
        + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--designs", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--out", type=Path, default=None, help="keep the work folder here (default: a temporary one)"
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--save", action="store_true", help="write the figures under 'site' in bench/results.json"
    )
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="designlint-site-"))

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        result = run(args.designs, args.repeat, args.seed, out.resolve(), progress)
    except (RuntimeError, OSError) as error:
        print(f"bench/site.py: could not measure: {error}", file=sys.stderr)
        return 2
    finally:
        if args.out is None:
            shutil.rmtree(out, ignore_errors=True)
    if args.save:
        saved = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
        saved["site"] = result
        RESULTS.write_text(json.dumps(saved, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        progress(f"wrote {RESULTS.relative_to(REPO)}; run bench/readme.py to update the README")
    print(json.dumps(result, indent=2) if args.json else render(result), end="" if not args.json else "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
