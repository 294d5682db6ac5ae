"""``netlint check --server URL``: send drafts to a warm ``netlint serve``.

Drafts are read here, exactly as in a local run, and only their text and context
go to the server. Findings come back with offsets into the text and are placed
into the user's file here (with the draft's source map), so every output format
prints what a local run prints.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from .draft import Draft
from .engine import DraftResult, make_finding
from .errors import NetlintError
from .finding import Applicability, Edit, Finding, Fix, Hit, Severity
from .parallel import LinterSpec
from .rule import Rule

ENV_VAR = "NETLINT_SERVER"
BATCH = 64  # drafts per request in a batch


class ServerError(NetlintError):
    """The server cannot be reached or refused the request."""


@dataclass(frozen=True)
class _RuleRef:
    """What :func:`make_finding` reads from a rule."""

    code: str
    name: str
    category: str


def finding_from_dict(draft: Draft, d: dict[str, Any]) -> Finding:
    """Rebuild a finding the server found in ``draft.text``, placed in the draft's file."""
    fixes = tuple(
        Fix(fx["message"],
            tuple(Edit(e["text_start"], e["text_end"], e["replacement"]) for e in fx["edits"]),
            Applicability(fx["applicability"]))
        for fx in d["fixes"])
    custom_excerpt = d.get("excerpt_start", -1) == -1
    hit = Hit(d["text_start"], d["text_end"], d["message"], fixes,
              excerpt=d["excerpt"] if custom_excerpt else None)
    rule = cast(Rule, _RuleRef(d["code"], d["name"], d["category"]))
    return make_finding(draft, rule, Severity(d["severity"]), hit)


def _draft_payload(d: Draft) -> dict[str, Any]:
    payload: dict[str, Any] = {"text": d.text, "path": d.path}
    for key in ("customer", "channel", "customer_name", "id", "agent", "record"):
        value = getattr(d, key)
        if value is not None:
            payload[key] = value
    if d.template:
        payload["template"] = True
    return payload


class RemoteLinter:
    """Stands in for :class:`~netlint.engine.Linter` in a run, checking on a server."""

    def __init__(self, url: str, spec: LinterSpec, *, timeout: float = 120.0):
        parts = urlsplit(url if "://" in url else f"http://{url}")
        if parts.scheme != "http" or not parts.hostname:
            raise ServerError(f"--server '{url}': expected http://HOST:PORT")
        self.url = url
        self._host = parts.hostname
        self._port = parts.port or 80
        self._prefix = parts.path.rstrip("/")
        self._timeout = timeout
        self._conn: http.client.HTTPConnection | None = None
        # The guide this run would use locally, named so that the server finds it.
        from .guide.loader import discover

        guide = spec.guide or discover(Path(spec.cwd))
        self._common: dict[str, Any] = {
            "guide": str(Path(guide).resolve()) if Path(guide).exists() else guide}
        sel = spec.selection
        if sel is not None:
            if sel.select is not None:
                self._common["select"] = list(sel.select)
            if sel.extend_select:
                self._common["extend_select"] = list(sel.extend_select)
            if sel.ignore:
                self._common["ignore"] = list(sel.ignore)

    # -- transport --------------------------------------------------------------

    def _request(self, method: str, path: str, body: dict[str, Any] | None = None,
                 ) -> dict[str, Any]:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else None
        headers = {"Content-Type": "application/json"} if data is not None else {}
        for attempt in (1, 2):  # a kept-alive connection the server closed: retry once
            if self._conn is None:
                self._conn = http.client.HTTPConnection(self._host, self._port,
                                                        timeout=self._timeout)
            try:
                self._conn.request(method, self._prefix + path, body=data, headers=headers)
                resp = self._conn.getresponse()
                raw = resp.read()
                break
            except (OSError, http.client.HTTPException) as exc:
                self._conn.close()
                self._conn = None
                if attempt == 2 or not isinstance(
                        exc, (http.client.RemoteDisconnected, ConnectionResetError,
                              BrokenPipeError)):
                    raise ServerError(f"cannot reach the netlint server at {self.url}: "
                                      f"{exc} (start one with 'netlint serve')") from None
        try:
            payload = json.loads(raw)
        except ValueError:
            raise ServerError(f"{self.url}: not a netlint server (HTTP {resp.status}, "
                              f"body is not JSON)") from None
        if resp.status != 200:
            raise ServerError(f"server {self.url}: {payload.get('error', resp.reason)}")
        return cast(dict[str, Any], payload)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def health(self) -> dict[str, Any]:
        return self._request("GET", "/v1/health")

    # -- the Linter interface a run uses ----------------------------------------

    def enabled_codes(self, channel: str | None = None, path: str | None = None) -> set[str]:
        body = dict(self._common)
        if channel:
            body["channel"] = channel
        return set(self._request("POST", "/v1/rules", body)["enabled"])

    def check_result(self, draft: Draft, spacy_doc: Any = None) -> DraftResult:
        payload = self._request("POST", "/v1/check", {**self._common, **_draft_payload(draft)})
        return self._result(draft, payload)

    def check(self, draft: Draft) -> list[Finding]:
        return self.check_result(draft).findings

    def check_many(self, drafts: Iterable[Draft | DraftResult]) -> Iterator[DraftResult]:
        it = iter(drafts)
        while chunk := list(islice(it, BATCH)):
            todo = [d for d in chunk if isinstance(d, Draft)]
            done: Iterator[DraftResult] = iter(())
            if len(todo) == 1:
                done = iter([self.check_result(todo[0])])
            elif todo:
                payload = self._request("POST", "/v1/check-batch", {
                    **self._common, "drafts": [_draft_payload(d) for d in todo]})
                done = iter([self._result(d, r) for d, r in zip(todo, payload["results"],
                                                                 strict=True)])
            for item in chunk:
                yield item if isinstance(item, DraftResult) else next(done)

    @staticmethod
    def _result(draft: Draft, payload: dict[str, Any]) -> DraftResult:
        findings = [finding_from_dict(draft, d) for d in payload["findings"]]
        return DraftResult(draft, findings, path=draft.display_path,
                           skipped=tuple(payload.get("skipped", ())))
