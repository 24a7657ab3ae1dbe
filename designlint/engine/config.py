"""Configuration: ``[tool.designlint]`` in pyproject.toml or ``.designlint.yaml``, found by walking up.

Selectors (in ``select``/``ignore``) are rule codes (``DL201``), code prefixes (``DL2``), rule
names (``dr-tier-rpo-mismatch``), dimensions (``B``) or ``ALL``.
"""

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from designlint.errors import Position, UsageError
from designlint.findings import Severity

CONFIG_FILES = (".designlint.yaml", ".designlint.yml", "pyproject.toml")
SeverityName = Literal["error", "warning", "info"]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _ConfigSection(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True, defer_build=True)


class PathOverride(_ConfigSection):
    paths: list[str]
    select: list[str] | None = None
    ignore: list[str] = []
    severity: dict[str, SeverityName] = {}


class ConfigModel(_ConfigSection):
    packs: list[str] = ["staff-checklist"]
    select: list[str] = ["ALL"]
    ignore: list[str] = []
    severity: dict[str, SeverityName] = {}
    fail_on: SeverityName = "warning"
    baseline: str | None = None
    overrides: list[PathOverride] = []
    # Folders and files a folder walk skips (glob patterns, matched against each path component
    # and against the path relative to the configuration's folder). `exclude` replaces the
    # defaults, `extend-exclude` adds to them.
    exclude: list[str] | None = None
    extend_exclude: list[str] = []
    # Where the team publishes its design site (`designlint site build`); rule links point there.
    site_url: str | None = None
    # Folders of designs (relative to the configuration's folder) that references to other designs
    # resolve against, besides the designs checked and their neighbours: checking one file still
    # knows every design of the organisation.
    design_root: list[str] | str = []

    def design_roots(self) -> list[str]:
        return [self.design_root] if isinstance(self.design_root, str) else list(self.design_root)


def _config_model(raw: Any) -> ConfigModel:
    """``ConfigModel.model_validate(raw)``; building the validator costs more than reading a
    configuration, so it is kept between runs."""
    from designlint.engine.model_validators import model_validator

    return model_validator(ConfigModel)(raw)


@dataclass
class Config:
    """Resolved configuration; ``root`` is the folder paths in it are relative to."""

    model: ConfigModel = field(default_factory=lambda: _config_model({}))
    root: Path = field(default_factory=Path.cwd)
    source: str | None = None
    locate: Any = None  # callable(key path) -> Position | None, for errors pointing into the config

    # Per-file answers are asked for every rule of every file: compute them once per file.
    _overrides_by_file: dict[str, tuple[PathOverride, ...]] = field(default_factory=dict, repr=False)

    def relative(self, file: str | Path) -> str:
        from designlint.fileio import resolved

        path = resolved(file)
        try:
            return path.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def applicable(self, file: str | Path) -> tuple[PathOverride, ...]:
        """The path overrides that apply to ``file``, in configuration order (the same objects for
        every file they apply to, so callers may resolve a file's rules once per distinct tuple)."""
        if not self.model.overrides:
            return ()
        key = str(file)
        found = self._overrides_by_file.get(key)
        if found is None:
            rel = self.relative(file)
            found = tuple(
                o for o in self.model.overrides if any(fnmatch.fnmatch(rel, pattern) for pattern in o.paths)
            )
            self._overrides_by_file[key] = found
        return found

    def enabled(self, rule, file: str | Path) -> bool:
        if getattr(rule, "dormant", False):
            return False  # an opt-in preset's rule that was not asked for
        select, ignore = self.model.select, self.model.ignore
        overrides = self.applicable(file)
        if overrides:  # asked for every rule of every file: copy only when an override applies
            ignore = list(ignore)
            for override in overrides:
                select = override.select if override.select is not None else select
                ignore += override.ignore
        return _matches_any(rule, select) and not _matches_any(rule, ignore)

    def severity(self, rule, file: str | Path) -> Severity:
        table = self.model.severity
        overrides = self.applicable(file)
        if overrides:
            table = dict(table)
            for override in overrides:
                table.update(override.severity)
        for key in (rule.code, rule.name):
            if key in table:
                return Severity(table[key])
        return rule.severity

    def selectors(self) -> list[tuple[tuple, str]]:
        """Every selector with the key path it came from, for validation against the rule set."""
        out: list[tuple[tuple, str]] = [(("select", i), s) for i, s in enumerate(self.model.select)]
        out += [(("ignore", i), s) for i, s in enumerate(self.model.ignore)]
        out += [(("severity", s), s) for s in self.model.severity]
        for n, override in enumerate(self.model.overrides):
            out += [(("overrides", n, "select", i), s) for i, s in enumerate(override.select or [])]
            out += [(("overrides", n, "ignore", i), s) for i, s in enumerate(override.ignore)]
            out += [(("overrides", n, "severity", s), s) for s in override.severity]
        return out

    def place_pack_error(self, error: UsageError, configured: list[str]) -> None:
        """A pack this configuration names that cannot be found is an error at its entry in the file."""
        if error.file is not None or self.source is None:
            return  # inside a pack file (positioned there), or no configuration file to point at
        for index, reference in enumerate(configured):
            if reference in error.message:
                error.file = self.source
                error.position = self.locate(("packs", index)) if self.locate else None
                return

    def validate_against(self, ruleset) -> None:
        """An unknown code or name in config is a usage error, not silently ignored."""
        for key_path, selector in self.selectors():
            if selector == "ALL" or _is_dimension(selector):
                continue
            known = any(_matches(rule, selector) for rule in ruleset)
            if not known:
                position = self.locate(key_path) if self.locate else None
                raise UsageError(
                    f"unknown rule code or name '{selector}' in configuration",
                    file=self.source,
                    position=position,
                )


def _is_dimension(selector: str) -> bool:
    return len(selector) == 1 and "A" <= selector <= "J"


def _matches(rule, selector: str) -> bool:
    if selector == "ALL":
        return True
    if _is_dimension(selector):
        return selector in rule.rule.dimensions
    return rule.code.startswith(selector.upper()) if selector[:1].isupper() else rule.name == selector


def _matches_any(rule, selectors: list[str]) -> bool:
    return any(_matches(rule, s) for s in selectors)


def _unknown_key(key: str, parent: tuple) -> str:
    import difflib

    section = PathOverride if parent[:1] == ("overrides",) else ConfigModel
    known = [_kebab(name) for name in section.model_fields]
    close = difflib.get_close_matches(key.replace("_", "-"), known, n=1, cutoff=0.6)
    return f"unknown key '{key}'" + (f"; did you mean '{close[0]}'?" if close else "")


def find_config_file(start: Path) -> Path | None:
    directory = start if start.is_dir() else start.parent
    for folder in [directory.resolve(), *directory.resolve().parents]:
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return "[tool.designlint" in pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def load_config(path: Path) -> Config:
    if path.name == "pyproject.toml":
        raw, locate = _read_pyproject(path)
    else:
        raw, locate = _read_yaml_config(path)
    try:
        model = _config_model(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        loc = tuple(first["loc"])
        if not loc:  # the section itself is not a table (``[[tool.designlint]]``, say)
            position = locate(("designlint",))
            message = "the designlint section must be a table of settings"
        else:
            position = locate(loc) or locate(loc[:-1])
            message = (
                _unknown_key(str(loc[-1]), loc[:-1])
                if first["type"] == "extra_forbidden"
                else f"{'.'.join(map(str, loc))}: {first['msg']}"
            )
        raise UsageError(f"invalid configuration: {message}", file=str(path), position=position) from None
    return Config(model=model, root=path.parent, source=str(path), locate=locate)


def _read_pyproject(path: Path) -> tuple[dict, Any]:
    import re
    import tomllib

    text = _read_config_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        position = Position(int(match[1]), int(match[2])) if match else None
        raise UsageError(
            f"invalid TOML: {str(error).split(' (at line')[0]}", file=str(path), position=position
        ) from None
    except ValueError as error:  # an integer past Python's digit limit
        raise UsageError(f"invalid TOML: {error}", file=str(path), position=_long_number(text)) from None
    except RecursionError:
        raise UsageError(
            "invalid TOML: arrays or tables nested too deeply", file=str(path), position=_deepest(text)
        ) from None
    lines = text.splitlines()
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise UsageError(
            "invalid configuration: 'tool' must be a table", file=str(path), position=_find(lines, "tool")
        )
    section = tool.get("designlint", {})

    def locate(key_path: tuple) -> Position | None:
        # tomllib keeps no positions; the key or value text is found on its line, which is what a reader needs.
        for part in reversed(key_path):
            if isinstance(part, str):
                for number, line in enumerate(lines, 1):
                    column = line.find(f'"{part}"')
                    column = column if column >= 0 else line.find(part)
                    if column >= 0 and "designlint" not in line[:column]:
                        return Position(number, column + 1)
        return None

    return section, locate


def _read_config_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UsageError(
            f"cannot read the configuration: {error.strerror or error}", file=str(path)
        ) from None
    try:
        return raw.decode("utf-8-sig")  # an editor's byte order mark is not part of the TOML
    except UnicodeDecodeError as error:
        text = raw[: error.start].decode("utf-8")
        raise UsageError(
            f"invalid TOML: not valid UTF-8: byte 0x{raw[error.start]:02x} cannot appear here",
            file=str(path),
            position=_offset_position(text, len(text)),
        ) from None


def _find(lines: list[str], word: str) -> Position | None:
    for number, line in enumerate(lines, 1):
        column = line.find(word)
        if column >= 0:
            return Position(number, column + 1)
    return None


def _long_number(text: str) -> Position | None:
    import re

    match = re.search(r"[0-9_]{4000,}", text)  # one character class, one pass: linear
    return _offset_position(text, match.start()) if match else None


def _deepest(text: str, limit: int = 100) -> Position | None:
    """Where brackets first nest past ``limit`` (one pass; strings are not told apart, which only
    matters once tomllib has already given up on the nesting)."""
    depth = 0
    for offset, char in enumerate(text):
        if char in "[{":
            depth += 1
            if depth > limit:
                return _offset_position(text, offset)
        elif char in "]}":
            depth = max(0, depth - 1)
    return None


def _offset_position(text: str, offset: int) -> Position:
    from designlint.loader.positions import Lines

    return Lines(text).position(offset)


def _read_yaml_config(path: Path) -> tuple[dict, Any]:
    from designlint.errors import LoadError
    from designlint.loader import load_path

    try:
        document = load_path(path)
    except LoadError as error:
        raise UsageError(
            f"invalid configuration: {error.message}", file=error.file, position=error.position
        ) from None
    return document.data, lambda key_path: document.positions.resolve(tuple(key_path))[0]
