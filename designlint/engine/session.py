"""Checking many files: one configuration and rule set per config file, loaded once and reused."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from designlint.engine.compiled_packs import compiled_ruleset
from designlint.engine.config import Config, find_config_file, load_config
from designlint.engine.runner import Engine, FileResult
from designlint.errors import UsageError


@dataclass
class Overrides:
    """Command-line choices that win over configuration files."""

    config_file: Path | None = None
    select: list[str] | None = None
    extend_ignore: list[str] = field(default_factory=list)
    packs: list[str] = field(default_factory=list)


class CheckSession:
    def __init__(self, overrides: Overrides | None = None, *, keep_designs: bool = True):
        self.overrides = overrides or Overrides()
        # Linting many files only needs findings; holding every validated model costs memory and GC time.
        self.keep_designs = keep_designs
        self._engines: dict[str | None, Engine] = {}
        self._config_files: dict[Path, Path | None] = {}
        # Reports ask for a file's engine several times (thresholds, baselines, rule metadata):
        # answered without touching the file system again.
        self._by_file: dict[Path, Engine] = {}

    def engine_for(self, file: Path) -> Engine:
        engine = self._by_file.get(file)
        if engine is None:
            engine = self._by_file[file] = self._engine_for(file)
        return engine

    def _engine_for(self, file: Path) -> Engine:
        config_path = self.overrides.config_file or self._config_file_for(file)
        key = str(config_path.resolve()) if config_path else None
        engine = self._engines.get(key)
        if engine is None:
            config = load_config(config_path) if config_path else Config()
            configured = list(config.model.packs)
            self._apply_overrides(config)
            try:
                ruleset = compiled_ruleset(config.model.packs, base_dir=config.root)
            except UsageError as error:
                config.place_pack_error(error, configured)
                raise
            config.validate_against(ruleset)
            engine = self._engines[key] = Engine(ruleset, config)
        return engine

    def _config_file_for(self, file: Path) -> Path | None:
        # Every file in a folder shares its configuration: walk up once per folder, not per file.
        folder = file if file.is_dir() else file.parent
        if folder not in self._config_files:
            self._config_files[folder] = find_config_file(folder)
        return self._config_files[folder]

    def _apply_overrides(self, config: Config) -> None:
        model = config.model
        if self.overrides.select is not None:
            model.select = list(self.overrides.select)
        model.ignore = [*model.ignore, *self.overrides.extend_ignore]
        model.packs = [*model.packs, *self.overrides.packs]

    def check(self, files: list[tuple[Path, str]]) -> list[FileResult]:
        results = []
        for path, display in files:
            result = self.engine_for(path).check_path(path, display)
            if not self.keep_designs:
                result.design = None
            results.append(result)
        return results
