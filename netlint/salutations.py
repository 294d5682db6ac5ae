"""Where a reply opens and closes: greetings, sign-offs and agent signatures.

Social replies start with the customer's @handle(s) and often end with the
agent's initials (``^JS``, ``*AFC``, ``-Dana``), sometimes followed by a
link. Those are conventions of the channel, not prose: rules that look at
the words (shouting, text-speak, emoticons) skip them, and the greeting and
sign-off rules look past them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from . import regexcache as rc
from .text import Span

_LEAD_RE = rc.compile(r"\A(?:\s*(?:\.?@\w{1,30}[:,]?|RT\b))+\s*")
# Agent initials or first name at the very end, optionally followed by links:
# "^JS", "*AFC", "-Dana", "~JAY", "/AB", "- Dan".
SIGNATURE_RE = rc.compile(
    r"(?:(?<=\s)|(?<=^)|(?<=[.!?)]))[\^*~/-]\s?[A-Z][A-Za-z]{0,14}(?:\s?[A-Z][A-Za-z]{0,14})?"
    r"(?:\s+https?://\S+)*\s*\Z"
)

GREETING_RE = rc.compile(
    r"(?P<greeting>(?i:hi|hello|hey|hiya|howdy|greetings|dear|good\s+(?:morning|afternoon|evening|day)"
    r"|morning|afternoon|evening)(?i:\s+there)?)\b"
    r"(?:[ \t]+(?P<name>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})(?=[ \t]*(?:[,!.:;\n—–]|\Z)))?"
)

GENERIC_SALUTATION_RE = rc.compile(
    r"\b(?:(?:dear|hello|hi)\s+(?:valued\s+|esteemed\s+)?(?:customer|client|user|member|"
    r"account\s*holder|guest|sir(?:\s*(?:or|/)\s*madam)?|madam|sir\s*/\s*madam|friend|"
    r"passenger|traveller|traveler|subscriber|policyholder)s?"
    r"|to\s+whom\s+it\s+may\s+concern)\b",
    re.IGNORECASE,
)

CLOSING_RE = rc.compile(
    r"^(?:(?:with\s+)?(?:best|kind|warm|warmest|kindest|many\s+thanks\s+and)?\s*regards|best(?:\s+wishes)?"
    r"|all\s+the\s+best|cheers|sincerely|yours(?:\s+(?:sincerely|truly|faithfully))?"
    r"|(?:many\s+)?thanks(?:\s+(?:again|so\s+much))?|thank\s+you(?:\s+(?:again|so\s+much))?"
    r"|take\s+care|talk\s+soon|speak\s+soon|respectfully|warmly|with\s+thanks"
    r"|have\s+an?\s+(?:great|good|nice|lovely|wonderful|fantastic)\s+\w+)\b",
    re.IGNORECASE,
)


class Greeting(NamedTuple):
    span: Span
    word: str
    name: str | None


@lru_cache(maxsize=256)  # several rules ask this of the same draft
def lead_end(text: str) -> int:
    """Offset after any leading @handles (a social reply's addressees)."""
    m = _LEAD_RE.match(text)
    return m.end() if m else len(text) - len(text.lstrip())


@lru_cache(maxsize=256)  # several rules ask this of the same draft
def signature(text: str) -> Span | None:
    """The agent's trailing initials or name, when the reply ends with one."""
    m = SIGNATURE_RE.search(text)
    if not m:
        return None
    return Span(m.start(), m.end(), m.group(), "signature")


@lru_cache(maxsize=256)  # several rules ask this of the same draft
def greeting(text: str) -> Greeting | None:
    """The salutation that opens the reply, if there is one."""
    start = lead_end(text)
    m = GREETING_RE.match(text, start)
    if not m:
        return None
    name = m.group("name")
    # "Hi Please see below" is not a name: the capitalised word must not be
    # the start of a sentence running on after the greeting.
    if name and name.split()[0].lower() in _NOT_NAMES:
        name = None
    return Greeting(Span(m.start(), m.end(), m.group(), "greeting"), m.group("greeting"), name)


_NOT_NAMES = frozenset(
    """there all everyone team folks guys again thanks thank please we i you it this that our
    your sorry welcome and so happy glad good great hope how what sure yes no ok okay""".split()
)


@lru_cache(maxsize=256)  # several rules ask this of the same draft
def has_closing(text: str) -> bool:
    """True when one of the last lines is a sign-off ("Best regards", "Thanks,")
    or the reply ends with an agent signature."""
    if signature(text):
        return True
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if any(CLOSING_RE.match(line) and len(line.split()) <= 8 for line in lines[-4:]):
        return True
    # A closing sentence at the end of the last line: "... today. Have a great weekend!"
    last = re.split(r"(?<=[.!?])\s+", lines[-1]) if lines else []
    return bool(last) and bool(CLOSING_RE.match(last[-1])) and len(last[-1].split()) <= 8
