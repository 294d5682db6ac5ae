"""``occurrence``: a phrase may appear at most (or at least) N times in a draft."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from ..document import Document
from ..finding import Hit
from ..rule import Context
from .base import PackRule


class Occurrence(PackRule):
    kind = "occurrence"
    fields: ClassVar[dict[str, Any]] = {
        "tokens": [], "regex": [], "ignorecase": True, "whole-word": True,
        "exceptions": [], "skip-quotes": True, "min": None, "max": None,
    }
    default_message = "'{match}' appears {count} times (limit {limit})."

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        found = list(self.matches(doc, ctx, self.pattern(ctx)))
        most, least = ctx.get("max"), ctx.get("min")
        if most is not None and len(found) > most:
            extra = found[most]
            yield Hit(extra.start(), extra.end(),
                      self.format(ctx, match=extra.group(), count=len(found), limit=most))
        if least is not None and len(found) < least:
            yield Hit(0, 0, self.format(ctx, match="", count=len(found), limit=least))
