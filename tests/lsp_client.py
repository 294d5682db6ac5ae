"""A minimal LSP client for tests and bench/lsp_latency.py: JSON-RPC over a subprocess's stdio.

Messages are framed with ``Content-Length`` headers. A reader thread collects
what the server sends, stamped with ``time.perf_counter()`` on arrival; requests
the server makes are answered with ``null``.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

Message = dict[str, Any]


def frame(payload: Message) -> bytes:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body


def read_message(stream: IO[bytes]) -> Message | None:
    """One framed message from ``stream``; None at end of stream."""
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    if length is None:
        raise ValueError("message without Content-Length")
    body = stream.read(length)
    return json.loads(body.decode("utf-8"))


class LspClient:
    """Starts ``args`` and talks LSP to it."""

    def __init__(self, args: Sequence[str], *, cwd: str | Path | None = None,
                 env: dict[str, str] | None = None):
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(list(args), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd, env=env)
        self._inbox: queue.Queue[tuple[float, Message | None]] = queue.Queue()
        self.received: list[tuple[float, Message]] = []  # everything, in order
        self._taken: set[int] = set()  # indexes in ``received`` wait_for returned
        self._ids = 0
        self._write_lock = threading.Lock()
        self.stderr: list[bytes] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    # -- transport ------------------------------------------------------------------

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while True:
            try:
                msg = read_message(self.proc.stdout)
            except (ValueError, OSError):
                msg = None
            now = time.perf_counter()
            if msg is not None and "method" in msg and "id" in msg:  # a request to us
                self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
            self._inbox.put((now, msg))
            if msg is None:
                return

    def _drain_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr.append(line)

    def send(self, *payloads: Message) -> float:
        """Write messages in one go; returns the time they were written."""
        data = b"".join(frame(p) for p in payloads)
        with self._write_lock:
            assert self.proc.stdin is not None
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        return time.perf_counter()

    # -- JSON-RPC -------------------------------------------------------------------

    def notification(self, method: str, params: Any) -> Message:
        return {"jsonrpc": "2.0", "method": method, "params": params}

    def notify(self, method: str, params: Any) -> float:
        return self.send(self.notification(method, params))

    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        self._ids += 1
        rid = self._ids
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        _, msg = self.wait_for(lambda m: m.get("id") == rid and "method" not in m, timeout)
        if "error" in msg:
            raise RuntimeError(f"{method}: {msg['error']}")
        return msg.get("result")

    def wait_for(self, match: Callable[[Message], bool], timeout: float = 60,
                 ) -> tuple[float, Message]:
        """The first message not taken yet that ``match`` accepts (taking it), with its
        arrival time. Messages that do not match stay for later calls."""
        deadline = time.monotonic() + timeout
        checked = 0
        while True:
            for i in range(checked, len(self.received)):
                if i in self._taken:
                    continue
                at, msg = self.received[i]
                if match(msg):
                    self._taken.add(i)
                    return at, msg
            checked = 0
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no matching message in {timeout} s; stderr: "
                                   f"{b''.join(self.stderr).decode(errors='replace')[-2000:]}")
            try:
                at, msg = self._inbox.get(timeout=left)
            except queue.Empty:
                continue
            if msg is None:
                raise EOFError("the server closed its output; stderr: "
                               f"{b''.join(self.stderr).decode(errors='replace')[-2000:]}")
            self.received.append((at, msg))
            checked = len(self.received) - 1

    def messages(self, method: str) -> list[Message]:
        """Every message of ``method`` received so far (taken or not)."""
        return [m for _, m in self.received if m.get("method") == method]

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 60,
                    ) -> tuple[float, list[Message]]:
        """The next publishDiagnostics for ``uri`` (for ``version``, when given)."""
        def match(m: Message) -> bool:
            if m.get("method") != "textDocument/publishDiagnostics":
                return False
            p = m["params"]
            return p["uri"] == uri and (version is None or p.get("version") == version)

        at, msg = self.wait_for(match, timeout)
        return at, msg["params"]["diagnostics"]

    # -- session --------------------------------------------------------------------

    def initialize(self, root: Path, options: Message | None = None,
                   capabilities: Message | None = None) -> Any:
        result = self.request("initialize", {
            "processId": None, "rootUri": root.as_uri(), "rootPath": str(root),
            "capabilities": capabilities or {}, "initializationOptions": options or {}})
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, language_id: str = "markdown", version: int = 1) -> float:
        return self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language_id, "version": version, "text": text}})

    def change_message(self, uri: str, text: str, version: int) -> Message:
        return self.notification("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]})

    def change(self, uri: str, text: str, version: int) -> float:
        return self.send(self.change_message(uri, text, version))

    def close(self, timeout: float = 10) -> int:
        """shutdown, exit; the server's exit status."""
        try:
            self.request("shutdown", None, timeout=timeout)
            self.notify("exit", None)
        except (OSError, EOFError, TimeoutError):
            pass
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return -9
