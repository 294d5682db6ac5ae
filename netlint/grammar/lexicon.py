"""The English word list behind the spelling rule, loaded on first use.

The words and their frequencies are pyspellchecker's English list (about
160,000 forms from OpenSubtitles frequency counts, inflections included);
netlint reads the packaged file directly — a gzip'd JSON object — which is
about three times faster than building a ``SpellChecker`` and is all the
spelling rule needs: a membership test, and for the few unknown words a
draft has, candidates ranked by frequency: listed words one edit away
(Norvig's method, as pyspellchecker does it), else common words two edits
away (rapidfuzz's optimal-string-alignment distance, in C++).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .. import regexcache as rc
from ..datacache import Memo, PackedTable, cached_packed, cached_table, file_stamp, package_data

LETTERS = "abcdefghijklmnopqrstuvwxyz'"
# Frequency (in the list's counts) of a word common enough to be half of a
# closed compound, and of a word a capitalised typo is taken to stand for.
COMMON = 5_000
CAPITAL_TYPO_FREQ = 10_000
# Answers kept per question (known, suggestions...) for words a batch repeats;
# past this many a memo starts again: a batch's typos are unbounded.
MEMO_LIMIT = 1 << 14

# British and other Commonwealth spellings of words the list has in US form:
# an agent in London writes "colour" and must not be told it is wrong.
_BRITISH = (
    (rc.compile(r"our(s|ed|ing|ite|ites|able|ful|less)?$"), r"or\1"),
    (rc.compile(r"is(e|es|ed|ing|er|ers|ation|ations|able)$"), r"iz\1"),
    (rc.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (rc.compile(r"tre(s)?$"), r"ter\1"),
    (rc.compile(r"ogue(s)?$"), r"og\1"),
    (rc.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (rc.compile(r"ence(s)?$"), r"ense\1"),
    (rc.compile(r"ae"), "e"),
    (rc.compile(r"oe"), "e"),
    (rc.compile(r"mme(s)?$"), r"m\1"),
)
_PREFIXES = ("re", "pre", "un", "over", "under", "out", "co", "sub", "super", "inter", "non",
             "multi", "mis", "up", "down", "counter", "cross", "micro", "self-", "e-")
# Suffix -> endings that, put back, give the listed word ("funders" -> "fund").
_SUFFIXES = (("ers", ("", "e")), ("er", ("", "e")), ("ed", ("", "e")), ("ing", ("", "e")),
             ("ness", ("",)), ("ly", ("",)))


def _hunspell_folder() -> Any:
    """Where spylls packages Hunspell's en_US files (en_US.aff, en_US.dic)."""
    return package_data("spylls", "hunspell", "data", "en")


def _expand(dictionary: Any) -> list[str]:
    """Every form Hunspell's en_US accepts: each stem with the suffixes and
    prefixes its flags allow (and both, where both cross). en_US has no
    continuation classes; its compound rules only build ordinals of digits,
    which the spelling rule never asks about. Forbidden stems are left out."""
    aff = dictionary.aff
    skip = {aff.FORBIDDENWORD, aff.ONLYINCOMPOUND, aff.NEEDAFFIX} - {None}
    forms: set[str] = set()
    for word in dictionary.dic.words:
        if word.flags & skip:
            continue
        stem = word.stem
        forms.add(stem)
        suffixed = []
        for flag in word.flags:
            for sfx in aff.SFX.get(flag, ()):
                if sfx.cond_regexp.search(stem) and stem.endswith(sfx.strip):
                    form = stem[:len(stem) - len(sfx.strip)] + sfx.add
                    forms.add(form)
                    if sfx.crossproduct:
                        suffixed.append(form)
        for flag in word.flags:
            for pfx in aff.PFX.get(flag, ()):
                if pfx.cond_regexp.search(stem) and stem.startswith(pfx.strip):
                    forms.add(pfx.add + stem[len(pfx.strip):])
                    if pfx.crossproduct:
                        forms.update(pfx.add + f[len(pfx.strip):] for f in suffixed)
    return sorted(forms)


def _hunspell_stamp(*, with_word_list: bool = False) -> bytes | None:
    """The file stamp of Hunspell's en_US files (and of the word list), found
    without importing spylls; None when spylls is not installed."""
    try:
        folder = _hunspell_folder()
        files = [folder.joinpath("en_US.aff"), folder.joinpath("en_US.dic")]
        return file_stamp(*files, *([_word_list()] if with_word_list else []))
    except (ModuleNotFoundError, OSError):
        return None


@cache
def hunspell_words() -> frozenset[str]:
    """Hunspell's en_US (SCOWL-based), expanded to the ~124,000 forms it accepts.

    It knows modern and derived words the frequency list lacks ("blockchain",
    "wastewater", "stents"). spylls parses the dictionary (about 1 s) and the
    forms are expanded once, then kept in the user's cache folder: later runs
    load them in milliseconds. Empty when spylls is not installed."""
    source = _hunspell_stamp()
    if source is None:
        return frozenset()

    def build() -> list[str]:
        from spylls.hunspell import Dictionary  # the parser: only to build the table

        return _expand(Dictionary.from_files(str(_hunspell_folder().joinpath("en_US"))))

    return frozenset(cached_table("hunspell-en_US", source, build, list))


@cache
def hunspell_unlisted() -> frozenset[str]:
    """The Hunspell forms whose lower case is not in the frequency list: ~23,000
    of the ~124,000. The spelling rule asks Hunspell only about words the list
    lacks, and a form the list has in lower case can never match such a word,
    so this smaller set (five times faster to load) gives the same answers."""
    source = _hunspell_stamp(with_word_list=True)
    if source is None:
        return frozenset()

    def build() -> list[str]:
        listed = english().word_counts()
        return sorted(f for f in hunspell_words() if f.lower() not in listed)

    return frozenset(cached_table("hunspell-en_US-unlisted", source, build, list))


@cache
def _hunspell_table(*, unlisted: bool) -> PackedTable | frozenset[str]:
    """:func:`hunspell_unlisted` (or :func:`hunspell_words`) as a packed table:
    ready at once where building the set of 23,000 (124,000) forms takes ~3 ms
    (~30 ms). Empty when spylls is not installed."""
    source = _hunspell_stamp(with_word_list=unlisted)
    if source is None:
        return frozenset()

    def build() -> dict[str, int]:
        return dict.fromkeys(hunspell_unlisted() if unlisted else hunspell_words(), 0)

    name = "hunspell-en_US-unlisted" if unlisted else "hunspell-en_US"
    return cached_packed(name, source, build)


@dataclass
class Lexicon:
    """Known words (lower case) with their corpus frequency, backed by Hunspell."""

    # A packed table (or, in tests, a dict): looked up in place, never built whole.
    freq: PackedTable | dict[str, int]
    second_opinion: bool = True
    # Answers to repeated questions (a batch repeats its unknown words), bounded.
    _memos: dict[str, dict[Any, Any]] = field(default_factory=dict, repr=False)

    def _memo(self, question: str) -> dict[Any, Any]:
        memo = self._memos.get(question)
        if memo is None:
            memo = self._memos[question] = {}
        elif len(memo) >= MEMO_LIMIT:
            memo.clear()
        return memo

    def word_counts(self) -> dict[str, int]:
        """Every listed word with its count (the whole list: ~0.1 s, for build steps)."""
        freq = self.freq
        return freq.load() if isinstance(freq, PackedTable) else freq

    def hunspell_knows(self, word: str) -> bool:
        """Whether Hunspell's en_US accepts ``word``: as written, or in lower case
        ("Blockchain"), or capitalised when written in capitals ("PARIS")."""
        if not self.second_opinion:
            return False
        # Every form tried below has the lower case of ``word``: when the list
        # lacks it (always, when the spelling rule asks), only unlisted forms can match.
        forms = _hunspell_table(unlisted=word.lower() not in self.freq)
        return word in forms or word.lower() in forms or (word.isupper() and word.capitalize() in forms)

    def __contains__(self, word: str) -> bool:
        return word in self.freq

    def known(self, word: str) -> bool:
        """Whether ``word`` (any case, straight or curly apostrophe) is an English word."""
        memo = self._memo("known")
        key = (word, self.second_opinion)
        answer = memo.get(key)
        if answer is None:
            answer = memo[key] = self._known(word)
        return answer

    def _known(self, word: str) -> bool:
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
        memo = self._memo("common_suggestion")
        w = word.lower()
        try:
            return memo[w]  # type: ignore[no-any-return]
        except KeyError:  # (the server's threads may clear a memo at any time)
            found = memo[w] = self._common_suggestion(w)
            return found

    def _common_suggestion(self, w: str) -> str | None:
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
        freq = self.freq
        if isinstance(freq, PackedTable):
            return freq.members(words)
        return {w for w in words if w in freq}

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` corrections, the most frequent closest words first,
        in the case of ``word`` (Capitalised or lower)."""
        w = word.lower().replace("’", "'")
        key = (w, limit)
        memo = self._memo("suggest")
        ranked = memo.get(key)
        if ranked is None:
            ranked = memo[key] = self._suggest(w, limit)
        if word[:1].isupper():
            ranked = [c[:1].upper() + c[1:] for c in ranked]
        return ranked

    def _suggest(self, w: str, limit: int) -> list[str]:
        found = self._known_of(self._edits1(w))
        # Two edits away: only common words, found by rapidfuzz's edit distance
        # (C++) among words of about the same length. Spelling out every string two
        # edits away costs 0.1-0.3 s a word, and mostly on words that are no typo at
        # all (a name, a word of another language); a rare word two edits off is
        # seldom what the agent meant.
        if not found and 4 <= len(w) <= 12:
            found = set(two_edits_common(w))
        return sorted(found, key=lambda c: (-self.freq[c], c))[:limit]


COMMON_SIZE = 30000


@cache
def common_words() -> Memo:
    """The most frequent words of the English list (lower case -> rank).

    Most words of a reply are among them: the spelling rule asks the full
    lexicon only about a word outside it. Same answers as ``english().known``
    for these words. A packed table (ready in a fraction of a millisecond, where
    its dict took ~10 ms) behind a bounded memo: a reply's words are asked
    about again and again, and a memo answers them almost at dict speed.
    """
    def build() -> dict[str, int]:
        freq = english().word_counts()
        ranked = sorted(freq, key=lambda w: (-freq[w], w))[:COMMON_SIZE]
        return {w: rank for rank, w in enumerate(ranked)}

    return Memo(cached_packed(f"words-en-common{COMMON_SIZE}", file_stamp(_word_list()), build))


def _word_list() -> Any:
    return package_data("spellchecker", "resources", "en.json.gz")


@cache
def _common_by_length() -> dict[int, str]:
    """The common words grouped by length, most frequent first, each group one
    newline-joined string: cached, as grouping them costs ~25 ms, and the first
    typo of a batch or a cold draft waits for it. Joined, the file loads in
    ~0.2 ms instead of ~8 ms for 30,000 separate strings; a typo needs five
    lengths of them (see :func:`_common_of_length`)."""
    def build() -> dict[int, str]:
        ranks = common_words().table.load()
        by_length: dict[int, list[str]] = {}
        for w in sorted(ranks, key=ranks.__getitem__):
            by_length.setdefault(len(w), []).append(w)
        return {n: "\n".join(ws) for n, ws in by_length.items()}

    return cached_table(f"words-en-common{COMMON_SIZE}-by-length-joined",
                        file_stamp(_word_list()), build, dict)


@cache
def _common_of_length(n: int) -> list[str]:
    """The common words of ``n`` letters, most frequent first."""
    joined = _common_by_length().get(n)
    return joined.split("\n") if joined else []


def two_edits_common(w: str) -> list[str]:
    """Common words at most two edits (insert, delete, replace, swap) from ``w``.

    The distance is optimal string alignment (a swap is one edit; a stretch is
    not edited twice): four times faster than full Damerau-Levenshtein in
    rapidfuzz, and the same top suggestions on the unknown words of 1,138 real
    replies."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    pool = [c for n in range(len(w) - 2, len(w) + 3) for c in _common_of_length(n)]
    return [c for c, _, _ in process.extract(w, pool, scorer=OSA.distance, score_cutoff=2, limit=None)]


@cache
def english() -> Lexicon:
    """The English lexicon (cached for the process).

    Decoding pyspellchecker's gzipped JSON word list costs about 0.2 s, a third
    of a cold check, and building a dict of its 160,000 words ~70 ms even from
    a marshal file; the list is kept in the user's cache folder as a packed
    table instead, ready in a fraction of a millisecond and looked up in place
    (see :class:`~netlint.datacache.PackedTable`).
    """
    path = _word_list()

    def build() -> dict[str, int]:
        import gzip  # only to build the table: a cached one is a packed file
        import json

        return dict(json.loads(gzip.decompress(path.read_bytes())))

    return Lexicon(cached_packed("words-en", file_stamp(path), build))
