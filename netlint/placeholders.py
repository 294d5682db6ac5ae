"""Template placeholders: found before language rules run, so nothing fires inside one."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .text import Span

# Name -> regular expression. Order matters: earlier syntaxes win overlaps.
SYNTAXES: dict[str, str] = {
    "liquid-tag": r"\{%-?\s*[^%{}]*?-?%\}",
    "helpscout": r"\{%[A-Za-z_][\w.]*(?:,\s*fallback=[^%]*)?%\}",
    "liquid": r"\{\{-?\s*[^{}\n]{1,120}?-?\}\}",
    "osticket": r"%\{[A-Za-z_][\w.]*\}",
    "dollar": r"\$\{[A-Za-z_][\w.]*\}",
    "percent": r"%[A-Z][A-Z0-9_]{1,40}%",
    "python": r"(?<![{$%\w])\{[A-Za-z_][\w.]{0,40}\}(?!\})",
    "bracket": r"\[(?:[A-Z][A-Za-z]*(?: [A-Za-z]+){0,4}|insert [^\]\n]{1,60}|[A-Z][A-Z_ ]{2,40})\](?!\()",
    "angle": r"<(?:[A-Z][A-Z0-9_]{1,40}|[A-Z][a-z]+(?: [A-Z]?[a-z]+){0,3})>",
}

DEFAULT_SYNTAXES = tuple(SYNTAXES)


def compile_syntaxes(names: Iterable[str], custom: dict[str, str] | None = None) -> re.Pattern[str]:
    parts = []
    table = {**SYNTAXES, **(custom or {})}
    for name in names:
        parts.append(f"(?P<{name.replace('-', '_')}>{table[name]})")
    for name, rx in (custom or {}).items():
        if name not in names:
            parts.append(f"(?P<{name.replace('-', '_')}>{rx})")
    return re.compile("|".join(parts))


def find_placeholders(text: str, pattern: re.Pattern[str]) -> list[Span]:
    out = []
    for m in pattern.finditer(text):
        kind = (m.lastgroup or "placeholder").replace("_", "-")
        out.append(Span(m.start(), m.end(), m.group(), kind))
    return out
