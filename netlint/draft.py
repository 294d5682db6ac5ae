"""Drafts: the unit of work, and the map from draft text back to the user's file."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from functools import cached_property
from typing import Any, NamedTuple

CHANNELS = ("email", "chat", "social", "sms")
# What exports call the channels: help-desk and CRM exports name the network.
CHANNEL_ALIASES = {
    "e-mail": "email", "mail": "email", "twitter": "social", "x": "social",
    "facebook": "social", "instagram": "social", "messenger": "social", "whatsapp": "chat",
    "live chat": "chat", "livechat": "chat", "webchat": "chat", "web chat": "chat",
    "text": "sms", "text message": "sms",
}


def normalise_channel(value: str) -> str:
    """A record's channel as one of CHANNELS where it is a known alias."""
    key = value.strip().lower()
    return CHANNEL_ALIASES.get(key, key)


class _SourceMapFields(NamedTuple):
    source: str
    anchors: tuple[tuple[int, int], ...] = ((0, 0),)
    base_offset: int = 0
    base_line: int = 1
    base_column: int = 1
    # True when each draft character is one file character (plain text, e-mail
    # body): fixes can then be written back into the file.
    verbatim: bool = True


class SourceMap(_SourceMapFields):
    """Maps offsets in a draft's text to offsets in the file the user gave.

    ``anchors`` is a sorted tuple of ``(text_offset, file_offset)`` pairs; between
    anchors the text and the file advance together. ``source`` is the part of the
    file that holds the draft, starting at file offset ``base_offset`` on line
    ``base_line`` (1-based) and column ``base_column`` (1-based).

    The fields are a NamedTuple (a frozen dataclass cost ~1.4 ms to define at
    import); this subclass has an instance dict, so the lookup tables below are
    cached per map. They take no part in equality, hashing or the repr.
    """

    @cached_property
    def _keys(self) -> list[int]:
        return [a[0] for a in self.anchors]

    @cached_property
    def _line_starts(self) -> list[int]:
        """Offsets in ``source`` where each line starts."""
        starts = [0]
        pos = self.source.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = self.source.find("\n", pos + 1)
        return starts

    def source_offset(self, text_offset: int) -> int:
        """Offset inside ``source`` of the draft character at ``text_offset``."""
        i = bisect.bisect_right(self._keys, text_offset) - 1
        t, s = self.anchors[max(i, 0)]
        return s + (text_offset - t)

    def position(self, text_offset: int) -> tuple[int, int, int]:
        """(file offset, line, column) of a draft offset; line and column are 1-based."""
        src = min(self.source_offset(text_offset), len(self.source))
        line_starts = self._line_starts
        li = bisect.bisect_right(line_starts, src) - 1
        col = src - line_starts[li]
        if li == 0:
            col += self.base_column - 1
        return self.base_offset + src, self.base_line + li, col + 1


def identity_map(text: str, base_offset: int = 0, base_line: int = 1) -> SourceMap:
    return SourceMap(source=text, base_offset=base_offset, base_line=base_line)


class _DeferredMapFields(NamedTuple):
    build: Callable[..., SourceMap | None]
    args: tuple[Any, ...]


class DeferredMap(_DeferredMapFields):
    """A source map made on first use, by ``build(*args)`` (a module-level function,
    so drafts still pickle to worker processes). A batch reader's maps cost more
    than checking most drafts, and only a draft with a finding needs one.

    A NamedTuple subclass, like :class:`SourceMap`: the instance dict keeps the
    resolved map."""

    @cached_property
    def resolved(self) -> SourceMap | None:
        return self.build(*self.args)


class Draft(NamedTuple):
    """A reply to check, with what is known about the conversation around it."""

    text: str
    path: str = "<text>"
    customer: str | None = None
    channel: str | None = None
    customer_name: str | None = None
    agent: str | None = None
    id: str | None = None
    # Record index or key path inside a batch file: "3", "drafts[2].reply".
    record: str | None = None
    template: bool = False
    source_map: SourceMap | DeferredMap | None = None
    # The file path on disk (None for stdin / --text), for --fix write-back.
    file: str | None = None
    # Labels a grader may use (scenario, course, ...).
    meta: tuple[tuple[str, str], ...] = ()

    @property
    def map(self) -> SourceMap:
        smap = self.source_map
        if isinstance(smap, DeferredMap):
            smap = smap.resolved
        return smap or identity_map(self.text)

    @property
    def display_path(self) -> str:
        return f"{self.path}:{self.record}" if self.record is not None else self.path
