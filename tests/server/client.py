"""A minimal LSP client over stdio for the server tests: JSON-RPC framing, every wait bounded.

A reader thread parses the server's messages into a queue; requests wait for their response and
notifications are kept until a test asks for them, so a hung or dead server fails a test with a
timeout instead of hanging the run.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

TIMEOUT = 10.0  # seconds for any single answer; generous for a loaded CI machine


class ServerGone(AssertionError):
    pass


def file_uri(path: Path) -> str:
    return path.resolve().as_uri()


class LspClient:
    def __init__(self, cwd: Path, *args: str, init_options: dict | None = None):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "designlint", "server", *args],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._messages: queue.Queue[dict | None] = queue.Queue()
        self._responses: dict[int, dict] = {}
        self._notifications: list[dict] = []
        self._requests_from_server: list[dict] = []
        self._next_id = 0
        self._lock = threading.Lock()
        self._stderr: list[bytes] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self.versions: dict[str, int] = {}
        self.initialize_result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": file_uri(cwd),
                "capabilities": {
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}},
                    "textDocument": {
                        "publishDiagnostics": {"relatedInformation": True},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "rename": {"prepareSupport": True},
                    },
                },
                "initializationOptions": init_options or {},
            },
        )
        self.notify("initialized", {})

    # --- transport ---------------------------------------------------------------------------

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    self._messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self._messages.put(json.loads(body))

    def _drain_stderr(self) -> None:
        stream = self.process.stderr
        assert stream is not None
        for line in stream:
            self._stderr.append(line)

    @property
    def stderr(self) -> str:
        return b"".join(self._stderr).decode("utf-8", "replace")

    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        with self._lock:
            stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stdin.flush()

    def _pump(self, deadline: float) -> bool:
        """Take one message off the wire; False when the deadline passed."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        try:
            message = self._messages.get(timeout=remaining)
        except queue.Empty:
            return False
        if message is None:
            raise ServerGone(f"the server exited ({self.process.poll()}):\n{self.stderr}")
        if "id" in message and "method" in message:
            self._requests_from_server.append(message)
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        elif "id" in message:
            self._responses[message["id"]] = message
        else:
            self._notifications.append(message)
        return True

    # --- requests and notifications ----------------------------------------------------------

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> Any:
        response = self.request_raw(method, params, timeout)
        if "error" in response:
            raise AssertionError(f"{method} failed: {response['error']}")
        return response.get("result")

    def request_raw(self, method: str, params: Any, timeout: float = TIMEOUT) -> dict:
        self._next_id += 1
        ident = self._next_id
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while ident not in self._responses:
            if not self._pump(deadline):
                raise AssertionError(f"no answer to {method} within {timeout} s:\n{self.stderr}")
        return self._responses.pop(ident)

    def requests_from_server(self, method: str) -> list[dict]:
        return [message for message in self._requests_from_server if message["method"] == method]

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = TIMEOUT) -> list[dict]:
        """The next diagnostics published for ``uri`` (for ``version``, when given)."""
        deadline = time.monotonic() + timeout
        while True:
            for index, message in enumerate(self._notifications):
                params = message.get("params", {})
                if (
                    message.get("method") == "textDocument/publishDiagnostics"
                    and params.get("uri") == uri
                    and (version is None or params.get("version") == version)
                ):
                    del self._notifications[index]
                    return params["diagnostics"]
            if not self._pump(deadline):
                raise AssertionError(
                    f"no diagnostics for {uri} (version {version}) within {timeout} s:\n{self.stderr}"
                )

    # --- documents ---------------------------------------------------------------------------

    def open(self, uri: str, text: str) -> list[dict]:
        self.versions[uri] = 1
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        return self.diagnostics(uri, 1)

    def change(self, uri: str, text: str, wait: bool = True) -> list[dict] | None:
        self.versions[uri] += 1
        version = self.versions[uri]
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )
        return self.diagnostics(uri, version) if wait else None

    def save(self, uri: str) -> list[dict]:
        self.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        return self.diagnostics(uri, self.versions[uri])

    def close(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def stop(self) -> int | None:
        if self.process.poll() is None:
            try:
                self.request("shutdown", None, timeout=5)
                self.notify("exit", None)
                self.process.wait(timeout=5)
            except (AssertionError, OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait(timeout=5)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return self.process.returncode
