"""What a key of a design means: its documentation, read from the design's JSON Schema.

The schema is generated from the models (field docstrings become descriptions), so a hover says
exactly what ``designlint schema`` and the site say. Walking it needs no valid document: the
path of the key is enough.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from designlint.findings import DocPath

_EMPTY: dict[str, Any] = {}


@lru_cache(maxsize=1)
def design_schema() -> dict[str, Any]:
    from designlint.schema import design_json_schema

    return design_json_schema()


@dataclass(frozen=True)
class FieldDoc:
    """A property of the design format, as the schema describes it."""

    key: str
    description: str | None
    section: str | None  # the description of the object that holds the key
    kinds: tuple[str, ...]  # JSON types the value may take
    choices: tuple[str, ...]  # enum values, when the value is one of a set
    choice_docs: tuple[str | None, ...]  # a description per choice, when the schema has them
    default: Any
    required: bool


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while "$ref" in node and seen < 32:  # refs are local "#/definitions/Name"
        name = node["$ref"].rsplit("/", 1)[-1]
        node = root.get("definitions", _EMPTY).get(name, _EMPTY)
        seen += 1
    return node


def _branches(node: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives a value may take (``anyOf``/``oneOf``, flattened), references followed."""
    node = _resolve(node, root)
    alternatives = node.get("anyOf") or node.get("oneOf")
    if not alternatives:
        return [node]
    found: list[dict[str, Any]] = []
    for alternative in alternatives:
        found.extend(_branches(alternative, root))
    return found


def _object(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any] | None:
    return next((b for b in _branches(node, root) if "properties" in b), None)


def _array(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any] | None:
    return next((b for b in _branches(node, root) if b.get("type") == "array"), None)


def field_doc(path: DocPath) -> FieldDoc | None:
    """The documentation of the key at the end of ``path`` (list indices are stepped through)."""
    root = design_schema()
    node: dict[str, Any] = root
    holder: dict[str, Any] | None = None
    key: str | None = None
    prop: dict[str, Any] | None = None
    for step in path:
        if isinstance(step, int):
            array = _array(node, root)
            if array is None:
                return None
            node = array.get("items", _EMPTY)
            continue
        holder = _object(node, root)
        if holder is None:
            return None
        prop = holder["properties"].get(step)
        if prop is None:
            return None
        key, node = step, prop
    if key is None or prop is None or holder is None:
        return None
    branches = [b for b in _branches(prop, root) if b.get("type") != "null"]
    description = (
        prop.get("markdownDescription")
        or prop.get("description")
        or next((b["description"] for b in branches if b.get("description")), None)
    )
    choices: list[str] = []
    docs: list[str | None] = []
    kinds: list[str] = []
    for branch in branches:
        if "enum" in branch:
            values = [str(v) for v in branch["enum"]]
            choices += values
            enum_docs = branch.get("markdownEnumDescriptions") or branch.get("enumDescriptions") or []
            docs += [enum_docs[i] if i < len(enum_docs) else None for i in range(len(values))]
        elif "const" in branch:
            choices.append(str(branch["const"]))
            docs.append(branch.get("description"))
        kind = branch.get("type") or ("object" if "properties" in branch else None)
        if isinstance(kind, str) and kind not in kinds:
            kinds.append(kind)
    return FieldDoc(
        key=key,
        description=description,
        section=holder.get("description"),
        kinds=tuple(kinds),
        choices=tuple(choices),
        choice_docs=tuple(docs),
        default=prop.get("default"),
        required=key in holder.get("required", ()),
    )


def field_markdown(doc: FieldDoc, value: Any = None) -> str:
    """A hover for a key (or its value): what it is, what it accepts, its default."""
    kinds = " or ".join(_KIND_NAMES.get(kind, kind) for kind in doc.kinds) or "any value"
    head = f"**`{doc.key}`** · {'required' if doc.required else 'optional'} · {kinds}"
    parts = [head]
    if doc.description:
        parts.append(doc.description)
    if doc.choices:
        lines = []
        for choice, text in zip(doc.choices, doc.choice_docs):
            mark = " (this value)" if value is not None and str(value) == choice else ""
            lines.append(f"- `{choice}`{mark}" + (f": {text}" if text else ""))
        parts.append("One of:\n" + "\n".join(lines))
    if doc.default not in (None, [], {}):
        parts.append(f"Default: `{doc.default}`")
    return "\n\n".join(parts)


_KIND_NAMES = {
    "string": "text",
    "number": "number",
    "integer": "whole number",
    "boolean": "true/false",
    "array": "list",
    "object": "mapping",
}
