"""The result cache in a hostile checkout: links it did not make are never followed, nothing is
written outside its folder, an unusable folder is one warning, and only entries designlint sealed,
with every field of the right type, are replayed."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from designlint.cli import main
from designlint.engine import cache_folder
from designlint.engine.cache import CACHE_DIR, ENTRY_FORMAT, ResultCache
from tests.conftest import DESIGNS, HEADER

WARNING = "designlint: warning: result cache not used"


pytestmark = pytest.mark.usefixtures("own_cache_key")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    shutil.copy(DESIGNS / "newsfeed.yaml", checkout / "newsfeed.yaml")
    for number in range(3):
        (checkout / f"small-{number}.yaml").write_text(HEADER, encoding="utf-8")
    (checkout / ".designlint.yaml").write_text("packs: [staff-checklist]\n", encoding="utf-8")
    monkeypatch.chdir(checkout)
    return checkout


@pytest.fixture
def victim(tmp_path):
    """A file outside the checkout that a hostile cache points at."""
    path = tmp_path / "victim.txt"
    path.write_text("precious\n", encoding="utf-8")
    return path


@pytest.fixture
def checked_files(monkeypatch):
    """Which files the engine really checked (rather than the cache answering)."""
    from designlint.engine.runner import Engine

    seen: list[str] = []
    original = Engine.check_path

    def spy(self, path, display=None):
        seen.append(display or str(path))
        return original(self, path, display)

    monkeypatch.setattr(Engine, "check_path", spy)
    return seen


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["check", ".", "--format", "json", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _tree(folder) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def test_a_link_at_the_ignore_file_is_replaced_not_written_through(repo, victim, capsys):
    (repo / CACHE_DIR).mkdir()
    (repo / CACHE_DIR / ".gitignore").symlink_to(victim)
    (repo / CACHE_DIR / "CACHEDIR.TAG").symlink_to(victim.parent / "elsewhere.tag")
    fresh = run(capsys, "--no-cache")
    assert run(capsys)[:2] == fresh[:2]
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (victim.parent / "elsewhere.tag").exists()
    assert not (repo / CACHE_DIR / ".gitignore").is_symlink()
    assert (repo / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


@pytest.mark.parametrize(
    "plant",
    [
        pytest.param(
            lambda repo, outside: (repo / CACHE_DIR).symlink_to("."), id="cache-is-a-link-to-the-checkout"
        ),
        pytest.param(
            lambda repo, outside: (repo / CACHE_DIR).symlink_to(outside), id="cache-is-a-link-outside"
        ),
        pytest.param(lambda repo, outside: (repo / CACHE_DIR).write_text("x"), id="cache-is-a-file"),
        pytest.param(
            lambda repo, outside: (
                (repo / CACHE_DIR).mkdir(),
                (repo / CACHE_DIR / f"v{ENTRY_FORMAT}").symlink_to(outside),
            ),
            id="a-folder-inside-is-a-link",
        ),
    ],
)
def test_an_unusable_cache_folder_is_one_warning_and_nothing_is_written(repo, tmp_path, capsys, plant):
    outside = tmp_path / "outside"
    outside.mkdir()
    before = _tree(repo)
    fresh = run(capsys, "--no-cache")
    plant(repo, outside)
    code, out, err = run(capsys)
    assert (code, out) == fresh[:2]
    warnings = [line for line in err.splitlines() if line.startswith(WARNING)]
    assert len(warnings) == 1, err
    assert CACHE_DIR in warnings[0]
    assert _tree(outside) == {}
    assert {name: data for name, data in _tree(repo).items() if name != CACHE_DIR} == before


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to another user")
def test_a_cache_folder_owned_by_someone_else_is_not_used(repo, capsys):
    (repo / CACHE_DIR).mkdir()
    os.chown(repo / CACHE_DIR, 65534, 65534)
    _code, _out, err = run(capsys)
    assert "is owned by another user" in err and WARNING in err
    assert list((repo / CACHE_DIR).iterdir()) == []


def test_a_link_at_an_entry_is_replaced_not_written_through(repo, victim, capsys):
    path = repo / "small-0.yaml"
    inner, name, _ = ResultCache._entry("small-0.yaml", path)
    folder = repo / CACHE_DIR / os.path.join(*inner)
    folder.mkdir(parents=True)
    (folder / name).symlink_to(victim)
    main(["check", "small-0.yaml"])
    capsys.readouterr()
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (folder / name).is_symlink()


def test_entries_another_key_sealed_are_not_replayed(repo, capsys, monkeypatch, tmp_path, checked_files):
    expected = run(capsys)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))
    cache_folder.entry_key.cache_clear()
    checked_files.clear()
    assert run(capsys)[:2] == expected[:2]
    assert len(checked_files) == 4  # every file checked again: the entries are not this key's
    checked_files.clear()
    run(capsys)
    assert checked_files == []


def test_an_entry_committed_to_the_repository_is_not_replayed(repo, capsys, checked_files):
    """Entries that claim no findings, in the layout designlint uses, but not sealed by this user."""
    expected = run(capsys)
    for entry in (repo / CACHE_DIR).rglob("*.json"):
        sealed = entry.read_bytes()
        payload = json.loads(sealed[sealed.index(b"\n") + 1 :])
        payload["findings"] = []
        entry.write_bytes(json.dumps(payload).encode())
    checked_files.clear()
    assert run(capsys)[:2] == expected[:2]
    assert len(checked_files) == 4


def _sealed_entry(repo, display: str, payload: bytes) -> None:
    inner, name, context = ResultCache._entry(display, repo / display)
    folder = repo / CACHE_DIR / os.path.join(*inner)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(cache_folder.seal(payload, context))


def _mutations():
    def finding(**changes):
        def mutate(entry):
            entry["findings"][0][changes["at"]] = changes["value"]
            return entry

        return mutate

    fields = {"file": 0, "line": 1, "column": 2, "code": 3, "name": 4, "severity": 5, "message": 6}
    fields.update({"path": 7, "hint": 8, "dimensions": 9, "fingerprint": 10})
    cases = {
        "line-as-text": finding(at=fields["line"], value="3"),
        "line-as-bool": finding(at=fields["line"], value=True),
        "negative-column": finding(at=fields["column"], value=-1),
        "code-as-number": finding(at=fields["code"], value=101),
        "unknown-severity": finding(at=fields["severity"], value="fatal"),
        "message-as-list": finding(at=fields["message"], value=["a"]),
        "path-with-a-float": finding(at=fields["path"], value=["users", 1.5]),
        "path-as-text": finding(at=fields["path"], value="users"),
        "hint-as-number": finding(at=fields["hint"], value=3),
        "dimensions-as-text": finding(at=fields["dimensions"], value="A"),
        "another-file": finding(at=fields["file"], value="elsewhere.yaml"),
        "fingerprint-as-list": finding(at=fields["fingerprint"], value=[]),
        "finding-too-short": lambda entry: {**entry, "findings": [entry["findings"][0][:5]]},
        "findings-as-mapping": lambda entry: {**entry, "findings": {"a": 1}},
        "no-suppressed": lambda entry: {k: v for k, v in entry.items() if k != "suppressed"},
        "outcome-unknown": lambda entry: {**entry, "outcomes": {"DL101": "maybe"}},
        "outcomes-as-list": lambda entry: {**entry, "outcomes": []},
        "not-a-mapping": lambda entry: [entry],
    }
    return cases


MUTATIONS = _mutations()


def _entry_of(repo, display: str) -> dict:
    inner, name, _ = ResultCache._entry(display, repo / display)
    sealed = (repo / CACHE_DIR / os.path.join(*inner) / name).read_bytes()
    return json.loads(sealed.split(b"\n", 1)[1])


@pytest.mark.parametrize("mutation", list(MUTATIONS), ids=list(MUTATIONS))
def test_a_sealed_entry_with_a_wrong_field_is_a_miss(repo, capsys, checked_files, mutation):
    """Even an entry with a valid seal (a bug, a damaged disk) is checked field by field before replay."""
    expected = run(capsys)
    entry = _entry_of(repo, "small-0.yaml")
    assert entry["findings"], "the example design has findings to tamper with"
    _sealed_entry(repo, "small-0.yaml", json.dumps(MUTATIONS[mutation](entry)).encode())
    checked_files.clear()
    assert run(capsys)[:2] == expected[:2]
    assert checked_files == ["small-0.yaml"]


@pytest.mark.parametrize("field", ["key", "findings"])
@pytest.mark.parametrize("depth", [10_000, 200_000])
def test_a_deeply_nested_entry_is_a_miss_not_a_recursion_error(repo, capsys, checked_files, depth, field):
    expected = run(capsys)
    entry = _entry_of(repo, "small-0.yaml")
    nested = "[" * depth + "]" * depth
    text = json.dumps({**entry, field: "NESTED"}).replace('"NESTED"', nested)
    _sealed_entry(repo, "small-0.yaml", text.encode())
    checked_files.clear()
    code, out, err = run(capsys)
    assert (code, out) == expected[:2] and "RecursionError" not in err + out
    assert checked_files == ["small-0.yaml"]


def test_a_valid_sealed_entry_is_replayed(repo, capsys, checked_files):
    """The counterpart of the tests above: the same entry, untouched and resealed, is used."""
    expected = run(capsys)
    entry = _entry_of(repo, "small-0.yaml")
    _sealed_entry(repo, "small-0.yaml", json.dumps(entry).encode())
    checked_files.clear()
    assert run(capsys)[:2] == expected[:2]
    assert checked_files == []
