"""The LanguageTool backend against a local stand-in server (and a real one when
NETLINT_LANGUAGETOOL_URL is set)."""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from netlint import Draft, Linter
from netlint.grammar.backend import BackendUnavailable
from netlint.grammar.config import GrammarConfig
from netlint.grammar.languagetool import LanguageToolServer, annotation, check_url
from netlint.guide.model import Guide, Selection
from netlint.text import Span

from .grammar_helpers import grammar_registry


class FakeLanguageTool(BaseHTTPRequestHandler):
    """Answers /v2/check like LanguageTool: flags 'a' before 'apple', and any 'teh'."""

    requests: list[dict[str, list[str]]] = []
    delay = 0.0

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
        type(self).requests.append(form)
        if self.path != "/v2/check":
            self.send_error(404)
            return
        if type(self).delay:
            time.sleep(type(self).delay)
        parts = json.loads(form["data"][0])["annotation"]
        # The engine sees markup as its stand-in; offsets count the markup.
        text = "".join(p.get("text", p.get("markup", "")) for p in parts)
        matches: list[dict[str, Any]] = []
        disabled = set(",".join(form.get("disabledRules", [""])).split(","))
        for word, rule, cat, rep in (("a apple", "EN_A_VS_AN", "MISC", "an apple"),
                                     ("teh", "MORFOLOGIK_RULE_EN_US", "TYPOS", "the"),
                                     ("Zorblax", "MORFOLOGIK_RULE_EN_US", "TYPOS", "Zorba")):
            start = text.find(word)
            while start != -1:
                if rule not in disabled:
                    matches.append({
                        "message": f"Possible mistake: {word}", "shortMessage": "",
                        # Java counts UTF-16 code units, as the real server does.
                        "offset": len(text[:start].encode("utf-16-le")) // 2,
                        "length": len(word.encode("utf-16-le")) // 2,
                        "replacements": [{"value": rep}],
                        "rule": {"id": rule, "description": "d", "issueType": "grammar",
                                 "category": {"id": cat, "name": cat}}})
                start = text.find(word, start + 1)
        body = json.dumps({"software": {"name": "LanguageTool"}, "matches": matches}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):  # the client gave up (timeout test)
            self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeLanguageTool)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _reset() -> None:
    FakeLanguageTool.requests = []
    FakeLanguageTool.delay = 0.0


def _linter(section: dict[str, Any], accept: list[str] | None = None) -> Linter:
    guide = Guide({"name": "t", "grammar": section, "vocabulary": {"accept": accept or []}})
    return Linter(guide, selection=Selection(select=("G300",)), registry=grammar_registry(),
                  quiet_nlp=True)


def test_matches_become_findings_with_languagetool_rule_id(server: str) -> None:
    linter = _linter({"backend": "languagetool", "url": server})
    found = linter.check(Draft("I ate a apple today."))
    assert [f.code for f in found] == ["G300"]
    f = found[0]
    assert (f.text_start, f.text_end) == (6, 13)
    assert "EN_A_VS_AN" in f.message and "LanguageTool" in f.message
    assert f.fixes[0].edits[0].replacement == "an apple"
    assert f.fixes[0].applicability.value == "unsafe"


def test_one_client_serves_the_whole_run(server: str) -> None:
    linter = _linter({"backend": "languagetool", "url": server})
    for text in ("I ate a apple.", "teh parcel", "fine"):
        linter.check(Draft(text))
    rule = linter.registry.rules["G300"]
    assert len(rule._engines) == 1
    assert len(FakeLanguageTool.requests) == 3


def test_placeholders_and_quotes_are_masked_with_offsets_kept(server: str) -> None:
    linter = _linter({"backend": "languagetool", "url": server})
    text = 'Hi {{ first_name }}, you wrote "teh box" but I ate a apple.'
    found = linter.check(Draft(text))
    assert len(found) == 1
    assert text[found[0].text_start:found[0].text_end] == "a apple"
    parts = json.loads(FakeLanguageTool.requests[0]["data"][0])["annotation"]
    markups = [p["markup"] for p in parts if "markup" in p]
    assert "{{ first_name }}" in markups and '"teh box"' in markups
    assert "".join(p.get("text", p.get("markup", "")) for p in parts) == text


def test_disabled_rules_and_language_are_sent(server: str) -> None:
    linter = _linter({"backend": "languagetool", "url": server, "language": "en-GB",
                      "disabled-rules": ["EN_A_VS_AN"]})
    assert linter.check(Draft("I ate a apple.")) == []
    form = FakeLanguageTool.requests[0]
    assert form["disabledRules"] == ["EN_A_VS_AN"] and form["language"] == ["en-GB"]


def test_guide_vocabulary_is_not_reported_as_spelling(server: str) -> None:
    linter = _linter({"backend": "languagetool", "url": server}, accept=["Zorblax"])
    assert linter.check(Draft("Your Zorblax order is ready.")) == []
    linter = _linter({"backend": "languagetool", "url": server})
    assert [f.code for f in linter.check(Draft("Your Zorblax order is ready."))] == ["G300"]


def test_builtin_findings_are_not_repeated_by_the_engine(server: str) -> None:
    guide = Guide({"name": "t", "grammar": {"backend": "languagetool", "url": server}})
    linter = Linter(guide, selection=Selection(select=("G110", "G300")),
                    registry=grammar_registry(), quiet_nlp=True)
    found = linter.check(Draft("I ate a apple."))
    assert [f.code for f in found] == ["G110"]


def test_unreachable_server_warns_once_and_falls_back(capsys: pytest.CaptureFixture[str]) -> None:
    guide = Guide({"name": "t", "grammar": {"backend": "languagetool",
                                           "url": "http://127.0.0.1:9", "timeout": 2}})
    linter = Linter(guide, selection=Selection(select=("G110", "G300")),
                    registry=grammar_registry(), quiet_nlp=True)
    start = time.perf_counter()
    for _ in range(3):
        found = linter.check(Draft("I sent a email."))
        assert [f.code for f in found] == ["G110"]
    assert time.perf_counter() - start < 5
    err = capsys.readouterr().err
    assert err.count("unreachable") == 1 and "built-in" in err


def test_slow_server_times_out_instead_of_hanging(server: str) -> None:
    FakeLanguageTool.delay = 1.5
    backend = LanguageToolServer(server, timeout=0.3)
    start = time.perf_counter()
    with pytest.raises(BackendUnavailable, match="unreachable"):
        backend.check("I ate a apple.", [], frozenset())
    assert time.perf_counter() - start < 1.4


def test_http_error_is_reported_as_unavailable(server: str) -> None:
    backend = LanguageToolServer(server + "/nowhere/v2/check")
    with pytest.raises(BackendUnavailable, match="HTTP 404"):
        backend.check("text", [], frozenset())


def test_offsets_after_an_emoji_are_converted_from_utf16(server: str) -> None:
    linter = _linter({"backend": "languagetool", "url": server})
    text = "Thanks 🎉 I ate a apple."
    (f,) = linter.check(Draft(text))
    assert text[f.text_start:f.text_end] == "a apple"


def test_url_forms_and_verbose_description() -> None:
    assert check_url("http://lt:8081") == "http://lt:8081/v2/check"
    assert check_url("http://lt:8081/v2/") == "http://lt:8081/v2/check"
    cfg = GrammarConfig.from_section({"backend": "languagetool", "url": "http://lt:8081"})
    assert cfg.sends_off_machine and "http://lt:8081/v2/check" in cfg.describe()
    assert "stay on this machine" in GrammarConfig().describe()


def test_annotation_keeps_every_character() -> None:
    text = "Hi @sam, see https://x.io now"
    spans = [Span(3, 7, "@sam", "handle"), Span(13, 25, "https://x.io", "url")]
    parts = annotation(text, spans)["annotation"]
    assert "".join(p.get("text", p.get("markup", "")) for p in parts) == text


def test_local_mode_without_package_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def fake_import(name: str, *a: Any, **k: Any) -> Any:
        if name == "language_tool_python":
            raise ImportError(name)
        return real_import(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(BackendUnavailable, match="language-tool-python"):
        GrammarConfig.from_section({"backend": "languagetool"}).build()


@pytest.mark.skipif(not os.environ.get("NETLINT_LANGUAGETOOL_URL"),
                    reason="set NETLINT_LANGUAGETOOL_URL to test against a real server")
def test_real_languagetool_server() -> None:
    linter = _linter({"backend": "languagetool", "url": os.environ["NETLINT_LANGUAGETOOL_URL"]})
    found = linter.check(Draft("I have a apple and {{ first_name }} have two orange."))
    assert any("EN_A_VS_AN" in f.message for f in found)
    assert not any("first_name" in f.excerpt[f.excerpt_start:] for f in found
                   if f.excerpt_start >= 0 and f.text_start > 18 and f.text_end < 36)
