"""``netlint lsp``: a real server process spoken to over stdio, and its position maths."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")

from lsprotocol import types as lsp

from netlint.lsp import (
    Checker,
    Settings,
    client_column,
    code_actions,
    lsp_position,
    ranges_touch,
)
from tests.lsp_client import LspClient

SERVER = [sys.executable, "-m", "netlint", "lsp"]
# An emoji (two UTF-16 code units) before the typo and the guarantee on line 3.
DRAFT = ("Hi Sam,\n"
         "\n"
         "Thanks 🙂 for your message — we recieved your order and we guarantee a refund "
         "by Friday.\n"
         "\n"
         "Best regards,\n"
         "Tom\n")


def rng(line: int, start: int, end: int) -> dict[str, Any]:
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


def by_code(diags: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {d["code"]: d for d in diags}


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """Apply LSP TextEdits (UTF-16 positions) to ``text``."""
    lines = text.split("\n")

    def offset(pos: dict[str, int]) -> int:
        line = lines[pos["line"]]
        units = 0
        col = 0
        while units < pos["character"]:
            units += 2 if ord(line[col]) > 0xFFFF else 1
            col += 1
        return sum(len(x) + 1 for x in lines[:pos["line"]]) + col

    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"],
                                          e["range"]["start"]["character"]), reverse=True):
        s, t = offset(e["range"]["start"]), offset(e["range"]["end"])
        text = text[:s] + e["newText"] + text[t:]
    return text


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lsp")
    (root / "netlint.yml").write_text("extends: default\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def client(folder: Path) -> Iterator[LspClient]:
    c = LspClient(SERVER, cwd=folder)
    try:
        result = c.initialize(folder, {"debounce_ms": 100})
        caps = result["capabilities"]
        assert caps["positionEncoding"] == "utf-16"
        assert caps["textDocumentSync"]["change"] == 1  # full sync
        assert caps["codeActionProvider"]
        yield c
    finally:
        c.close()


def open_doc(client: LspClient, folder: Path, name: str, text: str,
             language_id: str = "markdown") -> tuple[str, list[dict[str, Any]]]:
    uri = (folder / name).as_uri()
    client.open(uri, text, language_id)
    _, diags = client.diagnostics(uri, 1)
    return uri, diags


def test_diagnostics_have_codes_and_utf16_ranges(client: LspClient, folder: Path) -> None:
    _, diags = open_doc(client, folder, "ranges.md", DRAFT)
    found = by_code(diags)
    assert {"E100", "G100", "R100"} <= set(found)
    # 'recieved' is code points 31-39 of line 3; the emoji before it is two UTF-16 units.
    assert found["G100"]["range"] == rng(2, 32, 40)
    assert found["R100"]["range"] == rng(2, 56, 68)  # 'we guarantee'
    assert found["E100"]["range"] == rng(2, 7, 9)  # the emoji itself: two units wide
    assert found["G100"]["severity"] == lsp.DiagnosticSeverity.Warning
    assert found["R100"]["severity"] == lsp.DiagnosticSeverity.Error
    assert all(d["source"] == "netlint" for d in diags)
    assert "recieved" in found["G100"]["message"]


def test_change_to_fixed_text_clears_the_finding(client: LspClient, folder: Path) -> None:
    uri, diags = open_doc(client, folder, "change.md", DRAFT)
    assert "G100" in by_code(diags)
    client.change(uri, DRAFT.replace("recieved", "received"), 2)
    _, diags = client.diagnostics(uri, 2)
    assert "G100" not in by_code(diags)
    assert "R100" in by_code(diags)  # the guarantee is still there


def test_changes_are_debounced(client: LspClient, folder: Path) -> None:
    uri, _ = open_doc(client, folder, "typing.md", DRAFT)
    words = ["we", "we rec", "we recie", "we recieve", "we received"]
    client.send(*(client.change_message(uri, DRAFT.replace("we recieved", w), v)
                  for v, w in enumerate(words, 2)))
    _, diags = client.diagnostics(uri, 6)
    assert "G100" not in by_code(diags)
    published = [m["params"].get("version") for m in
                 client.messages("textDocument/publishDiagnostics") if m["params"]["uri"] == uri]
    assert published == [1, 6]  # one check for the burst, on the last text


def request_actions(client: LspClient, uri: str, diag: dict[str, Any]) -> list[dict[str, Any]]:
    return client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diag["range"],
        "context": {"diagnostics": [diag]}}) or []


def test_code_action_fixes_the_typo(client: LspClient, folder: Path) -> None:
    uri, diags = open_doc(client, folder, "fix.md", DRAFT)
    actions = request_actions(client, uri, by_code(diags)["G100"])
    fix = next(a for a in actions if "received" in a["title"])
    assert fix["kind"] == "quickfix"
    assert not fix.get("isPreferred")  # a spelling suggestion is an unsafe fix
    assert fix["diagnostics"][0]["code"] == "G100"
    edits = fix["edit"]["changes"][uri]
    assert edits == [{"range": rng(2, 32, 40), "newText": "received"}]
    fixed = apply_edits(DRAFT, edits)
    assert "we received your order" in fixed
    # A client asking only for source actions gets no quick fixes.
    assert client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": by_code(diags)["G100"]["range"],
        "context": {"diagnostics": [], "only": ["source"]}}) is None
    client.change(uri, fixed, 2)
    _, diags = client.diagnostics(uri, 2)
    assert "G100" not in by_code(diags)


def test_safe_fix_is_preferred(client: LspClient, folder: Path) -> None:
    text = "Hi Sam,\n\nThanks 🙂 for waiting!!! Your parcel ships today.\n\nBest regards,\nTom\n"
    uri, diags = open_doc(client, folder, "safe.md", text)
    actions = request_actions(client, uri, by_code(diags)["N101"])
    fix = next(a for a in actions if a["diagnostics"][0]["code"] == "N101"
               and "edit" in a and a["title"].startswith("Replace"))
    assert fix["isPreferred"] is True
    assert "waiting! Your" in apply_edits(text, fix["edit"]["changes"][uri])


def test_suppression_action_in_markdown(client: LspClient, folder: Path) -> None:
    uri, diags = open_doc(client, folder, "suppress.md", DRAFT)
    actions = request_actions(client, uri, by_code(diags)["R100"])
    action = next(a for a in actions if a["title"] == "netlint: disable R100 for this line")
    text = apply_edits(DRAFT, action["edit"]["changes"][uri])
    assert "<!-- netlint-disable-next-line R100 -->\nThanks 🙂" in text
    client.change(uri, text, 2)
    _, diags = client.diagnostics(uri, 2)
    codes = set(by_code(diags))
    assert "R100" not in codes and "X100" not in codes
    assert "G100" in codes  # only the one rule is disabled
    # A second code joins the directive already above the line.
    actions = request_actions(client, uri, by_code(diags)["G100"])
    action = next(a for a in actions if a["title"] == "netlint: disable G100 for this line")
    text = apply_edits(text, action["edit"]["changes"][uri])
    assert "<!-- netlint-disable-next-line R100, G100 -->\nThanks" in text


def test_plain_text_offers_no_comment(client: LspClient, folder: Path) -> None:
    """A comment in a plain-text reply would be sent to the customer."""
    uri, diags = open_doc(client, folder, "reply.txt", DRAFT, "plaintext")
    actions = request_actions(client, uri, by_code(diags)["G100"])
    assert actions and not any("disable" in a["title"] for a in actions)


def test_email_positions_point_into_the_file(client: LspClient, folder: Path) -> None:
    eml = ("From: Tom <tom@example.com>\nTo: sam@example.com\nSubject: Re: order\n\n"
           "Hi Sam, 🙂 we recieved your order.\n\nTom\n\n"
           "On Mon, 2 Jan 2026, Sam wrote:\n> Where is my order?\n")
    uri, diags = open_doc(client, folder, "reply.eml", eml, "plaintext")
    g100 = by_code(diags)["G100"]
    assert g100["range"] == rng(4, 14, 22)
    fix = next(a for a in request_actions(client, uri, g100) if "received" in a["title"])
    assert fix["edit"]["changes"][uri] == [{"range": rng(4, 14, 22), "newText": "received"}]
    # The quoted history is the customer's message, not the draft.
    assert all(d["range"]["start"]["line"] < 8 for d in diags)


def test_bad_guide_is_one_message_then_recovers(tmp_path: Path) -> None:
    """Also: initializationOptions, configuration changes, and a clean shutdown/exit."""
    guide = tmp_path / "netlint.yml"
    guide.write_text("extends: default\nrules: [not, a, mapping]\n", encoding="utf-8")
    c = LspClient(SERVER, cwd=tmp_path)
    try:
        c.initialize(tmp_path, {"debounce_ms": 50, "customer": "Where is my order?"})
        uri = (tmp_path / "reply.md").as_uri()
        c.open(uri, DRAFT)
        _, shown = c.wait_for(lambda m: m.get("method") == "window/showMessage")
        assert shown["params"]["type"] == lsp.MessageType.Error
        assert str(guide) in shown["params"]["message"]
        _, diags = c.diagnostics(uri, 1)
        assert diags == []
        c.change(uri, DRAFT + "\nThanks again.\n", 2)
        c.diagnostics(uri, 2)
        assert len(c.messages("window/showMessage")) == 1  # not once per keystroke
        guide.write_text("extends: default\n", encoding="utf-8")
        c.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        _, diags = c.diagnostics(uri, 2)
        assert {"G100", "R100"} <= set(by_code(diags))
        # Settings from the client: a narrower selection and the chat channel.
        c.notify("workspace/didChangeConfiguration", {"settings": {"netlint": {
            "channel": "chat", "select": ["G100", "E100", "R100"], "ignore": "R100"}}})
        _, diags = c.diagnostics(uri, 2)
        codes = set(by_code(diags))
        assert "G100" in codes and codes <= {"G100", "E100"}
    finally:
        status = c.close()
    assert status == 0


# -- in-process: positions, settings, and errors that must not stop the server --------


def test_client_column_counts_utf16_units() -> None:
    line = "a🙂b👍🏽c—d"
    assert client_column(line, 0) == 0
    assert client_column(line, 1) == 1
    assert client_column(line, 2) == 3  # after the emoji: two units
    assert client_column(line, 5) == 8  # thumbs up + skin tone: two astral characters
    assert client_column(line, 7) == 10  # the em dash is one unit
    assert client_column(line, 2, lsp.PositionEncodingKind.Utf8) == 5
    assert client_column(line, 2, lsp.PositionEncodingKind.Utf32) == 2


def test_lsp_position_is_zero_based_and_clamped() -> None:
    lines = "Hi 🙂 there\r\nwe recieved it".split("\n")
    assert lsp_position(lines, 1, 1) == lsp.Position(0, 0)
    assert lsp_position(lines, 1, 6) == lsp.Position(0, 6)  # 'there': emoji before it
    assert lsp_position(lines, 2, 4) == lsp.Position(1, 3)
    assert lsp_position(lines, 1, 99) == lsp.Position(0, 11)  # not past the '\r'
    assert lsp_position(lines, 9, 1) == lsp.Position(1, 0)
    assert lsp_position([], 1, 1) == lsp.Position(0, 0)


def test_ranges_touch() -> None:
    a = lsp.Range(lsp.Position(2, 5), lsp.Position(2, 9))
    assert ranges_touch(a, lsp.Range(lsp.Position(2, 9), lsp.Position(2, 9)))
    assert ranges_touch(a, lsp.Range(lsp.Position(0, 0), lsp.Position(5, 0)))
    assert not ranges_touch(a, lsp.Range(lsp.Position(2, 10), lsp.Position(2, 12)))
    assert not ranges_touch(a, lsp.Range(lsp.Position(1, 0), lsp.Position(2, 4)))


def test_settings_are_checked() -> None:
    s, problems = Settings().updated({"netlint": {"channel": "Twitter", "select": "G1, R",
                                                  "debounce-ms": 300, "unrelated": 1}})
    assert (s.channel, s.select, s.debounce_ms, problems) == ("social", ("G1", "R"), 300, [])
    s2, problems = s.updated({"channel": "fax", "debounce_ms": -1, "guide": 3})
    assert s2 == s and len(problems) == 3


def test_reader_and_rule_errors_do_not_escape(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "netlint.yml").write_text("extends: default\n", encoding="utf-8")
    checker = Checker(str(tmp_path))
    settings = Settings()
    uri = (tmp_path / "reply.md").as_uri()
    linter = checker.linter(str(tmp_path), settings)
    rule = linter.registry.rules["R100"]

    def boom(*args: object) -> None:
        raise RuntimeError("rule bug")

    monkeypatch.setattr(rule, "check", boom)
    checked = checker.check(uri, DRAFT, "markdown", 1, settings, "utf-16")
    codes = [f.code for f, _, _ in checked.findings]
    assert "G100" in codes  # the other rules still report
    assert any("internal error in rule R100" in f.message for f, _, _ in checked.findings)

    def broken_reader(*args: object, **kwargs: object) -> None:
        raise RuntimeError("reader bug")

    monkeypatch.setattr("netlint.lsp.read_text", broken_reader)
    checked = checker.check(uri, DRAFT, "markdown", 2, settings, "utf-16")
    assert checked.findings == [] and "reader bug" in checked.notes[0]


def test_tcp_mode(tmp_path: Path) -> None:
    import socket
    import subprocess

    from tests.lsp_client import frame, read_message

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([*SERVER, "--tcp", f"127.0.0.1:{port}"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            try:
                conn = socket.create_connection(("127.0.0.1", port), timeout=10)
                break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("the server did not listen")
        with conn, conn.makefile("rwb") as stream:
            stream.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                "processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}}))
            stream.flush()
            reply = read_message(stream)
            assert reply is not None and reply["result"]["serverInfo"]["name"] == "netlint"
            stream.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
            stream.flush()
            assert read_message(stream) == {"jsonrpc": "2.0", "id": 2, "result": None}
            stream.write(frame({"jsonrpc": "2.0", "method": "exit"}))
            stream.flush()
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    assert b"Traceback" not in err


def test_linters_are_kept_per_guide_file(tmp_path: Path) -> None:
    (tmp_path / "netlint.yml").write_text("extends: default\n", encoding="utf-8")
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "netlint.yml").write_text("extends: casual-chat\n", encoding="utf-8")
    checker = Checker(str(tmp_path))
    settings = Settings()
    top = checker.linter(str(tmp_path), settings)
    assert checker.linter(str(tmp_path / "a" / "deep"), settings) is top
    other = checker.linter(str(tmp_path / "b"), settings)
    assert other is not top and other.guide.sources[-1] == str(tmp_path / "b" / "netlint.yml")
    # An edit to the guide file builds a new linter at the next check.
    guide = tmp_path / "netlint.yml"
    guide.write_text("extends: default\nignore: [R100]\n", encoding="utf-8")
    st = guide.stat()
    os.utime(guide, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    fresh = checker.linter(str(tmp_path), settings)
    assert fresh is not top and "R100" not in fresh.enabled_codes()


def test_versioned_edits_when_the_client_supports_them(tmp_path: Path) -> None:
    (tmp_path / "netlint.yml").write_text("extends: default\n", encoding="utf-8")
    uri = (tmp_path / "reply.md").as_uri()
    checked = Checker(str(tmp_path)).check(uri, DRAFT, "markdown", 7, Settings(), "utf-16")
    [g100] = [d for _, _, d in checked.findings if d.code == "G100"]
    plain = code_actions(uri, checked, g100.range)
    versioned = code_actions(uri, checked, g100.range, versioned=True)
    assert len(plain) == len(versioned) > 1
    for a, b in zip(plain, versioned, strict=True):
        assert a.edit is not None and b.edit is not None and b.edit.changes is None
        [doc_edit] = b.edit.document_changes  # type: ignore[misc]
        assert isinstance(doc_edit, lsp.TextDocumentEdit)
        assert doc_edit.text_document.version == 7
        assert doc_edit.edits == a.edit.changes[uri]  # type: ignore[index]
