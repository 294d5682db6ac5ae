"""What every declarative rule kind shares: its YAML fields, its pattern, its docs."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any, ClassVar

from .. import regexcache as rc
from ..document import Document
from ..finding import Severity
from ..rule import PREFIX_TO_CATEGORY, Context, Rule

# Fields every pack rule may have; each kind adds its own (``fields``).
COMMON_FIELDS = (
    "code", "name", "kind", "category", "severity", "message", "doc", "examples",
    "default", "needs",
)


@lru_cache(maxsize=1024)
def compile_terms(
    tokens: tuple[str, ...], regex: tuple[str, ...], ignorecase: bool, whole_word: bool
) -> re.Pattern[str] | None:
    parts = []
    # One pair of word-boundary guards around all the phrases: a pattern of a
    # hundred alternatives compiles several times faster than a hundred guarded ones.
    phrases = [r"\s+".join(re.escape(w) for w in tok.split())
               for tok in sorted(tokens, key=len, reverse=True)]
    if phrases:
        body = "|".join(phrases)
        parts.append(rf"(?<![\w'’-])(?:{body})(?![\w-]|['’]\w)" if whole_word else body)
    for rx in regex:
        parts.append(rf"\b(?:{rx})\b" if whole_word else f"(?:{rx})")
    if not parts:
        return None
    return rc.compile("|".join(parts), re.IGNORECASE if ignorecase else 0)


class PackRule(Rule):
    """A rule defined by data in a rule pack. Subclasses are the kinds."""

    kind: ClassVar[str] = ""
    # Kind-specific fields and their defaults; all of them may be overridden
    # by the guide as rule options.
    fields: ClassVar[Mapping[str, Any]] = {}
    required_fields: ClassVar[tuple[str, ...]] = ()
    default_message: ClassVar[str] = "{match}"

    def __init__(self, spec: Mapping[str, Any], source: str):
        self.spec = dict(spec)
        self.code = spec["code"]
        self.name = spec["name"]
        self.category = spec.get("category") or PREFIX_TO_CATEGORY.get(self.code[:1], "")
        self.severity = Severity.parse(spec.get("severity", "warning"))
        self.message = spec.get("message", self.default_message)
        self.default_enabled = bool(spec.get("default", True))
        self.needs = frozenset(spec.get("needs") or ())
        self.source = source
        self.defaults = {k: spec.get(k, v) for k, v in self.fields.items()}
        self.fixable = self._fixable()
        ex = spec.get("examples") or {}
        self.bad_examples = tuple(ex.get("bad") or ())
        self.good_examples = tuple(ex.get("good") or ())
        self._doc = spec.get("doc", "")

    def _fixable(self) -> bool:
        return False

    @property
    def doc(self) -> str:
        return str(self._doc).strip()

    def pattern(self, ctx: Context, prefix: str = "") -> re.Pattern[str] | None:
        def get(key: str) -> Any:
            return ctx.get(prefix + key) if prefix else ctx.get(key)

        return compile_terms(
            tuple(get("tokens") or ()), tuple(get("regex") or ()),
            bool(ctx.get("ignorecase", True)), bool(ctx.get("whole-word", True)),
        )

    def matches(
        self, doc: Document, ctx: Context, pattern: re.Pattern[str] | None
    ) -> Iterator[re.Match[str]]:
        """Matches outside protected spans, quotes (unless allowed) and exceptions."""
        if pattern is None:
            return
        exceptions = {e.lower() for e in ctx.get("exceptions") or ()}
        skip_quotes = bool(ctx.get("skip-quotes", True))
        for m in pattern.finditer(doc.text):
            if m.start() == m.end():
                continue
            if doc.is_protected(m.start(), m.end(), quotes=skip_quotes):
                continue
            if m.group().lower() in exceptions or any(
                e in _around(doc.text, m).lower() for e in exceptions if " " in e
            ):
                continue
            yield m

    def format(self, ctx: Context, **values: Any) -> str:
        template = ctx.get("message", self.message)
        try:
            return str(template).format(**values)
        except (KeyError, IndexError, ValueError):
            return str(template)


def _around(text: str, m: re.Match[str], width: int = 40) -> str:
    return text[max(0, m.start() - width): m.end() + width]


def as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence):
        return tuple(str(v) for v in value)
    return ()
