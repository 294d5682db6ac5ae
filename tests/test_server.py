"""``netlint serve`` and ``netlint check --server``: a warm server on an ephemeral port,
the same findings as a local run, safe under concurrent requests."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from netlint import Draft, Linter, load_guide
from netlint.cli import main
from netlint.client import RemoteLinter, ServerError
from netlint.guide.model import Selection
from netlint.nlp import COMPONENTS
from netlint.parallel import LinterSpec
from netlint.server import Service, finding_dict, running

TIMEOUT = 30


@cache
def plain_codes() -> tuple[str, ...]:
    """Rules that need no spaCy (the server is warm either way; tests stay quick)."""
    probe = Linter(load_guide("default"), quiet_nlp=True)
    return tuple(sorted(c for c, r in probe.registry.rules.items()
                        if not (set(r.needs) & set(COMPONENTS))))


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running(Service("default")) as address:
        yield address


def call(url: str, method: str, path: str, body: Any = None,
         raw: bytes | None = None) -> tuple[int, dict[str, Any]]:
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=TIMEOUT)
    try:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None
                                            else None)
        conn.request(method, path, body=data)
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read())
    finally:
        conn.close()


DRAFT = ("hi sam!!! i checked ur order and it will DEFINITELY arrive tomorrow, "
         "we guarantee it")
CUSTOMER = "Where is my parcel? It was due on Monday."


def test_health(url: str) -> None:
    status, body = call(url, "GET", "/v1/health")
    assert status == 200 and body["status"] == "ok" and body["version"]


def test_check_returns_what_a_local_linter_finds(url: str) -> None:
    select = list(plain_codes())
    status, body = call(url, "POST", "/v1/check", {
        "text": DRAFT, "channel": "chat", "customer": CUSTOMER, "select": select})
    assert status == 200, body
    local = Linter(load_guide("default"), selection=Selection(select=tuple(select)),
                   quiet_nlp=True)
    expected = local.check(Draft(DRAFT, channel="chat", customer=CUSTOMER))
    assert expected and body["findings"] == [finding_dict(f) for f in expected]


def test_batch_keeps_order(url: str) -> None:
    drafts = [{"text": f"Hi, your order {i} ships TODAY!!!", "channel": "chat", "id": str(i)}
              for i in range(12)]
    status, body = call(url, "POST", "/v1/check-batch",
                        {"drafts": drafts, "select": list(plain_codes())})
    assert status == 200
    assert [r["findings"][0]["draft_id"] for r in body["results"]] == [str(i) for i in range(12)]


@pytest.mark.parametrize(("method", "path", "body", "status", "says"), [
    ("POST", "/v1/check", {"channel": "chat"}, 400, "'text'"),
    ("POST", "/v1/check", {"text": "hi", "template": "yes"}, 400, "'template'"),
    ("POST", "/v1/check", {"text": "hi", "select": "B101"}, 400, "'select'"),
    ("POST", "/v1/check", {"text": "hi", "select": ["Z999"]}, 400, "Z999"),
    ("POST", "/v1/check", {"text": "hi", "guide": "no-such-guide"}, 400, "no-such-guide"),
    ("POST", "/v1/check-batch", {"drafts": "hi"}, 400, "'drafts'"),
    ("POST", "/v1/nothing", {}, 404, "no such endpoint"),
    ("GET", "/v1/nothing", None, 404, "no such endpoint"),
])
def test_bad_requests_get_a_clear_error(url: str, method: str, path: str, body: Any,
                                        status: int, says: str) -> None:
    got, payload = call(url, method, path, body)
    assert got == status and says in payload["error"]


def test_invalid_json_is_a_bad_request(url: str) -> None:
    got, payload = call(url, "POST", "/v1/check", raw=b"{not json")
    assert got == 400 and payload["error"]


def test_concurrent_requests_get_their_own_results(url: str) -> None:
    select = list(plain_codes())
    texts = [f"hi!!! order {i} is DEFINITELY late, sorry" + " really" * (i % 7)
             for i in range(24)]
    sequential = [call(url, "POST", "/v1/check", {"text": t, "select": select})[1]
                  for t in texts]
    with ThreadPoolExecutor(8) as pool:
        parallel = list(pool.map(
            lambda t: call(url, "POST", "/v1/check", {"text": t, "select": select})[1], texts))
    assert parallel == sequential


def test_an_edited_guide_is_reloaded(url: str, tmp_path: Path) -> None:
    guide = tmp_path / "netlint.yml"
    guide.write_text("extends: default\nselect: [B101]\n", encoding="utf-8")
    body = {"text": "Hi, " + "word " * 40 + "end.", "guide": str(guide), "channel": "chat"}
    assert [f["code"] for f in call(url, "POST", "/v1/check", body)[1]["findings"]] == ["B101"]
    guide.write_text("extends: default\nselect: [N]\nignore: [N]\n", encoding="utf-8")
    import os

    os.utime(guide, ns=(1, 10**18))  # a different mtime even within one clock tick
    assert call(url, "POST", "/v1/check", body)[1]["findings"] == []


# -- the client --------------------------------------------------------------------


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reply.txt").write_text(
        "hi sam!!!\n\ni checked ur order, it will DEFINITELY arrive tomorrow\n", "utf-8")
    with (tmp_path / "batch.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(70):  # more than one request's worth
            fh.write(json.dumps({"id": str(i), "reply": f"Thx!!! ur order {i} \"ships\" "
                                 "TODAY. " * (1 + i % 3), "channel": "chat"}) + "\n")
        fh.write("[1, 2]\n")
    return tmp_path


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "jsonl"])
def test_check_with_server_prints_what_a_local_run_prints(url: str, work: Path,
                                                          fmt: str) -> None:
    args = ["check", "reply.txt", "batch.jsonl", "--format", fmt, "--no-color",
            "--select", ",".join(plain_codes()), "--jobs", "1"]
    runner = CliRunner()
    local = runner.invoke(main, args)
    remote = runner.invoke(main, [*args, "--server", url])
    via_env = runner.invoke(main, args, env={"NETLINT_SERVER": url})
    assert local.exit_code == 2  # the "[1, 2]" line
    assert remote.output == local.output == via_env.output
    assert remote.exit_code == local.exit_code == via_env.exit_code
    # Positions point into the user's files (line 3 of reply.txt), not into the text sent.
    assert "reply.txt:3:" in local.output or '"line": 3,' in local.output


def test_fix_through_the_server(url: str, work: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["check", "reply.txt", "--diff", "--select", "G140",
                               "--server", url])
    assert "+I checked ur order" in res.output


def test_unreachable_server_is_an_error_not_a_traceback(work: Path) -> None:
    res = CliRunner().invoke(main, ["check", "reply.txt", "--server", "http://127.0.0.1:9"])
    assert res.exit_code == 2
    assert "cannot reach the netlint server" in res.output


def test_remote_linter_names_the_discovered_guide(url: str, work: Path) -> None:
    (work / "netlint.yml").write_text("extends: default\nselect: [B101]\n", encoding="utf-8")
    remote = RemoteLinter(url, LinterSpec.of(None))
    assert remote.enabled_codes() == {"B101"}
    with pytest.raises(ServerError, match="Z999"):
        RemoteLinter(url, LinterSpec.of(None, Selection(select=("Z999",)))).enabled_codes()
