"""Exact gates, second round: a rule that skips a draft on a cheap test must find
nothing in it without the test. Each property draws texts from the rule's own
trigger words, cased and spaced every way, with the characters lower() and
re.IGNORECASE disagree on (İ, ı, ſ, the Kelvin sign) and odd white space."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlint import Draft
from netlint.document import Document
from netlint.rules import gates
from netlint.rules.gates import may_hold

# White space of every kind str.split() and \s know, and the letters lower()
# and re.IGNORECASE disagree on.
_SPACES = [" ", "  ", "\n", "\t", "\xa0", "\u2028", "\x1c", " \n "]
_ODD = ["İ", "ı", "ſ", "\u212a", "K", "I", "S"]


@lru_cache(maxsize=1)
def _guide():  # type: ignore[no-untyped-def]
    from tests.conftest import default_linter

    return default_linter().guide


def _doc(text: str, **fields: object) -> Document:
    return Document(Draft(text, **fields), _guide())  # type: ignore[arg-type]


def _odd_cases(word: str) -> list[str]:
    return [word, word.upper(), word.title(), word.replace("i", "ı"), word.replace("s", "ſ"),
            word.replace("k", "\u212a"), word.upper().replace("I", "İ")]


@st.composite
def _texts(draw: st.DrawFn, vocab: list[str], max_words: int = 8) -> str:
    """Words of ``vocab`` in any case (and with odd letters), with any white
    space or punctuation between them."""
    out = []
    for _ in range(draw(st.integers(min_value=1, max_value=max_words))):
        out.append(draw(st.sampled_from(_odd_cases(draw(st.sampled_from(vocab))))))
        out.append(draw(st.sampled_from([*_SPACES, "", ",", ". ", "-", "'", "’", "("])))
    return "".join(out)


# -- the folded text -----------------------------------------------------------------

def test_split_and_backslash_s_agree_on_white_space() -> None:
    space = re.compile(r"\s")
    for cp in range(0x110000):
        c = chr(cp)
        assert bool(space.match(c)) == c.isspace() == (c.split() == []), hex(cp)


def test_folded_text_and_its_escape_hatch() -> None:
    assert gates.folded(_doc("We  WAS\n\tlate ")) == "we was late"
    assert gates.folded(_doc("İt was ſent")) is None
    assert gates.may_hold(_doc("İt was ſent"), ("nothing like it",))
    assert not gates.may_hold(_doc("We were late"), ("we was",))
    assert gates.live(_doc("They  has it"), [("we is",), ("they has",)]) == {1}


# -- G120, G130: one phrase table per pattern ----------------------------------------

def _words_of(tables: tuple[tuple[str, ...], ...]) -> list[str]:
    return sorted({w for group in tables for p in group for w in p.split()})


_GRAMMAR_EXTRA = ["course", "to", "been", "not", "dont", "youre", "two", "several", "a few", "20", "5",
                  "orders", "be", "welcome", "set", "own", "self", "order", "isn't", "don't", "doesn't",
                  "than", "less", "more", "other", "lose", "the", "no", "side", "we'd", "some"]


def _grammar_vocab() -> list[str]:
    from netlint.rules import grammar

    return _words_of(grammar._CONFUSED_PHRASES + grammar._AGREEMENT_PAIRS) + _GRAMMAR_EXTRA


@settings(max_examples=600, deadline=None)
@given(_texts(_grammar_vocab()))
def test_confused_and_agreement_gates_never_skip_a_match(text: str) -> None:
    from netlint.rules import grammar

    doc = _doc(text)
    for table, phrases in ((grammar._CONFUSED_RES, grammar._CONFUSED_PHRASES),
                           (grammar._AGREEMENT_RES, grammar._AGREEMENT_PAIRS)):
        may_match = gates.live(doc, phrases)
        for i, (rx, *_rest) in enumerate(table):
            if rx.search(text):
                assert i in may_match, (rx.pattern, text)


def _grammar_cases() -> list[tuple[object, tuple[str, ...]]]:
    from netlint.rules import grammar

    return [(rx, phrases) for rx, *_, phrases in grammar._CONFUSED_RES + grammar._AGREEMENT_RES]


@pytest.mark.parametrize("case", range(len(_grammar_cases())))
def test_confused_and_agreement_gates_let_every_match_through(case: int) -> None:
    """Texts drawn by hypothesis from each pattern itself (every case, every
    kind of white space, anything around the match): the gate lets them through."""
    rx, phrases = _grammar_cases()[case]
    _assert_gate_passes_matches(rx.compiled, lambda text: may_hold(_doc(text), phrases))  # type: ignore[attr-defined]


def _assert_gate_passes_matches(rx: re.Pattern[str], gate: Callable[[str], bool], n: int = 100) -> None:
    @settings(max_examples=n, deadline=None, database=None)
    @given(st.from_regex(rx))
    def run(text: str) -> None:
        assert rx.search(text)
        assert gate(text), text

    run()


def test_confused_and_agreement_gate_examples() -> None:
    from netlint.rules import grammar
    from netlint.rules.grammar import ConfusedWords, SubjectVerbAgreement

    for rule, phrases in ((ConfusedWords, grammar._CONFUSED_PHRASES),
                          (SubjectVerbAgreement, grammar._AGREEMENT_PAIRS)):
        for text in rule.bad_examples:
            assert gates.live(_doc(str(text)), phrases), text
    assert not gates.live(_doc("Thanks, it is on its way and they are happy."), grammar._AGREEMENT_PAIRS)
    # White space of any kind between the words is one space in the folded text.
    assert 0 in gates.live(_doc("We\n\t was late"), grammar._AGREEMENT_PAIRS)
    assert 8 in gates.live(_doc("This plan costs less\u2028then the old one."), grammar._CONFUSED_PHRASES)
