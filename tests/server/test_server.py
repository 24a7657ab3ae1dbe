"""``designlint server`` driven over stdio by a real LSP client, as an editor would drive it."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import DESIGNS, ROOT
from tests.server.client import LspClient, file_uri

pytest.importorskip("pygls")

HALFWAY = ROOT / "tests" / "data" / "score" / "halfway.yaml"
SEED = ROOT / "tests" / "data" / "newsfeed-seed-faithful.yaml"
NEWSFEED = DESIGNS / "newsfeed.yaml"
SEVERITY = {"error": 1, "warning": 2, "info": 3}


@pytest.fixture(scope="module")
def client():
    lsp = LspClient(ROOT)
    yield lsp
    assert lsp.stop() == 0, lsp.stderr


def run_cli(*args: str) -> tuple[int, str]:
    """A designlint command run in this process: its exit code and what it printed."""
    from designlint.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(args))
    return code, out.getvalue()


@pytest.fixture
def beside_its_references(tmp_path) -> Path:
    """Where a copy of the news feed design goes: a folder with the designs it references."""
    folder = tmp_path / "designs"
    shutil.copytree(DESIGNS, folder)
    return folder / "newsfeed.yaml"


def check_json(path: Path) -> list[dict]:
    code, out = run_cli("check", "--format", "json", "--no-cache", str(path))
    assert code in (0, 1), out
    return json.loads(out)["findings"]


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected_diagnostics(text: str, findings: list[dict], linked: bool = False) -> list[tuple]:
    """``check``'s findings as LSP would place them: 0-based lines, UTF-16 columns; without a site
    to link rule codes to (``linked``), each message ends by naming the command that explains the rule."""
    lines = text.splitlines()
    return sorted(
        (
            f["line"] - 1,
            utf16(lines[f["line"] - 1][: f["column"] - 1]),
            f["code"],
            SEVERITY[f["severity"]],
            f["message"]
            + (f"\nhint: {f['hint']}" if f["hint"] else "")
            + ("" if linked else f"\nhelp: designlint rule {f['code']}"),
        )
        for f in findings
    )


def published(diagnostics: list[dict]) -> list[tuple]:
    return sorted(
        (
            d["range"]["start"]["line"],
            d["range"]["start"]["character"],
            d["code"],
            d["severity"],
            d["message"],
        )
        for d in diagnostics
    )


def line_of(text: str, fragment: str) -> int:
    """The first line that is ``fragment`` (a trailing comment aside), else the first containing it."""
    lines = text.splitlines()
    exact = [i for i, line in enumerate(lines) if line.split(" #")[0].rstrip() == fragment]
    if exact:
        return exact[0]
    return next(i for i, line in enumerate(lines) if fragment in line)


def at(text: str, line_containing: str, word: str, after: int = 1) -> dict:
    """The LSP position ``after`` characters into ``word`` on the line ``line_containing`` names."""
    number = line_of(text, line_containing)
    line = text.splitlines()[number]
    return {"line": number, "character": utf16(line[: line.index(word, line.index(line_containing))]) + after}


def apply(text: str, edits: list[dict]) -> str:
    """Apply LSP text edits (UTF-16 positions, lines split at LF) to ``text``."""
    lines = text.split("\n")

    def offset(position: dict) -> int:
        before = sum(len(line) + 1 for line in lines[: position["line"]])
        line = lines[position["line"]] if position["line"] < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= position["character"]:
                return before + index
            units += utf16(char)
        return before + len(line)

    for edit in sorted(
        edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]), reverse=True
    ):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


# --- diagnostics -----------------------------------------------------------------------------


@pytest.mark.parametrize("design", [HALFWAY, SEED, *sorted(DESIGNS.glob("*.yaml"))], ids=lambda p: p.name)
def test_diagnostics_are_the_findings_of_check(client, design):
    text = design.read_text(encoding="utf-8")
    diagnostics = client.open(file_uri(design), text)
    assert published(diagnostics) == expected_diagnostics(text, check_json(design))
    assert all(d["source"] == "designlint" and "codeDescription" not in d for d in diagnostics)
    client.close(file_uri(design))


def test_columns_after_non_ascii_text_are_utf16(client, tmp_path):
    text = HALFWAY.read_text(encoding="utf-8").replace(
        "  quantities:\n",
        '  quantities:\n    - {label: "🚀 naïve 日本", name: launches, formula: dau * launch_ratee}\n',
        1,
    )
    assert "launches" in text
    design = tmp_path / "unicode.yaml"
    design.write_text(text, encoding="utf-8")
    diagnostics = client.open(file_uri(design), text)
    assert published(diagnostics) == expected_diagnostics(text, check_json(design))
    line = next(i for i, line in enumerate(text.splitlines()) if "launch_ratee" in line)
    unknown = [d for d in diagnostics if "launch_ratee" in d["message"]]
    assert unknown, diagnostics
    source = text.splitlines()[line]
    # The rocket is two UTF-16 code units: one character more than code points would say.
    assert unknown[0]["range"]["start"] == {
        "line": line,
        "character": utf16(source[: source.index("launch_ratee")]),
    }
    assert unknown[0]["range"]["start"]["character"] == source.index("launch_ratee") + 1


def test_line_endings_a_byte_order_mark_and_yaml_only_line_breaks(client, tmp_path):
    """designlint counts lines at U+2028 as YAML does; an editor does not: positions still agree."""
    text = HALFWAY.read_text(encoding="utf-8").replace(
        "  title: News feed (second draft)\n", '  title: "News feed\u2028(second draft)"\n', 1
    )
    assert "\u2028" in text
    buffer = "\ufeff" + text.replace("\n", "\r\n")
    design = tmp_path / "endings.yaml"
    design.write_bytes(buffer.encode("utf-8"))
    diagnostics = client.open(file_uri(design), buffer)
    expected = check_json(design)
    assert len(diagnostics) == len(expected) > 0
    yaml_starts = [0] + [m.end() for m in re.finditer("\n|\u2028", text)]  # designlint's lines
    for finding in expected:
        offset = yaml_starts[finding["line"] - 1] + finding["column"] - 1
        at_buffer = 1 + offset + text.count("\n", 0, offset)  # after the mark, with CRs added
        line = buffer.count("\r\n", 0, at_buffer)  # the editor's lines: U+2028 does not break them
        line_start = buffer.rfind("\n", 0, at_buffer) + 1
        character = utf16(buffer[line_start:at_buffer])
        assert any(
            d["range"]["start"] == {"line": line, "character": character} and d["code"] == finding["code"]
            for d in diagnostics
        ), finding


def test_change_and_save_recheck_and_stale_versions_are_dropped(client, beside_its_references):
    design = beside_its_references
    text = NEWSFEED.read_text(encoding="utf-8")
    design.write_text(text, encoding="utf-8")
    uri = file_uri(design)
    assert client.open(uri, text) == []
    broken = text.replace("        - target: feed-cache\n", "        - target: feed-cach\n", 1)
    # A burst of edits: only the last version is checked and published (the others are debounced).
    for _ in range(4):
        client.change(uri, broken, wait=False)
    final = client.change(uri, broken)
    assert any(d["code"] == "DL422" and "feed-cach'" in d["message"] for d in final)
    assert not [n for n in client._notifications if n.get("params", {}).get("uri") == uri], (
        "diagnostics were published for superseded versions"
    )
    design.write_text(broken, encoding="utf-8")
    assert published(client.save(uri)) == published(final) == expected_diagnostics(broken, check_json(design))
    assert client.change(uri, text) == []
    client.close(uri)


def test_a_long_check_never_holds_up_a_hover(client, newsfeed):
    uri, text = newsfeed
    cases = "".join(
        f"  - id: extra-{i}\n    name: Extra {i}\n    category: supporting\n    user: consumer\n"
        for i in range(3000)
    )
    big = "untitled:big.yaml"
    client.notify(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": big,
                "languageId": "yaml",
                "version": 1,
                "text": text.replace("useCases:\n", "useCases:\n" + cases, 1),
            }
        },
    )
    assert hover(client, uri, at(text, "    - name: dau", "dau"))
    published = [n for n in client._notifications if n.get("params", {}).get("uri") == big]
    assert published == [], "the hover waited for the long check"
    assert not [d for d in client.diagnostics(big, 1, timeout=60) if d.get("code") == "DL000"]
    client.close(big)


def test_references_to_other_designs_resolve_against_the_designs_beside_it(client, beside_its_references):
    design = beside_its_references
    text = design.read_text(encoding="utf-8")
    assert client.open(file_uri(design), text) == []  # both referenced designs are in the folder
    broken = text.replace("ref: content-platform#content-service", "ref: content-platform#content-servic", 1)
    design.write_text(broken, encoding="utf-8")
    diagnostics = client.change(file_uri(design), broken)
    assert published(diagnostics) == expected_diagnostics(broken, check_json(design))
    assert [d["code"] for d in diagnostics] == ["DL601"]
    client.close(file_uri(design))


def test_configuration_per_path_overrides_and_baseline_apply(tmp_path):
    folder = tmp_path / "repo"
    (folder / "legacy").mkdir(parents=True)
    shutil.copy(HALFWAY, folder / "halfway.yaml")
    shutil.copy(HALFWAY, folder / "legacy" / "halfway.yaml")
    (folder / ".designlint.yaml").write_text(
        "site-url: https://designs.example.com/\nignore: [DL300]\nseverity: {DL220: error}\noverrides:\n  - paths: ['legacy/*']\n    ignore: [DL2]\n",
        encoding="utf-8",
    )
    code, _ = run_cli("check", "--write-baseline", str(folder / "base.json"), str(folder / "halfway.yaml"))
    assert code == 0
    baseline = json.loads((folder / "base.json").read_text(encoding="utf-8"))
    # Keep one recorded finding so the baseline hides exactly that one.
    file_entry = baseline["findings"]["halfway.yaml"]
    kept = sorted(file_entry)[0]
    baseline["findings"]["halfway.yaml"] = {kept: file_entry[kept]}
    (folder / "base.json").write_text(json.dumps(baseline), encoding="utf-8")
    with (folder / ".designlint.yaml").open("a", encoding="utf-8") as config:
        config.write("baseline: base.json\n")
    lsp = LspClient(folder)
    try:
        for design in (folder / "halfway.yaml", folder / "legacy" / "halfway.yaml"):
            text = design.read_text(encoding="utf-8")
            diagnostics = lsp.open(file_uri(design), text)
            assert published(diagnostics) == expected_diagnostics(text, check_json(design), linked=True)
            assert not any(d["code"] == "DL300" for d in diagnostics)
            # Each finding links to its rule's page on the configured site.
            assert {d["codeDescription"]["href"] for d in diagnostics} == {
                f"https://designs.example.com/rules/{d['code']}/" for d in diagnostics
            }
        # The server asked to hear about configuration and baseline files changing on disk.
        (registration,) = lsp.requests_from_server("client/registerCapability")
        watchers = registration["params"]["registrations"][0]["registerOptions"]["watchers"]
        assert {"**/.designlint.yaml", "**/*.json"} <= {w["globPattern"] for w in watchers}
        (folder / ".designlint.yaml").write_text("unknown-key: 1\n", encoding="utf-8")
        design = folder / "halfway.yaml"
        lsp.notify(
            "workspace/didChangeWatchedFiles",
            {"changes": [{"uri": file_uri(folder / ".designlint.yaml"), "type": 2}]},
        )
        diagnostics = lsp.diagnostics(file_uri(design))
        assert len(diagnostics) == 1 and "unknown key 'unknown-key'" in diagnostics[0]["message"]
        assert diagnostics[0]["range"]["start"] == {"line": 0, "character": 0}
    finally:
        assert lsp.stop() == 0, lsp.stderr


# --- broken documents ------------------------------------------------------------------------


def _break(text: str, how: str) -> tuple[str, int]:
    """A broken copy of a design and the 0-based line where it is broken."""
    lines = text.split("\n")
    if how == "unknown key":
        index = lines.index("metadata:") + 1
        lines.insert(index, "  ownerz: [somebody]")
    elif how == "wrong type":
        index = next(i for i, line in enumerate(lines) if line.startswith("  name: "))
        lines[index] = "  name: [not, a, name]"
    elif how == "duplicate key":
        index = lines.index("kind: Design") + 1
        lines.insert(index, "kind: Design")
    elif how == "tab":
        index = next(i for i, line in enumerate(lines) if line.startswith("  name: "))
        lines[index] = "\t" + lines[index].lstrip()
    elif how == "bad formula":
        index = next((i for i, line in enumerate(lines) if "formula: " in line), None)
        if index is None:  # a design without numbers: give it one quantity
            assert "scale:" not in lines
            lines[-1:] = ["scale:", "  quantities:", "    - name: broken", "      formula: x", ""]
            index = len(lines) - 2
        lines[index] = lines[index].replace("formula: ", "formula: ) ", 1)
    else:
        assert how == "not yaml"
        return "{[ this is : not ] yaml at all }}}\n", 0
    return "\n".join(lines), index


BREAKAGES = ["unknown key", "wrong type", "duplicate key", "tab", "bad formula", "not yaml"]


@pytest.mark.parametrize("how", BREAKAGES)
@pytest.mark.parametrize("design", sorted(DESIGNS.glob("*.yaml")), ids=lambda p: p.name)
def test_a_broken_design_gets_positioned_diagnostics_and_the_server_lives_on(client, design, how):
    text, broken_line = _break(design.read_text(encoding="utf-8"), how)
    uri = f"untitled:broken-{how.replace(' ', '-')}-{design.name}"
    diagnostics = client.open(uri, text)
    assert diagnostics, f"no diagnostics for {how}"
    lines = {d["range"]["start"]["line"] for d in diagnostics}
    assert broken_line in lines, (broken_line, diagnostics)
    for d in diagnostics:
        assert d["range"]["start"]["line"] <= d["range"]["end"]["line"] < len(text.split("\n")) + 1
    # Still serving: every question gets an answer (or a clean "nothing") instead of silence.
    for method in ("textDocument/hover", "textDocument/definition", "textDocument/completion"):
        client.request(
            method, {"textDocument": {"uri": uri}, "position": {"line": broken_line, "character": 2}}
        )
    client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    client.close(uri)


def test_other_yaml_files_are_left_alone(client):
    uri = "untitled:compose.yaml"
    assert client.open(uri, "services:\n  web: {image: nginx}\n") == []
    assert client.open("untitled:pack.yaml", "apiVersion: designlint/v1\nkind: RulePack\nrules: []\n") == []


# --- hover -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def newsfeed(client):
    text = NEWSFEED.read_text(encoding="utf-8")
    uri = file_uri(NEWSFEED)
    client.open(uri, text)
    return uri, text


def hover(client, uri: str, position: dict) -> str:
    result = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
    assert result is not None, position
    return result["contents"]["value"]


def test_hover_on_a_key_shows_the_field_documentation(client, newsfeed):
    uri, text = newsfeed
    shown = hover(client, uri, at(text, "  owners: [feed-team]", "owners"))
    assert "Teams or people accountable for the design" in shown


def test_hover_on_a_quantity_shows_the_recomputed_value_with_its_formula(client, newsfeed):
    uri, text = newsfeed
    shown = hover(client, uri, at(text, "    - name: dau", "dau"))
    assert "mau * dau_ratio" in shown and "200M users" in shown
    inside = hover(client, uri, at(text, "formula: feed_loads_per_day / (86400 s/day)", "feed_loads_per_day"))
    assert (
        "**feed_loads_per_day**" in inside
        and "dau * sessions_per_user" in inside
        and "1B loads/day" in inside
    )


def test_hover_on_a_component_shows_kind_team_dependencies_and_blast_radius(client, newsfeed):
    uri, text = newsfeed
    shown = hover(client, uri, at(text, "        - target: feed-cache", "feed-cache"))
    assert "cache" in shown and "feed-team" in shown
    assert "Called by: `feed-service`" in shown
    assert "Blast radius: its failure loses `feed-read-cache-hit`" in shown


def test_hover_on_a_finding_explains_the_rule(client):
    text = HALFWAY.read_text(encoding="utf-8")
    uri = file_uri(HALFWAY)
    diagnostics = client.open(uri, text)
    finding = next(d for d in diagnostics if d["code"] == "DL220")
    shown = hover(client, uri, finding["range"]["start"])
    assert shown.startswith("**DL220 component-failure-scenarios**")
    assert "**What it does.**" in shown and "**Why it matters.**" in shown and "**How to fix.**" in shown
    client.close(uri)


# --- navigation ------------------------------------------------------------------------------


def lines_of(locations: list[dict]) -> list[int]:
    return sorted(location["range"]["start"]["line"] for location in locations)


@pytest.mark.parametrize(
    ("line_containing", "word", "definition"),
    [
        ("        - target: feed-cache", "feed-cache", "    - id: feed-cache"),
        ("      owner: feed-team", "feed-team", "  - id: feed-team"),
        ("    user: consumer", "consumer", "  - id: consumer"),
        ("      formula: dau * concurrent_ratio", "dau", "    - name: dau"),
        ("  users: dau", "dau", "    - name: dau"),
    ],
)
def test_definition(client, newsfeed, line_containing, word, definition):
    uri, text = newsfeed
    found = client.request(
        "textDocument/definition", {"textDocument": {"uri": uri}, "position": at(text, line_containing, word)}
    )
    assert lines_of(found) == [line_of(text, definition)]


def test_references_find_every_use_of_a_component(client, newsfeed):
    uri, text = newsfeed
    found = client.request(
        "textDocument/references",
        {
            "textDocument": {"uri": uri},
            "position": at(text, "    - id: feed-cache", "feed-cache"),
            "context": {"includeDeclaration": True},
        },
    )
    expected = [
        i
        for i, line in enumerate(text.splitlines())
        if re.search(r"(target|component|id): feed-cache$", line.split("#")[0].rstrip())
    ]
    assert lines_of(found) == expected and len(expected) > 4


def test_rename_updates_every_reference(client, newsfeed, beside_its_references):
    uri, text = newsfeed
    edit = client.request(
        "textDocument/rename",
        {
            "textDocument": {"uri": uri},
            "position": at(text, "    - id: feed-cache", "feed-cache"),
            "newName": "hot-feed-cache",
        },
    )
    renamed = apply(text, edit["changes"][uri])
    assert "target: hot-feed-cache" in renamed and "target: feed-cache\n" not in renamed
    copy = beside_its_references
    copy.write_text(renamed, encoding="utf-8")
    assert check_json(copy) == []  # nothing dangles
    refused = client.request_raw(
        "textDocument/rename",
        {
            "textDocument": {"uri": uri},
            "position": at(text, "    - id: feed-cache", "feed-cache"),
            "newName": "feed-storage",
        },
    )
    assert "already a component named 'feed-storage'" in refused["error"]["message"]


def test_document_symbols_outline_sections_and_components(client, newsfeed):
    uri, _ = newsfeed
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    names = [symbol["name"] for symbol in symbols]
    assert names[:4] == ["apiVersion", "kind", "metadata", "teams"]
    architecture = next(symbol for symbol in symbols if symbol["name"] == "architecture")
    components = next(child for child in architecture["children"] if child["name"] == "components")
    assert "feed-cache" in [child["name"] for child in components["children"]]


# --- completion ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "typed", "expected", "not_expected"),
    [
        ("        - target: feed-cache", "        - target: fe", "feed-storage", "feed-team"),
        ("      owner: feed-team", "      owner: ", "content-platform", "feed-cache"),
        ("    operations: [feed-load]", "    operations: [feed-r", "feed-refresh", "feed-team"),
        (
            "      formula: dau * concurrent_ratio",
            "      formula: dau * conc",
            "concurrent_ratio",
            "feed-cache",
        ),
        (
            "# designlint: ignore[DL210] reason:",
            "# designlint: ignore[DL210, DL4",
            "DL422",
            "feed-cache",
        ),
    ],
)
def test_completion_offers_the_designs_own_names(client, tmp_path, original, typed, expected, not_expected):
    text = NEWSFEED.read_text(encoding="utf-8")
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(original))
    uri = file_uri(tmp_path / "typing.yaml")
    client.open(uri, text)
    lines[index] = typed
    client.change(uri, "\n".join(lines))
    result = client.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": index, "character": len(typed)}},
    )
    labels = [item["label"] for item in result["items"]]
    assert expected in labels and not_expected not in labels
    client.close(uri)


# --- code actions ----------------------------------------------------------------------------


def actions(client, uri: str, diagnostics: list[dict], position: dict | None = None, only=None) -> list[dict]:
    where = {"start": position, "end": position} if position else diagnostics[0]["range"]
    context: dict = {"diagnostics": diagnostics}
    if only:
        context["only"] = only
    return (
        client.request(
            "textDocument/codeAction", {"textDocument": {"uri": uri}, "range": where, "context": context}
        )
        or []
    )


def test_suppression_action_applied_rechecks_clean(client, beside_its_references):
    text = NEWSFEED.read_text(encoding="utf-8")
    text = text.replace("        - target: content-service\n", "        - target: content-servic\n", 1)
    uri = file_uri(beside_its_references)
    diagnostics = client.open(uri, text)
    assert [d["code"] for d in diagnostics] == ["DL422"]
    offered = actions(client, uri, diagnostics)
    suppress = next(a for a in offered if a["title"].startswith("Suppress DL422"))
    fixed = apply(text, suppress["edit"]["changes"][uri])
    assert "# designlint: ignore[DL422] reason:" in fixed
    assert client.change(uri, fixed) == []
    did_you_mean = next(a for a in offered if a["title"] == "Change 'content-servic' to 'content-service'")
    assert client.change(uri, apply(text, did_you_mean["edit"]["changes"][uri])) == []
    client.close(uri)


def test_fill_action_writes_what_fix_writes(client, beside_its_references):
    text = NEWSFEED.read_text(encoding="utf-8")
    # Leave out two values the design determines.
    text = text.replace(
        "      value: 200M users\n      formula: mau * dau_ratio", "      formula: mau * dau_ratio", 1
    )
    text = text.replace("      value: 35 TB\n", "", 1)
    assert text != NEWSFEED.read_text(encoding="utf-8")
    design = beside_its_references
    design.write_text(text, encoding="utf-8")
    uri = file_uri(design)
    client.open(uri, text)
    offered = actions(client, uri, [], {"line": 0, "character": 0}, only=["source.fixAll"])
    fill = next(a for a in offered if a["kind"] == "source.fixAll.designlint")
    filled = apply(text, fill["edit"]["changes"][uri])
    assert run_cli("fix", str(design))[0] == 0
    assert filled == design.read_text(encoding="utf-8")
    assert client.change(uri, filled) == []
    client.close(uri)


def test_placeholder_action_turns_it_into_the_prompt(client, beside_its_references):
    text = NEWSFEED.read_text(encoding="utf-8")
    match = re.search(r"^( +rollback: )Remove the replicas\.$", text, re.MULTILINE)
    assert match
    text = text[: match.start()] + match.group(1) + "TBD" + text[match.end() :]
    uri = file_uri(beside_its_references)
    diagnostics = client.open(uri, text)
    placeholder = [d for d in diagnostics if d["code"] == "DL015"]
    assert placeholder, diagnostics
    offered = actions(client, uri, placeholder)
    prompt = next(a for a in offered if a["title"].startswith("Replace the placeholder"))
    converted = apply(text, prompt["edit"]["changes"][uri])
    assert f"{match.group(1).split('r')[0]}# rollback: " in converted and "rollback: TBD" not in converted
    assert not [d for d in client.change(uri, converted) if d["code"] == "DL015"]
    client.close(uri)


# --- the command -----------------------------------------------------------------------------


def test_without_the_extra_the_command_says_how_to_install_it(monkeypatch, capsys):
    from designlint.cli import main

    monkeypatch.setitem(sys.modules, "pygls", None)  # as if it were not installed
    assert main(["server"]) == 2
    assert "pip install 'designlint[server]'" in capsys.readouterr().err
