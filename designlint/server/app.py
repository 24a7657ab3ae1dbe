"""The language server: LSP messages in, the review out.

Threads: pygls runs every handler on its event loop. Checks run on one worker thread of their
own, so a long check never delays a hover or a completion. Findings are published once a
document has been quiet for 100 ms (the debounce): the edits of a burst are checked once, after
the burst; an edit after a quiet period starts its check at once, so the findings are ready when
the debounce ends. A result is published only if the document has not changed since its check
started, so stale findings never appear.
Questions about a document (hover, definition, ...) are answered from its newest version, read
and validated on demand when the check of that version has not finished yet.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from designlint import __version__
from designlint.server.checking import Checker, CheckOutcome
from designlint.server.positions import LineIndex
from designlint.server.snapshot import Snapshot

DEBOUNCE_SECONDS = 0.1
# Files whose change alters what a design's check means: re-check every open design.
SETTINGS_FILES = (".designlint.yaml", ".designlint.yml", "pyproject.toml")
WATCHED = ("**/.designlint.yaml", "**/.designlint.yml", "**/pyproject.toml", "**/*.json")
log = logging.getLogger("designlint.server")


@dataclass
class DocumentState:
    """What the server knows about one open document."""

    uri: str
    design: bool = False  # checked as a design at least once: keep checking it however broken
    outcome: CheckOutcome | None = None  # the newest published check
    snapshot: Snapshot | None = None  # the newest version read (by a check or on demand)
    valid: Snapshot | None = None  # the newest version whose design validated (names to complete)
    last_edit: float = float("-inf")  # event-loop time of the last change, for the debounce
    task: asyncio.Task | None = field(default=None, repr=False)


class DesignServer(LanguageServer):
    def __init__(self, site_url: str | None = None, delay: float = DEBOUNCE_SECONDS):
        super().__init__("designlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.checker = Checker(site_url)
        self.delay = delay
        self.documents: dict[str, DocumentState] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="designlint-check")

    # --- checking ---------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` and publish once it has been quiet for ``delay`` seconds (the debounce).

        An edit that follows a quiet period (an isolated edit, or the first of a burst) starts its
        check at once, while the debounce runs, so its findings are ready when the quiet period
        ends; an edit in the middle of a burst waits for the quiet period before checking. Either
        way only the last edit of a burst is published.
        """
        state = self.documents.setdefault(uri, DocumentState(uri))
        if state.task is not None:
            state.task.cancel()
        loop = asyncio.get_running_loop()
        now = loop.time()
        early = now - state.last_edit >= delay
        state.last_edit = now
        state.task = loop.create_task(self._check_later(state, delay, early))

    def recheck_all(self) -> None:
        """Configuration, packs or baselines may have changed: read them again, check every design."""
        asyncio.get_running_loop().run_in_executor(self.worker, self.checker.forget)
        for uri, state in list(self.documents.items()):
            if state.design:
                self.schedule(uri, 0)

    async def _check_later(self, state: DocumentState, delay: float, early: bool) -> None:
        if delay and not early:
            await asyncio.sleep(delay)
        document = self.workspace.get_text_document(state.uri)
        buffer, version = document.source, document.version
        check = functools.partial(
            self.checker.check,
            state.uri,
            version,
            buffer,
            to_fs_path(state.uri),
            self.workspace.position_encoding or types.PositionEncodingKind.Utf16,
            design=state.design,
        )
        checking = asyncio.get_running_loop().run_in_executor(self.worker, check)
        try:
            if delay and early:
                await asyncio.sleep(delay)  # the debounce, while the check runs
            outcome = await checking
        except asyncio.CancelledError:
            checking.cancel()  # a newer edit: drop this check unless it has started
            raise
        if self.documents.get(state.uri) is not state:
            return  # closed meanwhile
        current = self.workspace.get_text_document(state.uri)
        if current.version != version or current.source is not buffer:
            return  # edited meanwhile: the check of the newer text is on its way
        state.outcome = outcome
        state.snapshot = outcome.snapshot
        if outcome.snapshot.design is not None:
            state.valid = outcome.snapshot
        state.design = state.design or outcome.checked
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=state.uri, version=version, diagnostics=outcome.diagnostics)
        )

    def close(self, uri: str) -> None:
        state = self.documents.pop(uri, None)
        if state is not None and state.task is not None:
            state.task.cancel()
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    # --- answering --------------------------------------------------------------------------

    def snapshot(self, uri: str) -> Snapshot | None:
        """The newest version of an open document, read and validated (without running rules)."""
        state = self.documents.get(uri)
        if state is None:
            return None
        document = self.workspace.get_text_document(uri)
        known = state.snapshot
        if known is not None and known.lines.buffer is document.source:
            return known
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        lines = LineIndex(document.source, encoding)
        file = str(self.checker.path_for(to_fs_path(uri)))
        state.snapshot = Snapshot.read(uri, document.version, lines, file)
        if state.snapshot.design is not None:
            state.valid = state.snapshot
        return state.snapshot

    def current_outcome(self, snapshot: Snapshot) -> CheckOutcome | None:
        """The published check of exactly this version, if it has finished."""
        state = self.documents.get(snapshot.uri)
        outcome = state.outcome if state is not None else None
        if outcome is None or outcome.snapshot.lines.buffer is not snapshot.lines.buffer:
            return None
        return outcome

    def rules(self, uri: str) -> dict | None:
        state = self.documents.get(uri)
        return state.outcome.rules if state is not None and state.outcome is not None else None


def _quietly(handler):
    """A bug in answering one question costs that answer (logged), never the server."""

    @functools.wraps(handler)
    def guarded(server: DesignServer, params: Any):
        try:
            return handler(server, params)
        except JsonRpcInvalidParams:
            raise
        except Exception:
            log.exception("designlint server: %s failed", handler.__name__)
            return None

    return guarded


def build_server(site_url: str | None = None, delay: float = DEBOUNCE_SECONDS) -> DesignServer:
    from designlint.server import actions, completion, hover, navigation

    server = DesignServer(site_url, delay)

    @server.feature(types.INITIALIZE)
    @_quietly
    def initialize(ls: DesignServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("siteUrl"), str):
            ls.checker.site_url = options["siteUrl"]
        root = params.root_uri and to_fs_path(params.root_uri)
        if root:
            ls.checker.fallback_folder = Path(root)

    @server.feature(types.INITIALIZED)
    @_quietly
    def initialized(ls: DesignServer, params: types.InitializedParams) -> None:
        # Baselines and configuration files can change outside the editor: ask to be told.
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace is not None else None
        if watched is None or not watched.dynamic_registration:
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]
        )
        ls.client_register_capability(
            types.RegistrationParams(
                registrations=[
                    types.Registration(
                        id="designlint-settings",
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=options,
                    )
                ]
            )
        )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @_quietly
    def did_open(ls: DesignServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @_quietly
    def did_change(ls: DesignServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.delay)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    @_quietly
    def did_save(ls: DesignServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        state = ls.documents.get(uri)
        if state is not None and state.design:
            ls.schedule(uri, 0)
        elif uri.endswith(SETTINGS_FILES) or uri.endswith((".json", ".yaml", ".yml")):
            ls.recheck_all()  # a configuration, baseline or rule pack was saved

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @_quietly
    def did_close(ls: DesignServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @_quietly
    def watched_files_changed(ls: DesignServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.recheck_all()

    @server.feature(types.SHUTDOWN)
    @_quietly
    def shutdown(ls: DesignServer, params: Any) -> None:
        ls.worker.shutdown(wait=False, cancel_futures=True)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_quietly
    def on_hover(ls: DesignServer, params: types.HoverParams) -> types.Hover | None:
        snapshot = ls.snapshot(params.text_document.uri)
        if snapshot is None:
            return None
        outcome = ls.current_outcome(snapshot)
        diagnostics = outcome.diagnostics if outcome is not None else []
        offset = snapshot.lines.offset(params.position)
        text = hover.hover_markdown(snapshot, offset, diagnostics, ls.rules(snapshot.uri))
        if text is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @_quietly
    def on_definition(ls: DesignServer, params: types.DefinitionParams) -> list[types.Location] | None:
        snapshot = ls.snapshot(params.text_document.uri)
        if snapshot is None:
            return None
        return navigation.definition(snapshot, snapshot.lines.offset(params.position)) or None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    @_quietly
    def on_references(ls: DesignServer, params: types.ReferenceParams) -> list[types.Location] | None:
        snapshot = ls.snapshot(params.text_document.uri)
        if snapshot is None:
            return None
        offset = snapshot.lines.offset(params.position)
        return navigation.references(snapshot, offset, params.context.include_declaration) or None

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    @_quietly
    def on_prepare_rename(
        ls: DesignServer, params: types.PrepareRenameParams
    ) -> types.PrepareRenamePlaceholder | None:
        snapshot = ls.snapshot(params.text_document.uri)
        if snapshot is None:
            return None
        return navigation.prepare_rename(snapshot, snapshot.lines.offset(params.position))

    @server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
    @_quietly
    def on_rename(ls: DesignServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        snapshot = ls.snapshot(params.text_document.uri)
        if snapshot is None:
            return None
        try:
            return navigation.rename(snapshot, snapshot.lines.offset(params.position), params.new_name)
        except navigation.RenameRefused as refused:
            raise JsonRpcInvalidParams(str(refused)) from None

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @_quietly
    def on_document_symbol(
        ls: DesignServer, params: types.DocumentSymbolParams
    ) -> list[types.DocumentSymbol] | None:
        snapshot = ls.snapshot(params.text_document.uri)
        return navigation.document_symbols(snapshot) if snapshot is not None else None

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[" ", "[", ",", "(", "-"]),
    )
    @_quietly
    def on_completion(ls: DesignServer, params: types.CompletionParams) -> types.CompletionList | None:
        uri = params.text_document.uri
        state = ls.documents.get(uri)
        if state is None:
            return None
        document = ls.workspace.get_text_document(uri)
        encoding = ls.workspace.position_encoding or types.PositionEncodingKind.Utf16
        lines = LineIndex(document.source, encoding)
        names = state.valid or ls.snapshot(uri)
        items = completion.completions(lines, params.position, names, ls.rules(uri))
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL]),
    )
    @_quietly
    def on_code_action(ls: DesignServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        snapshot = ls.snapshot(params.text_document.uri)
        if snapshot is None:
            return None
        outcome = ls.current_outcome(snapshot)
        located = outcome.located if outcome is not None else []
        requested = snapshot.lines.span(params.range)
        only = [str(kind) for kind in params.context.only] if params.context.only else None
        return actions.code_actions(snapshot, requested, located, only) or None

    return server


def serve(site_url: str | None = None) -> None:
    """Serve over stdin and stdout until the client says exit."""
    build_server(site_url).start_io()
