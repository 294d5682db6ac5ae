"""Brevity: replies and sentences that are too long for the channel."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from ..document import Document
from ..finding import Hit, Severity
from ..rule import Context, Rule


class ReplyTooLong(Rule):
    """## What it does
    Counts the words of the reply (a URL, e-mail address or placeholder is one
    word) and flags a reply longer than the channel's limit.

    ## Why
    Customers read chat and social replies on a phone, between other things.
    A long reply hides the answer; on social channels it is also cut off.
    Defaults: e-mail 200 words, chat 80, social 50; SMS is measured in
    characters by its own rule.

    ## Example
    A 120-word chat reply that restates the customer's problem, explains the
    company's process and lists every option.

    ## Use instead
    Lead with the answer, then one next step. Move detail to a help-centre link.

    ## Fix safety
    No automatic fix: shortening needs judgment.
    """

    code = "B100"
    name = "reply-too-long"
    category = "brevity"
    severity = Severity.WARNING
    needs = frozenset({"words"})
    defaults: ClassVar[dict[str, Any]] = {
        "max_words": {"email": 200, "chat": 80, "social": 50, "sms": None},
    }
    bad_examples = (
        {"text": "Thanks for reaching out about your order. " * 12, "channel": "chat"},
        {"text": "We are sorry to hear about the delay with parcel. " * 6, "channel": "social"},
    )
    good_examples = (
        {"text": "Your refund went out today; it shows in 3-5 business days.", "channel": "chat"},
        {"text": "Thanks for reaching out about your order. " * 12, "channel": "email"},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        limit = ctx.get("max_words")
        if limit is None or doc.word_count <= limit:
            return
        end = len(doc.text.rstrip())
        yield Hit(0, end, f"Reply is {doc.word_count} words; the {doc.channel} limit is "
                          f"{limit}. Lead with the answer and cut the rest.")


class SentenceTooLong(Rule):
    """## What it does
    Flags a sentence with more words than the limit (default 25).

    ## Why
    Long sentences are hard to follow, above all for customers reading in a
    second language. Support replies that score well keep to one idea per
    sentence.

    ## Example
    We have checked your account and can see that the payment was taken on
    Monday but because of a delay with our payment provider the order was not
    confirmed and so it has not been sent yet.

    ## Use instead
    We checked your account: the payment was taken on Monday. A delay at our
    payment provider held the order, so it has not shipped yet.

    ## Fix safety
    No automatic fix.
    """

    code = "B101"
    name = "sentence-too-long"
    category = "brevity"
    severity = Severity.WARNING
    needs = frozenset({"sentences", "words"})
    defaults: ClassVar[dict[str, Any]] = {"max_words": 25}
    bad_examples = (
        "We have checked your account and can see that the payment was taken on Monday but "
        "because of a delay with our payment provider the order was not confirmed and so it "
        "has not been sent to you yet.",
    )
    good_examples = (
        "We checked your account: the payment was taken on Monday. A delay at our payment "
        "provider held the order, so it has not shipped yet.",
        # A long URL is one word, not forty.
        "Please use this link: https://example.com/help/orders/returns/how-to-return-an-item"
        "-you-bought-online-with-a-gift-card-or-store-credit-and-get-a-refund",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        limit = ctx["max_words"]
        for sent in doc.sentences:
            n = len(doc.sentence_words(sent)) + sum(
                1 for p in doc.protected
                if sent.start <= p.start < sent.end and p.kind != "code")
            if n > limit:
                yield Hit(sent.start, sent.end,
                          f"Sentence is {n} words (limit {limit}): split it.")
