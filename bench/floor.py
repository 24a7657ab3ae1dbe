"""The floors: the fastest positional reads of a folder of designs, in one process.

    python bench/floor.py DIR [--kind event|compose]

``event`` (the floor every ratio is against): libyaml's C parser events, one loop that builds
plain values (dicts, lists, strings) and keeps every value's line and column, then one trivial
rule over the result (count the mappings without an ``id``). No linter reading positions from
PyYAML can do less and still have a document to check.

``compose`` (for reference): ``yaml.compose`` with CSafeLoader, whose resolver runs in Python on
every node, then one walk reading every node's position. designlint never runs that resolver,
so this is not a floor, only a familiar yardstick.
"""

from __future__ import annotations

import os
import sys
import time

import yaml
from yaml.cyaml import CParser
from yaml.events import MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, SequenceNode

SUFFIXES = (".yaml", ".yml")


def design_files(root: str) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        found.extend(os.path.join(folder, name) for name in sorted(files) if name.endswith(SUFFIXES))
    return found


def build_from_events(text: str) -> tuple[object, list]:
    """Plain values and the (line, column) of each value, from the C parser's events."""
    parser = CParser(text)
    positions: list = []
    stack: list = []
    current: object = None
    key: object = None
    root: object = None
    try:
        while True:
            event = parser.get_event()
            cls = event.__class__
            if cls is ScalarEvent:
                mark = event.start_mark
                positions.append((mark.line, mark.column))
                if isinstance(current, dict):
                    if key is None:
                        key = event.value
                    else:
                        current[key] = event.value
                        key = None
                elif isinstance(current, list):
                    current.append(event.value)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                mark = event.start_mark
                positions.append((mark.line, mark.column))
                new: object = {} if cls is MappingStartEvent else []
                if current is None:
                    root = new
                elif isinstance(current, dict):
                    current[key] = new
                    key = None
                else:
                    current.append(new)  # type: ignore[attr-defined]
                stack.append((current, key))
                current, key = new, None
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                current, key = stack.pop()
            elif event.__class__.__name__ == "StreamEndEvent":
                break
    finally:
        parser.dispose()
    return root, positions


def trivial_rule(value: object) -> int:
    """Mappings without an ``id``: the least a rule can do, visiting every collection once."""
    count = 0
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            count += "id" not in node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return count


def walk(node: yaml.Node) -> tuple[int, int]:
    """Visit every composed node once, without recursion; returns (nodes, sum of lines and columns)."""
    count = checksum = 0
    stack = [node]
    while stack:
        current = stack.pop()
        mark = current.start_mark
        checksum += mark.line + mark.column
        count += 1
        if current.__class__ is MappingNode:
            for key, value in current.value:
                stack.append(value)
                stack.append(key)
        elif current.__class__ is SequenceNode:
            stack.extend(current.value)
    return count, checksum


def parse_folder(root: str, kind: str = "event") -> tuple[int, int, int]:
    files = nodes = checksum = 0
    for path in design_files(root):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        if kind == "event":
            value, positions = build_from_events(text)
            nodes += len(positions)
            checksum += trivial_rule(value) + sum(line + column for line, column in positions)
        else:
            node = yaml.compose(text, Loader=yaml.CSafeLoader)
            if node is not None:
                count, marks = walk(node)
                nodes += count
                checksum += marks
        files += 1
    return files, nodes, checksum


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    kind = "event"
    if len(args) == 3 and args[1] == "--kind" and args[2] in ("event", "compose"):
        kind = args[2]
        args = args[:1]
    if len(args) != 1 or not os.path.isdir(args[0]):
        print("usage: python bench/floor.py DIR [--kind event|compose]", file=sys.stderr)
        return 2
    start = time.perf_counter()
    files, nodes, checksum = parse_folder(args[0], kind)
    elapsed = time.perf_counter() - start
    # The checksum proves every mark was read; printing it keeps the work from being skipped.
    print(f"{kind}: {files} files, {nodes} values, checksum {checksum}, {elapsed:.3f} s in-process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
