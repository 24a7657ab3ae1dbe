"""A result cache for ``designlint check``: unchanged designs are not checked again.

An entry holds a file's findings (not rendered text, so every output format comes out byte for
byte as it would from a fresh check) under a key made of:

- the file's content (SHA-256 of its bytes) and its name as reported;
- the rule set: every rule's definition, severity and options, and which code implements each
  check (``RuleSet.fingerprint`` plus what it leaves out);
- the configuration after command-line overrides, and the folder its paths are relative to;
- designlint itself: its version and the size and time of every module, so an upgrade or a local
  edit never serves stale findings.

Entries live in ``.designlint_cache/`` beside the configuration file (or in the working
directory when there is none), one file per design, replaced atomically. An entry that cannot
be read or does not match is a miss; a cache that cannot be written is skipped silently. Results
of crashed rules and of files that do not load are never stored.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from designlint.engine.runner import FileResult
from designlint.errors import Position
from designlint.findings import Finding, Outcome, Severity

CACHE_DIR = ".designlint_cache"
ENTRY_FORMAT = 2
_PACKAGE = Path(__file__).resolve().parent.parent
_UTF8_BOM = b"\xef\xbb\xbf"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """designlint's own modules: a local edit of a check must invalidate what it found before."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                stat = os.stat(os.path.join(folder, name))
                digest.update(
                    f"{os.path.relpath(os.path.join(folder, name), _PACKAGE)}:{stat.st_size}:"
                    f"{stat.st_mtime_ns}\n".encode()
                )
    return digest.hexdigest()


def engine_fingerprint(engine) -> str:
    """Everything about an engine (rules, config, designlint) that decides what a check finds."""
    import designlint

    digest = hashlib.sha256()
    digest.update(
        f"format {ENTRY_FORMAT}\nversion {designlint.__version__}\ncode {code_fingerprint()}\n".encode()
    )
    digest.update(engine.ruleset.fingerprint().encode())
    for rule in engine.ruleset:
        check = rule.check
        implementation = (
            f"{getattr(check, '__module__', '')}.{getattr(check, '__qualname__', repr(check))}"
            if check
            else ""
        )
        code = getattr(check, "__code__", None)
        if code is not None:
            implementation += hashlib.sha256(code.co_code).hexdigest()
        digest.update(f"\n{rule.code} {implementation} ".encode())
        digest.update(json.dumps(rule.options, sort_keys=True, default=str).encode())
    config = engine.config
    digest.update(f"\nconfig {config.root.resolve()}\n".encode())
    digest.update(config.model.model_dump_json().encode())
    return digest.hexdigest()


_SEVERITIES = {severity.value: severity for severity in Severity}


def _finding_to_json(finding: Finding) -> list:
    # A list, not a mapping: entries are read back far more often than written, and lists load faster.
    return [
        finding.file,
        finding.position.line,
        finding.position.column,
        finding.code,
        finding.name,
        finding.severity.value,
        finding.message,
        list(finding.path),
        finding.hint,
        list(finding.dimensions),
        finding.fingerprint_path,
    ]


def _finding_from_json(data: list) -> Finding:
    file, line, column, code, name, severity, message, path, hint, dimensions, fingerprint = data
    if not (
        type(line) is int
        and type(column) is int
        and isinstance(message, str)
        and isinstance(code, str)
        and all(type(part) in (str, int) for part in path)
    ):
        raise ValueError("malformed finding")
    return Finding(
        file,
        Position(line, column),
        code,
        name,
        _SEVERITIES[severity],
        message,
        tuple(path),
        hint,
        tuple(dimensions),
        fingerprint,
    )


class ResultCache:
    """The entries of one cache folder."""

    def __init__(self, root: Path):
        self.folder = root / CACHE_DIR

    def _entry(self, display: str, path: Path) -> Path:
        name = hashlib.sha256(f"{display}\0{path.resolve()}".encode()).hexdigest()
        return self.folder / f"v{ENTRY_FORMAT}" / name[:2] / f"{name[2:]}.json"

    def load(self, display: str, path: Path, key: str, raw: bytes) -> FileResult | None:
        try:
            data = json.loads(self._entry(display, path).read_bytes())
            if not isinstance(data, dict) or data.get("key") != key:
                return None
            result = FileResult(display, text=raw.removeprefix(_UTF8_BOM).decode("utf-8"))
            result.findings = [_finding_from_json(item) for item in data["findings"]]
            result.suppressed = [_finding_from_json(item) for item in data["suppressed"]]
            result.outcomes = {str(code): Outcome(value) for code, value in data["outcomes"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing, corrupt or from another layout: check the file again
        return result

    def store(self, display: str, path: Path, key: str, result: FileResult) -> None:
        from designlint.fileio import write_atomic

        entry = {
            "key": key,
            "findings": [_finding_to_json(f) for f in result.findings],
            "suppressed": [_finding_to_json(f) for f in result.suppressed],
            "outcomes": {code: outcome.value for code, outcome in sorted(result.outcomes.items())},
        }
        try:
            self._mark_folder()
            write_atomic(
                self._entry(display, path),
                json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                durable=False,
            )
        except OSError:
            pass  # a read-only checkout still gets its check, just not a faster next one

    def _mark_folder(self) -> None:
        if (self.folder / "CACHEDIR.TAG").is_file():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # Ignored by git and by backup tools, wherever the cache ends up.
        (self.folder / ".gitignore").write_text("# created by designlint\n*\n", encoding="utf-8")
        (self.folder / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# designlint result cache; safe to delete.\n",
            encoding="utf-8",
        )


def check_with_cache(session, files: list[tuple[Path, str]]) -> list[FileResult]:
    """``session.check(files)``, answering unchanged files from the cache and storing the rest."""
    from designlint.loader.limits import DEFAULT_LIMITS

    fingerprints: dict[int, tuple[str, ResultCache]] = {}
    results = []
    for path, display in files:
        engine = session.engine_for(path)
        if id(engine) not in fingerprints:
            root = engine.config.root if engine.config.source else Path.cwd()
            fingerprints[id(engine)] = (engine_fingerprint(engine), ResultCache(root))
        fingerprint, cache = fingerprints[id(engine)]
        try:
            with open(path, "rb") as handle:
                raw = handle.read(DEFAULT_LIMITS.max_bytes + 1)
        except OSError:
            raw = None  # the engine reports an unreadable file properly
        if raw is None or len(raw) > DEFAULT_LIMITS.max_bytes:
            results.append(session.check([(path, display)])[0])
            continue
        key = hashlib.sha256(
            f"{fingerprint}\0{display}\0{engine.config.relative(path)}\0".encode()
            + hashlib.sha256(raw).digest()
        ).hexdigest()
        cached = cache.load(display, path, key, raw)
        if cached is not None:
            results.append(cached)
            continue
        result = session.check([(path, display)])[0]
        # Store only what is safe to replay: no crashed rule, and a result for exactly these bytes
        # (the file did not change while it was checked; files that do not load have no text to compare).
        if not result.internal_error and result.text and result.text == _decoded(raw):
            cache.store(display, path, key, result)
        results.append(result)
    return results


def _decoded(raw: bytes) -> str | None:
    try:
        return raw.removeprefix(_UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError:
        return None
