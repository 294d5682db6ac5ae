"""Speed-ups in the question rules' analyses (Q100, N201) that must not change a
result: each is checked against the code as it was first written."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from netlint import text as tx


def _content_terms_word_by_word(text: str, skip: Iterable[str] = ()) -> list[str]:
    """answers.content_terms as first written: each word lower-cased alone."""
    from netlint.answers import _terms

    masked = tx.strip_urls(tx.HANDLE_RE.sub(" ", text))
    words = [m.group().lower().replace("’", "'") for m in tx.WORD_RE.finditer(masked)]
    return _terms(words, {s.lower() for s in skip})


# Words of support questions, stopwords, contractions, numbers, handles, links,
# and the characters lower() treats apart: İ (two characters lower-cased), final Σ.
_TERM_PIECES = ["Refund", "REFUNDS", "shipping", "delivered", "I'm", "don’t", "it's", "Order", "4411",
                "7", "a", "x", "@ShopCo", "https://t.co/x", "example.com", "Wi-Fi", "e-mail", "İstanbul",
                "ΟΔΟΣ", "Σ", ".", "Α", "’", "'", "-", "_", " ", "  ", "\n", ", ", "?", "Kelvin\u212a", "é"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_TERM_PIECES), max_size=12).map("".join),
       st.sampled_from([(), ("refund",), ("Order", "SHIPPING")]))
def test_content_terms_are_the_word_by_word_terms(text: str, skip: tuple[str, ...]) -> None:
    from netlint.answers import content_terms

    assert content_terms(text, skip) == _content_terms_word_by_word(text, skip)


def test_content_terms_examples() -> None:
    from netlint.answers import content_terms

    assert content_terms("When will my REFUND for order 4411 arrive? @ShopCo") == ["refund", "order", "4411",
                                                                                 "arriv"]
    # Lower-casing the whole text would read "σ" here (a letter follows the full stop).
    assert content_terms("ΟΔΟΣ.Α") == _content_terms_word_by_word("ΟΔΟΣ.Α")


def _segments_as_first_written(text: str, protected: Sequence[tx.Span]) -> Iterator[tuple[int, int]]:
    """questions._segments before sentences without "?" or a line break were
    passed through whole: every sentence cut."""
    from netlint.questions import _cut

    for sent in tx.sentences(text, list(protected)):
        yield from _cut(text, sent)


_SEGMENT_PIECES = ["When", "will", "it", "arrive", "?", "？", "!", "?!", "??", ".", "...", " ", "  ", "\n",
                   "\n\n", "\t", "e.g.", "Dr.", "3.5", "https://x.co/a?b=1", "@shop", "Thanks", "- ",
                   "\u3000",
                   # A line this long with no end mark is wrapped prose: a sentence goes on past it.
                   "we have checked the parcel with the courier and"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_SEGMENT_PIECES), max_size=14).map("".join))
def test_segments_are_cut_as_they_were(text: str) -> None:
    from netlint.questions import _segments

    protected = tx.protected_spans(text)
    assert list(_segments(text, protected)) == list(_segments_as_first_written(text, protected))


def test_sentiment_scores_are_kept_per_message_text() -> None:
    from netlint.rules.conversation import _analyzer, _prose, overall_sentiment, worst_sentence

    text = "@shop This is the third time my order is late. Absolutely useless! https://x.co/a"
    fresh = float(_analyzer().polarity_scores(_prose(text))["compound"])
    hits = overall_sentiment.cache_info().hits
    assert overall_sentiment(text) == fresh and overall_sentiment(text) == fresh
    assert overall_sentiment.cache_info().hits == hits + 1
    worst = worst_sentence(text, fresh)
    assert worst_sentence(text, fresh) is worst and worst[1] < 0
