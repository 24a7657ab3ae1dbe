"""Measure the language server: from a one-character edit to the diagnostics that follow it.

    python bench/server.py [--file designs/newsfeed.yaml] [--repeat 30] [--json]

Starts ``designlint server`` as an editor would (over stdio, driven by pygls' language client),
opens the design, then repeatedly sends a ``textDocument/didChange`` that adds or removes one
character of prose and times until ``textDocument/publishDiagnostics`` arrives for that version.
The figure includes the server's debounce (it publishes once typing has paused for 100 ms; an
edit after a pause is checked during that time) and the JSON-RPC round trip. Its floor, measured in this process on the same text, is what the server
must do per edit at least: read the buffer and check it (``Engine.check_document``).

Prints one JSON line (medians in milliseconds); exits 0 whenever it could measure: it is a
report, not a test, and 2 only when the server could not be driven.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(ROOT))

TARGET_MS = 150.0
PAUSE_S = 0.25  # between edits: a person pausing, so every edit is checked on its own


def floor_ms(path: Path, repeat: int) -> float:
    """Median time to read and check the text in this process, as the server does per edit."""
    from designlint.engine.session import CheckSession
    from designlint.loader import load_text

    text = path.read_text(encoding="utf-8")
    engine = CheckSession().engine_for(path)
    engine.check_document(load_text(text, str(path)))  # warm: imports, rule packs, schema
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        engine.check_document(load_text(text, str(path)))
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def edits(text: str) -> tuple[str, str]:
    """The text with one more character in its first prose line, and the text itself."""
    marker = "  title: "
    at = text.index(marker) + len(marker)
    return text[:at] + "A" + text[at:], text


async def drive(path: Path, repeat: int) -> list[float]:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("designlint-bench", "1")
    arrived: dict[int, float] = {}
    waiting: dict[int, asyncio.Event] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            event = waiting.get(params.version)
            if event is not None:
                event.set()

    async def published(version: int) -> None:
        event = waiting.setdefault(version, asyncio.Event())
        if version not in arrived:
            await asyncio.wait_for(event.wait(), timeout=30)

    await client.start_io(sys.executable, "-m", "designlint", "server", cwd=str(ROOT))
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=ROOT.as_uri())
    )
    client.initialized(types.InitializedParams())
    uri = path.resolve().as_uri()
    text = path.read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, text))
    )
    await published(1)
    versions = edits(text)
    latencies = []
    for run in range(repeat):
        version = run + 2
        await asyncio.sleep(PAUSE_S)
        change = types.TextDocumentContentChangeWholeDocument(text=versions[run % 2])
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]
            )
        )
        await published(version)
        latencies.append((arrived[version] - sent) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return latencies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=ROOT / "designs" / "newsfeed.yaml")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--save", action="store_true", help="keep the figures in bench/results.json for the README"
    )
    args = parser.parse_args(argv)
    try:
        latencies = asyncio.run(drive(args.file, args.repeat))
    except Exception as exc:
        print(f"bench/server.py: could not drive the server: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    floor = floor_ms(args.file, args.repeat)
    median = statistics.median(latencies)
    from designlint.server.app import DEBOUNCE_SECONDS

    report = {
        "what": "didChange of one character -> publishDiagnostics",
        "file": args.file.resolve().relative_to(ROOT).as_posix()
        if args.file.resolve().is_relative_to(ROOT)
        else str(args.file),
        "runs": len(latencies),
        "median_ms": round(median, 1),
        "p90_ms": round(sorted(latencies)[int(0.9 * (len(latencies) - 1))], 1),
        "min_ms": round(min(latencies), 1),
        "debounce_ms": round(DEBOUNCE_SECONDS * 1000),
        "floor_check_document_ms": round(floor, 1),
        "target_ms": TARGET_MS,
        "met": median <= TARGET_MS,
    }
    print(json.dumps(report, sort_keys=True))
    if args.save:
        from bench.run import RESULTS

        # Figures the other benchmarks saved are kept beside these.
        saved = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
        saved["server"] = report
        RESULTS.write_text(json.dumps(saved, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
