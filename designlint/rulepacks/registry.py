"""Loading rule packs (built-in names or files, with ``extends``) and compiling their rules once."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from designlint.errors import LoadError, Position, UsageError
from designlint.findings import DocPath, Problem, Severity
from designlint.model.validation import validate_or_raise
from designlint.resources import builtin_rules_dir
from designlint.rulepacks.model import Rule, RulePack
from designlint.rulepacks.selector import Selector, SelectorError, compile_selector

DEFAULT_PACK = "staff-checklist"
OPT_IN_PRESETS = ("depth",)
"""Built-in packs that extend the default checklist with rules ``check`` runs only when asked
(``packs = ["depth"]``); ``score`` always grades with them."""
_NOTHING = object()
_EMPTY: tuple[object, ...] = (None, "", [], {})  # a section left empty (never changed: compared against only)
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class _Declared(NamedTuple):
    """What a check function declares about itself (``designlint.checks.subject`` and ``reads``)."""

    subject: Callable[[Any], Any] | None
    reads: frozenset[str] | None


@functools.cache
def _declared(check: Callable[..., Any] | None) -> _Declared:
    # Asked for every check on every design; most declare one of the two, so a plain getattr
    # would fail (and build an exception) about once per check and design.
    return _Declared(getattr(check, "subject", None), getattr(check, "reads", None))


class RuleRun(NamedTuple):
    """What running a rule on one design gave."""

    subject: bool
    """The design holds something the rule checks; when not, the rule is vacuous there."""
    problems: list[Problem]


@dataclass
class CompiledRule:
    """A rule ready to run: selector, schema validators or check function resolved once."""

    rule: Rule
    pack: str
    source: str
    severity: Severity
    options: dict[str, Any]
    selector: Selector | None = None
    check: Callable[..., Iterable[Problem]] | None = None
    dormant: bool = False
    """A rule of an opt-in preset that was not asked for: its code is known (suppressions and
    configuration may name it, ``designlint rule`` explains it) but it never runs."""
    # Validators are built on first use, as direct checks where the fragment allows
    # (designlint.rulepacks.schema_check), so most runs never import jsonschema.
    _validators: dict[str, Any] = field(default_factory=dict, repr=False)

    def _validator_for(self, key: str, schema: dict[str, Any] | None):
        """The compiled ``schema``, made on first use and kept (None too: asked per design, and most
        rules have no ``where``)."""
        found = self._validators.get(key, _NOTHING)
        if found is not _NOTHING:
            return found
        direct: Any = None
        if schema is not None:
            from designlint.rulepacks.schema_check import compile_schema

            direct = compile_schema(schema)  # a direct check, else a jsonschema validator
            if direct is None:
                from designlint.rulepacks import schema_safety

                direct = schema_safety.validator(schema)
        self._validators[key] = direct
        return direct

    @property
    def then(self):
        return self._validator_for("then", self.rule.then.schema_ if self.rule.then else None)

    @property
    def where(self):
        return self._validator_for("where", self.rule.where)

    def has_subject(self, document: Any, design: Any = None) -> bool:
        """Whether the design holds anything this rule checks: its ``given`` selects a node
        (that passes ``where``). A check without ``given`` that declares its subject
        (``designlint.checks.subject``, asked of the validated ``design``) has one when that
        says so; one that declares the sections it reads (``designlint.checks.reads``) when one
        of them is filled in; any other rule without ``given`` always has one."""
        if self.selector is not None:
            where = self.where
            selected = self.selector.nodes(document)
            if where is None:
                return next(selected, _NOTHING) is not _NOTHING
            return any(where.is_valid(node) for node in selected)
        declared = _declared(self.check)
        present = declared.subject
        if present is not None and design is not None:
            try:
                return bool(present(design))
            except Exception:  # the check then runs and reports its own failure
                return True
        sections = declared.reads
        if sections and isinstance(document, dict):
            return any(document.get(section) not in _EMPTY for section in sections)
        return True

    def run(self, design: Any, document: Any) -> RuleRun:
        """Whether the design holds anything this rule checks and, when it does, the problems
        found. A declarative rule walks its subjects once for both answers."""
        if self.check is None:
            return _run_declarative(self, document)
        if not self.has_subject(document, design):
            return RuleRun(False, [])
        return RuleRun(True, list(self.check(design, self.options)))

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def name(self) -> str:
        return self.rule.name


@dataclass
class RuleSet:
    rules: dict[str, CompiledRule] = field(default_factory=dict)
    packs: list[str] = field(default_factory=list)

    def get(self, code_or_name: str) -> CompiledRule | None:
        found = self.rules.get(code_or_name.upper())
        if found:
            return found
        return next((r for r in self.rules.values() if r.name == code_or_name), None)

    def __iter__(self) -> Iterator[CompiledRule]:
        return iter(sorted(self.rules.values(), key=lambda r: r.code))

    def fingerprint(self) -> str:
        """Identifies the rules' definitions, for result caches."""
        import hashlib

        digest = hashlib.sha256()
        for rule in self:
            digest.update(rule.rule.model_dump_json().encode())
            digest.update(rule.severity.value.encode())
            digest.update(b"dormant" if rule.dormant else b"active")
        return digest.hexdigest()


def _is_file(path: Path) -> bool:
    """``path.is_file()``, and False for a name the system refuses (too long, say) or a loop of links."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _pack_file(reference: str, relative_to: Path | None) -> Path:
    if "/" not in reference and not reference.endswith((".yaml", ".yml")):
        candidate = builtin_rules_dir() / f"{reference}.yaml"
        if _is_file(candidate):
            return candidate
        raise UsageError(f"unknown built-in rule pack '{reference}'")
    path = Path(reference)
    if not path.is_absolute() and relative_to is not None:
        path = relative_to / path
    if not _is_file(path):
        raise UsageError(f"rule pack not found: {reference}")
    return path


def _resolved(path: Path, reference: str) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links (RuntimeError before Python 3.13)
        raise UsageError(f"rule pack not found: {reference} (a loop of symbolic links)") from None


def _load_pack_document(path: Path):
    from designlint.loader import load_path

    try:
        return load_path(path)
    except LoadError as error:
        raise UsageError(
            f"invalid rule pack: {error.message}", file=error.file, position=error.position
        ) from None


def load_ruleset(packs: Iterable[str] = (DEFAULT_PACK,), base_dir: Path | None = None) -> RuleSet:
    """Load packs in order; later packs may add rules or override inherited ones."""
    from designlint.checks import all_checks

    checks = all_checks()
    builtin_dir = builtin_rules_dir().resolve()
    ruleset = RuleSet()
    visiting: list[Path] = []

    def visit(reference: str, relative_to: Path | None, origin: tuple[str, Position | None] | None) -> None:
        try:
            path = _resolved(_pack_file(reference, relative_to), reference)
        except UsageError as error:
            if origin is not None:
                error.file, error.position = origin
            raise
        if path in visiting:
            raise UsageError(
                f"rule pack extends itself through '{reference}'",
                file=origin[0] if origin else None,
                position=origin[1] if origin else None,
            )
        if str(path) in ruleset.packs:
            return
        visiting.append(path)
        document = _load_pack_document(path)
        pack: RulePack = validate_or_raise(document, RulePack, "rule pack")
        for index, parent in enumerate(pack.extends):
            visit(parent, path.parent, (document.file, document.positions.value(("extends", index))))
        for index, rule in enumerate(pack.rules):
            where = (document.file, document.positions.value(("rules", index)))
            existing = ruleset.rules.get(rule.code)
            if existing is not None and existing.name != rule.name:
                raise UsageError(
                    f"rule code {rule.code} is already used by '{existing.name}' in {existing.source}; codes are never reused",
                    file=where[0],
                    position=where[1],
                )
            # An error in one field of the rule points at that field's value.
            fields = {key: document.positions.value(("rules", index, key)) for key in _POSITIONED_FIELDS}
            ruleset.rules[rule.code] = _compile(
                rule,
                pack.metadata.name,
                document.file,
                where,
                checks,
                trusted=path.parent == builtin_dir,
                fields=fields,
            )
        for code, change in pack.overrides.items():
            _override(ruleset, code, change, (document.file, document.positions.value(("overrides", code))))
        visiting.pop()
        ruleset.packs.append(str(path))

    for reference in packs:
        visit(reference, base_dir, None)
    _attach_dormant_presets(ruleset, checks, builtin_dir)
    return ruleset


def _attach_dormant_presets(ruleset: RuleSet, checks, builtin_dir: Path) -> None:
    """Add the rules of each opt-in preset that extends what was loaded but was not itself asked
    for, as dormant rules: known by code and documented, never run."""
    for preset in OPT_IN_PRESETS:
        path = (builtin_dir / f"{preset}.yaml").resolve()
        if str(path) in ruleset.packs:
            continue
        document = _load_pack_document(path)
        pack: RulePack = validate_or_raise(document, RulePack, "rule pack")
        parents = [str(_pack_file(parent, path.parent).resolve()) for parent in pack.extends]
        if not all(parent in ruleset.packs for parent in parents):
            continue
        for index, rule in enumerate(pack.rules):
            if rule.code in ruleset.rules:
                continue
            where = (document.file, document.positions.value(("rules", index)))
            compiled = _compile(rule, pack.metadata.name, document.file, where, checks, trusted=True)
            compiled.dormant = True
            ruleset.rules[rule.code] = compiled


def _override(
    ruleset: RuleSet, code: str, change: dict[str, Any], where: tuple[str, Position | None]
) -> None:
    target = ruleset.rules.get(code)
    if target is None:
        raise UsageError(f"override of unknown rule {code}", file=where[0], position=where[1])
    unknown = set(change) - {"severity", "options"}
    if unknown:
        raise UsageError(
            f"overrides may change 'severity' and 'options' only, not {sorted(unknown)}",
            file=where[0],
            position=where[1],
        )
    if "severity" in change:
        try:
            target.severity = Severity(change["severity"])
        except ValueError:
            raise UsageError(
                f"unknown severity {change['severity']!r}", file=where[0], position=where[1]
            ) from None
    if "options" in change:
        if not isinstance(change["options"], dict):
            raise UsageError("override options must be a mapping", file=where[0], position=where[1])
        target.options = {**target.options, **change["options"]}


_POSITIONED_FIELDS = ("check", "given", "then", "where")


def _compile(
    rule: Rule,
    pack: str,
    source: str,
    where,
    checks,
    trusted: bool = False,
    fields: dict[str, Position | None] | None = None,
) -> CompiledRule:
    """``trusted``: a built-in pack, whose schema fragments the test suite checks against the metaschema.
    ``fields``: where each of the rule's fields starts, for errors about one of them."""

    def at(key: str) -> tuple[str, Position | None]:
        position = (fields or {}).get(key)
        return (where[0], position) if position is not None else where

    compiled = CompiledRule(
        rule=rule, pack=pack, source=source, severity=Severity(rule.severity), options=dict(rule.options)
    )
    kinds = [bool(rule.then), bool(rule.check), rule.engine]
    if sum(kinds) != 1:
        raise UsageError(
            f"rule {rule.code} needs exactly one of 'then' (with 'given'), 'check' or 'engine: true'",
            file=where[0],
            position=where[1],
        )
    if rule.check:
        if rule.check not in checks:
            raise UsageError(
                f"rule {rule.code} names an unknown check '{rule.check}'",
                file=source,
                position=at("check")[1],
            )
        compiled.check = checks[rule.check]
    if rule.then and not rule.given:
        raise UsageError(
            f"rule {rule.code} has 'then' but no 'given' selector", file=where[0], position=where[1]
        )
    if rule.given:
        # For a check, `given` names its subject only: when it selects nothing the check is
        # not run and the rule is vacuous on that design, not passed.
        try:
            compiled.selector = compile_selector(rule.given)
        except SelectorError as error:
            raise UsageError(f"rule {rule.code}: {error}", file=source, position=at("given")[1]) from None
    if not trusted:
        if rule.then:
            _check_schema(rule.then.schema_, rule.code, at("then"))
        if rule.where is not None:
            _check_schema(rule.where, rule.code, at("where"))
    return compiled


def _check_schema(schema: dict[str, Any], code: str, where) -> None:
    import jsonschema

    from designlint.rulepacks import schema_safety

    try:
        jsonschema.Draft7Validator.check_schema(schema)
        schema_safety.check(schema)
    except jsonschema.SchemaError as error:
        raise UsageError(
            f"rule {code}: invalid JSON Schema: {error.message}", file=where[0], position=where[1]
        ) from None
    except schema_safety.UnsafeSchema as error:
        raise UsageError(f"rule {code}: {error}", file=where[0], position=where[1]) from None


def render_message(template: str, node: Any) -> str:
    """Fill ``{key}`` placeholders from the selected node's scalar fields (never attribute access)."""
    if not isinstance(node, dict):
        return template

    def value(match) -> str:
        found = node.get(match[1])
        return (
            str(found) if isinstance(found, (str, int, float)) and not isinstance(found, bool) else match[0]
        )

    return _PLACEHOLDER.sub(value, template)


def declarative_problems(rule: CompiledRule, document: Any) -> Iterator[Problem]:
    """Run a given/then rule over plain document data."""
    return iter(_run_declarative(rule, document).problems)


def _run_declarative(rule: CompiledRule, document: Any) -> RuleRun:
    found: list[Problem] = []
    selected = False
    then, where = rule.then, rule.where
    assert rule.selector is not None
    for path, node in rule.selector.select(document):  # the nodes `given` selects that pass `where`
        if where is not None and not where.is_valid(node):
            continue
        selected = True
        if then.is_valid(node):  # most nodes pass: no error objects for them
            continue
        # The first error only: one finding per node keeps output readable.
        error = next(iter(then.iter_errors(node)), None)
        if error is not None:
            found.append(
                Problem(
                    _error_path(path, error, rule),
                    render_message(rule.rule.message, node),
                    hint=rule.rule.hint,
                )
            )
    return RuleRun(selected, found)


def _error_path(base: DocPath, error: Any, rule: CompiledRule) -> DocPath:
    if rule.rule.then and rule.rule.then.field:
        return (*base, rule.rule.then.field)
    path = (*base, *error.absolute_path)
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in (error.instance or {})]
        if missing:
            return (*path, missing[0])
    return path
