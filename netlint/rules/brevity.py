"""Brevity: replies, SMS, sentences and paragraphs that are too long; filler, hedges,
repeated apologies and hard-to-read replies."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any, ClassVar, NamedTuple

from .. import regexcache as rc
from ..document import Document
from ..emoticons import find_emoji
from ..finding import Fix, Hit, Severity
from ..rule import Context, Rule
from ..salutations import lead_end, signature
from ..text import Span
from .gates import may_hold


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
            return  # the count below only takes words off the word count
        # A social reply's leading @handles are addressees, not words to read.
        lead = lead_end(doc.text)
        count = doc.word_count - entity_words(doc) - signature_words(doc) - sum(
            1 for p in doc.protected if p.kind == "handle" and p.end <= lead)
        if count <= limit:
            return
        end = len(doc.text.rstrip())
        yield Hit(lead, end, f"Reply is {count} words; the {doc.channel} limit is "
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
        if len(doc.words) + len(doc.protected) <= limit:
            return  # no sentence can hold more words than the reply
        lead = lead_end(doc.text)
        sig = signature(doc.text)
        for sent in prose_sentences(doc):
            words = doc.sentence_words(sent)
            if len(words) + len(doc.protected) <= limit:
                continue  # the count below only leaves words out
            n = sum(1 for w in words if not _is_entity(doc.text, w)
                    and not (sig and sig.start <= w.start)) + sum(
                1 for p in doc.protected
                if sent.start <= p.start < sent.end and p.kind != "code"
                and not (p.kind == "handle" and p.end <= lead))
            if n > limit:
                yield Hit(sent.start, sent.end,
                          f"Sentence is {n} words (limit {limit}): split it.")


# -- helpers shared by the brevity rules ---------------------------------------


def entity_words(doc: Document) -> int:
    """Words that are really HTML entities ("&amp;", "&gt;" in exported tweets)."""
    if "&" not in doc.text:
        return 0
    return sum(1 for w in doc.words if _is_entity(doc.text, w))


def signature_words(doc: Document) -> int:
    """Words of a social agent's trailing initials or name ("-Renee", "^JS")."""
    sig = signature(doc.text)
    return sum(1 for w in doc.words if sig and sig.start <= w.start) if sig else 0


def _is_entity(text: str, w: Span) -> bool:
    return w.start > 0 and text[w.start - 1] == "&" and text[w.end:w.end + 1] == ";"


def prose_sentences(doc: Document) -> list[Span]:
    """The document's sentences, also split where a line or a link ends one
    without a full stop, as replies typed on a phone often do:
    "... here: https://x.example/help Once you have tried that, ..." and
    "... with the Add a Printer wizard\nTry step 3 ...". Lines of e-mail
    wrapped at 50-80 characters are left joined."""
    return doc.memo("brevity.sentences", lambda: _split_more(doc))


_CAPITAL_AFTER_URL_RE = rc.compile(r"[ \t]+[A-Z][a-z]")
_LINE_OPENING_RE = rc.compile(r"\n[ \t]*(?=[A-Z@])")


def _split_more(doc: Document) -> list[Span]:
    text = doc.text
    cuts: set[int] = set()
    for p in doc.protected:
        if p.kind == "url" and _CAPITAL_AFTER_URL_RE.match(text, p.end):
            cuts.add(p.end)
    for m in _LINE_OPENING_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        length = len(text[line_start:m.start()].rstrip())
        if text.startswith("@", m.end()) or not 50 <= length <= 80:
            cuts.add(m.start())
    if not cuts:
        # Each sentence is its own only piece: stripped already, the same span.
        return list(doc.sentences)
    out: list[Span] = []
    for sent in doc.sentences:
        inner = sorted(c for c in cuts if sent.start < c < sent.end)
        start = sent.start
        for cut in [*inner, sent.end]:
            chunk = text[start:cut]
            body = chunk.strip()
            if body:
                lead = len(chunk) - len(chunk.lstrip())
                out.append(Span(start + lead, start + lead + len(body), body, "sentence"))
            start = cut
    return out

# The GSM 03.38 alphabet: an SMS written only in it holds 160 characters per
# segment; one character outside it (an emoji, a curly quote) switches the
# whole message to UCS-2, 70 characters per segment.
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = frozenset("^{}\\[~]|€\f")


class SmsSize(NamedTuple):
    """How an SMS is encoded and how many segments it takes."""

    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int
    first_unicode: int | None  # offset of the first character outside GSM-7

    @property
    def per_segment(self) -> int:
        return 160 if self.encoding == "GSM-7" else 70


def sms_size(text: str) -> SmsSize:
    first = next((i for i, ch in enumerate(text)
                  if ch not in GSM_BASIC and ch not in GSM_EXTENDED), None)
    if first is None:
        units = sum(2 if ch in GSM_EXTENDED else 1 for ch in text)
        segments = 1 if units <= 160 else math.ceil(units / 153)
        return SmsSize("GSM-7", units, segments, None)
    units = len(text.encode("utf-16-le")) // 2
    segments = 1 if units <= 70 else math.ceil(units / 67)
    return SmsSize("UCS-2", units, segments, first)


def _delete_word_fix(text: str, start: int, end: int, label: str) -> Fix:
    """Delete a word or phrase with the comma and space after it, keeping the
    sentence capitalised ("Actually, we can" -> "We can")."""
    tail = re.match(r",?[ \t]+", text[end:])
    new_end = end + (tail.end() if tail else 0)
    replacement = ""
    before = text[:start].rstrip(" \t")
    at_sentence_start = not before or before[-1] in ".!?\n" or bool(
        re.search(r"(?:^|\s)@\w+$", before))
    if tail and at_sentence_start and text[new_end:new_end + 1].islower():
        replacement = text[new_end].upper()
        new_end += 1
    elif not tail and start > 0 and text[start - 1] in " \t":
        start -= 1
    return Fix.replace(start, new_end, replacement, f"Delete '{label}'", safe=False)


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([\w'’]+)[ \t]*$", text[:start])
    return m.group(1).lower().replace("’", "'") if m else ""


def _next_word(text: str, end: int) -> str:
    m = re.match(r"[ \t]*([\w'’]+)", text[end:])
    return m.group(1).lower() if m else ""


class SmsTooLong(Rule):
    """## What it does
    Measures an SMS reply in characters and segments. A message written only
    in the GSM-7 alphabet holds 160 characters per segment (153 when it is
    split); one emoji or other character outside that alphabet (a curly
    apostrophe, an accented capital) switches the whole message to UCS-2,
    where a segment holds only 70 characters (67 when split). Flags a reply
    over the character limit (default 320) or over the segment limit
    (default 2), and says when an emoji is the reason.

    ## Why
    Every segment is billed, and long messages arrive split or out of order
    on some phones. An emoji can triple the cost of a short text.

    ## Example
    Your order #A-1234 has shipped and arrives Thursday between 9am and 1pm.
    Reply STOP to opt out. 🚚 Track it any time in the app or on our website,
    and reply HELP if you need us.

    ## Use instead
    The same text without the emoji: two GSM-7 segments instead of three.

    ## Fix safety
    No automatic fix.
    """

    code = "B102"
    name = "sms-too-long"
    category = "brevity"
    severity = Severity.WARNING
    defaults: ClassVar[dict[str, Any]] = {
        "max_chars": {"sms": 320, "email": None, "chat": None, "social": None},
        "max_segments": {"sms": 2, "email": None, "chat": None, "social": None},
    }
    bad_examples = (
        {"text": "Your parcel is on its way and should arrive tomorrow before noon. " * 6,
         "channel": "sms"},
        {"text": "Your order A1234 has shipped and arrives Thursday between 9am and 1pm. "
                 "Track it any time in the app or on our website, and reply HELP if you "
                 "need us. 🚚", "channel": "sms"},
    )
    good_examples = (
        {"text": "Your order A1234 has shipped and arrives Thursday between 9am and 1pm. "
                 "Track it any time in the app or on our website, and reply HELP if you "
                 "need us.", "channel": "sms"},
        {"text": "Your parcel is on its way and should arrive tomorrow before noon. " * 6,
         "channel": "email"},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        max_chars, max_segments = ctx.get("max_chars"), ctx.get("max_segments")
        if max_chars is None and max_segments is None:
            return
        text = doc.text.strip()
        lead = len(doc.text) - len(doc.text.lstrip())
        size = sms_size(text)
        over_chars = max_chars is not None and size.units > max_chars
        over_segments = max_segments is not None and size.segments > max_segments
        if not (over_chars or over_segments):
            return
        parts = []
        if over_chars:
            parts.append(f"SMS is {size.units} characters (limit {max_chars})")
        if over_segments:
            parts.append(f"it takes {size.segments} segments (limit {max_segments})")
        message = "; ".join(parts)
        message = message[:1].upper() + message[1:] + "."
        start, end = lead, lead + len(text)
        if size.first_unicode is not None:
            at = size.first_unicode
            found = find_emoji(text)
            cause = next((e for e in found if e.start <= at < e.end), None)
            what = f"the emoji '{cause.text}'" if cause else f"the character '{text[at]}'"
            message += (f" {what[:1].upper() + what[1:]} switches the whole message to "
                        f"Unicode: a segment drops from 160 to 70 characters.")
            gsm = sms_size("".join(ch for ch in text if ch in GSM_BASIC or ch in GSM_EXTENDED))
            fits_in_gsm = ((max_chars is None or gsm.units <= max_chars)
                           and (max_segments is None or gsm.segments <= max_segments))
            if fits_in_gsm:
                s_at, e_at = (cause.start, cause.end) if cause else (at, at + 1)
                start, end = lead + s_at, lead + e_at
        yield Hit(start, end, message)


class ParagraphTooLong(Rule):
    """## What it does
    Flags a paragraph with more sentences than the channel allows (default
    e-mail 4; other channels have no limit). Greeting and sign-off lines are
    not counted.

    ## Why
    A wall of text on a screen makes the customer hunt for the answer. Short
    paragraphs, one topic each, are read; long ones are skimmed.

    ## Example
    Five sentences about the refund, the replacement, the courier and the
    voucher in one block.

    ## Use instead
    One paragraph for the refund, one for what happens next.

    ## Fix safety
    No automatic fix: where to break needs judgment.
    """

    code = "B103"
    name = "paragraph-too-long"
    category = "brevity"
    severity = Severity.INFO
    needs = frozenset({"sentences"})
    defaults: ClassVar[dict[str, Any]] = {
        "max_sentences": {"email": 4, "chat": None, "social": None, "sms": None},
    }
    bad_examples = (
        {"text": "Hi Sam,\n\nWe received your return on Monday. The refund was issued today. "
                 "It can take three to five days to show. Your replacement ships tomorrow. "
                 "You will get a tracking link by e-mail.\n\nBest regards,\nAna",
         "channel": "email"},
    )
    good_examples = (
        {"text": "Hi Sam,\n\nWe received your return on Monday and issued the refund today. "
                 "It can take three to five days to show.\n\nYour replacement ships tomorrow. "
                 "You will get a tracking link by e-mail.\n\nBest regards,\nAna",
         "channel": "email"},
        {"text": "We got your return. The refund is out. It takes 3-5 days. A new one ships "
                 "tomorrow. Tracking follows by e-mail.", "channel": "chat"},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        limit = ctx.get("max_sentences")
        if limit is None or len(prose_sentences(doc)) <= limit:
            return  # a paragraph counts some of the reply's sentences at most
        for para in doc.paragraphs:
            counted = [s for s in prose_sentences(doc) if para.start <= s.start < para.end
                       and _is_full_sentence(doc, s) and not _in_list_item(doc.text, s)]
            if len(counted) > limit:
                yield Hit(para.start, para.end,
                          f"Paragraph has {len(counted)} sentences (limit {limit}): "
                          f"split it by topic.")


_LIST_ITEM_RE = rc.compile(r"[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]")


def _in_list_item(text: str, sent: Span) -> bool:
    """A sentence on a bulleted or numbered line: a list is not a wall of text."""
    line_start = text.rfind("\n", 0, sent.start) + 1
    return _LIST_ITEM_RE.match(text, line_start) is not None  # no copy of the rest of the text


def _is_full_sentence(doc: Document, sent: Span) -> bool:
    """A sentence that ends like one, or is long: not a greeting or sign-off line."""
    n = len(doc.sentence_words(sent))
    return n >= 6 or (n >= 2 and sent.text.rstrip("'\"”’)]")[-1:] in ".!?…")


FILLERS = ("just", "basically", "actually", "literally", "honestly", "simply", "totally")
# "just" that carries meaning: "just now", "just in case", "just under 2 kg",
# "we have just sent" (= a moment ago).
_JUST_KEEP_NEXT = frozenset(
    """now in as about under over before after like because one a an the enough right
    yet what how when where this that""".split()
)
_JUST_KEEP_PREV = frozenset("have has had 've i've we've you've it's that's was were is".split())
# "we just released", "just sent you a DM": a moment ago, not filler.
_JUST_PAST = rc.compile(
    r"[ \t]+(?:\w+ed|sent|got|made|heard|saw|spoke|found|put|had|done|gone|come|seen|been|left|"
    r"told|given|taken|paid|read|went|came|did|began|started|wrote|written|bought|spent|lost|won)\b",
    re.IGNORECASE)


def _all_ascii(words: frozenset[str]) -> bool:
    return all(w.isascii() for w in words)


class FillerWord(Rule):
    """## What it does
    Flags filler words that add length but no meaning: *just* ("just DM
    us"), *basically*, *actually*, *literally*, *honestly*, *simply*,
    *totally*. *Just* is left alone where it means something: "just now",
    "just in case", "just under 2 kg", "we have just sent it".

    ## Why
    Fillers make a reply longer and less sure of itself; *simply* and *just*
    can also sound dismissive to someone who is stuck ("simply reset it").

    ## Example
    Actually, you can just reset the password from the app.

    ## Use instead
    You can reset the password from the app.

    ## Fix safety
    Unsafe: deleting the word is usually right but the agent should read the
    sentence again.
    """

    code = "B104"
    name = "filler-word"
    category = "brevity"
    severity = Severity.INFO
    fixable = True
    needs = frozenset({"words"})
    defaults: ClassVar[dict[str, Any]] = {"words": list(FILLERS)}
    bad_examples = (
        "Actually, you can just reset the password from the app.",
        "Basically the update fixes the sync issue.",
        {"text": "@acme_help Just send us a DM with your order number. ^JS", "channel": "social"},
    )
    good_examples = (
        "You can reset the password from the app.",
        "We have just sent the replacement.",
        "Keep the receipt, just in case.",
        "The parcel weighs just under 2 kg.",
        'You said the app "just closes" when you open it.',
        "Your actual balance is shown under Accounts.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        fillers: frozenset[str] = ctx.derived(
            "fillers", lambda: frozenset(w.lower() for w in ctx.get("words") or ()))
        if not fillers or (_all_ascii(fillers) and not may_hold(doc, fillers)):
            # A word whose lower case is an ASCII filler stands, lower-cased, in
            # the folded text (see gates.py; İ, ı, ſ never gated out).
            return
        text = doc.text
        for w in doc.words:
            low = w.text.lower()
            if low not in fillers or doc.is_protected(w.start, w.end, quotes=True):
                continue
            if low == "just" and (_next_word(text, w.end) in _JUST_KEEP_NEXT
                                  or re.match(r"[ \t]*\d", text[w.end:])
                                  or _JUST_PAST.match(text, w.end)
                                  or _prev_word(text, w.start) in _JUST_KEEP_PREV):
                continue
            yield Hit(w.start, w.end, f"'{w.text}' is filler: the sentence says the same "
                                      f"without it.",
                      (_delete_word_fix(text, w.start, w.end, w.text),))


HEDGE_RE = rc.compile(
    r"(?<![\w'’])(?:I\s+(?:think|believe|guess|suppose|feel\s+like|reckon)"
    r"|kind\s+of|sort\s+of|kinda|sorta|more\s+or\s+less|it\s+seems\s+like)(?![\w'’])",
    re.IGNORECASE,
)
# One of these stands in the folded draft (gates.py) wherever HEDGE_RE matches.
_HEDGE_PHRASES = ("i think", "i believe", "i guess", "i suppose", "i feel like", "i reckon",
                  "kind of", "sort of", "kinda", "sorta", "more or less", "it seems like")
# "kind of" hedges after a verb or pronoun ("it's kind of slow", "I kind of
# see"); after anything else it is a noun ("what specific kind of phone").
_KIND_OF_HEDGE_PREV = frozenset(
    """is was are were be been being am it's that's this's he's she's they're we're you're i'm
    i we you they it feel feels felt look looks looked seem seems seemed sound sounds sounded
    get gets got getting also still just really 's""".split()
)


class Hedge(Rule):
    """## What it does
    Flags hedges: *I think*, *I believe*, *I guess*, *I suppose*, *I feel
    like*, *kind of*, *sort of*, *more or less*, *it seems like*. *Kind of*
    and *sort of* are left alone as nouns ("what kind of phone").

    ## Why
    A hedge makes the answer sound unsure. If the agent knows, say it; if
    not, say what will be checked.

    ## Example
    I think the refund should arrive on Friday.

    ## Use instead
    The refund arrives on Friday.

    ## Fix safety
    Unsafe: deleting a hedge turns a guess into a promise; only do that when
    the statement is certain.
    """

    code = "B105"
    name = "hedge"
    category = "brevity"
    severity = Severity.INFO
    fixable = True
    bad_examples = (
        "I think the refund should arrive on Friday.",
        "The new update is kind of slow on older phones, sorry.",
    )
    good_examples = (
        "The refund arrives on Friday.",
        "What kind of phone are you using?",
        "I don't think that's right - let me check with billing.",
        'You mentioned "I think it was charged twice" - you are right.',
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not may_hold(doc, _HEDGE_PHRASES):
            return
        text = doc.text
        for m in HEDGE_RE.finditer(text):
            if doc.is_protected(m.start(), m.end(), quotes=True):
                continue
            low = " ".join(m.group().lower().split())
            if low in ("kind of", "sort of") and _prev_word(text, m.start()) not in _KIND_OF_HEDGE_PREV:
                continue
            fixes = ()
            if low.startswith("i ") and not re.match(r"[ \t]+(?:so|not)\b", text[m.end():]):
                fixes = (_delete_word_fix(text, m.start(), m.end(), m.group()),)
            yield Hit(m.start(), m.end(),
                      f"'{m.group()}' hedges: state it plainly, or say what you will check.",
                      fixes)


APOLOGY_RE = rc.compile(
    r"(?<![\w'’])(?:sorry|apologi[sz](?:e[sd]?|ing)|apologies|(?:we|I)\s+regret|my\s+bad"
    r"|pardon\s+(?:the|our|my))(?![\w])",
    re.IGNORECASE,
)
# Every APOLOGY_RE match holds one of these in the folded draft (gates.py), each
# occurrence in one match at most: fewer occurrences than max + 1, no repeat.
_APOLOGY_WORDS = ("sorry", "apologi", "regret", "my bad", "pardon")


def apology_words(doc: Document) -> int | None:
    """How many apology words the folded draft holds; None when it holds İ, ı or ſ."""
    text = doc.folded
    return None if text is None else sum(text.count(w) for w in _APOLOGY_WORDS)


_NOT_OUR_APOLOGY = rc.compile(
    r"(?:no\s+need\s+to|(?:don't|do\s+not|doesn't|never)\s+(?:need\s+to\s+|have\s+to\s+)?(?:be\s+)?"
    r"|nothing\s+to|not\s+be|won't\s+be|feel)\s*$",
    re.IGNORECASE,
)


class RepeatedApology(Rule):
    """## What it does
    Flags each apology after the first in one reply: *sorry*, *we apologise*,
    *apologies*, *we regret*. "No need to apologise" (to the customer) is not
    counted.

    ## Why
    One sincere apology is enough; more reads as scripted and delays the
    answer. Use the words to fix the problem instead.

    ## Example
    Sorry for the wait. We apologize for the trouble. Sorry again!

    ## Use instead
    Sorry for the wait. Here is what happened and what we have done.

    ## Fix safety
    No automatic fix: which apology to keep is the agent's choice.
    """

    code = "B106"
    name = "repeated-apology"
    category = "brevity"
    severity = Severity.WARNING
    defaults: ClassVar[dict[str, Any]] = {"max": 1}
    bad_examples = (
        "Sorry for the wait. We apologize for the trouble with your order. Sorry again!",
        "@bob_k So sorry to hear this. Our apologies, please DM us your booking code. ^KL",
    )
    good_examples = (
        "Sorry for the wait. Your refund was issued today.",
        "No need to apologise! We're sorry the app crashed - a fix is rolling out today.",
        'You wrote "sorry for the long message" - it was very helpful. Sorry about the delay.',
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        limit = int(ctx.get("max", 1))
        words = apology_words(doc)
        if words is not None and words <= limit:
            return
        seen = 0
        for m in APOLOGY_RE.finditer(doc.text):
            if doc.is_protected(m.start(), m.end(), quotes=True):
                continue
            if _NOT_OUR_APOLOGY.search(doc.text[max(0, m.start() - 30):m.start()]):
                continue
            seen += 1
            if seen > limit:
                yield Hit(m.start(), m.end(),
                          "Apology repeated: one sincere apology is enough, then fix the problem.")


class Readability(Rule):
    """## What it does
    Scores replies of three sentences or more with the Flesch reading-ease
    and Flesch-Kincaid grade formulas (syllables counted by textstat) and
    flags a reply that misses both targets: reading ease below 60 and grade
    above 8. URLs, handles and codes are left out of the count. Shorter
    replies (under three sentences or 30 words, both options) are not
    scored: the formulas average over a text and mean little on a few
    words. Replies that are not in English are not scored either.

    ## Why
    Customers read replies quickly, often in a second language. Plain
    replies are understood first time and need fewer follow-ups.

    ## Example
    Subsequent to the verification of your documentation, the reimbursement
    will be processed utilising your original payment methodology.
    Notification will be dispatched electronically. Additional
    documentation is unnecessary.

    ## Use instead
    Once we have checked your documents, we will refund you to the card you
    paid with. We will e-mail you when it is done. You do not need to send
    anything else.

    ## Fix safety
    No automatic fix.
    """

    code = "B107"
    name = "readability"
    category = "brevity"
    severity = Severity.INFO
    needs = frozenset({"sentences", "words"})
    defaults: ClassVar[dict[str, Any]] = {
        "min_reading_ease": 60, "max_grade": 8, "min_sentences": 3, "min_words": 30,
    }
    bad_examples = (
        "Subsequent to the verification of your documentation, the reimbursement will be "
        "processed utilising your original payment methodology. Notification will be "
        "dispatched electronically upon completion. Additional documentation is unnecessary "
        "at this juncture.",
    )
    good_examples = (
        "Once we have checked your documents, we will refund you to the card you paid with. "
        "We will e-mail you when it is done. You do not need to send anything else.",
        # Two sentences: too short to score.
        "Subsequent to the verification of your documentation, the reimbursement will be "
        "processed utilising your original payment methodology. Additional documentation is "
        "unnecessary at this juncture.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        # Cheap gates first: the syllable table loads on first use.
        sents = [s for s in prose_sentences(doc) if len(doc.sentence_words(s)) >= 2]
        if (len(sents) < int(ctx.get("min_sentences", 3))
                or sum(len(doc.sentence_words(s)) for s in sents) < int(ctx.get("min_words", 30))):
            return
        min_ease, max_grade = ctx.get("min_reading_ease"), ctx.get("max_grade")
        if min_ease is None and max_grade is None:
            return
        score = doc.memo("brevity.readability", lambda: readability_scores(doc))
        if (score is None or score[0] < int(ctx.get("min_sentences", 3))
                or score[3] < int(ctx.get("min_words", 30))):
            return
        _, ease, grade, _ = score
        ease_ok = min_ease is None or ease >= min_ease
        grade_ok = max_grade is None or grade <= max_grade
        if (min_ease is not None and ease_ok) or (max_grade is not None and grade_ok):
            return
        targets = " or ".join(t for t in (
            f"reading ease {min_ease}+" if min_ease is not None else "",
            f"grade {max_grade} or below" if max_grade is not None else "") if t)
        end = len(doc.text.rstrip())
        yield Hit(0, end, f"Hard to read: reading ease {ease:.0f}, grade {grade:.1f} "
                          f"(target {targets}). Use shorter sentences and plainer words.")


def readability_scores(doc: Document) -> tuple[int, float, float, int] | None:
    """(sentences, Flesch reading ease, Flesch-Kincaid grade, words) over the prose."""

    sents = [s for s in prose_sentences(doc) if len(doc.sentence_words(s)) >= 2]
    words = [w.text for s in sents for w in doc.sentence_words(s) if not _is_entity(doc.text, w)]
    if not sents or not words or not looks_english(words):
        return None
    from .. import syllables as syl  # textstat's counts, from a cached table

    syllables = syl.count(" ".join(words))
    wps = len(words) / len(sents)
    spw = syllables / len(words)
    ease = 206.835 - 1.015 * wps - 84.6 * spw
    grade = 0.39 * wps + 11.8 * spw - 15.59
    return len(sents), ease, grade, len(words)


# The most frequent English words: a reply in which few of its words are among
# them is in another language, and English readability formulas do not apply.
_ENGLISH_CORE = frozenset(
    """the a an and or but to of in on at for with from by is are was were be been it this
    that these those we you your our us i me my he she they them their there here not no
    can will would could should have has had do does did if so as please thanks thank help
    let know more any all get what when how which who about just up out one some time""".split()
)


def looks_english(words: list[str]) -> bool:
    low = [w.lower() for w in words]
    return sum(w in _ENGLISH_CORE for w in low) >= max(1, 0.2 * len(low))
