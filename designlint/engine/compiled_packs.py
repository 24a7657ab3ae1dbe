"""Rule packs compiled once and kept in the user's cache folder, keyed by what they are made of.

Reading the packs (YAML with positions), validating them against the pack format and compiling
their rules costs more than checking a design, and the packs rarely change. So the compiled rule
set is kept as an entry of ``$XDG_CACHE_HOME/designlint/compiled-packs/`` (else
``~/.cache/designlint/``): one entry per installation of designlint and list of packs asked for
(and, when one is a path, the folder it is relative to). The entry's seal also covers designlint's version, the size and time
of the modules that define and compile rules, and the Python version, so a changed designlint
replaces the entry; and the entry records the SHA-256 of every pack file it was built from (the
built-in packs and every file loaded through ``extends``): when one differs, the packs are loaded
again and the entry replaced.

Entries are sealed and read with the care of :mod:`designlint.engine.cache_folder`, so only an
entry designlint wrote for this user is ever unpickled. This is not the result cache:
``--no-cache`` still checks every file; any failure here only means the packs are loaded as usual.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path

from designlint.engine.cache_folder import CacheFolder, files_stamp, key_folder
from designlint.resources import builtin_rules_dir
from designlint.rulepacks.registry import CompiledRule, RuleSet, load_ruleset

FOLDER = "compiled-packs"
_PACKAGE = Path(__file__).resolve().parent.parent
ENTRY_FORMAT = 1
MAX_ENTRY_BYTES = 16 * 2**20
# Rebuilt on restore rather than pickled: the selector's steps hold a sentinel compared by
# identity, checks are functions found by name, validators are built on first use.
_REBUILT = frozenset({"selector", "check", "_validators"})


def compiled_ruleset(packs: Iterable[str], base_dir: Path | None = None) -> RuleSet:
    """``load_ruleset(packs, base_dir)``, from the compiled entry when its pack files are unchanged."""
    packs = list(packs)
    # Built-in names do not depend on the folder; paths are read relative to it.
    base = base_dir if any(_is_path(pack) for pack in packs) else None
    # One entry per installation and set of packs, replaced when designlint changes (the seal covers
    # the rest): two installations (virtualenvs, checkouts) sharing a user's cache would otherwise
    # replace each other's entry on every run.
    name = hashlib.sha256(f"{_PACKAGE}\n{base}\n{packs!r}".encode()).hexdigest()[:40]
    context = _context(packs, base)
    folder = CacheFolder(key_folder(), (FOLDER,))
    payload = folder.read((), name, context=context, limit=MAX_ENTRY_BYTES)
    if payload is not None:
        restored = _restore(payload)
        if restored is not None:
            return restored
    ruleset = load_ruleset(packs, base_dir=base_dir)
    try:
        folder.write((), name, _store(ruleset), context=context)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # an unwritable cache or an unpicklable custom option only costs the next run the load
    return ruleset


def _is_path(reference: str) -> bool:
    return "/" in reference or reference.endswith((".yaml", ".yml"))


def _context(packs: list[str], base_dir: Path | None) -> bytes:
    import designlint

    return (
        f"compiled packs {ENTRY_FORMAT}\ndesignlint {designlint.__version__}\ncode {_code_stamp()}\n"
        f"python {sys.version}\nbase {base_dir}\npacks {packs!r}\n"
    ).encode()


def _code_stamp() -> str:
    """Size and time of the modules whose code shapes a compiled rule: a local edit of the pack
    format or of compiling must not restore an entry made by the old code."""
    package = _PACKAGE
    modules = sorted((package / "rulepacks").glob("*.py")) + [
        package / "model" / "base.py",
        package / "checks" / "__init__.py",
    ]
    return files_stamp(modules)


def _pack_files(ruleset: RuleSet) -> list[str]:
    """Every file the rule set may have been read from: what it loaded, and every built-in pack
    (opt-in presets are read without being listed among the loaded packs)."""
    builtin = (str(path.resolve()) for path in builtin_rules_dir().glob("*.yaml"))
    return sorted({*ruleset.packs, *builtin})


def _digests(files: Iterable[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for file in files:
        try:
            out[file] = hashlib.sha256(Path(file).read_bytes()).hexdigest()
        except OSError:
            out[file] = None
    return out


def _store(ruleset: RuleSet) -> bytes:
    rules = []
    for rule in ruleset.rules.values():
        fields = {f.name: getattr(rule, f.name) for f in dataclasses.fields(rule) if f.name not in _REBUILT}
        rules.append((fields, rule.rule.check))
    entry = {"files": _digests(_pack_files(ruleset)), "packs": list(ruleset.packs), "rules": rules}
    return pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)


def _restore(payload: bytes) -> RuleSet | None:
    """The stored rule set, or ``None`` when a pack file changed or the entry does not fit this code."""
    from designlint.checks import all_checks
    from designlint.rulepacks.selector import compile_selector

    try:
        entry = pickle.loads(payload)
        files = entry["files"]
        if _digests(files) != files:
            return None
        checks = all_checks()
        ruleset = RuleSet(packs=list(entry["packs"]))
        for fields, check in entry["rules"]:
            rule = CompiledRule(**fields)
            rule.selector = compile_selector(rule.rule.given) if rule.rule.given else None
            rule.check = checks[check] if check else None
            ruleset.rules[rule.code] = rule
    except Exception:  # any entry that does not restore cleanly is a miss, never an error
        return None
    return ruleset
