"""Hostile and broken inputs, through every command and output format: never a traceback.

The corpus (tests/fuzz/hostile.py) holds broken encodings, hostile YAML (bombs, tags, nesting,
odd keys), wrong types, hostile text and file names, special files, broken rule packs and
configurations. Every entry runs through every command that reads it, in-process through the
CLI entry point. Each run must:

- exit 0, 1 or 2 (as documented), with no traceback, no internal error and no DL000;
- print no raw control character (no ESC reaches a terminal);
- print no line a CI runner reads as a workflow command (``::`` at a line's start, or ``##[`` /
  ``##vso[`` anywhere) other than ``--format github``'s own annotations;
- for input designlint refuses, say so once, at ``file:line:col``;
- leave every file it did not mean to write as it was, and create nothing the input asked for.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from designlint.cli import main
from tests.conftest import DESIGNS as DESIGN_FOLDER
from tests.fuzz.hostile import (
    ARGUMENTS,
    DESIGNS,
    FILE_NAMES,
    HEADER,
    HOSTILE_TEXT,
    HOSTILE_VALID_DESIGN,
    PACKS,
    TOML_CONFIGS,
    YAML_CONFIGS,
    Broken,
)

NEWSFEED = (DESIGN_FOLDER / "newsfeed.yaml").read_bytes()
CRASHES = re.compile(r"Traceback|internal error|internal-error|\bDL000\b")
# designlint's own annotations in --format github: a command, then properties it escaped itself.
OWN_ANNOTATION = re.compile(r"::(error|warning|notice) (file|title)=")
HASH_COMMAND = re.compile(r"##(vso)?\[", re.IGNORECASE)
POSITIONED_ERROR = re.compile(r"^\S.*:\d+:\d+: error: ", re.MULTILINE)


class Run:
    def __init__(self, argv: list[str], code: int, out: str, err: str):
        self.argv, self.code, self.out, self.err = argv, code, out, err

    def __repr__(self) -> str:
        return f"designlint {self.argv!r} -> {self.code}\n--- stdout\n{self.out[-1500:]}\n--- stderr\n{self.err[-1500:]}"


def designlint(*argv: str, cwd: Path) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    run = Run(list(argv), code, out.getvalue(), err.getvalue())
    assert_safe(run)
    return run


def assert_safe(run: Run) -> None:
    assert run.code in (0, 1, 2), run
    both = run.out + run.err
    assert not CRASHES.search(both), run
    assert "\x1b" not in both, run
    assert not HASH_COMMAND.search(both), run
    github = "github" in run.argv
    for line in both.splitlines():
        command = line.lstrip()
        if command.startswith("::"):
            assert github and OWN_ANNOTATION.match(command), f"{line!r}\n{run}"
    # A report was written (check reports findings with 1; the other commands report with 0).
    reported = run.code == 0 or (run.code == 1 and run.argv[:1] == ["check"])
    output = run.argv[run.argv.index("--format") + 1] if "--format" in run.argv else None
    if reported and output in ("json", "sarif") and run.out:
        json.loads(run.out)
    if reported and output == "junit":
        ET.fromstring(run.out)


# --- designs: every command, every format -------------------------------------------------------

REPORTS = ("json", "sarif", "github", "junit")  # besides text, from the same run of check
DESIGN_COMMANDS = [
    ["score", "{f}"],
    ["score", "--format", "json", "{f}"],
    ["score", "--format", "markdown", "{f}"],
    ["diff", "base.yaml", "{f}"],
    ["diff", "--format", "markdown", "{f}", "base.yaml"],
    ["diff", "--format", "json", "base.yaml", "{f}"],
    ["calc", "{f}"],
    ["calc", "--format", "json", "{f}"],
    ["fix", "--diff", "{f}"],
    ["export", "openslo", "{f}"],
    ["export", "prometheus", "{f}"],
    ["diagram", "--format", "dot", "-o", "drawn", "{f}"],
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "base.yaml").write_bytes(NEWSFEED)
    return folder


@pytest.mark.parametrize("name", list(DESIGNS))
def test_a_hostile_design_goes_through_every_command(workspace, name):
    design = DESIGNS[name]
    path = workspace / "design.yaml"
    path.write_bytes(design.raw)
    for template in DESIGN_COMMANDS:
        designlint(*[part.replace("{f}", path.name) for part in template], cwd=workspace)
        assert path.read_bytes() == design.raw, "a reading command changed the design"
    reports = [f"--format={output}:report.{output}" for output in REPORTS]
    checked = designlint(
        "check", "--no-cache", "--no-source", "--format=text", *reports, path.name, cwd=workspace
    )
    assert checked.code == 1, checked
    for output in REPORTS:
        report = (workspace / f"report.{output}").read_text(encoding="utf-8")
        assert_safe(Run(["check", "--format", output], checked.code, report, ""))
    if design.code is not None:
        refusals = re.findall(rf"^design\.yaml:\d+:\d+: error {design.code} ", checked.out, re.MULTILINE)
        assert len(refusals) == 1, checked
    fixed = designlint("fix", path.name, cwd=workspace)
    if fixed.code != 0 or design.code is not None:
        assert path.read_bytes() == design.raw, fixed
    else:  # written, or nothing to fill: either way nothing is left to fill
        assert designlint("fix", "--diff", path.name, cwd=workspace).code == 0
    assert not (workspace / "PWNED").exists()


def test_a_folder_of_hostile_designs_checks_the_same_in_one_process_and_in_two(tmp_path):
    folder = tmp_path / "designs"
    folder.mkdir()
    for name, design in DESIGNS.items():
        if len(design.raw) < 50_000 and "deep" not in name:  # the costly ones run alone above
            (folder / f"{name}.yaml").write_bytes(design.raw)
    (folder / "newsfeed.yaml").write_bytes(NEWSFEED)
    alone = designlint("check", "--no-cache", "-j", "1", "--format", "json", "designs", cwd=tmp_path)
    shared = designlint("check", "--no-cache", "-j", "2", "--format", "json", "designs", cwd=tmp_path)
    assert (alone.code, alone.out) == (shared.code, shared.out) and alone.code == 1
    cold = designlint("check", "-j", "2", "--format", "github", "designs", cwd=tmp_path)
    for output in ("text", "sarif", "junit", "github"):
        warm = designlint("check", "-j", "2", "--format", output, "designs", cwd=tmp_path)
        assert warm.code == 1
    assert warm.out == cold.out


# --- file names and special files ---------------------------------------------------------------

NAME_COMMANDS = [
    *[
        ["check", "--no-cache", "--format", output, "{f}"]
        for output in ("text", "json", "sarif", "github", "junit")
    ],
    *[["check", "--no-cache", "--format", output, "names"] for output in ("text", "github")],
    ["score", "{f}"],
    ["calc", "{f}"],
    ["fix", "--diff", "{f}"],
    ["diff", "{f}", "{f}"],
    ["export", "openslo", "{f}"],
    ["diagram", "--format", "dot", "-o", "drawn", "{f}"],
]


@pytest.mark.parametrize("name", FILE_NAMES, ids=[repr(n) for n in FILE_NAMES])
def test_a_hostile_file_name_is_never_echoed_raw(tmp_path, name):
    (tmp_path / "names").mkdir()
    (tmp_path / "names" / name).write_text(HEADER + "unknown: 1\n", encoding="utf-8")
    shown = f"names/{name}"
    for template in NAME_COMMANDS:
        designlint(*[part.replace("{f}", shown) for part in template], cwd=tmp_path)
    designlint("new", name.removesuffix(".yaml"), "-o", f"new/{name}", cwd=tmp_path)
    designlint("calc", f"missing/{name}", cwd=tmp_path)  # click's own error quotes the name too


def _special_files(folder: Path) -> None:
    (folder / "folder.yaml").mkdir()
    (folder / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    (folder / "loop-a.yaml").symlink_to(folder / "loop-b.yaml")
    (folder / "loop-b.yaml").symlink_to(folder / "loop-a.yaml")
    (folder / "linked-folder").mkdir()
    (folder / "linked-folder" / "self").symlink_to(folder / "linked-folder")
    (folder / "unreadable.yaml").write_text(HEADER, encoding="utf-8")
    (folder / "unreadable.yaml").chmod(0)
    (folder / "good.yaml").write_text(HEADER, encoding="utf-8")


SPECIAL = [
    "folder.yaml",
    "dangling.yaml",
    "loop.yaml",
    "loop-a.yaml",
    "linked-folder",
    "unreadable.yaml",
    "nowhere.yaml",
    ".",
]


@pytest.mark.parametrize("target", SPECIAL)
def test_a_special_file_gets_an_error_or_a_skip_never_a_crash(tmp_path, target):
    _special_files(tmp_path)
    try:
        for command in (
            ["check", "--no-cache"],
            ["check", "--format", "sarif"],
            ["score"],
            ["calc"],
            ["fix"],
            ["fix", "--diff"],
            ["export", "prometheus"],
        ):
            designlint(*command, target, cwd=tmp_path)
        # diff reads the designs beside the one it compares, loops of links among them
        designlint("diff", "good.yaml", "good.yaml", cwd=tmp_path)
        designlint("diff", target, "good.yaml", cwd=tmp_path)
        # what resolves every file's path: baselines, exclusions, path overrides, references
        designlint("check", "--write-baseline", "baseline.json", ".", cwd=tmp_path)
        designlint("check", "--baseline", "baseline.json", "--exclude", "x*", target, ".", cwd=tmp_path)
        _write(tmp_path / ".designlint.yaml", "overrides: [{paths: ['*'], ignore: [DL2]}]\nexclude: ['x*']\n")
        _write(
            tmp_path / "refers.yaml", HEADER + "architecture:\n  components:\n    - {id: c, ref: 'other#x'}\n"
        )
        designlint("check", ".", cwd=tmp_path)
        designlint("check", "--no-cache", target, cwd=tmp_path)
    finally:
        (tmp_path / "unreadable.yaml").chmod(0o644)


# --- rule packs and configuration ----------------------------------------------------------------


def _write(path: Path, content: str | bytes) -> None:
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _assert_refused(run: Run, broken: Broken, file: str) -> None:
    assert run.code == 2, run
    errors = [line for line in run.err.splitlines() if ": error" in line]
    assert len(errors) == 1, run
    assert POSITIONED_ERROR.match(errors[0]) and file in errors[0], run
    assert broken.words.lower() in run.err.lower(), run
    if broken.line_with is not None:
        text = broken.text if isinstance(broken.text, str) else broken.text.decode("utf-8", "replace")
        line = next(number for number, line in enumerate(text.split("\n"), 1) if broken.line_with in line)
        assert f"{file}:{line}:" in errors[0], run


@pytest.mark.parametrize("name", list(PACKS))
def test_a_broken_rule_pack_is_one_positioned_usage_error(tmp_path, name):
    broken = PACKS[name]
    _write(tmp_path / "pack.yaml", broken.text)
    _write(
        tmp_path / "other.yaml",
        "apiVersion: designlint/v1\nkind: RulePack\nmetadata: {name: o}\nextends: [./pack.yaml]\n",
    )
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    _write(tmp_path / "design.yaml", HEADER)
    for command in (["check", "--no-cache"], ["check", "--no-cache", "--format", "sarif"]):
        _assert_refused(
            designlint(*command, "--pack", "pack.yaml", "design.yaml", cwd=tmp_path), broken, "pack.yaml"
        )
    _assert_refused(
        designlint(
            "rule", "--pack", "pack.yaml", "DL001" if name == "code-reused" else "ORG001", cwd=tmp_path
        ),
        broken,
        "pack.yaml",
    )
    _write(tmp_path / ".designlint.yaml", "packs: [staff-checklist, ./pack.yaml]\n")
    for command in (
        ["check", "--no-cache", "design.yaml"],
        ["score", "design.yaml"],
        ["diff", "design.yaml", "design.yaml"],
    ):
        _assert_refused(designlint(*command, cwd=tmp_path), broken, "pack.yaml")
    assert not (tmp_path / "PWNED").exists()


CONFIGS = [(".designlint.yaml", name) for name in YAML_CONFIGS] + [
    ("pyproject.toml", name) for name in TOML_CONFIGS
]


@pytest.mark.parametrize(("file", "name"), CONFIGS, ids=[f"{file}-{name}" for file, name in CONFIGS])
def test_a_broken_configuration_is_one_positioned_usage_error(tmp_path, file, name):
    broken = (YAML_CONFIGS if file.endswith(".yaml") else TOML_CONFIGS)[name]
    _write(tmp_path / file, broken.text)
    _write(
        tmp_path / "pack.yaml",
        "apiVersion: designlint/v1\nkind: RulePack\nmetadata: {name: p}\nextends: [./pack.yaml]\n",
    )
    _write(tmp_path / "design.yaml", HEADER)
    searched = (
        ["check", "--no-cache", "design.yaml"],
        ["check", "--no-cache", "--format", "github", "."],
        ["score", "design.yaml"],
        ["diff", "design.yaml", "design.yaml"],
    )
    for command in (["check", "--config", file, "design.yaml"], *(searched if broken.found else ())):
        run = designlint(*command, cwd=tmp_path)
        _assert_refused(run, broken, "pack.yaml" if name == "broken-pack" else file)
    assert not (tmp_path / "PWNED").exists()


# --- words on the command line ------------------------------------------------------------------


@pytest.mark.parametrize("word", ARGUMENTS, ids=[repr(w[:20]) for w in ARGUMENTS])
def test_a_hostile_argument_is_a_usage_error_never_a_crash(tmp_path, word):
    _write(tmp_path / "design.yaml", HEADER)
    for command in (
        ["rule", word],
        ["rule", "--pack", word, "DL001"],
        ["check", "--select", word, "design.yaml"],
        ["check", "--ignore", word, "design.yaml"],
        ["check", "--pack", word, "design.yaml"],
        ["check", "--format", word, "design.yaml"],
        ["score", word],
        ["diff", word, "design.yaml"],
        ["new", word, "-o", "new/"],
        [word],
    ):
        designlint(*command, cwd=tmp_path)
    assert not (tmp_path / "etc").exists()


@pytest.mark.parametrize("kind", ["design", "rulepack", "teamcatalog"])
def test_every_schema_prints(tmp_path, kind):
    run = designlint("schema", "--kind", kind, cwd=tmp_path)
    assert run.code == 0 and json.loads(run.out)


# --- the organisation: references between hostile designs ---------------------------------------

ORGANISATION = {
    "a.yaml": HEADER.replace("example", "a")
    + "architecture:\n  components:\n    - id: x\n      name: X\n      kind: service\n"
    "      dependsOn: [{target: 'b#y', mode: sync}, {target: 'nowhere#z', mode: sync}]\n",
    "b.yaml": HEADER.replace("example", "b")
    + "architecture:\n  components:\n    - id: y\n      name: Y\n      kind: service\n"
    "      dependsOn: [{target: 'a#x', mode: sync}, {target: 'b#y', mode: sync}]\n",
    "same-name.yaml": HEADER.replace("example", "a"),
    "catalogue.yaml": "apiVersion: designlint/v1\nkind: TeamCatalog\nmetadata: {name: a}\nteams: [{id: a, name: A}]\n",
    "broken.yaml": HEADER + "architecture: [\n",
}


def test_references_between_hostile_designs_are_findings(tmp_path):
    for name, text in ORGANISATION.items():
        _write(tmp_path / name, text)
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    for output in ("text", "json", "sarif", "github", "junit"):
        run = designlint("check", "--no-cache", "--format", output, ".", cwd=tmp_path)
        assert run.code == 1
    for command in (
        ["diff", "a.yaml", "b.yaml"],
        ["diff", "--format", "json", "b.yaml", "a.yaml"],
        ["score", "a.yaml"],
    ):
        designlint(*command, cwd=tmp_path)


# --- the site ----------------------------------------------------------------------------------


USER_OF_HOSTILE = f"""apiVersion: designlint/v1
kind: Design
metadata:
  name: user
  title: "{HOSTILE_TEXT}"
  owners: ["</title><script>alert('owner')</script>", t1]
architecture:
  components:
    - id: u
      name: "{HOSTILE_TEXT}"
      kind: service
      owner: "<img src=x onerror=alert(1)>"
      dependsOn: [{{target: "hostile#api", mode: sync}}, {{target: "hostile#db", mode: async}}]
    - id: v
      name: v
      kind: service
      ref: "hostile#api"
"""


def test_a_site_of_hostile_designs_builds_and_shows_their_text_as_text(tmp_path):
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    (tmp_path / "docs").mkdir()
    _write(tmp_path / "docs" / "index.md", "# Designs\n")
    _write(
        tmp_path / "mkdocs.yml",
        "site_name: Hostile\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n  - designlint:\n      designs: designs\n",
    )
    folder = tmp_path / "designs"
    folder.mkdir()
    _write(folder / "hostile.yaml", HOSTILE_VALID_DESIGN)
    _write(folder / "user.yaml", USER_OF_HOSTILE)  # the organisation view: a service map and team pages
    for name in (
        "empty",
        "invalid-utf-8",
        "billion-laughs",
        "hostile-text-in-values",
        "top-level-sequence",
        "python-object-tag",
    ):
        _write(folder / f"{name}.yaml", DESIGNS[name].raw)
    run = designlint("site", "build", "-q", "--site-dir", "site", cwd=tmp_path)
    assert run.code == 0, run
    pages = [*(tmp_path / "site").rglob("*.html"), *(tmp_path / "site").rglob("*.svg")]
    assert any("organisation/teams" in page.as_posix() for page in pages)
    assert any(page.name == "service-map.svg" for page in pages) or shutil.which("dot") is None
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for injected in ("<script>alert", "</title><script>", 'href="javascript:', "<img src=x", "\x1b"):
            assert injected not in html, (page, injected)
    assert not (tmp_path / "PWNED").exists()


# --- nothing the user wrote is lost ----------------------------------------------------------------

OVERWRITES = [
    ["check", "-o", "design.yaml", "design.yaml"],
    ["check", "--format", "json:design.yaml", "."],
    ["check", "--format", "sarif:other.yaml", "design.yaml"],
    ["check", "-o", "pack.yaml", "design.yaml"],
    ["export", "openslo", "-o", "design.yaml", "design.yaml"],
    ["export", "prometheus", "-o", "other.yaml", "design.yaml"],
]


@pytest.mark.parametrize("command", OVERWRITES, ids=[" ".join(c) for c in OVERWRITES])
def test_a_report_or_export_never_replaces_a_design_or_a_pack(tmp_path, command):
    files = {
        "design.yaml": NEWSFEED,
        "other.yaml": NEWSFEED.replace(b"name: newsfeed", b"name: other"),
        "pack.yaml": b"apiVersion: designlint/v1\nkind: RulePack\nmetadata: {name: p}\nrules: []\n",
    }
    for name, content in files.items():
        _write(tmp_path / name, content)
    run = designlint(*command, cwd=tmp_path)
    assert run.code == 2 and "refusing to write over" in run.err, run
    for name, content in files.items():
        assert (tmp_path / name).read_bytes() == content


@pytest.mark.parametrize("site_dir", ["designs", ".", "docs"])
def test_the_site_is_never_built_into_a_folder_of_sources(tmp_path, site_dir):
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    (tmp_path / "docs").mkdir()
    (tmp_path / "designs").mkdir()
    _write(tmp_path / "docs" / "index.md", "# Designs\n")
    _write(tmp_path / "designs" / "newsfeed.yaml", NEWSFEED)
    _write(tmp_path / "designs" / "notes.txt", "kept\n")
    _write(
        tmp_path / "mkdocs.yml",
        "site_name: S\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - designlint:\n      designs: designs\n",
    )
    run = designlint("site", "build", "-q", "--site-dir", site_dir, cwd=tmp_path)
    assert run.code == 2, run
    assert (tmp_path / "designs" / "newsfeed.yaml").read_bytes() == NEWSFEED
    assert (tmp_path / "designs" / "notes.txt").exists() and (tmp_path / "docs" / "index.md").exists()


def test_site_init_replaces_a_link_rather_than_writing_through_it(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").symlink_to(elsewhere / "planted.yml")  # dangling: nothing exists there yet
    refused = designlint("site", "init", "--repo-url", "", cwd=project)
    assert refused.code == 2 and "already exist" in refused.err
    assert designlint("site", "init", "--repo-url", "", "--force", cwd=project).code == 0
    assert not (elsewhere / "planted.yml").exists()
    assert not (project / "mkdocs.yml").is_symlink() and "designlint" in (project / "mkdocs.yml").read_text()


def test_a_valid_pack_with_hostile_text_is_shown_as_text(tmp_path):
    quoted = HOSTILE_TEXT  # written for a double-quoted YAML scalar
    _write(
        tmp_path / "pack.yaml",
        "apiVersion: designlint/v1\nkind: RulePack\nmetadata: {name: org}\nextends: [staff-checklist]\nrules:\n"
        "  - code: ORG001\n    name: org-rule\n    severity: error\n    dimensions: [A]\n"
        f'    message: "{quoted}"\n'
        f'    docs: {{what: "{quoted}", why: "{quoted}", failing: "metadata: {{name: x}}", '
        f'passing: "metadata: {{name: x, owners: [me]}}", fix: "{quoted}"}}\n'
        "    given: $.metadata\n    then: {schema: {required: [owners]}}\n",
    )
    _write(tmp_path / "design.yaml", HEADER)
    for command in (
        ["rules", "--pack", "pack.yaml"],
        ["rules", "--pack", "pack.yaml", "--format", "json"],
        ["rule", "--pack", "pack.yaml", "ORG001"],
        [
            "check",
            "--no-cache",
            "--pack",
            "pack.yaml",
            "--format=text",
            "--format=sarif:r.sarif",
            "design.yaml",
        ],
        ["check", "--no-cache", "--pack", "pack.yaml", "--format", "github", "design.yaml"],
    ):
        assert designlint(*command, cwd=tmp_path).code in (0, 1)
    sarif = (tmp_path / "r.sarif").read_text(encoding="utf-8")
    assert_safe(Run(["check", "--format", "sarif"], 1, sarif, ""))
