"""``required``: something must appear, optionally within the first or last N lines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from ..document import Document
from ..finding import Hit
from ..rule import Context
from .base import PackRule


def _window(text: str, first: int | None, last: int | None) -> tuple[int, int]:
    lines = [i for i, line in enumerate(text.split("\n")) if line.strip()]
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    start, end = 0, len(text)
    if first and lines:
        idx = lines[min(first, len(lines)) - 1]
        end = starts[idx + 1] - 1 if idx + 1 < len(starts) else len(text)
    if last and lines:
        idx = lines[max(len(lines) - last, 0)]
        start = starts[idx]
    return start, end


class Required(PackRule):
    kind = "required"
    fields: ClassVar[dict[str, Any]] = {
        "tokens": [], "regex": [], "ignorecase": True, "whole-word": True,
        "first-lines": None, "last-lines": None, "skip-quotes": True, "exceptions": [],
    }
    default_message = "Required text is missing."

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not doc.text.strip():
            return
        start, end = _window(doc.text, ctx.get("first-lines"), ctx.get("last-lines"))
        for m in self.matches(doc, ctx, self.pattern(ctx)):
            if start <= m.start() and m.end() <= end:
                return
        at = start if ctx.get("first-lines") or not ctx.get("last-lines") else len(doc.text.rstrip())
        yield Hit(at, at, self.format(ctx))
