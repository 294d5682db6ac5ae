"""``conditional``: if the first pattern appears, the second must appear too."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from ..document import Document
from ..finding import Hit
from ..rule import Context
from .base import PackRule


class Conditional(PackRule):
    kind = "conditional"
    fields: ClassVar[dict[str, Any]] = {
        "if-tokens": [], "if-regex": [], "then-tokens": [], "then-regex": [],
        "ignorecase": True, "whole-word": True, "skip-quotes": True, "exceptions": [],
    }
    default_message = "'{match}' needs a matching statement."

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        first = next(self.matches(doc, ctx, self.pattern(ctx, "if-")), None)
        if first is None:
            return
        if next(self.matches(doc, ctx, self.pattern(ctx, "then-")), None) is None:
            yield Hit(first.start(), first.end(), self.format(ctx, match=first.group()))
