"""``existence``: flag any of a list of phrases or patterns."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from ..document import Document
from ..finding import Hit
from ..rule import Context
from .base import PackRule


class Existence(PackRule):
    kind = "existence"
    fields: ClassVar[dict[str, Any]] = {
        "tokens": [], "regex": [], "ignorecase": True, "whole-word": True,
        "exceptions": [], "skip-quotes": True,
    }
    default_message = "Avoid '{match}'."

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        for m in self.matches(doc, ctx, self.pattern(ctx)):
            yield Hit(m.start(), m.end(), self.format(ctx, match=m.group()))
