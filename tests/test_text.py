"""Text helpers: the literal-word gates rules put in front of their patterns."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from netlint.rules import grammar
from netlint.text import LazyRegex

_VOCAB = ["your", "you're", "welcome", "its", "it's", "been", "own", "their", "there", "is",
          "going", "to", "could", "should", "of", "have", "less", "then", "than", "loose",
          "lose", "will", "the", "affect", "effect", "everyday", "advice", "advise", "we",
          "was", "they", "he", "don't", "doesn't", "I", "am", "are", "two", "orders", "course",
          "Your", "ITS", "Their", ".", ",", "alot", "Alot", "not", "gonna"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=12))
def test_gates_never_skip_a_pattern_that_matches(words: list[str]) -> None:
    text = " ".join(words)
    lower = text.lower()
    for table, gates in ((grammar._CONFUSED_RES, grammar._CONFUSED_PHRASES),
                         (grammar._AGREEMENT_RES, grammar._AGREEMENT_PAIRS)):
        for (rx, *_), gate in zip(table, gates, strict=True):
            if gate and not any(w in lower for w in gate):
                assert rx.search(text) is None, (rx.pattern, text)


def test_every_confused_words_pattern_has_a_gate() -> None:
    # A pattern without one is searched in every reply: say so here if that is meant.
    assert all(grammar._CONFUSED_PHRASES)
    assert len(grammar._CONFUSED_PHRASES) == len(grammar._CONFUSED_RES)


def test_lazy_regex_compiles_on_first_use_and_behaves_like_the_pattern() -> None:
    lazy = LazyRegex(r"(?P<word>re\w+)", re.IGNORECASE)
    assert lazy._compiled is None
    assert lazy.search("We REFUNDED it").group("word") == "REFUNDED"
    assert lazy._compiled is not None
    text = "refund, resend, rename"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in re.finditer(lazy.pattern, text)]
    assert lazy.sub("x", text) == "x, x, x" and lazy.groupindex == {"word": 1}
    assert lazy.match(text, 8).group() == "resend" and lazy.fullmatch("rename")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 \n.٣", max_size=8), st.integers(min_value=0, max_value=8))
def test_digit_at_end_is_the_regex_without_a_copy(text: str, i: int) -> None:
    from netlint.text import _digit_at_end

    i = min(i, len(text))
    assert _digit_at_end(text, i) == bool(re.search(r"\d$", text[:i]))
