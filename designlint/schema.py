"""The JSON Schema of the design format, generated from the pydantic models.

yaml-language-server and most editors speak draft-07, so the pydantic output (2020-12 style
``$defs``) is rewritten to ``definitions`` with matching ``$ref`` pointers.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import textwrap
import typing
from typing import Any

from pydantic import BaseModel

SCHEMA_ID = "https://designlint.dev/schemas/design.schema.json"
RULEPACK_SCHEMA_ID = "https://designlint.dev/schemas/rulepack.schema.json"
TEAMCATALOG_SCHEMA_ID = "https://designlint.dev/schemas/teamcatalog.schema.json"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def _to_draft07(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$defs":
                key = "definitions"
            if key == "$ref" and isinstance(value, str):
                value = value.replace("#/$defs/", "#/definitions/")
            out[key] = _to_draft07(value)
        return out
    if isinstance(node, list):
        return [_to_draft07(item) for item in node]
    return node


def _attribute_docstrings(cls: type) -> dict[str, str]:
    """``name: type`` followed by a string literal, read from the class source."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs = {}
    for node, following in zip(body, body[1:]):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[node.target.id] = inspect.cleandoc(following.value.value)
    return docs


def _package_models(root: type[BaseModel]) -> list[type[BaseModel]]:
    """Every model defined in ``root``'s package: a custom type may embed one the annotations do not name."""
    package = root.__module__.rsplit(".", 1)[0]
    found: list[type[BaseModel]] = []
    stack = list(BaseModel.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith(package + "."):
            found.append(cls)
    return sorted(found, key=lambda cls: (cls.__module__, cls.__qualname__))


def _model_descriptions(root: type[BaseModel]) -> dict[str, dict[str, str]]:
    """Schema title → {property alias → description} for every model reachable from ``root``."""
    seen: dict[str, dict[str, str]] = {}
    stack = [*reversed(_package_models(root)), root]
    while stack:
        cls = stack.pop()
        title = cls.model_config.get("title") or cls.__name__
        if title in seen:
            continue
        docs = _attribute_docstrings(cls)
        seen[title] = {
            (field.alias or name): docs[name] for name, field in cls.model_fields.items() if name in docs
        }
        for field in cls.model_fields.values():
            stack.extend(_models_in(field.annotation))
    return seen


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found.extend(_models_in(arg))
    return found


_ENUM_DOC = re.compile(r"^- ``(?P<value>[^`]+)``: (?P<text>.+)$")


def _enum_docs(doc: str) -> dict[str, str]:
    """What each allowed value means, from a docstring's ``- ``value``: meaning`` lines (which may wrap)."""
    found: dict[str, str] = {}
    current: str | None = None
    for line in doc.splitlines():
        match = _ENUM_DOC.match(line)
        if match is not None:
            current = match["value"]
            found[current] = match["text"].strip()
        elif current is not None and line.startswith("  ") and line.strip():
            found[current] += " " + line.strip()
        else:
            current = None
    return found


_LITERAL = re.compile(r"``([^`]+)``")


def _markdown(text: str) -> str:
    """Docstring text (reStructuredText literals) as Markdown, for editors' hovers."""
    return _LITERAL.sub(r"`\1`", text)


def _with_enum_docs(node: Any, docs: dict[str, str]) -> None:
    """Give every ``enum`` in a property's schema the meaning of each value (yaml-language-server shows it)."""
    if not isinstance(node, dict):
        return
    if "enum" in node:
        texts = [docs.get(str(value), "") for value in node["enum"]]
        node["enumDescriptions"] = [_LITERAL.sub(r"\1", text) for text in texts]
        node["markdownEnumDescriptions"] = [_markdown(text) for text in texts]
    for branch in node.get("anyOf", []):
        _with_enum_docs(branch, docs)
    _with_enum_docs(node.get("items"), docs)


def _object_schemas(node: Any) -> list[dict[str, Any]]:
    """Every schema with ``properties`` in ``node``: the root, its ``$defs`` and any written inline."""
    found: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("properties"), dict):
                found.append(item)
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found


def _add_descriptions(schema: dict[str, Any], descriptions: dict[str, dict[str, str]]) -> None:
    """Each property: titled by its YAML key, described by its docstring (then by its type's own note)."""
    for definition in _object_schemas(schema):
        props = descriptions.get(definition.get("title", ""), {})
        for alias, prop in definition.get("properties", {}).items():
            prop["title"] = alias
            text = props.get(alias)
            if text is None:
                if "description" in prop:
                    prop["markdownDescription"] = _markdown(prop["description"])
                continue
            note = prop.get("description")
            prop["description"] = f"{text}\n\n{note}" if note and note != text else text
            prop["markdownDescription"] = _markdown(prop["description"])
            extra = prop.get("additionalProperties")
            if isinstance(extra, dict):  # a mapping with free keys: each key is described by the field
                extra.setdefault("description", text)
                extra.setdefault("markdownDescription", _markdown(text))
            docs = _enum_docs(text)
            if docs:
                _with_enum_docs(prop, docs)


def model_json_schema(root: type[BaseModel]) -> dict[str, Any]:
    """Draft-07 JSON Schema of a model tree, with attribute docstrings as descriptions."""
    schema = root.model_json_schema(by_alias=True, mode="validation")
    _add_descriptions(schema, _model_descriptions(root))
    return {"$schema": DRAFT_07, **_to_draft07(schema)}


def design_json_schema() -> dict[str, Any]:
    from designlint.model import Design

    return {"$id": SCHEMA_ID, **model_json_schema(Design)}


def rulepack_json_schema() -> dict[str, Any]:
    from designlint.rulepacks.model import RulePack

    return {"$id": RULEPACK_SCHEMA_ID, **model_json_schema(RulePack)}


def teamcatalog_json_schema() -> dict[str, Any]:
    from designlint.model.catalog import TeamCatalog

    return {"$id": TEAMCATALOG_SCHEMA_ID, **model_json_schema(TeamCatalog)}


def render(schema: dict[str, Any]) -> str:
    """The exact bytes of a committed schema file."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


SCHEMA_FILES = {
    "design.schema.json": design_json_schema,
    "rulepack.schema.json": rulepack_json_schema,
    "teamcatalog.schema.json": teamcatalog_json_schema,
}
