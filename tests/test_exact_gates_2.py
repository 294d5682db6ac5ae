"""Exact gates, second round: a rule that skips a draft on a cheap test must find
nothing in it without the test. Each property draws texts from the rule's own
trigger words, cased and spaced every way, with the characters lower() and
re.IGNORECASE disagree on (İ, ı, ſ, the Kelvin sign) and odd white space."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlint import Draft
from netlint.document import Document
from netlint.rules import gates
from netlint.rules.gates import may_hold
from netlint.statements import StatementRule

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
    assert _doc("We  WAS\n\tlate ").folded == "we was late"
    assert _doc("İt was ſent").folded is None
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

    return [(rx, phrases) for (rx, *_), phrases in zip(
        grammar._CONFUSED_RES + grammar._AGREEMENT_RES,
        grammar._CONFUSED_PHRASES + grammar._AGREEMENT_PAIRS, strict=True)]


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


# -- patterns that are one alternation: every branch drawn on its own ----------------

def _branches(rx: re.Pattern[str]) -> list[re.Pattern[str]]:
    """The pattern once per top-level alternative of its first group: "a(?:b|c)d"
    gives "a(?:b)d" and "a(?:c)d" (a pattern with no such group gives itself)."""
    src = rx.pattern
    depth, i, start, cuts = 0, 0, -1, []
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 1
            while src[i] != "]" or src[i - 1] == "[" or (src[i - 1] == "^" and src[i - 2] == "["):
                i += 2 if src[i] == "\\" else 1
        elif c == "(":
            if depth == 0 and start < 0 and src.startswith("(?:", i):
                start = i + 3
                cuts = [start - 1]
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0 and start >= 0:
                cuts.append(i)
                break
        elif c == "|" and depth == 1 and start >= 0:
            cuts.append(i)
        i += 1
    if start < 0 or len(cuts) < 3:
        return [rx]
    head, tail = src[:start], src[cuts[-1]:]
    return [re.compile(head + src[a + 1:b] + tail, rx.flags) for a, b in pairwise(cuts)]


def test_branches_splits_the_first_group() -> None:
    got = [b.pattern for b in _branches(re.compile(r"(?<!x)(?:ab|c[|)]d|e(?:f|g))\b"))]
    assert got == [r"(?<!x)(?:ab)\b", r"(?<!x)(?:c[|)]d)\b", r"(?<!x)(?:e(?:f|g))\b"]


def _assert_gate_passes_every_branch(rx: re.Pattern[str], gate: Callable[[str], bool], n: int = 20) -> None:
    for branch in _branches(rx):
        _assert_gate_passes_branch(rx, branch, gate, n)


def _assert_gate_passes_branch(rx: re.Pattern[str], branch: re.Pattern[str], gate: Callable[[str], bool],
                               n: int) -> None:
    @settings(max_examples=n, deadline=None, database=None)
    @given(st.from_regex(branch))
    def run(text: str) -> None:
        assert branch.search(text)
        if rx.search(text):
            assert gate(text), (branch.pattern, text)

    run()


def _assert_keywords_pass_every_trigger(rule: StatementRule) -> None:
    """A statement rule's keywords (searched in the folded draft) let through
    every text any branch of any of its triggers matches."""
    for trigger in rule.triggers:
        _assert_gate_passes_every_branch(trigger.pattern, lambda text: rule._may_fire(_doc(text)), n=12)


# -- N106, N108, N109, N111: phrase gates in front of one big pattern ----------------------

def test_netiquette_phrase_gates_let_every_match_through() -> None:
    from netlint.rules import netiquette as nq

    for rx, phrases in ((nq.BLAME_RE.compiled, nq._BLAME_PHRASES), (nq.CANT_RE.compiled, nq._CANT_PHRASES),
                        (nq.POLICY_RE.compiled, nq._POLICY_PHRASES)):
        _assert_gate_passes_every_branch(rx, lambda text, ph=phrases: may_hold(_doc(text), ph))
    _assert_gate_passes_every_branch(nq.GENERIC_SALUTATION_RE,
                                     lambda text: nq.may_be_generic_salutation(_doc(text)), n=150)


def test_netiquette_phrase_gate_examples() -> None:
    from netlint.rules import netiquette as nq

    for rule in (nq.BlameOrCondescension, nq.CantWithoutAlternative, nq.PolicyRefusal,
                 nq.GenericSalutation):
        for example in rule.bad_examples:
            text = example if isinstance(example, str) else str(example["text"])
            assert [f.code for f in _lint(text, rule.code)], text
    assert not may_hold(_doc("Thanks, the parcel arrives tomorrow."), nq._BLAME_PHRASES)
    assert not nq.may_be_generic_salutation(_doc("Hi Sam, your refund is on its way."))
    assert nq.may_be_generic_salutation(_doc("HI  VALUED\nCUSTOMER,"))
    assert may_hold(_doc("WE  ARE\tUNABLE TO do it"), nq._CANT_PHRASES)


def _lint(text: str, code: str) -> list[object]:
    from tests.conftest import lint_text

    return list(lint_text(text, select=code))


# -- N110: the count of "unfortunately" in the lower-cased text ---------------------------

@settings(max_examples=500, deadline=None)
@given(_texts(["unfortunately", "Unfortunately", "UNFORTUNATELY", "unfortunatelyunfortunately",
               "we", "can't", "fortunately", "unfortunate", "x", '"'], max_words=10),
       st.integers(min_value=-1, max_value=3))
def test_unfortunately_count_gate_never_skips_a_repeat(text: str, limit: int) -> None:
    from netlint.rule import Context
    from netlint.rules.netiquette import _UNFORTUNATELY_RE, RepeatedUnfortunately, _skipped

    rule = RepeatedUnfortunately()
    doc = _doc(text)
    got = [h.start for h in rule.check(doc, Context({"max": limit}, rule.severity))]
    hits = [m for m in _UNFORTUNATELY_RE.finditer(text) if not _skipped(doc, m.start(), m.end())]
    assert got == [m.start() for m in hits[limit:]], text


def test_unfortunately_gate_examples() -> None:
    from netlint.rules.netiquette import _UNFORTUNATELY_RE

    text = "UNFORTUNATELY it broke. Unfortunately\u212a no. unfortunately."
    assert len(_UNFORTUNATELY_RE.findall(text)) == 2 and text.lower().count("unfortunately") == 3
    assert [f.code for f in _lint("Unfortunately not. Unfortunately no.", "N110")] == ["N110"]
    assert not _lint("Unfortunately not. We can help.", "N110")


# -- R104: phrase keywords, searched by StatementRule in the folded draft ----------------

def test_out_of_role_advice_keywords_let_every_trigger_match_through() -> None:
    from netlint.rules.risky import OutOfRoleAdvice

    rule = OutOfRoleAdvice()
    _assert_keywords_pass_every_trigger(rule)


def test_out_of_role_advice_keyword_examples() -> None:
    from netlint.rules.risky import OutOfRoleAdvice

    rule = OutOfRoleAdvice()
    for text in rule.bad_examples:
        assert rule._may_fire(_doc(str(text))) and _lint(str(text), "R104"), text
    assert rule._may_fire(_doc("It's perfectly SAFE\n\tTO take twice a day."))
    assert not rule._may_fire(_doc("Your refund is on its way; I have checked the issue."))
    assert rule._may_fire(_doc("You ſhould ſue them."))  # ſ: lower() keeps it, the gate stays open


# -- P100, P101, P102: the digits a card, IBAN or SSN cannot be written without ----------

def test_number_gates_let_every_match_through() -> None:
    from netlint import redact
    from netlint.rules import sensitive as sv

    for rx, gate in ((redact._CARD_RE, sv.MAY_BE_CARD_RE), (redact._IBAN_RE, sv.MAY_BE_IBAN_RE),
                     (redact._SSN_RE, sv.MAY_BE_SSN_RE), (redact._SSN_BARE_RE, sv.MAY_BE_SSN_RE)):
        assert not rx.flags & re.IGNORECASE
        _assert_gate_passes_matches(rx, lambda text, g=gate: g.search(text) is not None, n=80)


def test_number_gate_examples() -> None:
    from netlint.rules import sensitive as sv

    for rule in (sv.CardNumber, sv.Iban, sv.Ssn):
        for example in rule.bad_examples:
            text = example if isinstance(example, str) else str(example["text"])
            assert rule().secrets(_doc(text)), text
    assert sv.MAY_BE_CARD_RE.search("4 1 1 1-1 1 1 1 1 1 1 1 1")
    assert not sv.MAY_BE_SSN_RE.search("Order 12345678 (8 digits) and @115712")


# -- T103: draft markers are upper case; "lorem ipsum" is looked for in lower case --------

def test_marker_gate_lets_every_match_through() -> None:
    from netlint.rules.templates import _MARKER_RE, may_hold_marker

    _assert_gate_passes_every_branch(_MARKER_RE, may_hold_marker, n=150)


@settings(max_examples=500, deadline=None)
@given(_texts(["TODO", "todo", "FIXME", "TBD", "TBC", "lorem", "ipsum", "lorem ipsum", "x", "#", "/"]))
def test_marker_gate_never_skips_a_marker(text: str) -> None:
    from netlint.rules.templates import _MARKER_RE, may_hold_marker

    if _MARKER_RE.search(text):
        assert may_hold_marker(text), text


def test_marker_gate_examples() -> None:
    from netlint.rules.templates import find_markers, may_hold_marker

    assert not may_hold_marker("Add it to your todo list, tbd.")
    assert may_hold_marker("LOREM IPSUM dolor") and may_hold_marker("Lorem ıpſum")
    assert find_markers("Lorem ıpſum", template=False, placeholders=[])
    # The template's fill-ins are found without any marker word.
    doc = _doc("Dear [Name],\n\n[insert tracking link]", template=True)
    assert find_markers(doc.text, template=True, placeholders=doc.placeholders)


# -- P103: phrase keywords, searched by StatementRule in the folded draft ----------------

def test_secret_request_keywords_let_every_trigger_match_through() -> None:
    from netlint.rules.sensitive import _SECRET, SecretRequest

    rule = SecretRequest()
    _assert_keywords_pass_every_trigger(rule)
    # Every kind of secret, after the words that ask for it.
    for secret in _branches(re.compile(f"(?:{_SECRET})", re.I)):
        ask = re.compile(r"\bsend\s+us\s+your\s+" + secret.pattern, re.I)
        _assert_gate_passes_matches(ask, lambda text: rule._may_fire(_doc(text)), n=12)


def test_secret_request_keyword_examples() -> None:
    from netlint.rules.sensitive import SecretRequest

    rule = SecretRequest()
    for text in rule.bad_examples:
        assert rule._may_fire(_doc(str(text))) and _lint(str(text), "P103"), text
    assert not rule._may_fire(_doc("Your shipping code is in the e-mail; the card was charged."))


# -- B106: fewer apology words than max + 1, no repeated apology -------------------------

_APOLOGY_VOCAB = ["sorry", "Sorry", "SORRY", "apologise", "apologize", "apologies", "apologising",
                  "we regret", "I regret", "my bad", "pardon the", "pardon our", "no need to", "don't",
                  "feel", "for", "the", "delay", "again", '"', "@sorry", "sorry-ish", "x"]


@settings(max_examples=600, deadline=None)
@given(_texts(_APOLOGY_VOCAB, max_words=10), st.integers(min_value=-1, max_value=3))
def test_repeated_apology_gate_finds_what_the_loop_finds(text: str, limit: int) -> None:
    from netlint.rule import Context
    from netlint.rules.brevity import _NOT_OUR_APOLOGY, APOLOGY_RE, RepeatedApology

    rule = RepeatedApology()
    doc = _doc(text)
    got = [h.start for h in rule.check(doc, Context({"max": limit}, rule.severity))]
    kept = [m.start() for m in APOLOGY_RE.finditer(text)
            if not doc.is_protected(m.start(), m.end(), quotes=True)
            and not _NOT_OUR_APOLOGY.search(text[max(0, m.start() - 30):m.start()])]
    assert got == kept[max(limit, 0):] if limit >= 0 else got == kept, text


def test_apology_words_count_every_match() -> None:
    from netlint.rules.brevity import APOLOGY_RE, apology_words

    _assert_gate_passes_every_branch(APOLOGY_RE, lambda text: apology_words(_doc(text)) != 0, n=60)
    text = "Sorry! SORRY again; we\n regret it, apologies, my  bad. Pardon the wait"
    assert apology_words(_doc(text)) == len(APOLOGY_RE.findall(text)) == 6
    assert apology_words(_doc("Sorry, we apologıse")) is None


# -- G300: the engine's configuration, once per guide and options ------------------------

def test_grammar_engine_config_is_the_sections_with_the_options() -> None:
    from netlint.grammar.config import GrammarConfig
    from netlint.guide.model import Guide
    from netlint.rule import Context
    from netlint.rules.grammar_engine import GrammarEngine

    rule = GrammarEngine()
    harper = Guide({"grammar": {"backend": "harper", "dialect": "british"}})
    plain = Guide({})
    for options in ({}, {"backend": "languagetool", "url": "http://x"}, {"backend": "builtin"},
                    {"backend": "languagetool", "url": "http://y"}, {"url": "http://x"}):
        ctx = Context({**rule.defaults, **options}, rule.severity)
        for guide in (harper, plain, harper, plain):
            section = dict(guide.section("grammar"))
            section.update({k: v for k, v in options.items() if v})
            doc = Document(Draft("Hi."), guide)
            assert rule._config(doc, ctx) == GrammarConfig.from_section(section), (options, guide)


# -- N200: a reply too short for the rule is not searched for the customer's name ----------

def _n200_as_first_written(doc: Document, min_words: object) -> list[tuple[int, int, str]]:
    from netlint.rules.conversation import (
        _NAME_PLACEHOLDER_RE,
        _first_name,
        greeting,
        known_customer_name,
        name_used,
        reply_anchor,
    )

    name = known_customer_name(doc)
    if not name or not doc.text.strip():
        return []
    if min_words is None or doc.word_count < int(min_words):  # type: ignore[call-overload]
        return []
    if any(_NAME_PLACEHOLDER_RE.search(p.text) for p in doc.placeholders):
        return []
    if name_used(doc.text, name):
        return []
    if doc.draft.customer_name and greeting(doc.text) is not None:
        return []
    start, end = reply_anchor(doc.text)
    return [(start, end, f"The customer's name is {_first_name(name)}, but the reply never uses it.")]


@settings(max_examples=400, deadline=None)
@given(_texts(["Hi", "Priya", "your", "refund", "is", "on", "its", "way", "Thanks", "{{first_name}}",
               "Kind regards,\nSam", "there", "", " "], max_words=12),
       st.sampled_from(["Where is my refund?\n\nThanks,\nPriya", "Where is it?\n- Tom", "help", None]),
       st.sampled_from([None, "", "Priya Shah"]),
       st.sampled_from([None, 0, 1, 5, 25, True, False]))
def test_customer_name_gate_finds_what_the_rule_found(text: str, customer: str | None,
                                                      customer_name: str | None, min_words: object) -> None:
    from netlint.rule import Context
    from netlint.rules.conversation import CustomerNameNotUsed

    rule = CustomerNameNotUsed()
    ctx = Context({"min_words": min_words}, rule.severity)
    got = [(h.start, h.end, h.message) for h in rule.check(_doc(text, customer=customer,
                                                                customer_name=customer_name), ctx)]
    expected = _n200_as_first_written(_doc(text, customer=customer, customer_name=customer_name), min_words)
    assert got == expected


def test_customer_name_gate_keeps_what_int_does_with_odd_options() -> None:
    import pytest

    from netlint.rule import Context
    from netlint.rules.conversation import CustomerNameNotUsed

    rule = CustomerNameNotUsed()
    doc = _doc("Your refund is on its way.", customer_name="Priya")
    assert doc.word_count == 6
    assert list(rule.check(doc, Context({"min_words": 6}, rule.severity)))
    assert not list(rule.check(doc, Context({"min_words": 7}, rule.severity)))
    assert list(rule.check(doc, Context({"min_words": "3"}, rule.severity)))
    assert not list(rule.check(doc, Context({"min_words": 2.5e3}, rule.severity)))
    with pytest.raises(ValueError):
        list(rule.check(doc, Context({"min_words": "many"}, rule.severity)))
    assert not list(rule.check(_doc("Ok."), Context({"min_words": "many"}, rule.severity)))  # no name


# -- G111: the repeated-word pattern's twin over the folded draft ------------------------

def _repeat_gate(text: str) -> bool:
    from netlint.rules.grammar import _REPEAT_GATE_RE

    low = _doc(text).folded
    return low is None or _REPEAT_GATE_RE.search(low) is not None


def test_repeated_word_gate_lets_every_match_through() -> None:
    from netlint.rules.grammar import _REPEAT_RE

    _assert_gate_passes_matches(_REPEAT_RE, _repeat_gate, n=400)


@settings(max_examples=800, deadline=None)
@given(_texts(["on", "On", "ON", "the", "The", "don't", "Don't", "don’t", "it's", "it", "s", "t", "o",
               "n", "Sam", "a", "an", "é", "onê", "_", "9", "\u212a", "k", "ok", "OK"], max_words=8))
def test_repeated_word_gate_never_skips_a_repeat(text: str) -> None:
    from netlint.rules.grammar import _REPEAT_RE

    if _REPEAT_RE.search(text):
        assert _repeat_gate(text), text


def test_repeated_word_gate_examples() -> None:
    for text in ("on on", "The the", "don't\n don't", "it’s\tit’s", "o\u212a ok", "(to to)", "the the's"):
        assert _repeat_gate(text), text
    for text in ("Thanks, we sent it.", "don't do", "one on", "on onto"):
        assert not _repeat_gate(text), text
    assert _repeat_gate("on\n\non")  # looser than the pattern (one line break at most): fine
    assert [f.code for f in _lint("Your order will arrive on on Friday.", "G111")] == ["G111"]


# -- G132: a scan for what each verb-form pattern cannot flag without ---------------------

_MODALS = ["will", "would", "can", "could", "should", "might", "must", "did", "didn't", "didnt", "won't",
           "wouldn't", "can't", "cannot", "couldn't", "shouldn't", "doesn't", "don't", "Will", "WILL"]


@st.composite
def _modal_texts(draw: st.DrawFn) -> str:
    from netlint.rules.grammar import _BASE_OF_PAST, _ED_BASES, _PARTICIPLE_OF

    verbs = st.one_of(st.sampled_from(sorted(_BASE_OF_PAST)), st.sampled_from(sorted(_ED_BASES)),
                      st.sampled_from(sorted(_PARTICIPLE_OF)),
                      st.sampled_from(["asked", "fixed", "saved", "moved", "added", "owned", "typed",
                                       "used", "aged", "checked", "applied", "stopped"]),
                      st.text("abcdeorstu", min_size=1, max_size=6).map(lambda w: w + "ed"),
                      st.text("abcdeorstu", min_size=1, max_size=6))
    out = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        lead = draw(st.sampled_from([*_MODALS, "have", "has", "had", "'ve", "’ve", "HAVE", "we", "x"]))
        neg = draw(st.sampled_from(["", " not", "\nnot"]))
        verb = draw(verbs)
        out.append(lead + neg + draw(st.sampled_from(_SPACES)) + draw(st.sampled_from([verb, verb.upper()])))
        out.append(draw(st.sampled_from([" ", ". ", "-", "", "\n", "s ", "ſ", "ı"])))
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(_modal_texts())
def test_verb_form_gates_change_no_finding(text: str) -> None:
    from unittest import mock

    from netlint.rules import grammar

    rule = grammar.VerbForm()
    doc = _doc(text)
    got = [(h.start, h.end, h.message) for h in rule._check(doc)]
    everything = re.compile("")
    with mock.patch.object(grammar, "_PERFECT_GATE_RE", everything), \
            mock.patch.object(grammar, "_AFTER_MODAL_GATE_RE", everything):
        assert got == [(h.start, h.end, h.message) for h in rule._check(_doc(text))], text


@settings(max_examples=500, deadline=None)
@given(_modal_texts())
def test_after_modal_gate_passes_every_verb_the_rule_would_look_up(text: str) -> None:
    from netlint.rules.grammar import _AFTER_MODAL_GATE_RE, _AFTER_MODAL_RE, _BASE_OF_PAST

    for m in _AFTER_MODAL_RE.finditer(text):
        verb = m.group(3)
        if verb in _BASE_OF_PAST or (verb.endswith("ed") and len(verb) >= 5):
            assert _AFTER_MODAL_GATE_RE.search(text), text


def test_verb_form_gates_let_every_match_through() -> None:
    from netlint.rules import grammar

    def gate(text: str) -> bool:
        low = _doc(text).folded
        return low is None or grammar._PERFECT_GATE_RE.search(low) is not None

    _assert_gate_passes_matches(grammar._PERFECT_RE, gate, n=300)


def test_verb_form_gate_examples() -> None:
    from netlint.rules.grammar import _AFTER_MODAL_GATE_RE, VerbForm

    for text in VerbForm.bad_examples:
        assert [f.code for f in _lint(str(text), "G132")] == ["G132"], text
    assert not _AFTER_MODAL_GATE_RE.search("We will send it; you can check the status.")
    assert _AFTER_MODAL_GATE_RE.search("It cannot\n\tarrived") and _AFTER_MODAL_GATE_RE.search("did not sent")


# -- B105: a hedge's words in the folded draft ------------------------------------------

def test_hedge_gate_lets_every_match_through() -> None:
    from netlint.rules.brevity import _HEDGE_PHRASES, HEDGE_RE

    _assert_gate_passes_every_branch(HEDGE_RE, lambda text: may_hold(_doc(text), _HEDGE_PHRASES), n=30)


def test_hedge_gate_examples() -> None:
    from netlint.rules.brevity import _HEDGE_PHRASES, Hedge

    for text in Hedge.bad_examples:
        assert may_hold(_doc(str(text)), _HEDGE_PHRASES) and _lint(str(text), "B105"), text
    assert may_hold(_doc("I\n  THINK so"), _HEDGE_PHRASES) and may_hold(_doc("I thınk so"), _HEDGE_PHRASES)
    assert not may_hold(_doc("The refund arrives on Friday."), _HEDGE_PHRASES)


# -- N112: the stock negative phrases in the folded draft --------------------------------

def test_negative_phrase_gate_lets_every_match_through() -> None:
    from netlint.rules.netiquette import _NEGATIVE_PHRASES, _NEGATIVE_RE, NEGATIVE_SWAPS

    _assert_gate_passes_every_branch(_NEGATIVE_RE.compiled,
                                     lambda text: may_hold(_doc(text), _NEGATIVE_PHRASES), n=30)
    for key in NEGATIVE_SWAPS:
        assert any(p in key for p in _NEGATIVE_PHRASES), key


def test_negative_phrase_gate_examples() -> None:
    from netlint.rules.netiquette import _NEGATIVE_PHRASES, NegativePhrase

    for text in NegativePhrase.bad_examples:
        assert may_hold(_doc(text), _NEGATIVE_PHRASES) and _lint(text, "N112"), text
    assert may_hold(_doc("Don’t\n\tFORGET  to call"), _NEGATIVE_PHRASES)
    assert not may_hold(_doc("Happy to help! Remember to restart the app."), _NEGATIVE_PHRASES)


# -- R102: delivery-date keys as the trigger writes them ---------------------------------

def test_commitment_keywords_let_every_trigger_match_through() -> None:
    from netlint.rules.risky import UnauthorisedCommitment

    rule = UnauthorisedCommitment()
    _assert_keywords_pass_every_trigger(rule)


def test_commitment_keyword_examples() -> None:
    from netlint.rules.risky import UnauthorisedCommitment

    rule = UnauthorisedCommitment()
    for example in rule.bad_examples:
        assert rule._may_fire(_doc(example if isinstance(example, str) else str(example["text"])))
    for text in ("Your money will be in\n your account by Friday.", "Your internet will be WORKING by 5pm.",
                 "Your order will definitely be delivered by Friday."):
        assert rule._may_fire(_doc(text)) and _lint(text, "R102"), text
    assert not rule._may_fire(_doc("Please sign in to your account; the app is working again."))
