"""Netiquette that needs the conversation: the customer's name, and their mood.

The greeting rules (N100-N199) look at how the reply opens; these look at the
reply as a whole against what is known about the customer.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any, ClassVar

from .. import regexcache as rc
from .. import text as tx
from .. import vader
from ..caseless import CaselessRegex
from ..document import Document
from ..finding import Hit, Severity
from ..rule import Context, Rule
from ..salutations import greeting
from .questions import known_customer_name, reply_anchor

_NAME_PLACEHOLDER_RE = rc.compile(r"(?i)name|first|recipient|requester|customer")


def _first_name(name: str) -> str:
    parts = [p for p in re.split(r"\s+", name.strip()) if p]
    # "Mr Smith", "Dr. Ana Ruiz": a title takes the surname with it.
    if len(parts) >= 2 and parts[0].rstrip(".").lower() in ("mr", "mrs", "ms", "miss", "dr", "prof", "mx"):
        return parts[1]
    return parts[0] if parts else ""


def name_used(text: str, name: str) -> bool:
    """Whether the reply uses the customer's first name, surname or full name."""
    parts = [p.rstrip(".") for p in name.split() if len(p.rstrip(".")) >= 2]
    if not parts:
        return True
    return any(re.search(rf"(?<![\w@]){re.escape(part)}(?!\w)", text, re.IGNORECASE) for part in parts)


class CustomerNameNotUsed(Rule):
    """## What it does
    Flags a reply that never uses the customer's name when the name is known:
    from the draft's `customer_name` (exercise, JSONL or CSV field) or from
    the customer's own sign-off ("Thanks, Maria", "- Tom", "My name is Ana").
    A name placeholder in a template (`{{first_name}}`) counts as using it.
    It does not check where the name stands: when the name comes from the
    draft's field and the reply opens with a greeting, the greeting rules
    (N105 impersonal-greeting, N106 generic-salutation) report it instead.

    ## Why
    Using the name the customer gave shows a person read their message; a
    reply without it reads like a form letter. By default the check runs on
    e-mail and on chat replies of 25 words or more; a short chat line or an
    SMS does not need it (option `min_words`, per channel; `null` turns the
    check off for a channel).

    ## Example
    Customer signs "Thanks, Priya". Reply: "Hello, your refund has been
    processed and will reach your card in 3-5 days. Kind regards, Sam"

    ## Use instead
    "Hello Priya, your refund has been processed…"

    ## Fix safety
    No automatic fix: where the name goes is the agent's choice.
    """

    code = "N200"
    name = "customer-name-not-used"
    category = "netiquette"
    severity = Severity.INFO
    needs = frozenset({"customer"})
    defaults: ClassVar[dict[str, Any]] = {
        "min_words": {"email": 0, "chat": 25, "social": 25, "sms": None},
    }
    bad_examples = (
        {"text": "Hello,\n\nYour refund has been processed and will reach your card in 3-5 days.\n\n"
                 "Kind regards,\nSam",
         "customer": "Where is my refund?\n\nThanks,\nPriya"},
        {"text": "Thanks for waiting. The parcel is with the courier and arrives tomorrow.",
         "customer_name": "Tom Baker", "channel": "email"},
        {"text": "Hi there, thanks for waiting. The parcel arrives tomorrow.",
         "customer": "Where is my parcel?\n- Tom"},
    )
    good_examples = (
        {"text": "Hello Priya,\n\nYour refund has been processed.\n\nKind regards,\nSam",
         "customer": "Where is my refund?\n\nThanks,\nPriya"},
        {"text": "Hi {{first_name}}, your parcel arrives tomorrow.", "customer_name": "Tom",
         "template": True},
        {"text": "Done, it's on its way!", "customer_name": "Tom", "channel": "chat"},
        {"text": "Hello, your refund has been processed.",
         "customer": "Where is my refund? This is ridiculous."},
        {"text": "Thanks Mr Baker, the parcel arrives tomorrow.", "customer_name": "Mr Tom Baker"},
        {"text": "Hi there, the parcel arrives tomorrow.", "customer_name": "Tom Baker"},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        # The tests that need no name first: finding the customer's sign-off is the
        # costly part, and a short reply returns the same without it (a min_words
        # that is not an int is left to int() below, which may raise, as it did).
        min_words = ctx.get("min_words")
        if min_words is None or (isinstance(min_words, int) and doc.word_count < min_words):
            return
        name = known_customer_name(doc)
        if not name or not doc.text.strip():
            return
        if doc.word_count < int(min_words):
            return
        if any(_NAME_PLACEHOLDER_RE.search(p.text) for p in doc.placeholders):
            return
        if name_used(doc.text, name):
            return
        if doc.draft.customer_name and greeting(doc.text) is not None:
            return  # an impersonal greeting to a named customer: N105/N106 report it
        start, end = reply_anchor(doc.text)
        yield Hit(start, end, f"The customer's name is {_first_name(name)}, but the reply never "
                              f"uses it.")


# -- upset customer -------------------------------------------------------------

# Searched in every reply to an upset-sounding message: a case-sensitive twin over
# the lower-cased reply finds the same (netlint/caseless.py), about 4x faster.
ACKNOWLEDGEMENT_RE = CaselessRegex(
    r"(?i)\b(?:sorry|apologi[sz]e|apologies|regret|unfortunate(?:ly)?|understand(?:able|ably)?|troubl\w*|"
    r"to\s+(?:hear|read|see|learn)|"
    r"frustrat\w*|inconvenien\w*|annoy\w*|disappoint\w*|upset\w*|(?:hear|read|see|learn)(?:ing)?\s+"
    r"(?:that|this|about)|not\s+(?:the|what)\s+[^.!?]{0,40}(?:experience|expect|want|like)|"
    r"not\s+(?:good|great|ideal|okay|ok|right|acceptable)|oh\s+no|yikes|uh\s+oh|we\s+hear\s+you|"
    r"(?:can|could)\s+(?:only\s+)?imagine|must\s+(?:be|have\s+been)|concern(?:ed|ing|s)?|"
    r"let\s+(?:you\s+)?down|hate\s+to\s+(?:hear|see)|bummer|that['’]s\s+(?:awful|terrible|rough|bad)|"
    r"thanks?\s+(?:you\s+)?for\s+(?:your\s+patience|bearing\s+with|letting\s+us\s+know|flagging|raising|"
    r"bringing)|appreciate\s+your\s+patience|feedback|not\s+happy|shouldn['’]t\s+(?:have\s+)?happen\w*)\b")


# Words that name the customer's problem rather than their mood: a calm "my
# screen has a colour problem" or a pasted error message is not upset.
PROBLEM_WORDS = frozenset(
    """problem problems issue issues error errors fail fails failed failure failures crash crashes
    crashed broken bug bugs lost lose missing wrong delay delayed delays stuck cancel cancelled
    canceled warning unable declined denied""".split())


@cache
def _analyzer() -> Any:
    return vader.analyzer(without=PROBLEM_WORDS)


@cache
def _negative_cues() -> frozenset[str]:
    """Every word through which VADER can score a text below zero: its negative
    words, its negations ("not", "without", "no"; "n't" is checked apart), the
    boosters that shrink a positive word ("kind of", "barely"), "least" and the
    idiom "yeah right". Emoji are scored by their names: a text with one is
    scored in full."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE

    lexicon = _analyzer().lexicon
    return frozenset([w for w, v in lexicon.items() if v < 0] + [n.lower() for n in NEGATE]
                     + [b.split()[0] for b, v in BOOSTER_DICT.items() if v < 0]  # "kind" of "kind of"
                     + ["no", "least", "yeah"])


def may_be_negative(text: str) -> bool:
    """False when VADER cannot score ``text`` (or any sentence of it) below zero:
    most messages are then spared the full scoring (about 0.3 ms each)."""
    if not text.isascii():
        emojis = _analyzer().emojis  # scored by their names ("crying face")
        if any(ch in emojis for ch in text if ord(ch) > 127):
            return True
    lower = text.lower()
    if "n't" in lower:  # in a token exactly when in the text: tokens hold no spaces
        return True
    cues = _negative_cues()
    tokens = lower.split()
    return not cues.isdisjoint(tokens) or not cues.isdisjoint(
        [t.strip(string.punctuation) for t in tokens])


def _prose(text: str) -> str:
    return tx.strip_urls(tx.HANDLE_RE.sub(" ", text))


# VADER costs 0.1-0.3 ms a message: a message several drafts of a batch reply to
# (a thread answered more than once) is scored once. The scores depend on the
# text only (the analyzer is made once and not changed after).
@lru_cache(maxsize=256)
def overall_sentiment(text: str) -> float:
    """VADER compound score of the customer's message (-1..1), links and handles left out."""
    return float(_analyzer().polarity_scores(_prose(text))["compound"])


@lru_cache(maxsize=256)
def worst_sentence(text: str, overall: float | None = None,
                   negative_only: bool = True) -> tuple[str, float]:
    """The most negative sentence of the message and its score. With
    ``negative_only`` only sentences that can score below zero are scored, and
    ("", 0.0) comes back when none can: enough for a threshold below zero.
    ``overall`` is the message's own score (``overall_sentiment``), when known:
    a message of one sentence is not scored twice."""
    analyzer = _analyzer()
    worst, worst_score = "", 1.0
    sentences = tx.sentences(_prose(text))
    for sent in sentences:
        if negative_only and not may_be_negative(sent.text):
            continue  # cannot score below zero, so it is not the worst of a negative message
        if overall is not None and len(sentences) == 1:
            # The one sentence is the whole message stripped, and VADER reads
            # whitespace-split words and counts "!" and "?": the same score.
            score = overall
        else:
            score = float(analyzer.polarity_scores(sent.text)["compound"])
        if score < worst_score:
            worst, worst_score = sent.text, score
    return worst, (worst_score if worst else 0.0)


def customer_sentiment(text: str) -> tuple[float, str, float]:
    """VADER compound score of the customer's message (-1..1), its most
    negative sentence and that sentence's score."""
    return overall_sentiment(text), *worst_sentence(text)


class UpsetCustomerNotAcknowledged(Rule):
    """## What it does
    Scores the customer's message with the VADER sentiment lexicon (a
    maintained, rule-based lexicon tuned for social media text, handling
    negation, capitals and "!!!"; words that only name the problem, such as
    "error", "issue" or "broken", are made neutral, so a calm bug report is
    not read as anger); when the score is at or below `threshold`
    (default -0.5), or the message is not positive overall and one sentence
    is at or below `sentence_threshold` (default -0.6: "this is the worst
    service ever"), and the reply has no acknowledgement or apology
    anywhere ("sorry", "I understand", "that's frustrating", "thanks for
    your patience", ...), it flags the reply.

    ## Why
    An upset customer who gets a brisk, factual reply feels unheard, even
    when the facts are right. One sentence of acknowledgement first makes
    the rest land.

    ## Example
    Customer: "This is the third time my order is late. Absolutely useless!"
    Reply: "Your order will arrive on Friday."

    ## Use instead
    "I'm sorry your order is late again — that's frustrating. It will arrive
    on Friday."

    ## Fix safety
    No automatic fix: an apology the agent did not write can ring false.
    """

    code = "N201"
    name = "upset-customer-not-acknowledged"
    category = "netiquette"
    severity = Severity.WARNING
    needs = frozenset({"customer"})
    defaults: ClassVar[dict[str, Any]] = {"threshold": -0.5, "sentence_threshold": -0.6}
    bad_examples = (
        {"text": "Your order will arrive on Friday.",
         "customer": "This is the third time my order is late. Absolutely useless and I'm furious!"},
        {"text": "@kim_r Please DM us your account number.",
         "customer": "@ShopCo worst service ever, charged twice and nobody answers. Disgusting.",
         "channel": "social"},
    )
    good_examples = (
        {"text": "I'm sorry your order is late again. It will arrive on Friday.",
         "customer": "This is the third time my order is late. Absolutely useless and I'm furious!"},
        {"text": "That's not the experience we want you to have. Please DM us your account number.",
         "customer": "@ShopCo worst service ever, charged twice and nobody answers. Disgusting."},
        {"text": "Your order will arrive on Friday.",
         "customer": "Hi! When will my order arrive? Thanks so much, love the shop."},
        {"text": "Your order will arrive on Friday.",
         "customer": "Not bad at all, no problems. When does it arrive?"},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        cust = doc.customer
        if cust is None or not doc.text.strip():
            return
        threshold = float(ctx.get("threshold", -0.5))
        sentence_threshold = float(ctx.get("sentence_threshold", -0.6))
        # Below-zero thresholds (the defaults) cannot be reached by a message VADER
        # cannot score below zero: such a message is not scored at all.
        negative_only = threshold < 0 and sentence_threshold < 0
        if not cust.english or ACKNOWLEDGEMENT_RE.search(doc.text) or (
                negative_only and not may_be_negative(cust.text)):
            return  # a language the lexicon does not know, acknowledged, or nothing negative
        score = doc.memo("conversation.sentiment", lambda: overall_sentiment(cust.text))
        if score > max(0.0, threshold):
            return  # positive overall: its sentences are not scored
        worst, worst_score = doc.memo("conversation.worst-sentence", lambda: worst_sentence(
            cust.text, score, negative_only=sentence_threshold < 0))
        # "Thanks" and "please" lift a whole message: one angry sentence in a
        # message that is not positive overall counts too.
        upset = score <= threshold or (
            score <= 0 and bool(worst) and worst_score <= sentence_threshold)
        if not upset:
            return
        words = worst.split()
        quote = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
        start, end = reply_anchor(doc.text)
        yield Hit(start, end, f'The customer sounds upset ("{quote.replace(chr(34), chr(39))}") — the '
                              f"reply has no acknowledgement or apology.")
