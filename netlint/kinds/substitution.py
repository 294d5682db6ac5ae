"""``substitution``: a phrase has a preferred wording; the fix swaps it in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, ClassVar

from ..document import Document
from ..finding import Fix, Hit
from ..rule import Context
from .base import PackRule, compile_terms


@lru_cache(maxsize=256)
def _lookup(swap: tuple[tuple[str, str], ...], ignorecase: bool) -> dict[str, str]:
    norm = (lambda s: " ".join(s.split()).lower()) if ignorecase else (lambda s: " ".join(s.split()))
    return {norm(k): v for k, v in swap}


def literal_gate(phrases: Iterable[str]) -> tuple[str, ...] | None:
    """The phrases lower-cased with single spaces between their words, which
    every match in a plain-ASCII text contains (compared with the text made the
    same way): a phrase matches a run of its words with any whitespace between
    them, ignoring case. None when a phrase is not plain ASCII (under ignore-case,
    "ſ" matches "s"): then the pattern always runs."""
    gate = tuple(dict.fromkeys(" ".join(p.split()).lower() for p in phrases))
    return gate if all(p.isascii() for p in gate) else None


def may_match(doc: Document, gate: tuple[str, ...] | None) -> bool:
    """False when none of the gate's phrases is in the draft (plain ASCII only)."""
    if gate is None or not doc.text.isascii():
        return True
    lower = doc.folded  # never None for an ASCII text
    return lower is None or any(map(lower.__contains__, gate))  # no Python frame per phrase


def _match_case(original: str, replacement: str) -> str:
    if not replacement:
        return replacement
    if original[:1].isupper() and not original.isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t")
    return not before or before[-1] in ".!?\n"


class Substitution(PackRule):
    kind = "substitution"
    fields: ClassVar[dict[str, Any]] = {
        "swap": {}, "ignorecase": True, "whole-word": True, "exceptions": [],
        "skip-quotes": True, "fix": "safe",
    }
    required_fields = ("swap",)
    default_message = "Use '{replacement}' instead of '{match}'."

    def _fixable(self) -> bool:
        return True

    @staticmethod
    def _prepare(ctx: Context, ignorecase: bool) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        swap: Mapping[str, str | None] = ctx.get("swap") or {}
        items = tuple((k, v or "") for k, v in swap.items())
        pattern = compile_terms(tuple(k for k, _ in items), (), ignorecase,
                                bool(ctx.get("whole-word", True)))
        return pattern, _lookup(items, ignorecase)

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        ignorecase = bool(ctx.get("ignorecase", True))
        # Most drafts hold none of a pack's phrases: a few substring tests spare
        # the alternation of every phrase tried at every word.
        gate = ctx.derived("substitution-gate", lambda: literal_gate((ctx.get("swap") or {}).keys()))
        if not may_match(doc, gate):
            return
        pattern, table = ctx.derived("substitution", lambda: self._prepare(ctx, ignorecase))
        safe = ctx.get("fix", "safe") == "safe"
        for m in self.matches(doc, ctx, pattern):
            key = " ".join(m.group().split())
            replacement = table.get(key.lower() if ignorecase else key, "")
            replacement = _match_case(m.group(), replacement)
            start, end = m.start(), m.end()
            message = self.format(ctx, match=m.group(), replacement=replacement or "(delete)")
            fix_message = f"Replace with '{replacement}'" if replacement else f"Delete '{m.group()}'"
            if not replacement:
                # Deleting a phrase: take the following space (or the one
                # before it) with it, so no double space is left behind.
                tail = re.match(r"[ \t]+", doc.text[end:])
                if tail:
                    end += tail.end()
                    # Deleting the start of a sentence: the next word now
                    # starts it, so it takes the capital.
                    if _sentence_start(doc.text, start) and doc.text[end:end + 1].islower():
                        replacement = doc.text[end].upper()
                        end += 1
                elif start > 0 and doc.text[start - 1] in " \t":
                    start -= 1
            yield Hit(m.start(), m.end(), message,
                      (Fix.replace(start, end, replacement, fix_message, safe=safe),))
