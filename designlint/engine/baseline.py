"""Baselines: accept the findings a design already has, so that only new ones fail the check.

A baseline counts findings by file, document path and rule code, never by line, so it survives
edits that move a finding up or down. Hiding is count-aware: a baseline that records one DL010
at ``metadata.owner`` hides one such finding, and a second one appearing there still fails.

The file is JSON, keys sorted, paths relative to the baseline's own folder::

    {"findings": {"designs/feed.yaml": {"metadata.owner": {"DL010": 1}}}, "version": 1}
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from designlint.engine.runner import INTERNAL_ERROR, FileResult
from designlint.errors import LoadError, Position, UsageError
from designlint.findings import format_path
from designlint.rulepacks.model import RuleCode

DEFAULT_BASELINE = "designlint-baseline.json"
BASELINE_VERSION = 1
JSON_CHUNK = 1 << 16  # characters written at a time

Key = tuple[str, str, str]  # (file relative to the baseline's folder, document path, rule code)
Origin = tuple[str | None, Position | None]  # where the baseline was named, for error messages


class BaselineDocument(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    version: Literal[1]
    findings: dict[str, dict[str, dict[RuleCode, Annotated[int, Field(strict=True, ge=1)]]]]


def document_path(finding) -> str:
    """Where a finding is inside its document, independent of line numbers."""
    return finding.fingerprint_path or finding.json_path


def file_key(file: str, root: Path) -> str:
    """``file`` as a POSIX path relative to ``root``, so a baseline works from any working directory."""
    from designlint.fileio import resolved

    absolute = resolved(file)
    try:
        return PurePath(os.path.relpath(absolute, root.resolve())).as_posix()
    except ValueError:  # another drive: no relative path exists
        return absolute.as_posix()


@dataclass
class Baseline:
    root: Path
    counts: Counter = field(default_factory=Counter)
    # Each file's key, worked out once: every finding of a file shares one string.
    _file_keys: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_results(cls, results: Iterable[FileResult], root: Path) -> Baseline:
        baseline = cls(root)
        for result in results:
            for finding in result.findings:
                # A rule that crashed is a bug to fix, never something to accept.
                if finding.code != INTERNAL_ERROR:
                    baseline.counts.update(baseline.keys(finding))
        return baseline

    def keys(self, finding) -> list[Key]:
        """The finding's own key and one per related location: a gap reported once for many items
        is known only while every one of its places is."""
        file = self._file_key(finding.file)
        related = [
            (file, place.fingerprint_path or format_path(place.path), finding.code)
            for place in finding.related
        ]
        return [self.key(finding), *related]

    def key(self, finding) -> Key:
        return (self._file_key(finding.file), document_path(finding), finding.code)

    def _file_key(self, file: str) -> str:
        key = self._file_keys.get(file)
        if key is None:
            key = self._file_keys[file] = file_key(file, self.root)
        return key

    def to_json(self) -> str:
        return "".join(self.json_chunks())

    def json_chunks(self) -> Iterator[str]:
        """The baseline file's text in pieces of about ``JSON_CHUNK`` characters: what
        ``json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)`` writes, without
        building the nested document or holding every token of it (as the standard encoder does
        with an indent). Sorting the keys as tuples orders each level as sorting each dict would."""
        if not self.counts:
            yield f'{{\n  "findings": {{}},\n  "version": {BASELINE_VERSION}\n}}\n'
            return
        pending = ['{\n  "findings": {']
        size = 0
        last_file = last_path = None
        for file, path, code in sorted(self.counts):  # the keys only: no pair made per entry
            if file != last_file:
                opening = "" if last_file is None else "\n      }\n    },"
                opening += f"\n    {_string(file)}: {{\n      {_string(path)}: {{"
                last_file, last_path = file, path
            elif path != last_path:
                opening = f"\n      }},\n      {_string(path)}: {{"
                last_path = path
            else:
                opening = ","
            piece = f"{opening}\n        {_string(code)}: {self.counts[file, path, code]}"
            pending.append(piece)
            size += len(piece)
            if size >= JSON_CHUNK:
                yield "".join(pending)
                pending, size = [], 0
        pending.append(f'\n      }}\n    }}\n  }},\n  "version": {BASELINE_VERSION}\n}}\n')
        yield "".join(pending)

    @property
    def files(self) -> int:
        return len({file for file, _, _ in self.counts})

    def hide_known(self, result: FileResult, remaining: Counter) -> tuple[FileResult, int]:
        """``result`` without the findings ``remaining`` still accounts for; uses up those counts."""
        kept = []
        for finding in result.findings:
            needed = Counter(self.keys(finding))
            if finding.code != INTERNAL_ERROR and all(remaining[key] >= n for key, n in needed.items()):
                remaining.subtract(needed)
            else:
                kept.append(finding)
        return replace(result, findings=kept), len(result.findings) - len(kept)


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def load_baseline(path: Path, origin: Origin = (None, None)) -> Baseline:
    """Read a baseline; anything wrong with it is a positioned usage error (exit 2)."""
    from designlint.loader import load_path
    from designlint.model.validation import validate_or_raise

    display = path.as_posix()
    if not path.is_file():
        raise UsageError(
            f"baseline not found: {display} (create it with --write-baseline)",
            file=origin[0],
            position=origin[1],
        )
    try:
        # The design loader gives positions (JSON is YAML); json.loads then insists on strict JSON.
        document = load_path(path, display)
        json.loads(document.text)
    except LoadError as error:
        raise UsageError(
            f"invalid baseline: {error.message}", file=error.file, position=error.position
        ) from None
    except json.JSONDecodeError as error:
        raise UsageError(
            f"invalid baseline: {error.msg}", file=display, position=Position(error.lineno, error.colno)
        ) from None
    model = validate_or_raise(document, BaselineDocument, "baseline")
    baseline = Baseline(path.parent)
    for file, paths in model.findings.items():
        for doc_path, codes in paths.items():
            for code, count in codes.items():
                baseline.counts[(file, doc_path, code)] = count
    return baseline


@dataclass(frozen=True)
class BaselineChoice:
    """Which baseline applies to a file, and where that choice was made."""

    path: Path
    origin: Origin


def choose_baseline(config, option: Path | None) -> BaselineChoice | None:
    """The command line's ``--baseline`` wins over ``baseline`` in the file's configuration."""
    if option is not None:
        return BaselineChoice(option, (None, None))
    if config.model.baseline is None:
        return None
    where = config.locate(("baseline",)) if config.locate else None
    return BaselineChoice(config.root / config.model.baseline, (config.source, where))


ConfigFor = Callable[[Path], object]  # design path -> its Config


class BaselineFilter:
    """Hides the findings each file's baseline records, loading every baseline file once per run."""

    def __init__(self, config_for: ConfigFor, option: Path | None) -> None:
        self._config_for = config_for
        self._option = option
        self._loaded: dict[Path, tuple[Baseline, Counter]] = {}

    def applies(self, path: Path) -> bool:
        """Whether ``path`` has a baseline, so its result need not be read when it has none."""
        return choose_baseline(self._config_for(path), self._option) is not None

    def hide(self, path: Path, result: FileResult) -> tuple[FileResult, int]:
        """``result`` without the findings its baseline still has to account for, and how many."""
        choice = choose_baseline(self._config_for(path), self._option)
        if choice is None:
            return result, 0
        key = choice.path.resolve()
        if key not in self._loaded:
            baseline = load_baseline(choice.path, choice.origin)
            self._loaded[key] = (baseline, Counter(baseline.counts))
        baseline, remaining = self._loaded[key]
        return baseline.hide_known(result, remaining)


def hide_baselined(
    files: list[tuple[Path, str]], results: list[FileResult], config_for: ConfigFor, option: Path | None
) -> tuple[list[FileResult], int]:
    """Results without the findings their baselines record, and how many were hidden."""
    baselines = BaselineFilter(config_for, option)
    out: list[FileResult] = []
    hidden = 0
    for (path, _), result in zip(files, results):
        result, count = baselines.hide(path, result)
        out.append(result)
        hidden += count
    return out, hidden


def write_baselines(
    files: list[tuple[Path, str]], results: Sequence[FileResult], config_for: ConfigFor, target: Path | None
) -> list[tuple[Path, Baseline]]:
    """Write each file's findings to its baseline (``target``, else configured, else the default).

    Results are read one at a time, baseline by baseline (a run's results are packed until read),
    so writing a baseline never needs every result at once.
    """
    groups: dict[Path, tuple[Path, list[int]]] = {}  # the numbers of the results in each baseline
    for number, (path, _) in enumerate(files):
        choice = choose_baseline(config_for(path), target)
        destination = choice.path if choice else Path(DEFAULT_BASELINE)
        groups.setdefault(destination.resolve(), (destination, []))[1].append(number)
    # Check every destination before writing any, so a refusal leaves nothing half done.
    for destination, _ in groups.values():
        _refuse_to_clobber(destination)
    from designlint.fileio import write_atomic

    written = []
    for _, (destination, numbers) in sorted(groups.items()):
        baseline = Baseline.from_results((results[number] for number in numbers), destination.parent)
        write_atomic(destination, baseline.json_chunks())
        written.append((destination, baseline))
    return written


def _refuse_to_clobber(destination: Path) -> None:
    """Only ever replace a baseline: ``--write-baseline design.yaml`` must not eat a design."""
    if destination.is_dir():
        raise UsageError(
            f"--write-baseline needs a file, and {destination.as_posix()} is a folder "
            f"(write --write-baseline=FILE, or put it after the design paths)"
        )
    if not destination.exists():
        return
    try:
        load_baseline(destination)
    except UsageError as error:
        raise UsageError(
            f"refusing to overwrite {destination.as_posix()}: it is not a designlint baseline "
            f"({error.message}); remove it or choose another file"
        ) from None
