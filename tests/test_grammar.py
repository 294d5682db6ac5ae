"""The grammar family's own rules: what they flag and, above all, what they leave alone."""

from __future__ import annotations

import importlib.util

import pytest

from netlint import Draft, Linter
from netlint.guide.model import Guide, Selection

from .conftest import needs_model
from .grammar_helpers import check, grammar_registry, spans

HAS_HARPER = importlib.util.find_spec("harper") is not None


@pytest.mark.parametrize(("text", "wrong"), [
    ("We sent you a email.", "a"),
    ("That is an useful tip.", "an"),
    ("It took a hour.", "a"),
    ("An refund is on its way.", "An"),
    ("Enter a 8-digit code.", "a"),
])
def test_article_flags_the_wrong_article(text: str, wrong: str) -> None:
    assert spans(text, "G110") == [wrong]


@pytest.mark.parametrize("text", [
    "A user, a one-off fee, a European card, a unique link and a university.",
    "An hour, an honest answer, an heir, an update and an umbrella.",
    "An FAQ, a NATO base, an iPhone, a eBay listing.",
    "Plan A or plan B; vitamin A and vitamin E.",
    "You wrote 'I want a apple' earlier.",
    "An historic day and a historic day.",
])
def test_article_leaves_correct_and_ambiguous_cases(text: str) -> None:
    assert check(text, "G110") == []


def test_article_fix_keeps_capitals() -> None:
    (f,) = check("A email went out.", "G110")
    assert f.fixes[0].edits[0].replacement == "An"


def test_repeated_word_but_not_had_had_or_that_that() -> None:
    assert spans("Please check the the link.", "G111") == ["the"]
    assert check("He had had enough. I know that that works. Bye bye!", "G111") == []
    assert spans("It is on\non its way.", "G111") == ["on"]


def test_repeated_word_fix_deletes_the_second_copy() -> None:
    text = "Please check the the link."
    (f,) = check(text, "G111")
    e = f.fixes[0].edits[0]
    assert text[:e.start] + e.replacement + text[e.end:] == "Please check the link."


@pytest.mark.parametrize(("text", "fixed"), [
    ("Your welcome!", "You're welcome!"),
    ("Its been sent.", "It's been sent."),
    ("You should of received it.", "You should have received it."),
    ("Their is a delay.", "There is a delay."),
    ("It is faster then before.", "It is faster than before."),
    ("You won't loose data.", "You won't lose data."),
    ("It has no affect on billing.", "It has no effect on billing."),
    ("We check it everyday.", "We check it every day."),
    ("Please advice the customer.", "Please advise the customer."),
    ("Thanks alot.", "Thanks a lot."),
])
def test_confused_words_are_fixed(text: str, fixed: str) -> None:
    (f,) = check(text, "G120")
    e = f.fixes[0].edits[0]
    assert text[:e.start] + e.replacement + text[e.end:] == fixed


@pytest.mark.parametrize("text", [
    "Your welcome pack is in the post.",
    "It could, of course, take longer; it could of course take longer.",
    "Its tracking number is 123. It's on its way.",
    "They're sure their order is there.",
    "Then we will call. Rather than wait, call us.",
    "The strap is loose. Do not lose it.",
    "This will not affect you; the effect is small.",
    "These are everyday items.",
    "Thanks for the advice; we advise you to wait.",
])
def test_confused_words_leave_correct_use(text: str) -> None:
    assert check(text, "G120") == []


def test_agreement_common_slips() -> None:
    assert spans("We was away. He don't know. They was late.", "G130") == ["was", "don't", "was"]
    assert spans("There is three parcels.", "G130") == ["is"]
    assert check("Does it have a lid? If it were mine. There is 1 item and 50% off.",
                 "G130") == []
    assert check("What they say is true. What you said was right.", "G130") == []


@needs_model
def test_agreement_with_tags() -> None:
    assert spans("There were delays. There was some delays.", "G131") == ["was"]
    assert spans("I checked and it seem fine.", "G131") == ["seem"]
    assert check("Does it seem fine? Let it go.", "G131") == []


def test_tagged_agreement_is_skipped_without_a_model(capsys: pytest.CaptureFixture[str]) -> None:
    from netlint.nlp import NLP

    guide = Guide({"name": "t"})
    linter = Linter(guide, selection=Selection(select=("G131", "G140")),
                    registry=grammar_registry())
    linter._nlp = NLP(model="no_such_model", needs=frozenset({"pos"}))
    import netlint.nlp as nlp_mod

    saved = nlp_mod.FALLBACK_MODELS
    nlp_mod.FALLBACK_MODELS = ()
    try:
        for _ in range(2):
            result = linter.check_result(Draft("i think it seem fine."))
            assert [f.code for f in result.findings] == ["G140"]
            assert result.skipped == ("G131",)
    finally:
        nlp_mod.FALLBACK_MODELS = saved
    assert capsys.readouterr().err.count("skipped G131") == 1


def test_lowercase_i() -> None:
    assert spans("ok i'm on it, i will check.", "G140") == ["i", "i"]
    assert check("Use the iPhone app, i.e. (i) sign in.", "G140") == []


def test_sentence_capital() -> None:
    assert spans("Done. your refund is out.", "G141") == ["your"]
    assert check("Hi Sam,\nthanks for writing. eBay orders too... and more.", "G141") == []
    assert check("Thanks! {{agent}} will call. @sam can help.", "G141") == []


def test_end_punctuation_only_in_email() -> None:
    text = "Your refund has been processed and is on its way"
    assert len(check(text, "G150", channel="email")) == 1
    assert check(text, "G150", channel="chat") == []
    assert check("Hi Sam,\n\nIt is done.\n\nKind regards\nTom Baker", "G150",
                 channel="email") == []


def test_spacing_rules() -> None:
    assert spans("Your order  has shipped.", "G160") == ["  "]
    assert check("Order:      123", "G160") == []
    assert spans("Thanks , Sam !", "G161") == [" ,", " !"]
    assert check("Great :) See you ... soon.", "G161") == []
    assert spans("Thanks,Sam. It shipped.It is here.", "G162") == [",", "."]
    assert check("It costs 1,000.50 at 10:30, e.g. see example.com/a,b or Node.js.",
                 "G162") == []


def test_nothing_fires_inside_placeholders_urls_or_quotes() -> None:
    text = ('Hi {{ a  b }}, see https://x.com/the/the and "we was here" said '
            'the customer.')
    assert check(text, "G1") == []


@pytest.mark.skipif(not HAS_HARPER, reason="harper-py is not installed")
def test_harper_engine_reports_with_its_rule_name() -> None:
    guide = Guide({"name": "t", "grammar": {"backend": "harper"}})
    linter = Linter(guide, selection=Selection(select=("G300",)), registry=grammar_registry(),
                    quiet_nlp=True)
    found = linter.check(Draft("I has received the parcel."))
    assert found and all("Harper" in f.message for f in found)
    assert linter.check(Draft('You wrote "I has a parcel" earlier.')) == []


def test_builtin_backend_sends_nothing() -> None:
    guide = Guide({"name": "t"})
    linter = Linter(guide, selection=Selection(select=("G300",)), registry=grammar_registry(),
                    quiet_nlp=True)
    assert linter.check(Draft("I has a apple.")) == []
    assert linter.registry.rules["G300"]._engines == {}


def test_verb_form_after_modal_and_have() -> None:
    assert spans("We will sent it. It didn't arrived. We have send it.", "G132") == [
        "sent", "arrived", "send"]
    assert check("We will need it; it will proceed. You have buy-in. We have sent it.",
                 "G132") == []


def test_sentence_capital_after_abbreviations() -> None:
    assert check("She has a Ph.D. in physics and met Dr. Smith and Ronald S. Weinstein.",
                 "G141") == []


def test_agreement_with_does_and_have() -> None:
    assert spans("They doesn't know. She have a question.", "G130") == ["doesn't", "have"]
    assert check("Does she have a question? He has to go; she'd have to wait.", "G130") == []
