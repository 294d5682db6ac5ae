"""Fast, dependency-free text analysis: tokens, sentences, paragraphs, protected spans.

These run on every draft, so they are plain regular expressions: a pasted
draft is checked without importing spaCy.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from itertools import repeat
from typing import Any

from . import regexcache as rc


# Not frozen: a frozen dataclass sets each field through object.__setattr__, and
# spans are made for every word of every draft (three times slower). Treat as immutable.
@dataclass(slots=True, unsafe_hash=True)
class Span:
    start: int
    end: int
    text: str
    kind: str = ""

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


URL_RE = rc.compile(
    r"""(?:(?:https?|ftp)://|www\.)[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}]"""
    r"""|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|co|uk|de|fr|ly|gl|me|app|help|support)"""
    r"""(?:/[^\s<>"'`]*[^\s<>"'`.,;:!?)\]}])?\b""",
    re.IGNORECASE,
)
EMAIL_RE = rc.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# "(?<![\w@])@\w{1,30}" with the "@" first: a pattern that opens with a literal
# is searched for it at C speed, not tried at every position (4x faster; rules
# strip handles from most replies several times). Same matches: the lookbehind
# after the "@" sees the character before it.
HANDLE_RE = rc.compile(r"@(?<![\w@]@)\w{1,30}")
HASHTAG_RE = rc.compile(r"#(?<![\w#&]#)[A-Za-z_]\w*")  # "(?<![\w#&])#...", "#" first
# Order ids, ticket numbers, codes: anything mixing digits with letters or
# long digit runs. Spelling and capitals rules never look inside these.
CODE_RE = rc.compile(r"\b(?=[A-Za-z0-9-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+\b|\b[A-Z]*\d[A-Z0-9]{3,}\b")
# CODE_RE's second alternative: in a text without "-" the first (hyphenated
# codes, a look-ahead run at every word) cannot match, and this finds the same.
_CODE_NO_HYPHEN_RE = rc.compile(r"\b[A-Z]*\d[A-Z0-9]{3,}\b")

WORD_RE = rc.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+(?:['’][^\W_]+)*)*")
TOKEN_RE = rc.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+)*|\S")

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st vs etc e.g i.e eg ie approx appt apt dept est
    inc ltd co corp no nos tel ext fig jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue wed thu fri sat sun a.m p.m am pm u.s u.k min max ref acct""".split()
)

_SENT_END_RE = rc.compile(r"[.!?…]+['\"”’)\]]*")
_LIST_MARKER_RE = rc.compile(r"\s*(?:[-*•]|\d{1,2}[.)])\s")


_START, _END, _GROUP = re.Match.start, re.Match.end, re.Match.group


def words(text: str) -> list[Span]:
    # Spans made by map() over the matches: ~20 % faster than a comprehension
    # that calls three methods on each match (every draft, every word).
    ms = list(WORD_RE.finditer(text))
    return list(map(Span, map(_START, ms), map(_END, ms), map(_GROUP, ms), repeat("word", len(ms))))


_URL_HINTS = ("://", "www.", *(f".{tld}" for tld in
                                "com org net io co uk de fr ly gl me app help support".split()))
# One scan for any of the hints (an alternation of literals): ~2x faster than
# sixteen substring tests, and the gate runs several times a draft.
_URL_HINT_RE = rc.compile("|".join(re.escape(h) for h in _URL_HINTS))
_DIGIT_RE = rc.compile(r"\d")
# What every e-mail address holds: EMAIL_RE tries each word of a tweet full of
# @handles; this opens with a literal "@" and is searched for it at C speed.
_EMAIL_HINT_RE = rc.compile(r"@[\w-]+\.[\w-]")


def _may_hold(kind: str, text: str, lower: str) -> bool:
    """Whether ``text`` has the characters a protected kind cannot match without
    (each pattern costs 10-30 µs on a reply; most replies hold two or three kinds)."""
    if kind == "handle":
        return "@" in text
    if kind == "email":
        return "@" in text and _EMAIL_HINT_RE.search(text) is not None
    if kind == "hashtag":
        return "#" in text
    if kind == "url":
        return may_hold_url(text, lower)
    return _DIGIT_RE.search(text) is not None  # codes


# Under re.IGNORECASE these match "i", "i" and "s", but lower() does not turn
# them into those letters: a text that holds one is not judged by its lower case.
_IGNORECASE_ODD = ("\u0130", "\u0131", "\u017f")


def lower_may_miss(text: str) -> bool:
    """Whether a case-insensitive pattern may match ``text`` where its words are
    not in ``text.lower()``: the text holds İ, ı or ſ. A gate that looks for a
    pattern's words in the lower-case text lets such a text through."""
    return not text.isascii() and any(c in text for c in _IGNORECASE_ODD)


def may_hold_url(text: str, lower: str | None = None) -> bool:
    """False when URL_RE cannot match ``text``: every URL holds "://", "www." or
    a dot before one of its top-level domains, in any case."""
    if lower is None:
        lower = text.lower()
    return _URL_HINT_RE.search(lower) is not None or lower_may_miss(text)


_UP_TO_LAST_SPACE_RE = rc.compile(r"(?s).*\s")
_NON_SPACE_RE = rc.compile(r"\S*")


def url_matches(text: str, lower: str | None = None) -> Iterator[re.Match[str]]:
    """``URL_RE.finditer(text)``, scanning only the stretches between white
    space that hold one of the hints (``may_hold_url``).

    Exact: a match holds no white space and holds a hint, at the same place in
    ``text.lower()`` (lower() keeps every character's place and white space but
    for İ; with İ, ı or ſ in the text the whole text is scanned). Matching
    within such a stretch (``pos``/``endpos``) is matching in the whole text:
    the pattern cannot run past white space, and ``\b`` at its end sees a
    non-word character either way. URL_RE tries both its alternatives at every
    position of a reply (~30 µs for one with a link); a stretch is a few words.
    """
    if lower is None:
        lower = text.lower()
    if lower_may_miss(text):
        yield from URL_RE.finditer(text)
        return
    end = -1
    for hint in _URL_HINT_RE.finditer(lower):
        at = hint.start()
        if at < end:
            continue  # in the stretch just scanned
        before = _UP_TO_LAST_SPACE_RE.match(text, 0, at)
        start = before.end() if before else 0
        end = _NON_SPACE_RE.match(text, at).end()
        yield from URL_RE.finditer(text, start, end)


def sub_urls(text: str, lower: str | None = None) -> str:
    """``URL_RE.sub(" ", text)`` by way of :func:`url_matches`."""
    parts, pos = [], 0
    for m in url_matches(text, lower):
        parts += [text[pos:m.start()], " "]
        pos = m.end()
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def strip_urls(text: str) -> str:
    """``URL_RE.sub(" ", text)``, without the scan where no URL can be."""
    return sub_urls(text)


def protected_spans(text: str, extra: list[Span] | None = None) -> list[Span]:
    """URLs, e-mail addresses, @handles, #hashtags and codes: never prose."""
    spans: list[Span] = []
    lower = text.lower()
    for kind, rx in (("email", EMAIL_RE), ("url", URL_RE), ("handle", HANDLE_RE),
                     ("hashtag", HASHTAG_RE), ("code", CODE_RE)):
        if not _may_hold(kind, text, lower):
            continue
        if rx is CODE_RE and "-" not in text:
            rx = _CODE_NO_HYPHEN_RE
        for m in (url_matches(text, lower) if rx is URL_RE else rx.finditer(text)):
            if not any(s.overlaps(m.start(), m.end()) for s in spans):
                spans.append(Span(m.start(), m.end(), m.group(), kind))
    if extra:
        spans.extend(extra)
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans


# The single-quote alternative is ``(?<!\w)'...`` with the quote first: when
# every alternative opens with a literal, the search skips to those characters
# at C speed instead of trying the pattern at each position (same matches: the
# look-behind after the quote sees the character before it).
_QUOTED_RE = rc.compile(r"“[^”\n]{1,400}”|\"[^\"\n]{1,400}\"|'(?<!\w')[^'\n]{2,200}'(?!\w)")
_QUOTED_LINE_RE = rc.compile(r"(?m)^[ \t]*>.*$")
# Runs of characters other than a newline, and newlines not followed by a blank
# line: one step per run, not per character (the same longest matches).
_PARAGRAPH_RE = rc.compile(r"(?:[^\n]+|\n(?![ \t]*\n))+")


def quoted_spans(text: str) -> list[Span]:
    """Text between quotation marks, and lines quoted e-mail style with '>'."""
    spans: list[Span] = []
    for m in _QUOTED_RE.finditer(text):
        spans.append(Span(m.start(), m.end(), m.group(), "quote"))
    if ">" in text:  # every quoted line holds one
        for m in _QUOTED_LINE_RE.finditer(text):
            spans.append(Span(m.start(), m.end(), m.group(), "quote"))
        spans.sort(key=lambda s: s.start)
    return spans


def paragraphs(text: str) -> list[Span]:
    out = []
    for m in _PARAGRAPH_RE.finditer(text):
        chunk = m.group()
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            body = chunk.strip()
            out.append(Span(m.start() + lead, m.start() + lead + len(body), body, "paragraph"))
    return out


_NEXT_CHAR_RE = rc.compile(r"\s*(\S)")
_SPACE_DIGIT_RE = rc.compile(r"\s*\d")
_WORD_BEFORE_DOT_RE = rc.compile(r"(?<![A-Za-z.])([A-Za-z]+(?:\.[A-Za-z]+)*)$")


def _digit_at_end(text: str, i: int) -> bool:
    r"""``re.search(r"\d$", text[:i])`` without copying the text ("$" also
    matches before a final newline)."""
    if i >= 1 and _DIGIT_RE.fullmatch(text, i - 1, i):
        return True
    return i >= 2 and text[i - 1] == "\n" and bool(_DIGIT_RE.fullmatch(text, i - 2, i - 1))


def _is_abbreviation(text: str, dot: int) -> bool:
    # The whole word before the dot ("etc", "e.g", "J"), not just its last letter.
    m = _WORD_BEFORE_DOT_RE.search(text[max(0, dot - 12):dot])
    if not m:
        return False
    word = m.group(1).lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentences(text: str, protected: list[Span] | None = None) -> list[Span]:
    """Split into sentences: end punctuation, paragraph breaks and line breaks
    that end a line of its own (greetings, sign-offs, list items)."""
    protected = protected or []
    cuts: set[int] = set()
    n = len(text)
    for m in _SENT_END_RE.finditer(text):
        start, end = m.span()
        # Cheapest test first: a mark inside "example.com/x" or "3.5" ends nothing.
        if end < n and not text[end].isspace():
            continue
        if protected and _inside_any(protected, start):
            continue
        mark = m.group()
        if mark[0] == "." and len(mark.rstrip("'\"”’)]")) == 1:
            if _is_abbreviation(text, start):
                nm = _NEXT_CHAR_RE.match(text, end)
                if not nm or not nm.group(1).isupper():
                    continue
            # "3.5", "1. 2" in a list of numbers: no copy of the text per full stop.
            if _digit_at_end(text, start) and _SPACE_DIGIT_RE.match(text, end):
                continue
        cuts.add(end)
    return _spans_between(text, cuts | _line_cuts(text))


def _inside_any(spans: list[Span], at: int) -> bool:
    for p in spans:  # noqa: SIM110 - a loop, not any(): no generator per full stop
        if p.start < at < p.end:
            return True
    return False


def _line_cuts(text: str) -> set[int]:
    """Ends of lines that end a sentence: a blank line or one before it, a line
    ending in punctuation, a short line (greeting, sign-off), a list item next."""
    cuts: set[int] = set()
    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos_end = pos + len(line)
        nxt = lines[i + 1]
        stripped = line.rstrip()
        if (
            not stripped
            or not nxt.strip()
            or stripped[-1] in ".!?:;,)…"
            or len(stripped) < 40
            or _LIST_MARKER_RE.match(nxt)
        ):
            cuts.add(pos_end)
        pos = pos_end + 1
    return cuts


def _spans_between(text: str, cuts: set[int]) -> list[Span]:
    """The stripped, non-blank stretches of ``text`` between cuts, as sentences."""
    out: list[Span] = []
    start = 0
    for cut in sorted(cuts | {len(text)}):
        seg = text[start:cut]
        body = seg.strip()
        if body:
            lead = len(seg) - len(seg.lstrip())
            out.append(Span(start + lead, start + lead + len(body), body, "sentence"))
        start = cut
    return out


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


_ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an and or but to of in on at for with is are was were be been have has had do does did "
    "i you we they he she it my your our this that not can will would please thanks thank".split())


def looks_english(text: str) -> bool:
    """Whether a text reads as English (short texts get the benefit of the doubt):
    the word lists and cues of these checks are English."""
    if "@" in text:
        text = HANDLE_RE.sub(" ", text)
    lower = text.lower()
    if _may_hold("url", text, lower):
        lower = sub_urls(text, lower).lower()
    ws = WORD_RE.findall(lower)
    if len(ws) < 6:
        return True
    return sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, ws)) / len(ws) >= 0.08


class LazyRegex:
    """A regular expression compiled on first use.

    Rule modules hold hundreds of patterns; compiling them all at import is a
    good part of a cold start, and a draft uses few of them (most rules stop at
    a cheap gate: no customer message, none of the pattern's words)."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int | re.RegexFlag = 0):
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = rc.compile(self._source, self._flags)
        return self._compiled

    @property
    def pattern(self) -> str:
        return self._source

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.compiled.groupindex

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(string, maxsplit)
