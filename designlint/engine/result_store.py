"""Every file's result of a run, kept packed until a reader needs it.

A check of thousands of designs must not hold thousands of results as objects (about 15 KB
each, most of it small strings and dataclasses). As soon as a file is done, the process that
checked it packs its compact result into bytes (pickled, then compressed: about 1.7 KB with its
cross-design index); the main process keeps only those bytes and unpacks a result while a reader (the cross-design pass, a baseline, a reporter) looks
at it, so a report of any length holds a few results at a time.

The cross-design pass reads each design's index (packed apart, so reading the indexes never
unpacks findings) and writes its findings back to the store, which merges them into a result
each time it is unpacked.

The bytes never leave the run and come only from this process or its forked workers, so
pickle is safe here (the result cache on disk has its own checked format).
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast, overload

from designlint.engine.runner import FileResult

if TYPE_CHECKING:
    from designlint.engine.organisation import CrossDesignFindings, FileIndex


class Tally(NamedTuple):
    """What a run's summary and exit code need of one result, counted where it was checked."""

    errors: int
    warnings: int
    infos: int
    suppressed: int
    worst: int  # the highest severity rank among its findings, -1 when it has none
    internal_error: bool

    @classmethod
    def of(cls, result: FileResult) -> Tally:
        ranks = [0, 0, 0]  # info, warning, error
        for finding in result.findings:
            ranks[finding.severity.rank] += 1
        worst = 2 if ranks[2] else 1 if ranks[1] else 0 if ranks[0] else -1
        return cls(ranks[2], ranks[1], ranks[0], len(result.suppressed), worst, result.internal_error)


@dataclass(frozen=True)
class PackedResult:
    """One file's compact result as bytes, with the little the run needs without unpacking it."""

    file: str
    report: bytes  # the compact result without its cross-design index
    index: bytes | None  # the cross-design index, read by the cross-design pass only
    internal_error: bool
    references: bool  # whether the design names another design's element
    tally: Tally


def pack(result: FileResult) -> PackedResult:
    """``result`` compacted and packed (its text, models and outcomes are dropped)."""
    # A result read back from the store is compact already: compacting it again would lose the
    # source lines it kept, having no text to take them from.
    compact = result if result.kept_lines is not None else result.compact()
    index = cast("FileIndex | None", compact.organisation)
    fields = (
        compact.file,
        compact.findings,
        compact.suppressed,
        compact.internal_error,
        compact.kept_lines,
        compact.kept_suppressions,
    )
    return PackedResult(
        file=compact.file,
        report=_packed(fields),
        index=None if index is None else _packed(index),
        internal_error=compact.internal_error,
        references=bool(index is not None and index.design.references),
        tally=Tally.of(compact),
    )


# Findings repeat their file, rule names and hints: the fastest level halves them, for well under
# 1 % of what checking the design cost.
_LEVEL = 1


def _packed(value: object) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), _LEVEL)


def _unpacked(packed: bytes):
    return pickle.loads(zlib.decompress(packed))


def unpack(packed: bytes) -> FileResult:
    file, findings, suppressed, internal_error, kept_lines, kept_suppressions = _unpacked(packed)
    return FileResult(
        file,
        findings=findings,
        suppressed=suppressed,
        internal_error=internal_error,
        kept_lines=kept_lines,
        kept_suppressions=kept_suppressions,
    )


class ResultStore(Sequence[FileResult]):
    """The results of a run in input order; each item is unpacked afresh when it is read."""

    def __init__(self, packed: Sequence[PackedResult] = ()) -> None:
        self._files: list[str] = []
        self._reports: list[bytes] = []
        self._indexes: list[bytes | None] = []
        self._tallies: list[Tally] = []
        self._failed: set[int] = set()  # the files where a rule crashed
        self._references = False
        self._written_back: dict[int, CrossDesignFindings] = {}
        self.extend(packed)

    def extend(self, packed: Sequence[PackedResult]) -> None:
        for item in packed:
            if item.internal_error:
                self._failed.add(len(self._reports))
            self._files.append(item.file)
            self._reports.append(item.report)
            self._indexes.append(item.index)
            self._tallies.append(item.tally)
            self._references = self._references or item.references

    def __len__(self) -> int:
        return len(self._reports)

    @overload
    def __getitem__(self, number: int) -> FileResult: ...

    @overload
    def __getitem__(self, number: slice) -> list[FileResult]: ...

    def __getitem__(self, number: int | slice) -> FileResult | list[FileResult]:
        if isinstance(number, slice):
            return [self[n] for n in range(len(self))[number]]
        if number < 0:
            number += len(self)
        result = unpack(self._reports[number])
        written = self._written_back.get(number)
        if written is not None:
            written.write_into(result)
        return result

    def __iter__(self) -> Iterator[FileResult]:
        for number in range(len(self)):
            yield self[number]

    def __setitem__(self, number: int, result: FileResult) -> None:
        """Replace a result (a baseline hid some of its findings); what was written back is in it."""
        packed = pack(result)
        self._reports[number] = packed.report
        self._tallies[number] = packed.tally
        self._written_back.pop(number, None)
        self._failed.discard(number)
        if packed.internal_error:
            self._failed.add(number)

    @property
    def files(self) -> Sequence[str]:
        """The file of each result (as reported), without unpacking any."""
        return self._files

    def tally(self, number: int) -> Tally:
        """The counts of a result, without unpacking it unless the cross-design pass added to it."""
        if number in self._written_back:
            return Tally.of(self[number])
        return self._tallies[number]

    def failed(self) -> list[FileResult]:
        """The results of the files where a rule crashed, in order (few, or none)."""
        return [self[number] for number in sorted(self._failed)]

    @property
    def internal_error(self) -> bool:
        """Whether a rule crashed on any file."""
        return bool(self._failed)

    def resolve_across_designs(self, files: list[tuple[Path, str]], engine_for: Callable) -> None:
        """Run the cross-design pass over every design's index and keep its findings per file.

        Nothing is unpacked when no design references another; then only the indexes are, and
        the results of the few files that get a cross-design finding (for their suppressions).
        """
        from designlint.engine.organisation import cross_design_findings

        if not self._references:
            return
        indexes: list[FileIndex | None] = [
            None if packed is None else _unpacked(packed) for packed in self._indexes
        ]
        written = cross_design_findings(
            files, indexes, engine_for, lambda number: self[number].suppressions_by_line()
        )
        self._written_back.update(written)
        self._indexes = [None] * len(self._indexes)  # read by this pass only
