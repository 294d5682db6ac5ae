"""The customer's name (N200) and an upset customer (N201).

Fixtures are written for these tests; none is taken from the dev data.
"""

from __future__ import annotations

import pytest

from netlint.rules.conversation import customer_sentiment, name_used
from netlint.rules.questions import signed_name

from .conftest import lint_text


@pytest.mark.parametrize(("customer", "name"), [
    ("Where is my refund?\n\nThanks,\nPriya", "Priya"),
    ("Where is my refund?\nKind regards,\nPriya Shah", "Priya Shah"),
    ("Where is my refund? - Tom", "Tom"),
    ("Hi, my name is Ana and my refund is late.", "Ana"),
    ("Hi, this is Ben from accounts, is the invoice ready?", "Ben"),
])
def test_signed_name_is_found(customer: str, name: str) -> None:
    assert signed_name(customer) == name


@pytest.mark.parametrize("customer", [
    "Where is my refund? This is Ridiculous",
    "Where is my refund?\n\nThanks,\nSent from my iPhone",
    "@DropboxSupport I can't log in to the site - Dropbox",
    "Where is my refund? Thanks!",
    "Please help ASAP\nThanks\nUrgent",
])
def test_no_name_is_invented(customer: str) -> None:
    assert signed_name(customer) is None


def test_name_used_matches_first_name_surname_or_title() -> None:
    assert name_used("Hello priya, ...", "Priya Shah")
    assert name_used("Dear Ms Shah, ...", "Priya Shah")
    assert not name_used("Hello @priya_s, ...", "Priya")
    assert not name_used("Hello there, ...", "Priya")


def test_name_known_from_field_but_not_used_is_flagged_at_the_reply_start() -> None:
    (f,) = lint_text("Your parcel is with the courier.\nIt arrives tomorrow.",
                     customer_name="Tom Baker", select="N200")
    assert f.message == "The customer's name is Tom, but the reply never uses it."
    assert (f.line, f.column) == (1, 1)


def test_impersonal_greeting_to_a_named_customer_is_left_to_the_greeting_rules() -> None:
    found = lint_text("Hi there,\nyour parcel arrives tomorrow.", customer_name="Tom Baker")
    assert "N200" not in [f.code for f in found]


def test_name_from_sign_off_not_used_is_flagged() -> None:
    found = lint_text("Hello,\n\nYour refund has been processed.\n\nBest,\nSam",
                      customer="Where is my refund?\n\nThanks,\nPriya", select="N200")
    assert [f.code for f in found] == ["N200"]


def test_name_used_anywhere_passes() -> None:
    assert lint_text("Your refund has been processed, Priya.",
                     customer="Where is my refund?\n\nThanks,\nPriya", select="N200") == []


def test_short_chat_reply_does_not_need_the_name() -> None:
    assert lint_text("Done, it's on its way!", customer_name="Tom", channel="chat", select="N200") == []
    long_chat = "Thanks for waiting. " + "The parcel is with the courier and arrives tomorrow. " * 4
    assert lint_text(long_chat, customer_name="Tom", channel="chat", select="N200")


def test_sms_is_exempt_by_default() -> None:
    assert lint_text("Your parcel arrives tomorrow.", customer_name="Tom", channel="sms",
                     select="N200") == []


def test_name_placeholder_in_a_template_counts_as_using_it() -> None:
    assert lint_text("Hi {{first_name}}, your parcel arrives tomorrow.", customer_name="Tom",
                     template=True, select="N200") == []


def test_sentiment_scores_an_angry_message_below_a_friendly_one() -> None:
    angry, worst, _ = customer_sentiment("This is the third time my order is late. Absolutely useless!")
    friendly, _, _ = customer_sentiment("Thanks so much, love the shop! When does it arrive?")
    assert angry < -0.5 < friendly
    assert "useless" in worst


def test_upset_customer_without_acknowledgement_is_flagged() -> None:
    (f,) = lint_text("Your order will arrive on Friday.",
                     customer="Third time my order is late. Absolutely useless, I'm furious!",
                     select="N201")
    assert f.message.startswith('The customer sounds upset ("')
    assert f.message.endswith("— the reply has no acknowledgement or apology.")


@pytest.mark.parametrize("reply", [
    "I'm sorry your order is late again. It will arrive on Friday.",
    "I understand how frustrating this is. It will arrive on Friday.",
    "Thanks for your patience. It will arrive on Friday.",
    "That's not the experience we want you to have. It will arrive on Friday.",
])
def test_acknowledgement_satisfies_the_upset_customer_rule(reply: str) -> None:
    assert lint_text(reply, customer="Third time my order is late. Absolutely useless, I'm furious!",
                     select="N201") == []


def test_calm_problem_report_is_not_upset() -> None:
    assert lint_text("Open Settings > Display to change it.",
                     customer="I need to fix the screen colour problem on my computer. Error 43.",
                     select="N201") == []


def test_calm_or_negated_negative_customer_is_not_upset() -> None:
    assert lint_text("Your order will arrive on Friday.",
                     customer="Not bad at all, no problems. When does it arrive?", select="N201") == []
    assert lint_text("Your order will arrive on Friday.", select="N201") == []


def test_one_angry_sentence_in_a_polite_message_counts() -> None:
    customer = "Hi, when will my order arrive? This is the worst service ever.\n\nThanks,\nMaria"
    assert lint_text("Your order arrives on Friday.", customer=customer, select="N201")
    assert lint_text("Sorry for the wait, Maria. Your order arrives on Friday.", customer=customer,
                     select="N201") == []


def test_threshold_is_an_option(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from netlint import Draft, Linter, load_guide

    guide = tmp_path / "guide.yml"
    guide.write_text("extends: default\nrules:\n  upset-customer-not-acknowledged:\n    options:\n"
                     "      threshold: -0.99\n      sentence_threshold: -0.99\n", encoding="utf-8")
    linter = Linter(load_guide(str(guide)), quiet_nlp=True)
    draft = Draft("Your order will arrive on Friday.",
                  customer="Third time my order is late. Absolutely useless, I'm furious!")
    assert [f.code for f in linter.check(draft) if f.code == "N201"] == []


@pytest.mark.parametrize("text", [
    "Hi! When will my order arrive? Thanks so much, love the shop.",
    "Order 4821 was delivered to the wrong address, can you send it again?",
    "Please update my billing address to 4 Elm Street.",
])
def test_messages_that_cannot_score_below_zero_skip_the_sentiment_scorer(text: str) -> None:
    from netlint.rules.conversation import customer_sentiment, may_be_negative

    assert not may_be_negative(text)
    overall, _, worst = customer_sentiment(text)
    assert overall >= 0 and worst >= 0


@pytest.mark.parametrize("text", [
    "This is not good enough.",           # a negated positive word
    "I don't love the new app.",          # n't
    "Terrible service.",                  # a negative word
    "It's kind of ok I guess",            # a booster that shrinks a positive word
    "Yeah right, fast shipping.",         # the idiom
    "Thanks 😡",                          # emoji are scored by name
    "This is the least helpful reply.",
])
def test_anything_that_may_score_below_zero_is_scored(text: str) -> None:
    from netlint.rules.conversation import may_be_negative

    assert may_be_negative(text)


def _n201(customer: str, **options: float) -> list[str]:
    from netlint.draft import Draft
    from netlint.engine import Linter
    from netlint.guide.loader import load_guide
    from netlint.guide.model import Selection

    linter = Linter(load_guide("default"), selection=Selection(select=("N201",)),
                    rule_options={"N201": options}, quiet_nlp=True)
    reply = "Hi, your parcel left our warehouse today and arrives on Friday. Best regards, Tom"
    return [f.code for f in linter.check(Draft(reply, customer=customer, channel="email"))]


NEUTRAL = "Where is my order? I placed it on Monday."


def test_a_threshold_at_or_above_zero_scores_messages_that_cannot_be_negative() -> None:
    # VADER scores this message 0: nothing in it can pull the score below zero.
    assert customer_sentiment(NEUTRAL)[0] == 0.0
    assert _n201(NEUTRAL) == []  # the default threshold is -0.5
    assert _n201(NEUTRAL, threshold=0.05) == ["N201"]
    assert _n201(NEUTRAL, sentence_threshold=0.05) == ["N201"]  # a sentence at 0 counts
