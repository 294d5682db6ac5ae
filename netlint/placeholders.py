"""Template placeholders: found before language rules run, so nothing fires inside one.

Each syntax is one regular expression (the guide may choose syntaxes and add its
own under ``placeholders.custom``). A few syntaxes only make sense away from
code and links, so matches are filtered with the context of the whole text:

- template-engine syntaxes (Liquid / Handlebars, Help Scout, osTicket) are
  rendered wherever they stand, even inside code spans and HTML attributes;
- the looser ones (``{name}``, ``%NAME%``, ``[Name]``, ``<NAME>``, bare ``XXX``,
  ``@username``) are not looked for inside Markdown code spans and fenced
  blocks, where ``$remote``, ``{id}`` or ``XXXXXX`` are literal text;
- ``%NAME%`` is not looked for inside URLs, where ``%20is%20`` is percent-encoding;
- ``<Name>`` is not a placeholder when the text closes it (``</Steps>``: a JSX
  or HTML element) or when it names an HTML element;
- ``[Name]`` is not a placeholder when it is a Markdown link (``[text](url)``,
  ``[text][ref]``, or a ``[ref]`` with a ``[ref]: url`` definition) or a task box.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from . import regexcache as rc
from .suppress import comment_spans
from .text import URL_RE, Span

# The words a URL slot names in capitals (github.com/acme/REPONAME/issues): the
# "url-slot" syntax and its trigger below.
_SLOT_WORDS = ("NAME", "USER", "REPO", "ORG", "OWNER", "PROJECT", "ACCOUNT", "TICKET", "TOKEN",
               "DOMAIN", "EMAIL", "NUMBER")

# Name -> regular expression. Order matters: earlier syntaxes win overlaps.
SYNTAXES: dict[str, str] = {
    # Help Scout: {%customer.firstName,fallback=there%} (always a dotted name, no space).
    "helpscout": r"\{%[A-Za-z_]\w*(?:\.\w+)+(?:,\s*fallback=[^%\n]*)?%\}",
    # Liquid / Jinja tags: {% if ticket.requester %} ... {% endif %}.
    "liquid-tag": r"\{%-?[^%{}\n]{1,200}?-?%\}",
    # Liquid / Handlebars / Mustache / Zendesk / Freshdesk: {{ x }}, {{{ raw }}}.
    "liquid": r"\{\{\{[^{}\n]{1,120}\}\}\}|\{\{-?[^{}\n]{1,160}?-?\}\}",
    # osTicket: %{ticket.name.first}.
    "osticket": r"%\{[A-Za-z_][\w.]*\}",
    "dollar": r"\$\{[A-Za-z_][\w.]*\}",
    "percent": r"%[A-Z][A-Z0-9_]{1,40}%",
    "python": r"(?<![{$%\w])\{[A-Za-z_][\w.]{0,40}\}(?!\})",
    # [Customer Name], [product], [Xmidt/Webpa/Codex], [insert tracking link].
    "bracket": r"(?<![\[\]\w!\\])\[(?:insert [^\[\]\n]{1,60}|[A-Za-z][\w'’&/-]*"
               r"(?: [A-Za-z][\w'’&/-]*){0,5})\](?![(\[:])",
    # <NAME>, <Customer Name>, <your name>.
    "angle": r"<(?:[A-Z][A-Z0-9_]{1,40}|[A-Z][a-z]+(?: [A-Za-z][a-z]+){0,3}"
             r"|[a-z]+(?: [a-z]+){1,3})>",
    # Bare fill-ins an agent must replace: "because XXX", "Hi @username".
    "fill-in": r"(?<![\w`@/])X{3,}(?![\w`])",
    # "(?<![\w@])@..." with the "@" first: searched for at C speed, not tried at
    # every position (same matches; the look-behind covers the "@").
    "mention": r"@(?<![\w@]@)(?:username|user|handle|name|author|contributor|login)\b",
    # A slot inside a URL path: github.com/acme/REPONAME/issues.
    "url-slot": rf"(?<=/)[A-Z]*(?:{'|'.join(_SLOT_WORDS)})[A-Z0-9_]*(?=[/?#)\s]|$)",
}

DEFAULT_SYNTAXES = tuple(SYNTAXES)

# Rendered by a template engine wherever they stand (even in code or attributes).
ENGINE_KINDS = frozenset({"helpscout", "liquid-tag", "liquid", "osticket"})
# Kinds without a variable name: a fill-in the agent types over.
FILL_IN_KINDS = frozenset({"fill-in", "mention", "url-slot"})
# Syntaxes with a way to say what to print when the variable is empty.
FALLBACK_KINDS = frozenset({"helpscout", "liquid"})

HTML_ELEMENTS = frozenset("""a abbr address area article aside audio b base bdi bdo blockquote body
br button canvas caption center cite code col colgroup data dd del details dfn dialog div dl dt em
embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img
input ins kbd label legend li link main map mark meta meter nav noscript object ol optgroup option
output p param picture pre progress q s samp script section select small source span strong style
sub summary sup table tbody td template textarea tfoot th thead time title tr track u ul var video
wbr""".split())
# Bracketed words that are editorial marks, not slots.
BRACKET_WORDS = frozenset({"sic", "edit", "edited", "update", "updated", "solved", "resolved",
                           "wip", "external", "fixed", "closed", "x", "ok"})

_FENCE_RE = rc.compile(r"(?ms)^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)")
_CODE_SPAN_RE = rc.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_HTML_CODE_RE = rc.compile(r"(?is)<(pre|code)\b[^>]*>.*?</\1\s*>")
_REF_DEF_RE = rc.compile(r"(?m)^[ \t]{0,3}\[([^\]\n]+)\]:[ \t]*\S")


# Characters a syntax cannot match without: most replies have no "{", "[" or
# "%", and one regular expression of the syntaxes a text could hold is much
# faster than all twelve alternatives tried at every position.
# A tuple: any one of its strings (a URL slot names one of its words in capitals).
TRIGGERS: dict[str, str | tuple[str, ...]] = {
    "helpscout": "{%", "liquid-tag": "{%", "liquid": "{{", "osticket": "%{", "dollar": "${",
    "percent": "%", "python": "{", "bracket": "[", "angle": "<", "fill-in": "XXX",
    "mention": "@",
    "url-slot": _SLOT_WORDS,
}


def _triggered(trigger: str | tuple[str, ...], text: str) -> bool:
    if isinstance(trigger, str):
        return trigger in text
    return any(t in text for t in trigger)


class Syntaxes:
    """The placeholder syntaxes of a guide, in priority order (earlier ones win
    overlaps). ``finditer`` matches like one alternation of all of them."""

    def __init__(self, parts: list[tuple[str, str]]):
        self._parts = parts
        # Built-in syntaxes that a guide has not redefined can be skipped when
        # their characters are absent.
        self._triggers = {name: TRIGGERS[name] for name, rx in parts
                          if name in TRIGGERS and SYNTAXES.get(name) == rx}
        self._compiled: dict[tuple[str, ...], re.Pattern[str] | None] = {}

    def _pattern(self, names: tuple[str, ...]) -> re.Pattern[str] | None:
        if names not in self._compiled:
            table = dict(self._parts)
            self._compiled[names] = rc.compile("|".join(
                f"(?P<{_group(n)}>{table[n]})" for n in names)) if names else None
        return self._compiled[names]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        triggers = self._triggers
        names = tuple(n for n, _ in self._parts if n not in triggers or _triggered(triggers[n], text))
        pattern = self._pattern(names)
        return pattern.finditer(text) if pattern is not None else iter(())


def compile_syntaxes(names: Iterable[str], custom: dict[str, str] | None = None) -> Syntaxes:
    """The named syntaxes (then the guide's custom ones), in that order."""
    names = list(names)
    table = {**SYNTAXES, **(custom or {})}
    parts = [(name, table[name]) for name in names]
    parts += [(name, rx) for name, rx in (custom or {}).items() if name not in names]
    return Syntaxes(parts)


def _group(name: str) -> str:
    return re.sub(r"\W", "_", name)


def code_spans(text: str) -> list[tuple[int, int]]:
    """Markdown fenced blocks and code spans, and HTML <pre>/<code>: literal text."""
    if "`" not in text and "~~~" not in text and "<" not in text:
        return []
    spans: list[tuple[int, int]] = []
    for rx in (_FENCE_RE, _HTML_CODE_RE):
        spans.extend((m.start(), m.end()) for m in rx.finditer(text))
    if "`" in text:
        for m in _CODE_SPAN_RE.finditer(text):
            if not any(s <= m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def find_placeholders(text: str, pattern: Syntaxes | re.Pattern[str]) -> list[Span]:
    """Placeholders in ``text``, in order; ``kind`` is the syntax name."""
    candidates = []
    for m in pattern.finditer(text):
        kind = (m.lastgroup or "placeholder").replace("_", "-")
        candidates.append(Span(m.start(), m.end(), m.group(), kind))
    if not candidates:
        return candidates
    if "<!--" in text or "{#" in text:  # comments are never sent
        comments = [(c.start, c.end) for c in comment_spans(text)]
        candidates = [c for c in candidates if not _inside(comments, c.start, c.end)]
    loose = [c for c in candidates if c.kind not in ENGINE_KINDS]
    if not loose:
        return candidates
    code = code_spans(text)
    urls: list[tuple[int, int]] | None = None
    refs: set[str] | None = None
    out = []
    for c in candidates:
        if c.kind in ENGINE_KINDS:
            out.append(c)
            continue
        if code and _inside(code, c.start, c.end):
            continue
        if c.kind in ("percent", "url-slot", "fill-in"):
            if urls is None:
                urls = [(m.start(), m.end()) for m in URL_RE.finditer(text)]
            in_url = _inside(urls, c.start, c.end)
            if c.kind == "percent" and (in_url or re.fullmatch(r"%[0-9A-F]{2}%", c.text)):
                continue
            if c.kind == "url-slot" and not in_url:
                continue
        elif c.kind == "angle":
            tag = c.text[1:-1]
            first = tag.split(" ", 1)[0].lower()
            if first in HTML_ELEMENTS or f"</{tag}>" in text or f"</{tag.lower()}>" in text:
                continue
        elif c.kind == "bracket":
            inner = c.text[1:-1]
            if inner.lower() in BRACKET_WORDS:
                continue
            if refs is None:
                refs = {r.lower() for r in _REF_DEF_RE.findall(text)}
            if inner.lower() in refs and not text.startswith(":", c.end):
                continue
        out.append(c)
    return out


class Placeholder(NamedTuple):
    """What a placeholder says: the variable it names and its fallback, if any."""

    span: Span
    # The variable ("ticket.requester.first_name", "Customer Name"); None for
    # tags ({% if %}), helpers ({{#each}}) and bare fill-ins (XXX, @username).
    name: str | None
    # The fallback text when the syntax has one and it is given ("" when empty).
    fallback: str | None = None

    @property
    def kind(self) -> str:
        return self.span.kind

    @property
    def is_fill_in(self) -> bool:
        return self.kind in FILL_IN_KINDS or (self.name or "").lower().startswith("insert ")

    @property
    def can_have_fallback(self) -> bool:
        return self.kind in FALLBACK_KINDS and self.name is not None


_LIQUID_DEFAULT_RE = rc.compile(r"""\|\s*default\s*:\s*(?:"([^"]*)"|'([^']*)'|([^|\s}]+))""")
_NAME_RE = rc.compile(r"[A-Za-z_][\w.]*(?:\[[^\]]*\][\w.]*)*")


def parse(span: Span) -> Placeholder:
    """The variable name and fallback of one placeholder span."""
    t = span.text
    kind = span.kind
    if kind == "helpscout":
        body = t[2:-2]
        name, _, rest = body.partition(",")
        fallback = rest.split("=", 1)[1] if "fallback=" in rest else None
        return Placeholder(span, name.strip(), fallback)
    if kind == "liquid":
        body = t.strip("{}").strip("-").strip()
        head, bar, _ = body.partition("|")
        head = head.strip()
        if not _NAME_RE.fullmatch(head) or head in ("else", "this"):
            return Placeholder(span, None)  # {{#if}}, {{/each}}, {{> partial}}, literals
        m = _LIQUID_DEFAULT_RE.search(body) if bar else None
        fallback = next((g for g in m.groups() if g is not None), "") if m else None
        return Placeholder(span, head, fallback)
    if kind == "liquid-tag" or kind in FILL_IN_KINDS:
        return Placeholder(span, None)
    if kind in ("osticket", "dollar"):
        return Placeholder(span, t[2:-1])
    if kind in ("percent", "python", "bracket", "angle"):
        return Placeholder(span, t[1:-1])
    return Placeholder(span, t)  # a custom syntax: the whole match


def normalise(name: str) -> str:
    """Compare names loosely: ``[Customer Name]`` = ``%CUSTOMER_NAME%`` = ``{customerName}``."""
    return re.sub(r"[^a-z0-9.]", "", name.lower())
