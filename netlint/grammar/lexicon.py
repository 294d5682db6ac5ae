"""The English word list behind the spelling rule, loaded on first use.

The words and their frequencies are pyspellchecker's English list (about
160,000 forms from OpenSubtitles frequency counts, inflections included);
netlint reads the packaged file directly — a gzip'd JSON object — which is
about three times faster than building a ``SpellChecker`` and is all the
spelling rule needs: a membership test, and for the few unknown words a
draft has, candidates one or two edits away ranked by frequency
(Norvig's method, as pyspellchecker does it).
"""

from __future__ import annotations

import gzip
import json
import marshal
import os
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

LETTERS = "abcdefghijklmnopqrstuvwxyz'"
# Frequency (in the list's counts) of a word common enough to be half of a
# closed compound, and of a word a capitalised typo is taken to stand for.
COMMON = 5_000
CAPITAL_TYPO_FREQ = 10_000

# British and other Commonwealth spellings of words the list has in US form:
# an agent in London writes "colour" and must not be told it is wrong.
_BRITISH = (
    (re.compile(r"our(s|ed|ing|ite|ites|able|ful|less)?$"), r"or\1"),
    (re.compile(r"is(e|es|ed|ing|er|ers|ation|ations|able)$"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"ence(s)?$"), r"ense\1"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"oe"), "e"),
    (re.compile(r"mme(s)?$"), r"m\1"),
)
_PREFIXES = ("re", "pre", "un", "over", "under", "out", "co", "sub", "super", "inter", "non",
             "multi", "mis", "up", "down", "counter", "cross", "micro", "self-", "e-")
# Suffix -> endings that, put back, give the listed word ("funders" -> "fund").
_SUFFIXES = (("ers", ("", "e")), ("er", ("", "e")), ("ed", ("", "e")), ("ing", ("", "e")),
             ("ness", ("",)), ("ly", ("",)))


def _hunspell() -> Any:
    """Hunspell's en_US dictionary (SCOWL-based) through spylls, or None.

    It knows modern and derived words the frequency list lacks ("blockchain",
    "wastewater", "stents") and applies affix rules, but takes about 0.8 s to
    load and a second per suggestion: so it is only asked about words the
    frequency list does not know, and only loaded when a draft has one."""
    try:
        from spylls.hunspell import Dictionary
    except ImportError:
        return None
    base = resources.files("spylls").joinpath("hunspell", "data", "en", "en_US")
    return Dictionary.from_files(str(base))


@dataclass
class Lexicon:
    """Known words (lower case) with their corpus frequency, backed by Hunspell."""

    freq: dict[str, int]
    second_opinion: bool = True
    _hunspell: Any = field(default=None, repr=False)
    _loaded: bool = field(default=False, repr=False)
    # A batch repeats its unknown words; two edits away costs ~0.1-0.3 s a word.
    _suggestions: dict[tuple[str, int], list[str]] = field(default_factory=dict, repr=False)

    def hunspell_knows(self, word: str) -> bool:
        if not self.second_opinion:
            return False
        if not self._loaded:
            self._hunspell, self._loaded = _hunspell(), True
        if self._hunspell is None:
            return False
        return bool(self._hunspell.lookup(word) or self._hunspell.lookup(word.lower()))

    def __contains__(self, word: str) -> bool:
        return word in self.freq

    def known(self, word: str) -> bool:
        """Whether ``word`` (any case, straight or curly apostrophe) is an English word."""
        w = word.lower().replace("’", "'")
        if w in self.freq:
            return True
        if w.endswith(("'s", "s'")):
            return w[:-1] in self.freq or self.known(w[:-2])
        if "-" in w:
            # "pre-owned", "sci-fi", "three-year-olds": short parts are prefixes.
            return all(len(p) < 4 or self.known(p) for p in w.split("-"))
        if any(rx.search(w) and rx.sub(rep, w) in self.freq for rx, rep in _BRITISH):
            return True
        if w.endswith("s") and (w[:-1] in self.freq or (w.endswith("ies")
                                                       and w[:-3] + "y" in self.freq)):
            return True  # "scenics", "ecologies": plurals and verb forms of listed words
        if self.hunspell_knows(word.replace("’", "'")):
            return True
        # "rideshare", "reimagine", "funders" yes; but "dependend" is "dependent"
        # mistyped, not depend+end: a word one edit from a listed word is a typo.
        return (self._compound(w) or self._derived(w)) and not self._known_of(self._edits1(w))

    def _derived(self, w: str) -> bool:
        """A listed word with a productive prefix or suffix: "underserved",
        "oversample", "funders", "subtyped"."""
        for prefix in _PREFIXES:
            if w.startswith(prefix) and len(w) - len(prefix) >= 4 and self.known_plain(
                    w[len(prefix):].lstrip("-")):
                return True
        for suffix, repl in _SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 3 and any(
                    self.freq.get(w[:-len(suffix)] + r, 0) >= COMMON for r in repl):
                return True
        return False

    def known_plain(self, w: str) -> bool:
        """Listed as is, or as a plural, a British spelling or by Hunspell."""
        return (w in self.freq or (w.endswith("s") and w[:-1] in self.freq)
                or any(rx.search(w) and rx.sub(rep, w) in self.freq for rx, rep in _BRITISH)
                or self.hunspell_knows(w))

    def _compound(self, w: str) -> bool:
        """Closed compounds of two common words: "rideshare", "roadmap", "placemats"."""
        for i in range(3, len(w) - 2):
            a, b = w[:i], w[i:]
            if self.freq.get(a, 0) >= COMMON and (self.freq.get(b, 0) >= COMMON
                                                 or self.freq.get(b[:-1], 0) >= COMMON):
                return True
        return False

    def common_suggestion(self, word: str) -> str | None:
        """A frequent word one dropped, added or swapped letter away (first letter
        kept), or None: how a typo in a capitalised word is told from a name
        ("Recieved", "Unfortunatly" yes; "Marsden", "Santi", "Unix" no)."""
        w = word.lower()
        splits = [(w[:i], w[i:]) for i in range(1, len(w) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        edits |= {a + c + b for a, b in splits for c in LETTERS}
        best = [c for c in self._known_of(edits) if self.freq[c] >= CAPITAL_TYPO_FREQ]
        return max(best, key=lambda c: self.freq[c]) if best else None

    def _edits1(self, word: str) -> set[str]:
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        deletes = [a + b[1:] for a, b in splits if b]
        transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
        replaces = [a + c + b[1:] for a, b in splits if b for c in LETTERS]
        inserts = [a + c + b for a, b in splits for c in LETTERS]
        return set(deletes + transposes + replaces + inserts)

    def _known_of(self, words: Iterable[str]) -> set[str]:
        return {w for w in words if w in self.freq}

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` corrections, the most frequent closest words first,
        in the case of ``word`` (Capitalised or lower)."""
        w = word.lower().replace("’", "'")
        key = (w, limit)
        if key not in self._suggestions:
            self._suggestions[key] = self._suggest(w, limit)
        ranked = self._suggestions[key]
        if word[:1].isupper():
            ranked = [c[:1].upper() + c[1:] for c in ranked]
        return ranked

    def _suggest(self, w: str, limit: int) -> list[str]:
        one = self._edits1(w)
        found = self._known_of(one)
        # Two edits away is ~(54n)^2 candidates: fine for a short word, too slow
        # for a long one (and long words are rarely two typos off anyway).
        if not found and 4 <= len(w) <= 12:
            found = self._known_of(e2 for e1 in one for e2 in self._edits1(e1))
        return sorted(found, key=lambda c: (-self.freq[c], c))[:limit]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "netlint"


COMMON_SIZE = 30000


@cache
def common_words() -> frozenset[str]:
    """The most frequent words of the English list (lower case).

    Most words of a reply are among them, and this set loads in a few
    milliseconds: the spelling rule loads the full lexicon (about 0.1 s) only
    for a word outside it. Same answers as ``english().known`` for these words.
    """
    data = _word_list_bytes()
    cached = _cache_dir() / f"words-en-common{COMMON_SIZE}-{len(data)}-{zlib.crc32(data):08x}.marshal"
    try:
        words = marshal.loads(cached.read_bytes())
        if isinstance(words, list):
            return frozenset(words)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    freq = english().freq
    top = sorted(freq, key=lambda w: (-freq[w], w))[:COMMON_SIZE]
    _write_cache(cached, top)
    return frozenset(top)


def _word_list_bytes() -> bytes:
    return resources.files("spellchecker").joinpath("resources", "en.json.gz").read_bytes()


def _write_cache(path: Path, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(value))
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: rebuild each time


@cache
def english() -> Lexicon:
    """The English lexicon (cached for the process).

    Decoding pyspellchecker's gzipped JSON word list costs about 0.2 s, a third
    of a cold check; the decoded dict is kept as a marshal file in the user's
    cache folder (keyed by the list's size), which loads in about 20 ms.
    """
    data = _word_list_bytes()
    cached = _cache_dir() / f"words-en-{len(data)}-{zlib.crc32(data):08x}.marshal"
    try:
        freq = marshal.loads(cached.read_bytes())
        if isinstance(freq, dict):
            return Lexicon(freq)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    freq = json.loads(gzip.decompress(data))
    _write_cache(cached, freq)
    return Lexicon(freq)

