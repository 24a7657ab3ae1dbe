"""The shape of the design format, read once from the models: for each mapping, its keys and what
each holds. Walks over plain loaded data (unknown keys, placeholder answers) follow it.
"""

from __future__ import annotations

import types
import typing
from typing import Any, NamedTuple

from pydantic import BaseModel

from designlint.model.quantity import Quantity

PROSE = "prose"  # free text or a quantity: something that answers a question
PROSE_LIST = "prose-list"
MODEL = "model"
MODEL_LIST = "model-list"
OTHER = "other"  # identifiers, enumerations, numbers, booleans, mappings of anything


class FieldShape(NamedTuple):
    name: str
    """The key as written in YAML (the alias)."""
    kind: str
    required: bool
    model: type[BaseModel] | None = None
    """For MODEL and MODEL_LIST: the model of the mapping(s) it holds."""


class ModelShape(NamedTuple):
    fields: dict[str, FieldShape]
    """By alias, and by field name too: the models accept both."""
    aliases: tuple[str, ...]
    """The keys the format documents, in declaration order (for hints)."""


def _members(annotation: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        return tuple(arg for arg in typing.get_args(annotation) if arg is not type(None))
    return (annotation,)


def _is_answer(annotation: Any, metadata: list) -> bool:
    """Free text (no pattern: identifiers have one) or a quantity."""
    if typing.get_origin(annotation) is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        inner = [item for info in extra for item in getattr(info, "metadata", [info])]
        return _is_answer(base, inner)
    if annotation is Quantity:
        return True
    return annotation is str and not any(getattr(item, "pattern", None) for item in metadata)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _classify(name: str, annotation: Any, metadata: list, required: bool) -> FieldShape:
    members = _members(annotation)
    models = [member for member in members if _is_model(member)]
    if len(models) == 1:
        return FieldShape(name, MODEL, required, models[0])
    lists = [member for member in members if typing.get_origin(member) is list]
    for member in lists:
        (item,) = typing.get_args(member) or (Any,)
        if _is_model(item):
            return FieldShape(name, MODEL_LIST, required, item)
        if _is_answer(item, []):
            return FieldShape(name, PROSE_LIST, required)
    if any(_is_answer(member, metadata) for member in members):
        return FieldShape(name, PROSE, required)
    return FieldShape(name, OTHER, required)


_SHAPES: dict[type[BaseModel], ModelShape] = {}


def shape(model: type[BaseModel]) -> ModelShape:
    found = _SHAPES.get(model)
    if found is None:
        fields: dict[str, FieldShape] = {}
        aliases = []
        for name, info in model.model_fields.items():
            alias = info.alias or name
            field = _classify(alias, info.annotation, list(info.metadata), info.is_required())
            fields[alias] = fields[name] = field
            aliases.append(alias)
        found = _SHAPES[model] = ModelShape(fields, tuple(aliases))
    return found


def model_at(root: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model of the mapping at ``path`` (list indices skipped), or None off the format."""
    current: type[BaseModel] | None = root
    for part in path:
        if isinstance(part, int):
            continue
        if current is None:
            return None
        field = shape(current).fields.get(part)
        current = field.model if field is not None else None
    return current
