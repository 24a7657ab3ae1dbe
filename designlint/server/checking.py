"""The check behind the editor's diagnostics: the same findings as ``designlint check``.

The configuration is found from the design's path as ``check`` finds it (walking up), so its
packs, selections, per-path overrides, severities and baseline apply; suppressions are read from
the buffer. Anything that stops the check (a configuration or baseline error, a malformed
suppression, a bug) becomes one diagnostic instead of silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types

from designlint.errors import DesignlintError, LoadError, Position
from designlint.findings import Finding, Severity, format_path
from designlint.loader import load_text
from designlint.server.positions import LineIndex
from designlint.server.snapshot import Snapshot

TYPE_CHECKING = False
if TYPE_CHECKING:
    from designlint.engine.session import CheckSession

SOURCE = "designlint"
INTERNAL_ERROR = "DL000"
UNUSED_SUPPRESSION = "DL009"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
# What a design declares at its top level; another YAML file (a rule pack, CI workflow...) is
# left alone. A buffer that declares neither and does not read as YAML is checked: it may be a
# design being written.
_API_VERSION = re.compile(r"^apiVersion:[ \t]*(\S*)", re.MULTILINE)
_KIND = re.compile(r"^kind:[ \t]*[\"']?([A-Za-z]*)", re.MULTILINE)


def declares(text: str) -> bool | None:
    """True for a design's header, False for another document's, None when there is neither."""
    api = _API_VERSION.search(text)
    kind = _KIND.search(text)
    if api is None and kind is None:
        return None
    if api is not None and not api.group(1).strip("\"'").startswith("designlint/"):
        return False
    return kind is None or kind.group(1) == "Design"


@dataclass(frozen=True)
class Located:
    """A published diagnostic and the finding it shows (None for what stopped the check)."""

    diagnostic: types.Diagnostic
    finding: Finding | None


@dataclass(frozen=True)
class CheckOutcome:
    """The findings on one buffer version, as diagnostics, with what they were computed from."""

    snapshot: Snapshot
    located: list[Located] = field(default_factory=list)
    ruleset: object | None = None
    checked: bool = True  # False when the buffer is not a design and was left alone

    @property
    def diagnostics(self) -> list[types.Diagnostic]:
        return [entry.diagnostic for entry in self.located]

    @property
    def rules(self) -> dict | None:
        return getattr(self.ruleset, "rules", None)


def _docs_url(code: str, rules, site_url: str | None) -> str | None:
    """A rule pack's own link for the rule, else its page on the design site (as SARIF links it)."""
    from designlint.reporters.text import help_link

    return help_link(code, rules, site_url)


def finding_diagnostic(
    finding: Finding, uri: str, lines: LineIndex, rules, site_url: str | None
) -> types.Diagnostic:
    from designlint.reporters import message_with_hint

    span = lines.token(lines.offset_of(finding.position))
    href = _docs_url(finding.code, rules, site_url)
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=lines.range(lines.token(lines.offset_of(place.position)))),
            message=f"also here: {place.fingerprint_path or format_path(place.path)}",
        )
        for place in finding.related
    ]
    message = message_with_hint(finding)
    if href is None:  # no page to link the code to: say how to read the rule's documentation
        message += f"\nhelp: designlint rule {finding.code}"
    return types.Diagnostic(
        range=lines.range(span),
        message=message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        tags=[types.DiagnosticTag.Unnecessary] if finding.code == UNUSED_SUPPRESSION else None,
        related_information=related or None,
        data={"name": finding.name, "path": finding.json_path},
    )


def error_diagnostic(
    error: DesignlintError, lines: LineIndex, file: str, code: str | None = None
) -> types.Diagnostic:
    """A problem that stopped the check, at its place when it is in this file, else at the top."""
    here = error.file in (None, file) and error.position is not None
    position = error.position if here and error.position is not None else Position(1, 1)
    message = error.message if here or error.file is None else f"{error.location()}{error.message}"
    return types.Diagnostic(
        range=lines.range(lines.token(lines.offset_of(position))),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        code=code,
        source=SOURCE,
    )


class Checker:
    """Checks buffers like ``designlint check --no-cache``; one thread uses it at a time."""

    def __init__(self, site_url: str | None = None, fallback_folder: Path | None = None):
        self.site_url = site_url
        self.fallback_folder = fallback_folder or Path.cwd()
        self._session: CheckSession | None = None
        self._stamp: tuple = ()
        self._indexes: dict[Path, tuple[tuple[int, int], object | None]] = {}

    def forget(self) -> None:
        """Read configuration, rule packs, baselines and the designs beside again on the next check."""
        self._session = None
        self._indexes.clear()

    def _beside(self, path: Path, session: CheckSession) -> tuple[list[tuple[Path, str]], list]:
        """The designs in the buffer's folder, as results that carry only their cross-design index.

        Each is checked once and again only when its file changes, so a keystroke does not re-read
        the folder's designs; the buffer's references resolve against them as against the
        neighbours ``check FILE`` reads.
        """
        from designlint.engine.discovery import discover
        from designlint.engine.runner import FileResult

        files: list[tuple[Path, str]] = []
        results: list[FileResult] = []
        itself = path.resolve()
        for other, display in discover([str(path.parent)], catalogs=True):
            if other.resolve() == itself:
                continue
            try:
                stat = other.stat()
            except OSError:
                continue
            stamp = (stat.st_mtime_ns, stat.st_size)
            known = self._indexes.get(other)
            if known is None or known[0] != stamp:
                try:
                    index = session.engine_for(other).check_path(other, display).organisation
                except DesignlintError:
                    index = None
                known = self._indexes[other] = (stamp, index)
            if known[1] is not None:
                files.append((other, display))
                results.append(FileResult(display, organisation=known[1]))
        return files, results

    def path_for(self, file: str | None) -> Path:
        # A buffer without a file (untitled) is checked as if it were in the workspace folder.
        return Path(file) if file else self.fallback_folder / "untitled.yaml"

    def _session_for(self, path: Path) -> CheckSession:
        from designlint.engine.config import find_config_file
        from designlint.engine.session import CheckSession

        config = find_config_file(path.parent)
        try:
            stamp: tuple = (config, config.stat().st_mtime_ns if config else None)
        except OSError:
            stamp = (config, None)
        if self._session is None or stamp != self._stamp:
            self._session, self._stamp = CheckSession(), stamp
        return self._session

    def check(
        self, uri: str, version: int | None, buffer: str, file: str | None, encoding: str, *, design: bool
    ) -> CheckOutcome:
        """Check one buffer version; ``design`` says it was a design before, so it is checked however broken."""
        lines = LineIndex(buffer, encoding)
        try:
            return self._check(uri, version, lines, file, design)
        except Exception as exc:  # a bug must cost one diagnostic, never the server
            crash = DesignlintError(f"internal error: {type(exc).__name__}: {exc} (please report this)")
            unread = Snapshot(uri, version, lines, None, None, None)
            return CheckOutcome(
                unread, [Located(error_diagnostic(crash, lines, str(file), INTERNAL_ERROR), None)]
            )

    def _check(
        self, uri: str, version: int | None, lines: LineIndex, file: str | None, design: bool
    ) -> CheckOutcome:
        buffer = lines.buffer
        path = self.path_for(file)
        display = str(path)
        declared = declares(buffer)
        unread = Snapshot(uri, version, lines, None, None, None)
        if declared is False and not design:
            return CheckOutcome(unread, checked=False)
        try:
            document = load_text(buffer, display)
        except LoadError as error:
            if declared is None and not design and not buffer.strip():
                return CheckOutcome(unread, checked=False)  # a new, empty file
            snapshot = Snapshot(uri, version, lines, None, error, None)
            return CheckOutcome(
                snapshot, [Located(error_diagnostic(error, lines, display, error.code), None)]
            )
        if declared is None and not design:
            # Reads as YAML but declares nothing: some other YAML file.
            return CheckOutcome(Snapshot(uri, version, lines, document, None, None), checked=False)
        try:
            in_folder = file is not None and path.parent.is_dir()
            return self._check_document(uri, version, lines, document, path, in_folder=in_folder)
        except DesignlintError as error:
            snapshot = Snapshot(uri, version, lines, document, None, None)
            return CheckOutcome(snapshot, [Located(error_diagnostic(error, lines, display), None)])

    def _check_document(
        self, uri: str, version: int | None, lines: LineIndex, document, path: Path, *, in_folder: bool
    ) -> CheckOutcome:
        from designlint.engine.baseline import hide_baselined
        from designlint.engine.organisation import FileIndex, apply_organisation

        session = self._session_for(path)
        engine = session.engine_for(path)
        result = engine.check_document(document)
        index = result.organisation
        if in_folder and isinstance(index, FileIndex) and index.design.references:
            # References to other designs resolve against the designs beside it, as `check FILE` does
            # (an untitled buffer has no folder: its references are read as if it were alone).
            files, others = self._beside(path, session)
            apply_organisation([(path, document.file), *files], [result, *others], session.engine_for)
        (result,), _ = hide_baselined([(path, document.file)], [result], lambda _: engine.config, None)
        rules = engine.ruleset.rules
        site_url = self.site_url or engine.config.model.site_url
        located = [Located(finding_diagnostic(f, uri, lines, rules, site_url), f) for f in result.findings]
        snapshot = Snapshot(uri, version, lines, document, None, result.design)
        return CheckOutcome(snapshot, located, engine.ruleset)
