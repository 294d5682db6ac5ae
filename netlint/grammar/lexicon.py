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
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

LETTERS = "abcdefghijklmnopqrstuvwxyz'"

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
)


@dataclass(frozen=True)
class Lexicon:
    """Known words (lower case) with their corpus frequency."""

    freq: dict[str, int]

    def __contains__(self, word: str) -> bool:
        return word in self.freq

    def known(self, word: str) -> bool:
        """Whether ``word`` (any case, straight or curly apostrophe) is an English word."""
        w = word.lower().replace("’", "'")
        if w in self.freq:
            return True
        if w.endswith("'s") or w.endswith("s'"):
            return w[:-2] in self.freq or w[:-1] in self.freq
        if "-" in w:
            return all(not p or self.known(p) for p in w.split("-"))
        return any(rx.search(w) and rx.sub(rep, w) in self.freq for rx, rep in _BRITISH)

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
        one = self._edits1(w)
        found = self._known_of(one)
        # Two edits away is ~(54n)^2 candidates: fine for a short word, too slow
        # for a long one (and long words are rarely two typos off anyway).
        if not found and len(w) <= 12:
            found = self._known_of(e2 for e1 in one for e2 in self._edits1(e1))
        ranked = sorted(found, key=lambda c: (-self.freq[c], c))[:limit]
        if word[:1].isupper():
            ranked = [c[:1].upper() + c[1:] for c in ranked]
        return ranked


@cache
def english() -> Lexicon:
    """The English lexicon (cached for the process; about 0.1 s to load)."""
    data = resources.files("spellchecker").joinpath("resources", "en.json.gz").read_bytes()
    freq: dict[str, int] = json.loads(gzip.decompress(data))
    return Lexicon(freq)

