"""A corpus of hostile and broken inputs: design files, file names, rule packs and configurations.

Each entry is data: what to write, and, where designlint must refuse it with one positioned
error, the rule code (a design) or the words (a pack or configuration) that error carries.
tests/fuzz/test_hostile_inputs.py runs every entry through every command.
"""

from __future__ import annotations

from typing import NamedTuple

HEADER = "apiVersion: designlint/v1\nkind: Design\nmetadata:\n  name: example\n"
# Text that would drive a terminal, start a CI workflow command, or inject markup if echoed raw.
HOSTILE_TEXT = (
    r"\e]8;;http://x\a\e[2J ::error file=x::pwn\n::warning::y ##[error]z ##vso[task.setvariable]v "
    r"<script>alert(1)</script></title> [a](javascript:alert(1)) {{ config.site_name }} \"]; x -> y; //"
)


# A design that validates, with hostile text wherever free text goes (titles, names, owners, teams).
HOSTILE_VALID_DESIGN = f"""apiVersion: designlint/v1
kind: Design
metadata:
  name: hostile
  title: "{HOSTILE_TEXT}"
  owners: ["</title><script>alert('owner')</script>"]
  summary: "{HOSTILE_TEXT}"
teams:
  - id: t1
    name: "</title><script>alert('team')</script>"
architecture:
  components:
    - id: api
      name: "{HOSTILE_TEXT}"
      kind: service
      owner: t1
      dependsOn: [{{target: db, mode: sync, timeout: 50 ms}}]
    - id: db
      name: "</text><script>alert('db')</script>"
      kind: database
      owner: t1
"""


def _billion_laughs() -> str:
    lines = ["lol0: &a0 [" + ", ".join(["lol"] * 9) + "]"]
    lines += [f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def _component(fields: str) -> str:
    return HEADER + "architecture:\n  components:\n    - id: c\n" + fields


class Design(NamedTuple):
    raw: bytes
    code: str | None = None  # the one loader error ``check`` must report, positioned; None: any findings


def _text(text: str, code: str | None = None) -> Design:
    return Design(text.encode("utf-8"), code)


DESIGNS: dict[str, Design] = {
    "valid-with-hostile-text": _text(HOSTILE_VALID_DESIGN),
    "empty": _text("", "DL001"),
    "only-comments": _text("# nothing\n# here\n", "DL001"),
    "byte-order-mark": _text("\ufeff" + HEADER),
    "utf-16": Design(("\ufeff" + HEADER).encode("utf-16"), "DL005"),
    "utf-16-without-mark": Design(HEADER.encode("utf-16-le"), "DL005"),
    "invalid-utf-8": Design(HEADER.encode() + b"notes: \xff\xfe\x80\n", "DL005"),
    "nul-in-value": Design(HEADER.encode() + b"notes: a\x00b\n", "DL005"),
    "nul-in-key": Design(HEADER.encode() + b"no\x00tes: a\n", "DL005"),
    "raw-escape-character": _text(HEADER + "notes: \x1b[31mred ::error::x\n", "DL005"),
    "binary": Design(bytes(range(256)) * 8, "DL005"),
    "cr-only-line-ends": _text(HEADER.replace("\n", "\r")),
    "crlf-line-ends": _text(HEADER.replace("\n", "\r\n")),
    "unicode-line-breaks": _text(HEADER + "notes: a\u2028b\u0085c\n"),
    "bidi-override": _text(HEADER + "notes: a\u202eb\n"),
    "tab-indent": _text(HEADER + "\tnotes: x\n", "DL001"),
    "tab-separator": _text(HEADER + "notes:\tx\t\n"),
    "scalar-of-10-mb": _text(HEADER + "notes: " + "a" * 10_000_000 + "\n", "DL004"),
    "key-of-2-mb": _text(HEADER + "a" * 2_000_000 + ": 1\n"),
    "flow-sequences-10000-deep": _text(HEADER + "notes: " + "[" * 10_000 + "]" * 10_000 + "\n", "DL004"),
    "flow-mappings-10000-deep": _text(
        HEADER + "notes: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", "DL004"
    ),
    "block-sequences-10000-deep": _text(HEADER + "notes:\n" + "- " * 10_000 + "x\n", "DL004"),
    "block-mappings-1500-deep": _text(
        HEADER + "x:\n" + "".join(" " * i + "a:\n" for i in range(1, 1500)), "DL004"
    ),
    "billion-laughs": _text(HEADER + _billion_laughs(), "DL004"),
    "recursive-alias": _text(HEADER + "notes: &a [*a]\n", "DL004"),
    "undefined-alias": _text(HEADER + "notes: *nope\n", "DL001"),
    "5000-aliases": _text(HEADER + "x: &a [1]\n" + "".join(f"y{i}: *a\n" for i in range(5_000))),
    "python-object-tag": _text(HEADER + "notes: !!python/object/apply:os.system ['touch PWNED']\n", "DL003"),
    "unknown-tag": _text(HEADER + "notes: !foo bar\n", "DL003"),
    "tag-on-a-mapping": _text(HEADER + "scale: !foo {a: 1}\n", "DL003"),
    "tag-directive": _text(
        "%TAG ! tag:yaml.org,2002:python/\n---\n" + HEADER + "notes: !object x\n", "DL003"
    ),
    "yaml-1.1-directive": _text("%YAML 1.1\n---\n" + HEADER),
    "merge-key": _text(HEADER + "x: &a {title: t}\nextra:\n  <<: *a\n"),
    "merge-key-into-metadata": _text(
        "base: &a {name: x}\napiVersion: designlint/v1\nkind: Design\nmetadata:\n  <<: *a\n  title: t\n"
    ),
    "duplicate-key": _text(HEADER + "notes: a\nnotes: b\n", "DL002"),
    "integer-key": _text(HEADER + "1: a\n"),
    "integer-key-in-metadata": _text(HEADER + "  3: y\n"),
    "sequence-key": _text(HEADER + "? [a, b]\n: c\n", "DL001"),
    "mapping-key": _text(HEADER + "? {a: b}\n: c\n", "DL001"),
    "null-key": _text(HEADER + "~: c\n"),
    "empty-key": _text(HEADER + ": c\n", "DL001"),
    "boolean-and-float-keys": _text(HEADER + "true: c\n1.5: d\n"),
    "anchored-key": _text(HEADER + "x: &k key\n*k : v\n"),
    "top-level-sequence": _text("- a\n- b\n", "DL001"),
    "top-level-string": _text("hello\n", "DL001"),
    "top-level-integer": _text("42\n", "DL001"),
    "top-level-null": _text("~\n", "DL001"),
    "two-documents": _text(HEADER + "---\n" + HEADER, "DL001"),
    "document-then-empty-one": _text(HEADER + "---\n", "DL001"),
    "name-is-a-number": _text(HEADER.replace("name: example", "name: 123")),
    "name-is-a-list": _text(HEADER.replace("name: example", "name: [a]")),
    "name-is-null": _text(HEADER.replace("name: example", "name:")),
    "metadata-is-a-list": _text("apiVersion: designlint/v1\nkind: Design\nmetadata: [a]\n"),
    "kind-is-a-number": _text(HEADER.replace("kind: Design", "kind: 5")),
    "api-version-is-a-list": _text(
        HEADER.replace("apiVersion: designlint/v1", "apiVersion: [designlint/v1]")
    ),
    "no-header": _text("a: 1\n"),
    "integer-of-5000-digits": _text(
        HEADER + "scale:\n  quantities:\n    - id: q\n      value: " + "9" * 5000 + "\n", "DL004"
    ),
    "integer-of-400-digits": _text(_component("      replicas: " + "9" * 400 + "\n")),
    "float-overflow": _text(_component("      replicas: 1e400\n")),
    "nan": _text(_component("      replicas: .nan\n      availability: .nan\n")),
    "infinity": _text(_component("      replicas: .inf\n      availability: -.inf\n")),
    "dates": _text(HEADER + "extra: 2024-01-01\nnotes: 2024-01-01T10:00:00Z\n"),
    "date-as-name": _text(HEADER.replace("name: example", "name: 2024-01-01\n  title: 2024-01-01")),
    "string-for-a-number": _text(_component("      replicas: many\n")),
    "numbers-for-strings": _text(
        HEADER
        + "architecture:\n  components:\n    - id: 5\n      name: 6\n      dependsOn: [{target: 5, mode: sync}]\n"
    ),
    "hostile-text-in-values": _text(
        HEADER.replace(
            "name: example", f'name: example\n  title: "{HOSTILE_TEXT}"\n  summary: "{HOSTILE_TEXT}"'
        )
        + f'architecture:\n  components:\n    - id: "{HOSTILE_TEXT}"\n      name: "{HOSTILE_TEXT}"\n'
        f'      dependsOn: [{{target: "{HOSTILE_TEXT}", mode: sync}}]\n'
    ),
    "hostile-text-in-a-key": _text(HEADER + f'"{HOSTILE_TEXT}": 1\n'),
    "hostile-text-in-numbers": _text(
        HEADER + f'scale:\n  quantities:\n    - id: q\n      value: "{HOSTILE_TEXT} users"\n'
    ),
    "hostile-reference": _text(_component(f'      ref: "{HOSTILE_TEXT}#x"\n      owner: "a#b#c"\n')),
    "number-of-100000-digits": _text(
        HEADER + 'scale:\n  quantities:\n    - id: q\n      value: "' + "1" * 100_000 + ' users"\n'
    ),
    "number-of-50000-dots": _text(
        HEADER + 'scale:\n  quantities:\n    - id: q\n      value: "' + "1." * 50_000 + ' users"\n'
    ),
    "20000-keys": _text(HEADER + "".join(f"k{i}: {i}\n" for i in range(20_000))),
    "lone-surrogate": _text(HEADER + 'notes: "\\ud800"\n', "DL001"),
    "unclosed-quote": _text(HEADER + 'notes: "abc\n', "DL001"),
    "unclosed-bracket": _text(HEADER + "notes: [a, b\n", "DL001"),
    "suppression-with-hostile-codes": _text(
        HEADER + "notes: x # designlint: ignore[::error::x, ##[error]] reason: ::warning::\n"
    ),
    "suppression-of-20000-codes": _text(
        HEADER + "notes: x # designlint: ignore[" + "DL1," * 20_000 + "] reason: x\n"
    ),
    "team-catalogue-wrong-types": _text(
        "apiVersion: designlint/v1\nkind: TeamCatalog\nmetadata: {name: 5}\nteams: 7\n"
    ),
    "team-catalogue-hostile-text": _text(
        f'apiVersion: designlint/v1\nkind: TeamCatalog\nmetadata: {{name: "{HOSTILE_TEXT}"}}\nteams: [{{id: "{HOSTILE_TEXT}", name: 4}}]\n'
    ),
}

# File names a repository may hold: spaces, line breaks, escapes, workflow commands, markup.
FILE_NAMES = [
    "with space.yaml",
    "new\nline.yaml",
    "carriage\rreturn.yaml",
    "a\n::error::b.yaml",
    "a\r::warning::c.yaml",
    "\x1b[31mred\x1b[0m.yaml",
    "::error::x.yaml",
    "##[error]y.yaml",
    "##vso[task.setvariable variable=x]1.yaml",
    "<script>alert(1)<\\script>.yaml",
    "[md](javascript:alert(1)).yaml",
    "-dash.yaml",
    "\u202eevil.yaml",
    "%s%n{0}.yaml",
    "quo\"te'.yaml",
]

_PACK = "apiVersion: designlint/v1\nkind: RulePack\nmetadata: {name: org}\n"
_RULE = (
    "  - code: ORG001\n    name: org-rule\n    severity: error\n    dimensions: [A]\n    message: m\n"
    "    docs: {what: w, why: y, failing: 'a: 1', passing: 'a: 1', fix: f}\n"
)


def _declarative(then: str, given: str = "$.metadata", extra: str = "") -> str:
    return _PACK + "rules:\n" + _RULE + f"    given: {given!r}\n" + extra + f"    then: {then}\n"


class Broken(NamedTuple):
    text: str | bytes
    words: str  # the error names the problem in these words, at file:line:col
    found: bool = True  # a configuration the search upwards finds (else only ``--config`` reads it)
    line_with: str | None = None  # the error is on the first line holding this text


PACKS: dict[str, Broken] = {
    "given-unreadable": Broken(
        _declarative("{schema: {type: object}}", given="$[[[["), "selector", line_with="given:"
    ),
    "given-a-number": Broken(
        _PACK + "rules:\n" + _RULE + "    given: 5\n    then: {schema: {type: object}}\n", "expected a string"
    ),
    "given-of-100000-steps": Broken(
        _declarative("{schema: {type: object}}", given="$" + ".a" * 100_000), "at most"
    ),
    "schema-not-json-schema": Broken(
        _declarative("{schema: {type: 12}}"), "invalid JSON Schema", line_with="then:"
    ),
    "schema-remote-ref": Broken(
        _declarative("{schema: {$ref: 'http://127.0.0.1:9/x.json'}}"),
        "outside the rule's schema",
        line_with="then:",
    ),
    "schema-file-ref": Broken(
        _declarative("{schema: {$ref: 'file:///etc/passwd'}}"), "outside the rule's schema", line_with="then:"
    ),
    "schema-ref-to-nothing": Broken(
        _declarative("{schema: {$ref: '#/definitions/nope'}}"), "names nothing", line_with="then:"
    ),
    "schema-ref-to-itself": Broken(
        _declarative("{schema: {$ref: '#', definitions: {}}}"), "refers to itself", line_with="then:"
    ),
    "schema-nested-repeat": Broken(
        _declarative("{schema: {properties: {name: {pattern: '(a+)+$'}}}}"),
        "repeats a repetition",
        line_with="then:",
    ),
    "schema-nested-repeat-in-names": Broken(
        _declarative("{schema: {patternProperties: {'^(x*)*$': {}}}}"),
        "repeats a repetition",
        line_with="then:",
    ),
    "schema-bad-pattern": Broken(
        _declarative("{schema: {properties: {name: {pattern: '[unclosed'}}}}"), "regex", line_with="then:"
    ),
    "where-not-json-schema": Broken(
        _declarative("{schema: {type: object}}", extra="    where: {type: nope}\n"),
        "invalid JSON Schema",
        line_with="where:",
    ),
    "then-a-list": Broken(_declarative("[1]"), "invalid rule pack"),
    "unknown-extends": Broken(
        _PACK + "extends: [nope-pack]\nrules: []\n", "unknown built-in rule pack", line_with="extends:"
    ),
    "unknown-extends-file": Broken(_PACK + "extends: [./nope.yaml]\nrules: []\n", "rule pack not found"),
    "extends-itself": Broken(_PACK + "extends: [./pack.yaml]\nrules: []\n", "extends itself"),
    "extends-a-cycle": Broken(_PACK + "extends: [./other.yaml]\nrules: []\n", "extends itself"),
    "extends-a-name-too-long": Broken(
        _PACK + "extends: [" + "a" * 5000 + "]\nrules: []\n", "unknown built-in rule pack"
    ),
    "extends-a-path-too-long": Broken(
        _PACK + "extends: [./" + "a" * 5000 + ".yaml]\nrules: []\n", "rule pack not found"
    ),
    "extends-a-device": Broken(_PACK + "extends: [/dev/zero]\nrules: []\n", "rule pack not found"),
    "extends-a-folder": Broken(_PACK + "extends: [./]\nrules: []\n", "rule pack not found"),
    "extends-a-loop-of-links": Broken(_PACK + "extends: [./loop.yaml]\nrules: []\n", "rule pack not found"),
    "extends-a-number": Broken(_PACK + "extends: [5]\nrules: []\n", "invalid rule pack"),
    "rules-a-string": Broken(_PACK + "rules: x\n", "invalid rule pack"),
    "code-reused": Broken(
        _declarative("{schema: {type: object}}")
        .replace("ORG001", "DL001")
        .replace("rules:\n", "extends: [staff-checklist]\nrules:\n"),
        "never reused",
    ),
    "unknown-check": Broken(
        _PACK + "rules:\n" + _RULE + "    check: os.system\n", "unknown check", line_with="check:"
    ),
    "unknown-severity": Broken(
        _declarative("{schema: {type: object}}").replace("severity: error", "severity: fatal"),
        "invalid rule pack",
    ),
    "override-of-unknown-rule": Broken(
        _PACK + "extends: [staff-checklist]\noverrides: {DL999: {severity: error}}\nrules: []\n",
        "unknown rule",
    ),
    "override-bad-severity": Broken(
        _PACK + "extends: [staff-checklist]\noverrides: {DL201: {severity: fatal}}\nrules: []\n",
        "unknown severity",
    ),
    "top-level-list": Broken("- a\n", "top level must be a mapping"),
    "empty": Broken("", "empty"),
    "billion-laughs": Broken(_PACK + _billion_laughs(), "aliases"),
    "python-tag": Broken(_PACK + "rules: !!python/object/apply:os.system ['touch PWNED']\n", "not allowed"),
    "utf-16": Broken(("\ufeff" + _PACK + "rules: []\n").encode("utf-16"), "UTF-16"),
}

YAML_CONFIGS: dict[str, Broken] = {
    "malformed": Broken("select: [\n", "invalid configuration"),
    "unknown-rule": Broken("select: [DL9999]\n", "unknown rule code or name 'DL9999'", line_with="DL9999"),
    "unknown-rule-name": Broken("ignore: [no-such-rule]\n", "unknown rule code or name"),
    "unknown-rule-in-severity": Broken("severity: {DL9999: error}\n", "unknown rule code or name"),
    "unknown-rule-in-override": Broken(
        "overrides: [{paths: ['*'], ignore: [DL9999]}]\n", "unknown rule code or name"
    ),
    "unknown-key": Broken("selekt: [ALL]\n", "unknown key 'selekt'", line_with="selekt"),
    "top-level-list": Broken("- a\n", "top level must be a mapping"),
    "empty": Broken("", "empty"),
    "select-a-string": Broken("select: DL2\n", "valid list"),
    "select-a-number": Broken("select: [5]\n", "valid string"),
    "select-null": Broken("select: [~]\n", "valid string"),
    "unknown-severity": Broken("severity: {DL201: fatal}\n", "invalid configuration"),
    "severity-a-list": Broken("severity: [1]\n", "invalid configuration"),
    "overrides-paths-a-number": Broken("overrides: [{paths: 5}]\n", "invalid configuration"),
    "unknown-fail-on": Broken("fail-on: fatal\n", "invalid configuration"),
    "unknown-pack": Broken("packs: [nope]\n", "unknown built-in rule pack", line_with="nope"),
    "pack-a-number": Broken("packs: [5]\n", "valid string"),
    "broken-pack": Broken("packs: [./pack.yaml]\n", "rule pack extends itself"),
    "billion-laughs": Broken(_billion_laughs(), "aliases"),
    "python-tag": Broken("select: !!python/object/apply:os.system ['touch PWNED']\n", "not allowed"),
    "hostile-key": Broken(f'"{HOSTILE_TEXT}": 1\n', "unknown key"),
    "hostile-selector": Broken(f'select: ["{HOSTILE_TEXT}"]\n', "unknown rule code or name"),
    "duplicate-key": Broken("select: [ALL]\nselect: [ALL]\n", "duplicate key"),
    "tab-indent": Broken("select:\n\t- ALL\n", "tab"),
    "invalid-utf-8": Broken(b"select: [\xff]\n", "UTF-8"),
    "nul": Broken(b"select: [a\x00]\n", "U+0000"),
}

TOML_CONFIGS: dict[str, Broken] = {
    "malformed": Broken("[tool.designlint\nselect = 1\n", "invalid TOML"),
    "unknown-rule": Broken(
        "[tool.designlint]\nselect = ['DL9999']\n", "unknown rule code or name 'DL9999'", line_with="DL9999"
    ),
    "unknown-key": Broken(
        "[tool.designlint]\nselekt = ['ALL']\n", "unknown key 'selekt'", line_with="selekt"
    ),
    "tool-not-a-table": Broken(
        "tool = 1\n# [tool.designlint]\n", "'tool' must be a table", line_with="tool = 1"
    ),
    "section-an-array-of-tables": Broken("[[tool.designlint]]\nselect = ['ALL']\n", "must be a table"),
    "select-a-number": Broken("[tool.designlint]\nselect = [5]\n", "valid string"),
    "unknown-severity": Broken("[tool.designlint]\nseverity = {DL201 = 'fatal'}\n", "invalid configuration"),
    "overrides-paths-a-number": Broken(
        "[tool.designlint]\n[[tool.designlint.overrides]]\npaths = 5\n", "invalid configuration"
    ),
    "integer-of-5000-digits": Broken("[tool.designlint]\nselect = [" + "9" * 5000 + "]\n", "invalid TOML"),
    "arrays-10000-deep": Broken(
        "[tool.designlint]\nx = " + "[" * 10_000 + "]" * 10_000 + "\n", "nested too deeply"
    ),
    "nan": Broken("[tool.designlint]\nfail-on = nan\n", "invalid configuration"),
    "date": Broken("[tool.designlint]\nbaseline = 1979-05-27\n", "valid string"),
    "invalid-utf-8": Broken(b"[tool.designlint]\nselect = ['\xff']\n", "not valid UTF-8"),
    "nul": Broken(b"[tool.designlint]\nselect = ['a\x00']\n", "invalid TOML"),
    "hostile-selector": Broken(
        '[tool.designlint]\nselect = ["\\u001b[2J\\n::error::x ##[error]y"]\n', "unknown rule code or name"
    ),
    # Not text the search can read "[tool.designlint" in, so only ``--config`` reads it.
    "utf-16": Broken(("\ufeff[tool.designlint]\n").encode("utf-16"), "not valid UTF-8", found=False),
}

# Words given where designlint takes a rule code, a pack, a name or a format on the command line.
ARGUMENTS = [
    "\x1b[31m",
    "::error::x",
    "a\n::error::x",
    "##[error]x",
    "<script>alert(1)</script>",
    "DL9999",
    "",
    "x" * 100_000,
    "DL" + "0" * 5000,
    "../../../etc/passwd",
]
