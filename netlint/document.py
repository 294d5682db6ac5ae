"""A draft under analysis: every analysis is computed lazily, once, on first use."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from . import regexcache as rc
from . import text as tx
from .draft import Draft
from .placeholders import find_placeholders

_NOT_NEWLINE = rc.compile(r"[^\n]")

if TYPE_CHECKING:
    from .guide.model import Guide
    from .nlp import NLP

T = TypeVar("T")


class Stats(NamedTuple):
    words: int
    sentences: int
    characters: int
    paragraphs: int
    syllables: int
    flesch_reading_ease: float
    flesch_kincaid_grade: float

    def as_dict(self) -> dict[str, float]:
        return self._asdict()


class Document:
    """Analyses of one draft. Rules read the properties they declared in ``needs``."""

    def __init__(self, draft: Draft, guide: Guide, nlp: NLP | None = None,
                 spacy_doc: Any = None):
        self.draft = draft
        self.guide = guide
        self._nlp = nlp
        self._memo: dict[str, Any] = {}
        if spacy_doc is not None:
            self.__dict__["spacy"] = spacy_doc

    @property
    def text(self) -> str:
        return self.draft.text

    @property
    def channel(self) -> str:
        return self.draft.channel or self.guide.default_channel

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Cache an analysis that a rule family defines for itself."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    # -- cheap analyses -------------------------------------------------------

    @cached_property
    def placeholders(self) -> list[tx.Span]:
        """Template placeholders. Found in every draft, not only in template mode,
        so that no language rule fires inside one; the template rules report them."""
        return find_placeholders(self.text, self.guide.placeholder_pattern)

    @cached_property
    def protected(self) -> list[tx.Span]:
        """Spans that are not prose: URLs, e-mails, handles, hashtags, codes, placeholders,
        HTML / Liquid comments (suppression directives live there)."""
        from .suppress import comment_spans

        return tx.protected_spans(self.text, list(self.placeholders) + comment_spans(self.text))

    @cached_property
    def quotes(self) -> list[tx.Span]:
        return tx.quoted_spans(self.text)

    def is_protected(self, start: int, end: int, *, quotes: bool = False) -> bool:
        # Called for every word: plain loops (Span.overlaps written out), no
        # generator or method call per span.
        for s in self.protected:
            if s.start < end and start < s.end:
                return True
        if quotes:
            for s in self.quotes:
                if s.start < end and start < s.end:
                    return True
        return False

    @cached_property
    def masked(self) -> str:
        """The text with protected spans blanked to spaces, offsets unchanged."""
        text = self.text
        if not self.protected:
            return text
        parts, pos = [], 0
        for s in self.protected:  # sorted by start; they may nest
            start = max(s.start, pos)
            if start >= s.end:
                continue
            parts += [text[pos:start], _NOT_NEWLINE.sub(" ", text[start:s.end])]
            pos = s.end
        parts.append(text[pos:])
        return "".join(parts)

    @cached_property
    def lower(self) -> str:
        """The text in lower case, for cheap "could this pattern match?" gates."""
        return self.text.lower()

    @cached_property
    def folded(self) -> str | None:
        """The text lower-cased with each run of white space one space, where gates
        look for the words a case-insensitive pattern needs (``\\s`` and ``split()``
        agree on white space). None when the text holds İ, ı or ſ: such a pattern
        may match them where the lower case does not show its words."""
        if tx.lower_may_miss(self.text):
            return None
        return " ".join(self.lower.split())

    @cached_property
    def english(self) -> bool:
        """Whether the text reads as English (see ``text.looks_english``)."""
        return tx.looks_english(self.text)

    @cached_property
    def words(self) -> list[tx.Span]:
        """Prose words (protected spans count as one word each where they stand)."""
        if not self.protected:
            return tx.words(self.text)
        # A word overlaps a protected span exactly when masking changed one of its
        # characters (words hold no spaces or newlines): no per-span test per word.
        masked = self.masked
        return [w for w in tx.words(self.text) if masked[w.start:w.end] == w.text]

    @cached_property
    def word_count(self) -> int:
        if not self.protected:
            # The masked text is the text: the words are its matches (and the
            # rules that count words go on to read them).
            return len(self.words)
        n = len(tx.WORD_RE.findall(self.masked))
        return n + sum(1 for s in self.protected if s.kind not in ("code", "comment"))

    @cached_property
    def sentences(self) -> list[tx.Span]:
        return tx.sentences(self.text, self.protected)

    @cached_property
    def paragraphs(self) -> list[tx.Span]:
        return tx.paragraphs(self.text)

    def sentence_words(self, sentence: tx.Span) -> list[tx.Span]:
        words, starts = self.words, self._word_starts
        return words[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]

    @cached_property
    def _word_starts(self) -> list[int]:
        return [w.start for w in self.words]

    @cached_property
    def stats(self) -> Stats:
        from . import syllables as syl  # loads its table: only for metric rules

        prose = re.sub(r"\s+", " ", self.masked).strip()
        n_sent = max(1, len(self.sentences))
        n_words = max(1, self.word_count)
        syllables = syl.count(prose) if prose else 0
        fre = 206.835 - 1.015 * (n_words / n_sent) - 84.6 * (syllables / n_words)
        fkg = 0.39 * (n_words / n_sent) + 11.8 * (syllables / n_words) - 15.59
        return Stats(
            words=self.word_count,
            sentences=len(self.sentences),
            characters=len(self.text),
            paragraphs=len(self.paragraphs),
            syllables=syllables,
            flesch_reading_ease=round(fre, 1),
            flesch_kincaid_grade=round(fkg, 1),
        )

    # -- spaCy ----------------------------------------------------------------

    @cached_property
    def spacy(self) -> Any:
        """The spaCy Doc (imports spaCy on first use)."""
        if self._nlp is None:
            raise RuntimeError("no NLP pipeline configured")
        return self._nlp(self.text)

    @cached_property
    def customer(self) -> Document | None:
        """The customer's message, analysed the same way, when the draft has one."""
        if not self.draft.customer:
            return None
        sub = Draft(text=self.draft.customer, path=self.draft.path, channel=self.draft.channel)
        return Document(sub, self.guide, self._nlp)
