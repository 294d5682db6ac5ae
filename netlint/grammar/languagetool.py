"""LanguageTool as an optional engine: a team's own server, or a local install.

Server mode talks to ``/v2/check`` with the standard library (``urllib``), so it
needs no extra package. Drafts leave the machine only in this mode, only when
the guide names a URL, and ``--verbose`` says where they go.

Local mode (no URL) uses ``language-tool-python`` when it is installed (the
``languagetool`` extra; GPL-3.0, needs Java). It is never imported otherwise.

Placeholders, URLs, handles and quoted customer text are sent as markup with a
neutral stand-in (LanguageTool's ``data`` annotation), so the engine sees a
grammatical sentence, nothing is reported inside them, and the offsets it
returns still point into the draft.
"""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from typing import Any

from ..text import Span
from .backend import BackendUnavailable, Match, drop_accepted, outside

# What LanguageTool reads in place of a masked span.
STAND_IN = "Alex"

SPELLING_CATEGORIES = frozenset({"TYPOS"})


def check_url(url: str) -> str:
    """The full ``/v2/check`` endpoint for a base URL as a team would write it."""
    url = url.rstrip("/")
    if url.endswith("/v2/check"):
        return url
    if url.endswith("/v2"):
        return url + "/check"
    return url + "/v2/check"


def annotation(text: str, masked: Sequence[Span]) -> dict[str, list[dict[str, str]]]:
    """LanguageTool's ``data`` document: plain text, with masked spans as markup."""
    parts: list[dict[str, str]] = []
    pos = 0
    for span in sorted(masked, key=lambda s: s.start):
        if span.start < pos:
            continue
        if span.start > pos:
            parts.append({"text": text[pos:span.start]})
        stand_in = f'"{STAND_IN}"' if span.kind == "quote" else STAND_IN
        parts.append({"markup": text[span.start:span.end], "interpretAs": stand_in})
        pos = span.end
    if pos < len(text):
        parts.append({"text": text[pos:]})
    return {"annotation": parts}


def utf16_to_index(text: str) -> list[int]:
    """Python index of each UTF-16 offset (LanguageTool is Java: offsets count
    UTF-16 code units, so an emoji before an error shifts it by one)."""
    table: list[int] = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) > 0xFFFF:
            table.append(i)
    table.append(len(text))
    return table


def matches_from_json(payload: dict[str, Any], text: str) -> list[Match]:
    """LanguageTool's ``matches`` as netlint matches (draft offsets)."""
    table = utf16_to_index(text) if any(ord(c) > 0xFFFF for c in text) else None
    out = []
    for m in payload.get("matches") or ():
        rule = m.get("rule") or {}
        cat = rule.get("category") or {}
        start, length = int(m["offset"]), int(m["length"])
        end = start + length
        if table is not None:
            start, end = table[min(start, len(table) - 1)], table[min(end, len(table) - 1)]
        reps = tuple(r.get("value", "") for r in (m.get("replacements") or ())[:3])
        out.append(Match(
            start=start, end=end, rule_id=str(rule.get("id", "UNKNOWN")),
            message=str(m.get("message") or m.get("shortMessage") or "Possible problem."),
            category=str(cat.get("id", "")), replacements=reps,
            spelling=cat.get("id") in SPELLING_CATEGORIES
            or str(rule.get("issueType", "")) == "misspelling"))
    return out


class LanguageToolServer:
    """A LanguageTool HTTP server (a team's own). One instance per run."""

    name = "languagetool"

    def __init__(self, url: str, *, language: str = "en-US", timeout: float = 5.0,
                 disabled_rules: Sequence[str] = (), enabled_rules: Sequence[str] = (),
                 level: str = "default"):
        self.endpoint = check_url(url)
        self.language = language
        self.timeout = timeout
        self.disabled_rules = tuple(disabled_rules)
        self.enabled_rules = tuple(enabled_rules)
        self.level = level

    def where(self) -> str:
        return self.endpoint

    def _params(self, text: str, masked: Sequence[Span]) -> dict[str, str]:
        params = {"language": self.language,
                  "data": json.dumps(annotation(text, masked), ensure_ascii=False)}
        if self.disabled_rules:
            params["disabledRules"] = ",".join(self.disabled_rules)
        if self.enabled_rules:
            params["enabledRules"] = ",".join(self.enabled_rules)
        if self.level != "default":
            params["level"] = self.level
        return params

    def check(self, text: str, masked: Sequence[Span], accepted: frozenset[str]) -> list[Match]:
        body = urllib.parse.urlencode(self._params(text, masked)).encode("utf-8")
        req = urllib.request.Request(self.endpoint, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                payload = json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()[:1]
            raise BackendUnavailable(f"LanguageTool at {self.endpoint} answered HTTP "
                                     f"{exc.code}{': ' + detail[0] if detail else ''}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise BackendUnavailable(f"LanguageTool at {self.endpoint} is unreachable "
                                     f"({reason or 'timed out'})") from None
        except (ValueError, OSError) as exc:
            raise BackendUnavailable(f"LanguageTool at {self.endpoint} sent an unreadable "
                                     f"answer ({exc})") from None
        if not isinstance(payload, dict):
            raise BackendUnavailable(f"LanguageTool at {self.endpoint} sent an unexpected answer")
        matches = [m for m in matches_from_json(payload, text) if outside(m, masked)]
        return drop_accepted(matches, text, accepted)


class LanguageToolLocal:
    """LanguageTool run on this machine through language-tool-python (needs Java)."""

    name = "languagetool"

    def __init__(self, *, language: str = "en-US", disabled_rules: Sequence[str] = (),
                 enabled_rules: Sequence[str] = ()):
        try:
            import language_tool_python  # GPL-3.0, optional: the 'languagetool' extra
        except ImportError:
            raise BackendUnavailable(
                "grammar backend 'languagetool' has no 'url' and language-tool-python is not "
                "installed (pip install 'netlint[languagetool]', or set grammar.url to a "
                "LanguageTool server)") from None
        if shutil.which("java") is None:
            raise BackendUnavailable("local LanguageTool needs Java, which is not installed")
        try:
            self._tool = language_tool_python.LanguageTool(language)
        except Exception as exc:  # the package downloads LanguageTool on first use
            raise BackendUnavailable(f"local LanguageTool could not start ({exc})") from None
        for rule in disabled_rules:
            self._tool.disabled_rules.add(rule)
        for rule in enabled_rules:
            self._tool.enabled_rules.add(rule)

    def where(self) -> str:
        return "this machine (local LanguageTool)"

    def check(self, text: str, masked: Sequence[Span], accepted: frozenset[str]) -> list[Match]:
        from .backend import blank

        try:
            found = self._tool.check(blank(text, masked))
        except Exception as exc:
            raise BackendUnavailable(f"local LanguageTool failed ({exc})") from None
        matches = []
        for m in found:
            start = int(getattr(m, "offset", 0))
            length = int(getattr(m, "error_length", getattr(m, "errorLength", 0)))
            category = str(getattr(m, "category", ""))
            matches.append(Match(
                start=start, end=start + length,
                rule_id=str(getattr(m, "rule_id", getattr(m, "ruleId", "UNKNOWN"))),
                message=str(getattr(m, "message", "")), category=category,
                replacements=tuple(getattr(m, "replacements", ())[:3]),
                spelling=category in SPELLING_CATEGORIES))
        matches = [m for m in matches if outside(m, masked)]
        return drop_accepted(matches, text, accepted)
