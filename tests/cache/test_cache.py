"""The result cache: same bytes in every format, and a fresh check whenever anything that decides
the findings changes (the design, a rule pack, the configuration, designlint itself)."""

from __future__ import annotations

import shutil

import pytest

import designlint
from designlint.cli import main
from designlint.engine.cache import CACHE_DIR
from designlint.engine.runner import Engine
from tests.conftest import DESIGNS, HEADER

FORMATS = ["text", "json", "sarif", "github", "junit"]
ORG_PACK = """\
apiVersion: designlint/v1
kind: RulePack
metadata: {name: org-rules}
rules:
  - code: ORG001
    name: owners-required
    severity: warning
    given: $.metadata
    then: {schema: {required: [owners]}}
    message: every design names its owners
    docs: {what: Owners, why: Accountability, failing: "metadata: {name: x}", passing: "metadata: {name: x, owners: [me]}"}
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository with a configuration, a local rule pack and designs with findings and suppressions."""
    shutil.copy(DESIGNS / "newsfeed.yaml", tmp_path / "newsfeed.yaml")
    shutil.copy(DESIGNS / "url-shortener.yaml", tmp_path / "shortener.yaml")
    (tmp_path / "small.yaml").write_text(
        HEADER + "users:  # designlint: ignore[DL101] reason: a single kind of user on purpose\n"
        "  - {id: a, name: A, type: human}\n",
        encoding="utf-8",
    )
    (tmp_path / "broken.yaml").write_text(
        "apiVersion: designlint/v1\nkind: Design\nmetadata: {name: x\n", encoding="utf-8"
    )
    (tmp_path / "org.yaml").write_text(ORG_PACK, encoding="utf-8")
    (tmp_path / ".designlint.yaml").write_text(
        "packs: [depth, org.yaml]\nignore: [DL203]\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def checked(monkeypatch):
    """Which files the engine really checked (rather than the cache answering)."""
    seen: list[str] = []
    original = Engine.check_path

    def spy(self, path, display=None):
        seen.append(display or str(path))
        return original(self, path, display)

    monkeypatch.setattr(Engine, "check_path", spy)
    return seen


def run(capsys, *args) -> tuple[int, str]:
    code = main(["check", ".", *args])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("output_format", FORMATS)
def test_cached_results_are_byte_identical_in_every_format(repo, capsys, checked, output_format):
    fresh = run(capsys, "--format", output_format, "--no-cache")
    assert not (repo / CACHE_DIR).exists()
    first = run(capsys, "--format", output_format)
    checked.clear()
    second = run(capsys, "--format", output_format)
    # Only the file that does not load is checked again; everything else comes from the cache.
    assert checked == ["broken.yaml"]
    assert fresh == first == second
    assert fresh[0] == 1 and "suppressed" in run(capsys)[1]


def test_a_changed_design_is_checked_again(repo, capsys, checked):
    assert "small.yaml:3:1: warning ORG001" in run(capsys, "--no-source")[1]
    checked.clear()
    text = (repo / "small.yaml").read_text(encoding="utf-8")
    (repo / "small.yaml").write_text(
        text.replace("name: example", "name: example\n  owners: [me]"), encoding="utf-8"
    )
    _, out = run(capsys, "--no-source")
    assert sorted(checked) == ["broken.yaml", "small.yaml"]
    assert "ORG001" not in out and out == run(capsys, "--no-source", "--no-cache")[1]


def test_a_changed_rule_pack_checks_everything_again(repo, capsys, checked):
    run(capsys)
    checked.clear()
    (repo / "org.yaml").write_text(ORG_PACK.replace("severity: warning", "severity: error"), encoding="utf-8")
    _, out = run(capsys, "--no-source")
    assert len(checked) == 4
    assert "error ORG001" in out and out == run(capsys, "--no-source", "--no-cache")[1]


def test_a_changed_configuration_checks_everything_again(repo, capsys, checked):
    run(capsys)
    checked.clear()
    (repo / ".designlint.yaml").write_text(
        "packs: [staff-checklist, org.yaml]\nignore: [DL203, ORG001]\n", encoding="utf-8"
    )
    _, out = run(capsys, "--no-source")
    assert len(checked) == 4 and "ORG001" not in out
    # Command-line overrides are configuration too.
    checked.clear()
    _, out = run(capsys, "--no-source", "--select", "DL1")
    assert len(checked) == 4 and "DL4" not in out


def test_a_new_designlint_version_checks_everything_again(repo, capsys, checked, monkeypatch):
    run(capsys)
    checked.clear()
    monkeypatch.setattr(designlint, "__version__", designlint.__version__ + ".post1")
    run(capsys)
    assert len(checked) == 4


def test_a_changed_check_implementation_checks_everything_again(repo, capsys, checked, monkeypatch):
    import designlint.checks.checklist as checklist

    run(capsys)
    checked.clear()

    def no_findings(design, options):
        return []

    monkeypatch.setitem(checklist.CHECKS, "user-types", no_findings)
    run(capsys)
    assert len(checked) == 4


def test_crashed_rules_are_never_cached(repo, capsys, checked, monkeypatch):
    import designlint.checks.checklist as checklist

    def broken(design, options):
        raise RuntimeError("boom")

    monkeypatch.setitem(checklist.CHECKS, "user-types", broken)
    assert run(capsys)[0] == 2
    checked.clear()
    assert run(capsys)[0] == 2
    assert len(checked) == 4


def test_corrupt_entries_are_ignored_and_replaced(repo, capsys, checked):
    expected = run(capsys, "--format", "json")
    entries = sorted((repo / CACHE_DIR).rglob("*.json"))
    assert len(entries) == 3  # the file that does not load is not cached
    garbage = [b"", b"{", b"[]", b'{"key": 1}']
    for entry, junk in zip(entries, garbage):
        entry.write_bytes(junk)
    checked.clear()
    assert run(capsys, "--format", "json") == expected
    assert len(checked) == 4
    checked.clear()
    assert run(capsys, "--format", "json") == expected
    assert checked == ["broken.yaml"]


def test_a_cache_that_cannot_be_written_is_skipped(repo, capsys):
    (repo / CACHE_DIR).write_text("not a folder", encoding="utf-8")
    expected = run(capsys, "--no-cache")
    assert run(capsys) == expected


def test_the_cache_sits_beside_the_configuration_and_ignores_itself(repo, capsys, monkeypatch):
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    assert main(["check", "../small.yaml"]) == 1
    capsys.readouterr()
    assert not (repo / "sub" / CACHE_DIR).exists()
    assert (repo / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (
        (repo / CACHE_DIR / "CACHEDIR.TAG")
        .read_text(encoding="utf-8")
        .startswith("Signature: 8a477f597d28d172")
    )


def test_without_configuration_the_cache_is_in_the_working_directory(tmp_path, capsys, monkeypatch):
    (tmp_path / "d.yaml").write_text(HEADER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "d.yaml"])
    capsys.readouterr()
    assert len(list((tmp_path / CACHE_DIR).rglob("*.json"))) == 1
