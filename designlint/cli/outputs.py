"""Where ``check`` writes its reports, and whether they are coloured.

``--format FMT[:FILE]`` may be given several times: one run, several reports (ruff and
Spectral users expect this for "annotations on stdout, SARIF to a file"). At most one of them
goes to standard output.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from designlint.errors import UsageError

FORMATS = ("text", "json", "sarif", "github", "junit")


@dataclass(frozen=True)
class Output:
    format: str
    file: Path | None  # None: standard output


def parse_outputs(specs: tuple[str, ...], default_file: Path | None) -> list[Output]:
    """``("github", "sarif:out.sarif")`` -> outputs; ``--output FILE`` applies to a format given without one."""
    outputs: list[Output] = []
    for spec in specs or ("text",):
        name, sep, file = spec.partition(":")
        name = name.strip().lower()
        if name not in FORMATS:
            raise UsageError(f"unknown output format '{name}'; choose from {', '.join(FORMATS)}")
        if sep and not file:
            raise UsageError(f"--format {spec}: the file name after ':' is empty")
        outputs.append(Output(name, Path(file) if file else None))
    to_stdout = [output for output in outputs if output.file is None]
    if default_file is not None:
        if len(to_stdout) > 1:
            raise UsageError("--output names one file, but several formats have no file of their own")
        outputs = [Output(o.format, default_file) if o.file is None else o for o in outputs]
    elif len(to_stdout) > 1:
        raise UsageError(
            "only one format can go to standard output; give the others a file: --format FMT:FILE"
        )
    files = [output.file for output in outputs if output.file is not None]
    if len(set(files)) != len(files):
        raise UsageError("two formats are written to the same file")
    return outputs


# The first line a designlint file (design, catalogue, rule pack) starts its document with.
_DESIGNLINT_FILE = re.compile(rb"^apiVersion:[ \t]*[\"']?designlint/", re.MULTILINE)
_HEAD_BYTES = 4096


def refuse_to_overwrite_input(target: Path, inputs: list[str | Path]) -> None:
    """A report or export never replaces what the user wrote: one of the files read, or any
    design, catalogue or rule pack (a slip such as ``-o design.yaml`` would lose it)."""
    from designlint.fileio import resolved
    from designlint.loader.source import NotARegularFile, read_regular

    if resolved(target) in {resolved(path) for path in inputs}:
        raise UsageError(f"refusing to write over {target.as_posix()}: it is one of the files read")
    try:
        head = read_regular(target, _HEAD_BYTES)
    except (OSError, ValueError, NotARegularFile):
        return  # nothing there (or nothing readable): writing creates or replaces it as asked
    if _DESIGNLINT_FILE.search(head):
        raise UsageError(
            f"refusing to write over {target.as_posix()}: it is a designlint file (apiVersion: designlint/...); "
            "choose another file"
        )


def use_color(option: bool | None, stream_is_tty: bool) -> bool:
    """``--color/--no-color`` wins; then NO_COLOR and FORCE_COLOR (no-color.org, force-color.org); then a terminal."""
    if option is not None:
        return option
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force is not None and force not in ("", "0", "false"):
        return True
    return stream_is_tty
