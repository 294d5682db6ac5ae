"""``netlint serve``: a local HTTP server that keeps guides, rules and spaCy warm.

An agent desktop or editor plugin sends each draft here and gets findings back in
milliseconds, instead of paying for a cold process (and a spaCy load) each time.
Standard library only (``http.server``); it listens on 127.0.0.1 unless told
otherwise. JSON over HTTP/1.1 with keep-alive:

``GET /v1/health``
    ``{"status": "ok", "version": ..., "guides": [...], "uptime_s": ...}``
``POST /v1/check``
    body ``{"text": str, "customer"?: str, "channel"?: "email"|"chat"|"social"|"sms",
    "customer_name"?: str, "template"?: bool, "guide"?: str, "path"?: str,
    "id"?: str, "agent"?: str, "select"?: [str], "extend_select"?: [str],
    "ignore"?: [str]}`` -> ``{"findings": [finding, ...], "skipped": [code, ...]}``.
    A finding has the keys of the ``json`` output format (positions count in
    ``text``), plus ``text_start``/``text_end`` (offsets in ``text``) and
    ``excerpt_start``.
``POST /v1/check-batch``
    body ``{"drafts": [{"text": ..., per-draft keys as above}], "guide"?, "select"?,
    ...}`` -> ``{"results": [{"findings": [...], "skipped": [...]}, ...]}`` in order.
``POST /v1/rules``
    body ``{"guide"?, "channel"?, "select"?, ...}`` -> ``{"enabled": [code, ...]}``.

``guide`` is a built-in guide name or a file path on this machine (default: the
guide the server was started with). Errors come back as ``{"error": message}``
with status 400 (bad request, guide or selector), 404, 413 or 500.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from . import __version__
from .draft import CHANNELS, Draft
from .engine import DraftResult, Linter
from .errors import NetlintError
from .finding import Finding
from .guide.model import Selection
from .parallel import LinterSpec

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
MAX_BODY = 16 * 1024 * 1024
MAX_LINTERS = 16  # distinct (guide, selection) pairs kept warm
_DRAFT_STR_KEYS = ("customer", "channel", "customer_name", "path", "id", "agent", "record")
_WARM_TEXT = ("Hi Sam, thanks for your patience. I've checked your order #12345 and it "
              "ships tomorrow. Is there anything else I can help with? Best regards, Tom")
_WARM_CUSTOMER = "Where is my order? It was due on Monday and nobody answers my emails!"


class BadRequest(Exception):
    """A request the server cannot act on; the message goes back to the client."""


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as the API returns it: the json format's keys plus text offsets."""
    d = f.to_dict()
    d["text_start"] = f.text_start
    d["text_end"] = f.text_end
    d["excerpt_start"] = f.excerpt_start
    return d


def result_dict(r: DraftResult) -> dict[str, Any]:
    return {"findings": [finding_dict(f) for f in r.findings], "skipped": list(r.skipped)}


@dataclass
class _Warm:
    """One linter kept warm, with a lock: a Linter and spaCy are not thread-safe."""

    linter: Linter
    stamps: tuple[tuple[str, int], ...]
    lock: threading.Lock = field(default_factory=threading.Lock)


def _stamps(sources: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """Modification times of a guide's files, to notice edits (built-ins never change)."""
    out = []
    for src in sources:
        path = src.split(" [", 1)[0]
        try:
            out.append((path, os.stat(path).st_mtime_ns))
        except OSError:
            continue
    return tuple(out)


class Service:
    """Checks drafts with warm linters, one per (guide, selection), safe across threads."""

    def __init__(self, guide: str | None = None):
        self.default = LinterSpec.of(guide)
        self.started = time.monotonic()
        self._warm: OrderedDict[LinterSpec, _Warm] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[LinterSpec, threading.Lock] = {}

    def spec(self, body: Mapping[str, Any]) -> LinterSpec:
        guide = body.get("guide")
        if guide is not None and not isinstance(guide, str):
            raise BadRequest("'guide' must be a string")
        sels = {}
        for key in ("select", "extend_select", "ignore"):
            value = body.get(key)
            if value is None:
                continue
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise BadRequest(f"'{key}' must be a list of strings")
            sels[key] = tuple(value)
        selection = Selection(select=sels.get("select"),
                              extend_select=sels.get("extend_select", ()),
                              ignore=sels.get("ignore", ()))
        base = LinterSpec.of(guide) if guide else self.default
        return LinterSpec(base.guide, None if selection.is_empty() else selection, base.cwd)

    def warm(self, spec: LinterSpec) -> _Warm:
        """The warm linter for ``spec``: built once, rebuilt when its guide file changes."""
        with self._lock:
            entry = self._warm.get(spec)
            if entry is not None and entry.stamps == _stamps(entry.linter.guide.sources):
                self._warm.move_to_end(spec)
                return entry
            building = self._building.setdefault(spec, threading.Lock())
        with building:  # one build per spec, other specs are not held up
            with self._lock:
                entry = self._warm.get(spec)
                if entry is not None and entry.stamps == _stamps(entry.linter.guide.sources):
                    return entry
            linter = spec.build(quiet_nlp=True)
            entry = _Warm(linter, _stamps(linter.guide.sources))
            with self._lock:
                self._warm[spec] = entry
                while len(self._warm) > MAX_LINTERS:
                    self._warm.popitem(last=False)
            return entry

    def preload(self, spec: LinterSpec | None = None) -> None:
        """Build a linter and run it once per channel: rules, lazy imports and the
        spaCy model (when a rule needs it) are loaded before the first request."""
        entry = self.warm(spec or self.default)
        with entry.lock:
            for channel in CHANNELS:
                entry.linter.check_result(Draft(_WARM_TEXT, channel=channel,
                                                customer=_WARM_CUSTOMER, customer_name="Sam"))

    # -- requests -------------------------------------------------------------

    def check(self, body: Mapping[str, Any]) -> dict[str, Any]:
        draft = _draft(body)
        entry = self.warm(self.spec(body))
        with entry.lock:
            return result_dict(entry.linter.check_result(draft))

    def check_batch(self, body: Mapping[str, Any]) -> dict[str, Any]:
        items = body.get("drafts")
        if not isinstance(items, list):
            raise BadRequest("'drafts' must be a list of draft objects")
        drafts = [_draft(item) for item in items]
        entry = self.warm(self.spec(body))
        with entry.lock:
            return {"results": [result_dict(r) for r in entry.linter.check_many(drafts)]}

    def rules(self, body: Mapping[str, Any]) -> dict[str, Any]:
        channel = body.get("channel")
        if channel is not None and channel not in CHANNELS:
            raise BadRequest(f"'channel' must be one of {', '.join(CHANNELS)}")
        entry = self.warm(self.spec(body))
        with entry.lock:
            return {"enabled": sorted(entry.linter.enabled_codes(channel))}

    def health(self) -> dict[str, Any]:
        with self._lock:
            guides = sorted({" -> ".join(w.linter.guide.sources) for w in self._warm.values()})
        return {"status": "ok", "version": __version__, "guides": guides,
                "uptime_s": round(time.monotonic() - self.started, 3)}


def _draft(body: Any) -> Draft:
    if not isinstance(body, dict):
        raise BadRequest("a draft must be a JSON object")
    text = body.get("text")
    if not isinstance(text, str):
        raise BadRequest("'text' (the draft) must be a string")
    kw: dict[str, Any] = {}
    for key in _DRAFT_STR_KEYS:
        value = body.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise BadRequest(f"'{key}' must be a string")
        kw[key] = value
    template = body.get("template", False)
    if not isinstance(template, bool):
        raise BadRequest("'template' must be true or false")
    return Draft(text=text, template=template, **kw)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a client reuses its connection
    # Headers and body go out in two writes: without TCP_NODELAY the second waits
    # for the client's delayed ACK, 40 ms on Linux, on every response.
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] in ("/v1/health", "/health"):
            self._send(HTTPStatus.OK, self.server.service.health())
        else:
            self._send(HTTPStatus.NOT_FOUND, {"error": f"no such endpoint: GET {self.path}"})

    def do_POST(self) -> None:
        routes = {"/v1/check": self.server.service.check,
                  "/v1/check-batch": self.server.service.check_batch,
                  "/v1/rules": self.server.service.rules}
        route = routes.get(self.path.split("?", 1)[0])
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self.close_connection = True
            self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE if length > MAX_BODY
                       else HTTPStatus.BAD_REQUEST, {"error": "bad Content-Length"})
            return
        raw = self.rfile.read(length)  # read the body even when the path is wrong
        if route is None:
            self._send(HTTPStatus.NOT_FOUND, {"error": f"no such endpoint: POST {self.path}"})
            return
        try:
            body = json.loads(raw or b"null")
            if not isinstance(body, dict):
                raise BadRequest("the request body must be a JSON object")
            self._send(HTTPStatus.OK, route(body))
        except (BadRequest, NetlintError, ValueError) as exc:
            self._send(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
        except Exception as exc:  # a bug must not take the server down
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR,
                       {"error": f"internal error: {type(exc).__name__}: {exc}"})

    def _send(self, status: HTTPStatus, payload: Mapping[str, Any]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], service: Service, *, verbose: bool = False):
        self.service = service
        self.verbose = verbose
        super().__init__(address, _Handler)


def make_server(service: Service, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
                verbose: bool = False) -> _Server:
    """A server bound to ``host:port`` (port 0: any free port); call ``serve_forever``."""
    return _Server((host, port), service, verbose=verbose)


@contextmanager
def running(service: Service, host: str = DEFAULT_HOST, port: int = 0) -> Iterator[str]:
    """Serve in a background thread for the duration of a ``with`` block; yields the URL."""
    server = make_server(service, host, port)
    thread = threading.Thread(target=server.serve_forever, name="netlint-serve", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def serve(guide: str | None = None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
          verbose: bool = False, preload: bool = True) -> None:
    """Run until interrupted (what ``netlint serve`` does)."""
    service = Service(guide)
    started = time.perf_counter()
    if preload:
        service.preload()
    server = make_server(service, host, port, verbose=verbose)
    print(f"netlint: serving on http://{host}:{server.server_address[1]} "
          f"(ready in {time.perf_counter() - started:.1f} s; Ctrl-C to stop)",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
