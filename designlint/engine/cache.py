"""A result cache for ``designlint check``: unchanged designs are not checked again.

An entry holds a file's findings (not rendered text, so every output format comes out byte for
byte as it would from a fresh check) under a key made of:

- the file's content (SHA-256 of its bytes) and its name as reported;
- the rule set: every rule's definition, severity and options, and which code implements each
  check (``RuleSet.fingerprint`` plus what it leaves out);
- the configuration after command-line overrides, and the folder its paths are relative to;
- designlint itself: its version and the size and time of every module, so an upgrade or a local
  edit never serves stale findings.

An entry also keeps the design's cross-design index (what it references and promises), so the
cross-design pass after the per-file checks resolves references without loading a replayed
design: a changed design is checked again, and the cross-design findings of every design that
references it, directly or through others, are computed again from the indexes.

Entries live in ``.designlint_cache/`` beside the configuration file (or in the working
directory when there is none), one file per design, replaced atomically and sealed (see
:mod:`designlint.engine.cache_folder`: no link is followed, nothing is written outside the
folder, and only entries designlint wrote are replayed, after checking every field). An entry
that cannot be read or does not match is a miss; a cache that cannot be written is skipped
silently; a cache folder that is a link, not a folder or someone else's is not used at all, and
:meth:`ResultCaches.problems` says why. Results of crashed rules and of files that do not load
are never stored.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from designlint.engine.runner import FileResult
from designlint.errors import Position
from designlint.findings import Finding, Outcome, RelatedLocation, Severity

CACHE_DIR = ".designlint_cache"
ENTRY_FORMAT = 4
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
_FINDING_FIELDS = 12
# An entry holds findings about one file of at most 8 MiB; anything far larger is not ours.
_MAX_ENTRY_BYTES = 64 * 1024 * 1024


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
        [
            [list(place.path), place.position.line, place.position.column, place.fingerprint_path]
            for place in finding.related
        ],
    ]


class MalformedEntry(ValueError):
    """A cache entry that does not hold what designlint writes: treated as a miss."""


def _is_int(value: object) -> bool:
    return type(value) is int  # not bool, which is an int subclass


def _finding_from_json(data: object, file: str) -> Finding:
    """A finding from an entry, after checking the type of every field (an entry is replayed as is)."""
    if type(data) is not list or len(data) != _FINDING_FIELDS:
        raise MalformedEntry("a finding is not a list of its fields")
    name_of, line, column, code, name, severity, message, path, hint, dimensions, fingerprint, related = data
    if not (
        name_of == file
        and _is_int(line)
        and _is_int(column)
        and line >= 0
        and column >= 0
        and type(code) is str
        and type(name) is str
        and type(severity) is str
        and severity in _SEVERITIES
        and type(message) is str
        and type(path) is list
        and all(type(part) is str or _is_int(part) for part in path)
        and (hint is None or type(hint) is str)
        and type(dimensions) is list
        and all(type(letter) is str for letter in dimensions)
        and type(fingerprint) is str
        and type(related) is list
        and all(_is_related(place) for place in related)
    ):
        raise MalformedEntry("a finding field has the wrong type")
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
        tuple(RelatedLocation(tuple(p), Position(ln, col), fp) for p, ln, col, fp in related),
    )


def _is_related(place: object) -> bool:
    """One related location as written: [path, line, column, fingerprint path]."""
    return (
        type(place) is list
        and len(place) == 4
        and type(place[0]) is list
        and all(type(part) is str or _is_int(part) for part in place[0])
        and _is_int(place[1])
        and _is_int(place[2])
        and place[1] >= 0
        and place[2] >= 0
        and type(place[3]) is str
    )


def _findings(entry: dict, field: str, file: str) -> list[Finding]:
    items = entry.get(field)
    if type(items) is not list:
        raise MalformedEntry(f"'{field}' is not a list")
    return [_finding_from_json(item, file) for item in items]


_OUTCOMES = {outcome.value: outcome for outcome in Outcome}


def _outcomes(entry: dict) -> dict[str, Outcome]:
    outcomes = entry.get("outcomes")
    if type(outcomes) is not dict or not all(
        type(value) is str and value in _OUTCOMES for value in outcomes.values()
    ):
        raise MalformedEntry("'outcomes' is not a mapping of rule codes to outcomes")
    return {code: _OUTCOMES[value] for code, value in outcomes.items()}


def _organisation_to_json(index) -> dict | None:
    from designlint.engine.org_codec import index_to_json

    return index_to_json(index) if index is not None else None


def _organisation(entry: dict):
    from designlint.engine.org_codec import index_from_json

    data = entry.get("organisation")
    return None if data is None else index_from_json(data)  # MalformedIndex is a ValueError: a miss


class ResultCache:
    """The entries of one cache folder (see :mod:`designlint.engine.cache_folder` for the care taken)."""

    def __init__(self, root: Path):
        from designlint.engine.cache_folder import CacheFolder

        self.folder = CacheFolder(root, (CACHE_DIR,))
        self._marked = False

    @property
    def problem(self) -> str | None:
        """Why this cache is not used (a link, not a folder, someone else's), once found."""
        return self.folder.problem

    @staticmethod
    def _entry(display: str, path: Path) -> tuple[tuple[str, ...], str, bytes]:
        from designlint.fileio import resolved

        name = hashlib.sha256(f"{display}\0{resolved(path)}".encode()).hexdigest()
        return (f"v{ENTRY_FORMAT}", name[:2]), f"{name[2:]}.json", f"result {ENTRY_FORMAT} {name}".encode()

    def load(self, display: str, path: Path, key: str, raw: bytes) -> FileResult | None:
        inner, name, context = self._entry(display, path)
        payload = self.folder.read(inner, name, context=context, limit=_MAX_ENTRY_BYTES)
        if payload is None:
            return None
        try:
            data = json.loads(payload)
            if type(data) is not dict or data.get("key") != key:
                return None
            result = FileResult(display, text=raw.removeprefix(_UTF8_BOM).decode("utf-8"))
            result.findings = _findings(data, "findings", display)
            result.suppressed = _findings(data, "suppressed", display)
            result.outcomes = _outcomes(data)
            result.organisation = _organisation(data)
        except (ValueError, RecursionError):
            return None  # damaged, nested past what the parser takes, or from another layout: a miss
        return result

    def store(self, display: str, path: Path, key: str, result: FileResult) -> None:
        from designlint.engine.cache_folder import SUPPORTED

        if not SUPPORTED or self.problem is not None:
            return
        entry = {
            "key": key,
            "findings": [_finding_to_json(f) for f in result.findings],
            "suppressed": [_finding_to_json(f) for f in result.suppressed],
            "outcomes": {code: outcome.value for code, outcome in sorted(result.outcomes.items())},
            # The cross-design index, so a replayed design is never loaded again to resolve references.
            "organisation": _organisation_to_json(result.organisation),
        }
        inner, name, context = self._entry(display, path)
        try:
            self._mark_folder()
            payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            self.folder.write(inner, name, payload, context=context)
        except OSError:
            pass  # a read-only checkout still gets its check, just not a faster next one

    def _mark_folder(self) -> None:
        if self._marked or self.folder.has((), "CACHEDIR.TAG"):
            self._marked = True
            return
        # Ignored by git and by backup tools, wherever the cache ends up.
        self.folder.write_plain((), ".gitignore", b"# created by designlint\n*\n")
        self.folder.write_plain(
            (),
            "CACHEDIR.TAG",
            b"Signature: 8a477f597d28d172789f06886806bc55\n# designlint result cache; safe to delete.\n",
        )
        self._marked = True


class ResultCaches:
    """The caches one run uses (one per configuration folder), so problems are told once."""

    def __init__(self) -> None:
        self._by_root: dict[Path, ResultCache] = {}
        # Each engine's fingerprint and cache, by engine, worked out once per run (not per batch).
        self.for_engine: dict[int, tuple[str, ResultCache]] = {}

    def for_root(self, root: Path) -> ResultCache:
        cache = self._by_root.get(root)
        if cache is None:
            cache = self._by_root[root] = ResultCache(root)
        return cache

    def problems(self) -> list[str]:
        """Why caches were not used, one line each, in a stable order."""
        return sorted({cache.problem for cache in self._by_root.values() if cache.problem is not None})


def check_with_cache(
    session, files: list[tuple[Path, str]], caches: ResultCaches | None = None
) -> list[FileResult]:
    """``session.check(files)``, answering unchanged files from the cache and storing the rest.

    Pass the same ``caches`` to every call of a run to learn, once, which caches were not used.
    """
    from designlint.loader.limits import DEFAULT_LIMITS
    from designlint.loader.source import read_regular

    caches = caches if caches is not None else ResultCaches()
    fingerprints = caches.for_engine
    results = []
    for path, display in files:
        engine = session.engine_for(path)
        if id(engine) not in fingerprints:
            root = engine.config.root if engine.config.source else Path.cwd()
            fingerprints[id(engine)] = (engine_fingerprint(engine), caches.for_root(root))
        fingerprint, cache = fingerprints[id(engine)]
        try:
            raw: bytes | None = read_regular(path, DEFAULT_LIMITS.max_bytes)
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
