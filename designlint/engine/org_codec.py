"""The cross-design index of a file as JSON, for the result cache.

A replayed result needs its index, or the cross-design pass would have to load and validate the
design again. Entries come from disk, so reading one checks the type of every field against the
dataclass it fills (driven by the annotations: no code or class name is ever read from the entry)
and refuses anything else with :class:`MalformedIndex`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from designlint.analysis.org_index import DesignIndex
from designlint.errors import Position


class MalformedIndex(ValueError):
    """An entry's index that is not what designlint writes: the entry is a miss."""


def index_to_json(index) -> dict:
    """A FileIndex as plain JSON values (tuple-keyed mappings become lists of pairs)."""
    return {
        "design": _encode(index.design),
        "positions": [[list(path), p.line, p.column] for path, p in index.positions.items()],
        "lines": [[list(path), list(lines)] for path, lines in index.lines.items()],
        "fingerprints": [[list(path), value] for path, value in index.fingerprints.items()],
    }


def index_from_json(data: object):
    """The FileIndex written by :func:`index_to_json`, after checking every field."""
    from designlint.engine.organisation import FileIndex

    if type(data) is not dict or set(data) != {"design", "positions", "lines", "fingerprints"}:
        raise MalformedIndex("not an index")
    design = _decode(DesignIndex, data["design"])
    positions = {
        _path(path): Position(_int(line), _int(column)) for path, line, column in _rows(data["positions"], 3)
    }
    lines = {
        _path(path): tuple(_int(line) for line in _list(values)) for path, values in _rows(data["lines"], 2)
    }
    fingerprints = {_path(path): _str(value) for path, value in _rows(data["fingerprints"], 2)}
    return FileIndex(design, positions, lines, fingerprints)


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    import designlint.analysis.org_index as module

    return typing.get_type_hints(cls, vars(module))


def _decode(annotation: Any, value: Any) -> Any:
    return _decoder(annotation)(value)


@cache
def _decoder(annotation: Any) -> Callable[[Any], Any]:
    """A reader for values of ``annotation``, built once per type (entries are read by the hundred)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return _dataclass_decoder(annotation)
    if origin in (typing.Union, types.UnionType):
        return _union_decoder(args)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda value: tuple(item(entry) for entry in _list(value))
        items = [_decoder(a) for a in args]

        def fixed(value: Any) -> tuple:
            entries = _list(value)
            if len(entries) != len(items):
                raise MalformedIndex("a tuple of the wrong length")
            return tuple(read(entry) for read, entry in zip(items, entries))

        return fixed
    if origin is frozenset:
        member = _decoder(args[0])
        return lambda value: frozenset(member(entry) for entry in _list(value))
    if origin is dict:
        item = _decoder(args[1])
        return lambda value: {_str(key): item(entry) for key, entry in _dict(value).items()}
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    raise MalformedIndex(f"cannot read {annotation!r}")


def _dataclass_decoder(cls: type) -> Callable[[Any], Any]:
    hints = _hints(cls)
    fields = [f.name for f in dataclasses.fields(cls)]
    readers = {name: _decoder(hints[name]) for name in fields}
    names = set(fields)

    def read(value: Any) -> Any:
        if type(value) is not dict or value.keys() != names:
            raise MalformedIndex(f"{cls.__name__} is not a mapping of its fields")
        return cls(**{name: reader(value[name]) for name, reader in readers.items()})

    return read


def _union_decoder(args: tuple) -> Callable[[Any], Any]:
    optional = type(None) in args
    options = [_decoder(a) for a in args if a is not type(None)]

    def read(value: Any) -> Any:
        if value is None and optional:
            return None
        for option in options:
            try:
                return option(value)
            except MalformedIndex:
                continue
        raise MalformedIndex("no type of the union fits")

    return read


def _bool(value: object) -> bool:
    if type(value) is not bool:
        raise MalformedIndex("not a boolean")
    return value


def _float(value: object) -> float:
    if type(value) not in (int, float):
        raise MalformedIndex("not a number")
    return float(value)  # type: ignore[arg-type]


def _dict(value: object) -> dict:
    if type(value) is not dict:
        raise MalformedIndex("not a mapping")
    return value


def _rows(value: object, width: int) -> list[list]:
    rows = _list(value)
    if not all(type(row) is list and len(row) == width for row in rows):
        raise MalformedIndex("a row of the wrong shape")
    return rows


def _list(value: object) -> list:
    if type(value) is not list:
        raise MalformedIndex("not a list")
    return value


def _str(value: object) -> str:
    if type(value) is not str:
        raise MalformedIndex("not a string")
    return value


def _int(value: object) -> int:
    if type(value) is not int:
        raise MalformedIndex("not a whole number")
    return value


_SCALARS: dict[Any, Callable[[Any], Any]] = {str: _str, int: _int, bool: _bool, float: _float}


def _path(value: object) -> tuple[str | int, ...]:
    return tuple(part if type(part) is str else _int(part) for part in _list(value))
