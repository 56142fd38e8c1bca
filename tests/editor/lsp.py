"""A minimal Language Server Protocol client over stdio, enough to drive yaml-language-server.

JSON-RPC 2.0 messages framed by ``Content-Length`` headers. Requests the server sends to the
client (configuration, capability registration, progress) are answered as an editor would.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

#: What an editor with the YAML extension sends for ``workspace/configuration``.
YAML_SETTINGS = {
    "validate": True, "hover": True, "completion": True, "format": {"enable": False},
    "schemaStore": {"enable": False}, "schemas": {}, "yamlVersion": "1.2",
    "disableDefaultProperties": False, "maxItemsComputed": 5000,
}


class LspClient:
    """One server process; :meth:`request` waits for the answer, diagnostics are collected."""

    def __init__(self, command: list[str], root: Path) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.next_id = 0
        self.answers: dict[int, queue.Queue[dict[str, Any]]] = {}
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.published = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.request("initialize", {
            "processId": None,
            "rootUri": root.as_uri(),
            "capabilities": {
                "workspace": {"configuration": True},
                "textDocument": {
                    "completion": {"completionItem": {
                        "documentationFormat": ["markdown", "plaintext"]}},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "publishDiagnostics": {},
                },
            },
        })
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": YAML_SETTINGS}})

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            self._dispatch(json.loads(stream.read(length)))

    def _dispatch(self, message: dict[str, Any]) -> None:
        method = message.get("method")
        if method is None:
            self.answers.setdefault(message["id"], queue.Queue()).put(message)
        elif "id" in message:  # the server asks the client something
            result: Any = None
            if method == "workspace/configuration":
                result = [YAML_SETTINGS if item.get("section") == "yaml" else None
                          for item in message["params"]["items"]]
            self._send({"id": message["id"], "result": result})
        elif method == "textDocument/publishDiagnostics":
            with self.published:
                params = message["params"]
                self.diagnostics[params["uri"]] = params["diagnostics"]
                self.published.notify_all()

    def request(self, method: str, params: dict[str, Any], timeout: float = 10) -> Any:
        self.next_id += 1
        number = self.next_id
        box = self.answers.setdefault(number, queue.Queue())
        self._send({"id": number, "method": method, "params": params})
        answer = box.get(timeout=timeout)
        assert "error" not in answer, answer
        return answer.get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def open(self, path: Path) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1,
            "text": path.read_text(encoding="utf-8")}})
        return uri

    def wait_diagnostics(self, uri: str, settle: float = 0.4, timeout: float = 10) -> list[Any]:
        """The document's diagnostics once the server has stopped publishing new ones."""
        deadline = time.monotonic() + timeout
        with self.published:
            while uri not in self.diagnostics and time.monotonic() < deadline:
                self.published.wait(deadline - time.monotonic())
            while time.monotonic() < deadline:  # the schema may load after a first, empty set
                if not self.published.wait(settle):
                    break
        return self.diagnostics.get(uri, [])

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=3)
            self.notify("exit", {})
            self.process.wait(timeout=3)
        except Exception:  # a server that will not stop is killed
            self.process.kill()
            self.process.wait()
