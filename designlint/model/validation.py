"""Structural validation: the pydantic model's errors as problems with stable codes, for the engine to position."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from designlint.errors import UsageError
from designlint.findings import DocPath, Problem
from designlint.model.shape import MODEL, MODEL_LIST, model_at, shape

UNKNOWN_KEY = "DL010"
WRONG_TYPE = "DL011"
MISSING_KEY = "DL012"
INVALID_VALUE = "DL013"
UNSUPPORTED_VERSION = "DL014"

_TYPE_ERRORS = {
    "string_type",
    "int_type",
    "int_parsing",
    "int_from_float",
    "float_type",
    "float_parsing",
    "bool_type",
    "bool_parsing",
    "list_type",
    "dict_type",
    "model_type",
    "model_attributes_type",
    "tuple_type",
    "none_required",
}
_EXPECTED = {
    "string_type": "a string",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _allowed_keys(model: type[BaseModel] | None) -> list[str]:
    return list(shape(model).aliases) if model is not None else []


def _unknown_key_hint(key: str, allowed: list[str]) -> str | None:
    import difflib  # only a design with an unknown key pays for it

    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"allowed keys: {', '.join(allowed)}" if allowed and len(allowed) <= 12 else None


def problems_from_validation(error: ValidationError, root: type[BaseModel]) -> list[tuple[str, Problem]]:
    """Map every pydantic error to ``(code, problem)``; the engine positions them."""
    return list(_problems(error.errors(include_url=False), root))


def _problems(errors: list[Any], root: type[BaseModel]) -> Iterator[tuple[str, Problem]]:
    for item in errors:
        loc: DocPath = tuple(item["loc"])
        kind = item["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            hint = _unknown_key_hint(key, _allowed_keys(model_at(root, loc[:-1])))
            yield UNKNOWN_KEY, Problem(loc, f"unknown key '{key}'", hint=hint)
        elif kind == "missing":
            yield MISSING_KEY, Problem(loc[:-1], f"missing required key '{loc[-1]}'", at_key=True)
        elif kind == "literal_error" and loc in (("apiVersion",), ("kind",)):
            message = f"{loc[0]} must be {item['ctx']['expected']}, found {_describe(item['input'])}"
            yield UNSUPPORTED_VERSION, Problem(loc, message, at_key=False)
        elif kind in _TYPE_ERRORS:
            expected = _EXPECTED.get(kind, item["msg"].lower())
            message = f"expected {expected}, found {_describe(item['input'])}"
            yield WRONG_TYPE, Problem(loc, message, at_key=False)
        elif kind == "literal_error":
            message = f"{_describe(item['input'])} is not one of {item['ctx']['expected']}"
            yield INVALID_VALUE, Problem(loc, message, at_key=False)
        elif kind == "string_pattern_mismatch":
            message = f"{_describe(item['input'])} does not match the pattern {item['ctx']['pattern']}"
            yield INVALID_VALUE, Problem(loc, message, at_key=False)
        else:
            yield INVALID_VALUE, Problem(loc, item["msg"], at_key=False)


def validate_or_raise(document: Any, model: type[BaseModel], what: str) -> Any:
    """Validate configuration-like documents (rule packs, config): the first error is a usage error (exit 2)."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        _code, problem = next(_problems(error.errors(include_url=False), model))
        message = problem.message + (f" ({problem.hint})" if problem.hint else "")
        position = document.locate(problem.path, at_key=problem.at_key, offset=problem.offset)
        raise UsageError(f"invalid {what}: {message}", file=document.file, position=position) from None


# --- designs: validated section by section -------------------------------------------------

SUGGESTION_LIMIT = 100
"""Distinct unknown keys that get a finding (and a 'did you mean' hint) of their own."""
RELATED_LIMIT = 100
"""Further places of one repeated unknown key listed with its finding."""
_PRUNING_ROUNDS = 8  # each round removes a level; the format is not nested deeper


class DesignValidation(NamedTuple):  # a named tuple: cheaper to define at start-up than a dataclass
    """A design validated section by section: what failed, and a model of what did not."""

    model: Any
    """The design without its invalid parts (each replaced by its absence); None when even that
    does not validate (a wrong apiVersion or kind, an invalid design name)."""
    data: Any
    """The plain data ``model`` was built from: the document without unknown keys and invalid
    parts (document paths unchanged). Declarative rules read it."""
    problems: list[tuple[str, Problem]]
    invalid_sections: frozenset[str]
    """Top-level keys holding an error, and the section a misspelt top-level key stands for."""

    @property
    def complete(self) -> bool:
        """The whole document validated as written."""
        return not self.problems


def validate_design(
    data: Any, root: type[BaseModel], validate: Callable[[Any], Any] | None = None
) -> DesignValidation:
    """Validate ``data`` as ``root``; an error in one section leaves the others usable.

    ``validate`` is ``root.model_validate`` or a validator built from the same schema (the engine's
    cached one, which returns the same instances and errors).

    Unknown keys are found by one walk along the format (pydantic would report each, and each
    would get a 'did you mean' search) and removed. What else fails is removed at the deepest
    optional key that contains it, and the rest validated again, so document paths never move.
    """
    # Most documents are valid as written: then no model has an unknown key (every model forbids
    # them), and the walk that looks for them has nothing to find.
    validate = validate or root.model_validate
    try:
        return DesignValidation(validate(data), data, [], frozenset())
    except ValidationError as error:
        as_written = error
    unknown = _UnknownKeys(root)
    stripped = unknown.strip(data)
    problems = unknown.problems()
    invalid = set(unknown.sections)
    if stripped is data:  # nothing removed: validating it again would fail the same way
        errors = as_written.errors(include_url=False)
    else:
        try:
            return DesignValidation(validate(stripped), stripped, problems, frozenset(invalid))
        except ValidationError as error:
            errors = error.errors(include_url=False)
    problems.extend(_problems(errors, root))
    invalid.update(str(item["loc"][0]) for item in errors if item["loc"])
    pruned = stripped
    for _ in range(_PRUNING_ROUNDS):
        cuts = [_cut(pruned, tuple(item["loc"]), item["type"], root) for item in errors]
        if any(cut is None for cut in cuts):
            break
        pruned = without_keys(pruned, [cut for cut in cuts if cut is not None])
        try:
            return DesignValidation(validate(pruned), pruned, problems, frozenset(invalid))
        except ValidationError as again:
            errors = again.errors(include_url=False)
    return DesignValidation(None, pruned, problems, frozenset(invalid))


def _cut(data: Any, loc: DocPath, kind: str, root: type[BaseModel]) -> DocPath | None:
    """The deepest optional key, written in ``data``, that contains the error at ``loc``."""
    path = loc[:-1] if kind == "missing" else loc
    exists = 0
    node = data
    for part in path:  # pydantic may add union tags to a location: keep what the data has
        in_mapping = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_mapping or in_list):
            break
        node = node[part]
        exists += 1
    for end in range(exists, 0, -1):
        part = path[end - 1]
        model = model_at(root, path[: end - 1]) if isinstance(part, str) else None
        field = shape(model).fields.get(part) if model is not None and isinstance(part, str) else None
        if field is not None and not field.required:
            return path[:end]
    return None


class _UnknownKeys:
    """The keys a document has that the format does not, found in one walk along the format.

    Kept compact whatever their number: the first ``SUGGESTION_LIMIT`` distinct keys (by the
    part of the format they are in) with up to ``RELATED_LIMIT`` further places each, and for the
    rest only a count, the first place and a few names.
    """

    def __init__(self, root: type[BaseModel]):
        self.root = root
        self.groups: dict[tuple[type[BaseModel], str], list[DocPath]] = {}
        self.counts: dict[tuple[type[BaseModel], str], int] = {}
        self.rest = 0
        self.rest_first: DocPath | None = None
        self.rest_names: list[str] = []
        self.sections: set[str] = set()
        """Top-level sections holding an unknown key, and those a misspelt section stands for."""
        self._misspelt = 0

    def strip(self, data: Any) -> Any:
        """``data`` without its unknown keys (copied only where one is removed)."""
        by_parent: dict[DocPath, list[str]] = {}
        stack: list[tuple[DocPath, Any, type[BaseModel]]] = [((), data, self.root)]
        while stack:
            path, node, model = stack.pop()
            if not isinstance(node, dict):
                continue
            fields = shape(model).fields
            nested = []
            for key, value in node.items():
                field = fields.get(key)
                if field is None:
                    by_parent.setdefault(path, []).append(key)
                    self._add((*path, key), model)
                elif field.model is None:
                    continue
                elif field.kind == MODEL:
                    nested.append(((*path, key), value, field.model))
                elif field.kind == MODEL_LIST and isinstance(value, list):
                    nested.extend(
                        ((*path, key, index), item, field.model) for index, item in enumerate(value)
                    )
            stack.extend(reversed(nested))
        if not by_parent:
            return data
        root = dict(data)
        copies: dict[DocPath, Any] = {(): root}
        for parent_path, keys in by_parent.items():
            parent = _copied(root, parent_path, copies)
            for key in keys:
                del parent[key]
        return root

    def _add(self, path: DocPath, model: type[BaseModel]) -> None:
        key = str(path[-1])
        if len(path) > 1:
            self.sections.add(str(path[0]))
        elif self._misspelt < SUGGESTION_LIMIT:
            # A misspelt section (`failureScenario`) stands for the one it resembles: the rules
            # that read that one must not run as if it were empty.
            self._misspelt += 1
            import difflib

            self.sections.update(
                difflib.get_close_matches(key, list(shape(self.root).aliases), n=1, cutoff=0.8)
            )
        group = (model, key)
        places = self.groups.get(group)
        if places is None and len(self.groups) < SUGGESTION_LIMIT:
            places = self.groups[group] = []
        if places is None:
            self.rest += 1
            if self.rest_first is None:
                self.rest_first = path
            if len(self.rest_names) < 6 and key not in self.rest_names:
                self.rest_names.append(key)
            return
        self.counts[group] = self.counts.get(group, 0) + 1
        if len(places) <= RELATED_LIMIT:
            places.append(path)

    def problems(self) -> list[tuple[str, Problem]]:
        """One finding per distinct unknown key of each part of the format, up to a limit; one for the rest."""
        problems: list[tuple[str, Problem]] = []
        for (model, key), places in self.groups.items():
            count = self.counts[(model, key)]
            problem = Problem(
                places[0],
                f"unknown key {_shown(key)}" + (f" ({count} times)" if count > 1 else ""),
                hint=_unknown_key_hint(key, _allowed_keys(model)),
                related=tuple(places[1:]),
            )
            problems.append((UNKNOWN_KEY, problem))
        if self.rest_first is not None:
            names = ", ".join(_shown(key) for key in self.rest_names[:5])
            more = ", ..." if len(self.rest_names) > 5 else ""
            problem = Problem(
                self.rest_first,
                f"{self.rest} more unknown keys ({names}{more})",
                hint="`designlint schema` prints every key the format defines",
            )
            problems.append((UNKNOWN_KEY, problem))
        return problems


def _shown(key: str) -> str:
    return f"'{key}'" if len(key) <= 200 else f"'{key[:197]}...'"


def without_keys(data: Any, paths: list[DocPath]) -> Any:
    """``data`` without the mapping keys at ``paths``, copying only the containers on the way."""
    root = dict(data)
    copies: dict[DocPath, Any] = {(): root}
    removed: set[DocPath] = set()
    for path in sorted(set(paths), key=len):
        if not path or not isinstance(path[-1], str) or any(path[:n] in removed for n in range(1, len(path))):
            continue
        parent = _copied(root, path[:-1], copies)
        if isinstance(parent, dict) and path[-1] in parent:
            del parent[path[-1]]
            removed.add(path)
    return root


def _copied(root: Any, path: DocPath, copies: dict[DocPath, Any]) -> Any:
    node = root
    for depth in range(1, len(path) + 1):
        here = path[:depth]
        copy = copies.get(here)
        if copy is None:
            part = path[depth - 1]
            try:
                child = node[part]
            except (KeyError, IndexError, TypeError):
                return None
            copy = (
                dict(child) if isinstance(child, dict) else list(child) if isinstance(child, list) else child
            )
            node[part] = copy
            copies[here] = copy
        node = copy
    return node
