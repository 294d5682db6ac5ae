"""What every grammar engine returns, and how text is masked before it is sent."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol

from ..text import Span


class Match(NamedTuple):
    """One problem an engine found, in offsets of the draft text."""

    start: int
    end: int
    rule_id: str
    message: str
    category: str = ""
    replacements: tuple[str, ...] = ()
    # Spelling matches are left out when the built-in spelling rule covers the word.
    spelling: bool = False


class BackendUnavailable(Exception):
    """The engine cannot be used (server unreachable, Java missing, package absent)."""


class Backend(Protocol):
    """A grammar engine. One instance serves a whole run."""

    name: str

    def where(self) -> str:
        """Where drafts go, for ``--verbose`` (a URL, or 'this machine')."""
        ...

    def check(self, text: str, masked: Sequence[Span], accepted: frozenset[str]) -> list[Match]:
        """Matches for ``text``; ``masked`` spans (placeholders, quoted customer
        text, URLs...) are hidden from the engine and nothing is reported in them.
        Raises :class:`BackendUnavailable` when the engine cannot answer."""
        ...


def blank(text: str, spans: Sequence[Span]) -> str:
    """``text`` with ``spans`` blanked to spaces (newlines kept), offsets unchanged."""
    chars = list(text)
    for s in spans:
        for i in range(s.start, min(s.end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def outside(match: Match, spans: Sequence[Span]) -> bool:
    return not any(s.overlaps(match.start, max(match.end, match.start + 1)) for s in spans)


def drop_accepted(matches: list[Match], text: str, accepted: frozenset[str]) -> list[Match]:
    """Engines do not know the guide's vocabulary: drop spelling matches on it."""
    return [m for m in matches
            if not (m.spelling and text[m.start:m.end].lower().strip() in accepted)]
