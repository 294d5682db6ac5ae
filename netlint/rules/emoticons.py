"""Emoticons and emoji against the channel's policy, and none for an upset customer."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any, ClassVar

from .. import vader
from ..document import Document
from ..emoticons import Emoticon, find_all, may_hold_any
from ..finding import Fix, Hit, Severity
from ..rule import Context, Rule
from ..salutations import signature


def emoticons_in(doc: Document) -> list[Emoticon]:
    """Emoji and emoticons the agent wrote: not in URLs, handles, codes or quotes,
    and not typographic symbols such as (c) or an arrow written without U+FE0F."""
    def compute() -> list[Emoticon]:
        if not may_hold_any(doc.text):
            return []  # most replies: no need for the spans to skip
        skip = list(doc.protected) + list(doc.quotes)
        sig = signature(doc.text)
        if sig:
            skip.append(sig)
        return [e for e in find_all(doc.text, skip) if e.is_pictograph]

    return doc.memo("emoticons.found", compute)


def _variants(token: str) -> set[str]:
    """A token and its forms with and without the emoji variation selector."""
    bare = token.replace("\ufe0f", "")
    return {token, bare, bare + "\ufe0f"}


def _delete_fix(doc: Document, e: Emoticon) -> Fix:
    start, end = e.start, e.end
    if start > 0 and doc.text[start - 1] == " ":
        start -= 1
    elif end < len(doc.text) and doc.text[end] == " ":
        end += 1
    return Fix.replace(start, end, "", f"Delete '{e.text}'", safe=False)


class EmojiPolicy(Rule):
    """## What it does
    Applies the channel's emoji policy to Unicode emoji (with their ZWJ
    sequences, flags, skin tones and keycaps), ASCII emoticons (``:)``,
    ``;-P``, ``<3``) and kaomoji (``^_^``, ``¯\\_(ツ)_/¯``):

    - ``forbid: true`` flags every one (default for e-mail);
    - ``allow: [🙂, 👍, ":)"]`` flags those not in the list (empty list: any);
    - ``max: N`` flags those beyond the N-th (defaults: chat 3, social 3, SMS 1).

    Times (``10:30``), list markers (``1)``, ``b)``), ratios, URLs,
    ``(see note:)`` and code are not emoticons; nor are ©, ® and ™, or arrows
    written as text.

    ## Why
    An emoji can warm up a chat, but in a formal e-mail it reads as
    unprofessional, and a row of them reads as a teenager's text.

    ## Example
    (e-mail) Your refund has been issued 🎉😊

    ## Use instead
    Your refund has been issued and will show in 3-5 days.

    ## Fix safety
    Unsafe: the emoji or emoticon is deleted; the sentence may need a
    full stop.
    """

    code = "E100"
    name = "emoji-policy"
    category = "emoticons"
    severity = Severity.WARNING
    fixable = True
    defaults: ClassVar[dict[str, Any]] = {
        "forbid": {"email": True, "chat": False, "social": False, "sms": False},
        "allow": [],
        "max": {"email": 0, "chat": 3, "social": 3, "sms": 1},
    }
    bad_examples = (
        {"text": "Your refund has been issued 🎉", "channel": "email"},
        {"text": "Thanks for your patience :)", "channel": "email"},
        {"text": "All fixed 🎉🎉🥳👍 enjoy!", "channel": "chat"},
        {"text": "All set 😎", "channel": "chat", "options": {"allow": ["🙂", "👍", ":)"]}},
    )
    good_examples = (
        {"text": "Your refund has been issued and shows in 3-5 days.", "channel": "email"},
        {"text": "All fixed 🙂 enjoy!", "channel": "chat"},
        {"text": "Call us at 10:30 or 14:45. Steps: 1) open the app 2) tap Pay. "
                 "(See note:) ratio 3:2.", "channel": "email"},
        {"text": "© 2025 Acme™. Go to Settings → Account.", "channel": "email"},
        {"text": "You wrote \"love it 😍\" - thank you for the kind words.", "channel": "email"},
        {"text": "All set 👍", "channel": "chat", "options": {"allow": ["🙂", "👍", ":)"]}},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        found = emoticons_in(doc)
        if not found:
            return
        where = f"{doc.channel} replies"
        if ctx.get("forbid"):
            for e in found:
                yield Hit(e.start, e.end, f"'{e.text}': no emoji or emoticons in {where}.",
                          (_delete_fix(doc, e),))
            return
        allow = {v for a in (ctx.get("allow") or ()) for v in _variants(str(a))}
        reported: set[int] = set()
        if allow:
            for e in found:
                if not (_variants(e.text) & allow):
                    reported.add(e.start)
                    yield Hit(e.start, e.end,
                              f"'{e.text}' is not on the guide's list for {where} "
                              f"({', '.join(sorted(str(a) for a in ctx.get('allow')))}).",
                              (_delete_fix(doc, e),))
        limit = ctx.get("max")
        if limit is None or len(found) <= int(limit):
            return
        for e in found[int(limit):]:
            if e.start not in reported:
                yield Hit(e.start, e.end,
                          f"{len(found)} emoji/emoticons (at most {limit} in {where}).",
                          (_delete_fix(doc, e),))


@cache
def _analyzer() -> Any:
    return vader.analyzer()


def customer_sentiment(text: str) -> float:
    """VADER compound score (-1 .. 1) of the customer's message, handles and links removed."""
    clean = re.sub(r"https?://\S+|(?<!\w)[@#]\w+", " ", text)
    return float(_analyzer().polarity_scores(clean)["compound"])


class EmojiForUpsetCustomer(Rule):
    """## What it does
    When the customer's message is clearly negative (VADER sentiment
    compound score at or below -0.4 by default), flags any emoji or emoticon
    in the reply, on every channel. Reported once per reply, at the first one.

    ## Why
    A smiley in a reply to an angry or worried customer reads as not taking
    them seriously, however friendly it was meant.

    ## Example
    (customer: "This is the third time my order is late. Terrible service.")
    We're on it 😊

    ## Use instead
    I'm sorry your order is late again. I've escalated it and will update you
    by 5pm today.

    ## Fix safety
    Unsafe: the emoji is deleted; the reply may need a warmer sentence instead.
    """

    code = "E101"
    name = "emoji-for-upset-customer"
    category = "emoticons"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"customer"})
    defaults: ClassVar[dict[str, Any]] = {"threshold": -0.4}
    bad_examples = (
        {"text": "We're on it 😊", "channel": "chat",
         "customer": "This is the third time my order is late. Terrible service, I'm furious."},
        {"text": "@jo_b So sorry to hear that :( Please DM us. ^AB", "channel": "social",
         "customer": "@acme worst airline ever, lost my bag and nobody cares"},
    )
    good_examples = (
        {"text": "We're on it 😊", "channel": "chat",
         "customer": "Hi! Could you tell me when my order ships? Thanks so much!"},
        {"text": "I'm sorry your order is late again. I've escalated it and will update you "
                 "by 5pm.", "channel": "chat",
         "customer": "This is the third time my order is late. Terrible service."},
        {"text": "We're on it 😊", "channel": "chat"},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        customer = doc.draft.customer
        if not customer or not customer.strip():
            return
        found = emoticons_in(doc)
        if not found:
            return
        score = doc.memo("emoticons.sentiment", lambda: customer_sentiment(customer))
        threshold = float(ctx.get("threshold", -0.4))
        if score > threshold:
            return
        e = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        yield Hit(e.start, e.end,
                  f"The customer sounds upset (sentiment {score:.2f}): leave out "
                  f"'{e.text}'{more} and answer the problem.",
                  (_delete_fix(doc, e),))
