"""Questions: what the customer asked and whether the reply takes it up.

These rules read the customer's message (``Draft.customer``) and do nothing
without one. Findings point into the reply; messages quote the customer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from .. import text as tx
from ..caseless import CaselessRegex
from ..document import Document
from ..finding import Hit, Severity
from ..rule import Context, Rule

if TYPE_CHECKING:
    from ..answers import AnswerSettings, Assessment
    from ..questions import Question

# ``..answers`` and ``..questions`` compile some forty patterns at import (about
# 0.1 s): they are imported where a draft has a customer message, not on the
# cold path of a pasted draft.

_REPLY_LEAD_RE = tx.LazyRegex(r"\A(?:\s*(?:\.?@\w{1,30}[:,]?|RT\b))+\s*|\A\s+")
_HANDLE_LEAD_RE = tx.LazyRegex(r"^(?:\.?@\w+[\s,:;-]*)+")


def conversation_section(doc: Document) -> Mapping[str, Any]:
    return doc.guide.section("conversation") or {}


def reply_anchor(text: str) -> tuple[int, int]:
    """The first line of the reply after any leading @handles: where findings
    about the reply as a whole point."""
    m = _REPLY_LEAD_RE.match(text)
    start = m.end() if m else 0
    nl = text.find("\n", start)
    end = len(text.rstrip()) if nl == -1 else nl
    end = min(max(end, start), start + 80)
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def question_quote(q: Question, max_words: int = 15) -> str:
    text = _HANDLE_LEAD_RE.sub("", q.text).strip() or q.text
    words = text.split()
    quote = " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")
    return quote.replace('"', "'")


class Verdict(NamedTuple):
    question: Question
    assessment: Assessment


def customer_questions(doc: Document) -> list[Question]:
    """The customer's questions (cached on the document)."""
    cust = doc.customer
    if cust is None:
        return []

    def compute() -> list[Question]:
        from ..questions import QuestionConfig, extract_questions

        config = QuestionConfig.from_section(conversation_section(doc))
        return extract_questions(cust.text, config, cust.protected)

    return doc.memo("questions.customer", compute)


def judged_language(doc: Document) -> bool:
    """Whether the reply and the customer's message are in a language these
    checks can judge (their word lists and cues are English)."""
    return doc.customer is not None and doc.customer.english and doc.english


def answer_settings(options: Mapping[str, Any]) -> AnswerSettings:
    """Q100's options as answer settings (defaults where unset)."""
    from ..answers import AnswerSettings

    base = AnswerSettings()
    return AnswerSettings(min_answer_words=int(options.get("min_answer_words", base.min_answer_words)),
                          min_overlap=float(options.get("min_overlap", base.min_overlap)))


def question_verdicts(doc: Document, settings: AnswerSettings | None = None) -> list[Verdict]:
    """Each customer question with the judgment of whether the reply addresses it."""
    from ..answers import assess

    return [Verdict(q, assess(q, doc.text, settings=settings)) for q in customer_questions(doc)]


class UnansweredQuestion(Rule):
    """## What it does
    Finds the questions in the customer's message — direct ones, questions
    without a question mark ("how do I reset my password"), and indirect
    requests ("I'd like to know…", "can you…") — and flags each one the reply
    does not seem to address. A question counts as addressed when the reply
    shares its content words (matched on word stems, related forms and
    support synonyms), or shares some and gives the kind of answer the
    question wants: a time for *when*, an amount for *how much*, a place or
    link for *where*, steps for *how*, a clear yes/no or an action for a
    yes/no question. Redirects ("DM us"), thanks and questions back to the
    customer carry no answer, unless the customer asked how to reach the
    company. Social and rhetorical questions ("how are you?", "seriously?")
    are skipped; the guide's `conversation:` section can add more
    (`skip-questions`) or turn indirect requests off (`indirect: false`).

    ## Why
    The worst reply is a polished answer to a different question. Customers
    who have to ask again rate the whole conversation low.

    ## Example
    Customer: "When will my order arrive, and can I change the delivery
    address?" Reply: "Thanks for your order! We hope you enjoy it."

    ## Use instead
    Answer each question in turn, or say plainly that you cannot answer it
    yet and what happens next.

    ## Fix safety
    No automatic fix: only the agent knows the answer.
    """

    code = "Q100"
    name = "unanswered-question"
    category = "questions"
    severity = Severity.WARNING
    needs = frozenset({"customer"})
    defaults: ClassVar[dict[str, Any]] = {"min_answer_words": 5, "min_overlap": 0.1}
    bad_examples = (
        {"text": "Hi Sam,\n\nThanks for your order! We hope you enjoy it.\n\nBest,\nDana",
         "customer": "Hi, when will my order arrive? Also can I change the delivery address?"},
        {"text": "@sam_k Sorry to hear that. Please DM us your account details.",
         "customer": "@ShopCo how do I reset my password", "channel": "social"},
        {"text": "Thanks for getting in touch, we appreciate your feedback.",
         "customer": "I'd like to know whether you ship to Canada."},
    )
    good_examples = (
        {"text": "Your order arrives on Tuesday. You can change the delivery address in "
                 "Orders > Edit until it ships.",
         "customer": "When will my order arrive? Can I change the delivery address?"},
        {"text": "Go to Settings > Account > Reset password and follow the e-mail link.",
         "customer": "how do I reset my password"},
        {"text": "Yes, we ship to Canada; delivery takes 5-7 business days.",
         "customer": "Hi, how are you? I'd like to know whether you ship to Canada."},
        {"text": "Thanks, glad it works now!", "customer": "Seriously?? It finally works."},
        {"text": "Thanks for the message."},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if doc.customer is None or not doc.text.strip():
            return
        if not judged_language(doc):
            return
        settings = ctx.derived("answer-settings", lambda: answer_settings(ctx.options))
        start, end = reply_anchor(doc.text)
        for v in question_verdicts(doc, settings):
            if v.assessment.addressed:
                continue
            yield Hit(start, end, f'The customer asked "{question_quote(v.question)}" — the reply '
                                  f"does not seem to answer it.")


# -- the reply asks for what the customer already gave -------------------------

_ASK_VERB = (r"(?:send|share|provide|dm|tell|give|confirm|include|pass|let\s+us\s+know|let\s+me\s+know|"
             r"reply\s+with|what(?:['’]s|\s+is)|need|require|could\s+you|can\s+you|may\s+we\s+have|"
             r"can\s+we\s+(?:have|get)|please)")


class GivenItem(NamedTuple):
    label: str
    # What in the reply asks for it.
    ask: tx.LazyRegex
    # What in the customer's message gives it (group "value").
    given: tx.LazyRegex


GIVEN_ITEMS: tuple[GivenItem, ...] = (
    GivenItem("order number",
              tx.LazyRegex(r"(?i)\b(?:your|the)\s+order\s*(?:number|no\.?|num|#|id|reference|ref)\b"),
              tx.LazyRegex(r"(?i)\border\s*(?:number|no\.?|num|#|id|ref(?:erence)?)?\s*(?:is|was|:|-)?\s*"
                         r"#?\s*(?P<value>[A-Z]{0,4}-?\d[\dA-Z-]{3,})\b|(?P<value2>#\d{4,})")),
    GivenItem("e-mail address",
              tx.LazyRegex(r"(?i)\b(?:your|the)\s+(?:e-?mail(?:\s+address)?|email\s+id)\b"),
              tx.LazyRegex(r"(?P<value>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)")),
    GivenItem("phone number",
              tx.LazyRegex(r"(?i)\b(?:your|the)\s+(?:phone|mobile|cell|contact|telephone)\s+(?:number|no\.?|#)"),
              tx.LazyRegex(r"(?i)(?:phone|mobile|cell|number|tel|call\s+me\s+(?:on|at))\D{0,15}"
                         r"(?P<value>\+?\d[\d ().-]{7,}\d)")),
    GivenItem("tracking number",
              tx.LazyRegex(r"(?i)\b(?:your|the)\s+tracking\s+(?:number|no\.?|#|id|code)"),
              tx.LazyRegex(r"(?i)tracking\s*(?:number|no\.?|#|id|code)?\s*(?:is|:|-)?\s*#?\s*(?P<value>[A-Z0-9]{8,})\b")),
    GivenItem("booking reference",
              tx.LazyRegex(r"(?i)\b(?:your|the)\s+(?:booking|confirmation|reservation)\s+(?:reference|ref|number|code|#)"),
              tx.LazyRegex(r"(?i)(?:booking|confirmation|reservation)\s*(?:reference|ref|number|code|#)?\s*(?:is|:|-)?"
                         r"\s*#?\s*(?P<value>[A-Z0-9]{5,})\b")),
    GivenItem("flight number",
              tx.LazyRegex(r"(?i)\b(?:your|the)\s+flight\s+(?:number|no\.?|#|details)"),
              tx.LazyRegex(r"(?i)\bflight\s*(?:number|no\.?|#)?\s*(?:is|:|-)?\s*(?P<value>[A-Z]{2}\s?\d{2,4})\b")),
    GivenItem("account number",
              tx.LazyRegex(r"(?i)\b(?:your|the)\s+account\s+(?:number|no\.?|#|id)"),
              tx.LazyRegex(r"(?i)account\s*(?:number|no\.?|#|id)?\s*(?:is|:|-)?\s*#?\s*(?P<value>\d[\d-]{5,})\b")),
)

_NAME_ASK_RE = tx.LazyRegex(
    r"(?i)\b(?:your|the)\s+(?:full\s+)?name\b(?!\s+(?:on|of)\s+the\s+(?:card|account|booking))")


def _any_ask_source() -> str:
    """All the ask patterns as one alternation: it matches a text exactly when one
    of them does, and the shared "your|the" opening is tried once per position."""
    sources = [item.ask.pattern for item in GIVEN_ITEMS] + [_NAME_ASK_RE.pattern]
    assert all(s.startswith("(?i)") for s in sources)  # the flag goes on the whole
    return "(?i)" + "|".join(f"(?:{s[4:]})" for s in sources)


_ANY_ASK_RE = tx.LazyRegex(_any_ask_source())


def _given_value(item: GivenItem, customer: str) -> str | None:
    m = item.given.search(customer)
    if not m:
        return None
    value = m.groupdict().get("value") or m.groupdict().get("value2")
    return value.strip() if value else None


def _asks_in_sentence(sentence: str, span_start: int) -> bool:
    """Whether the words before the item in its sentence make it a request."""
    before = sentence[:span_start]
    if re.search(r"(?i)\b(?:do\s+not|don['’]t|never|no\s+need\s+to|avoid|without|not\s+to)\b", before):
        return False  # "Please do not share your order number here"
    if re.search(r"(?i)\b(?:check|look\s+(?:in|at)|open|update|change|verify\s+that|we['’]ve\s+sent|"
                 r"sent\s+to|to)\s+(?:\w+\s+){0,2}$", before):
        return False
    return bool(re.search(rf"(?i)\b{_ASK_VERB}\b", before)) or sentence.rstrip().endswith("?")


class AsksForGivenInfo(Rule):
    """## What it does
    Flags a reply that asks for an order number, e-mail address, phone number,
    tracking number, booking reference, flight number, account number or the
    customer's name when the customer's message already gives it.

    ## Why
    Being asked for what you just wrote tells you nobody read your message.
    It costs the customer another round trip and patience.

    ## Example
    Customer: "My order #48213 has not arrived." Reply: "Could you send us
    your order number?"

    ## Use instead
    Use what the customer gave ("I've looked up order #48213…"), or say why
    you need it again ("the number you sent doesn't match an order — could
    you check it?").

    ## Fix safety
    No automatic fix: the sentence needs rewriting around what was given.
    """

    code = "Q101"
    name = "asks-for-given-info"
    category = "questions"
    severity = Severity.WARNING
    needs = frozenset({"customer"})
    bad_examples = (
        {"text": "Sorry about that! Could you send us your order number so we can check?",
         "customer": "My order #48213 still hasn't arrived, it's been two weeks."},
        {"text": "Please DM us your email address and we'll look into it.",
         "customer": "I never got the receipt at jo.lee@example.com"},
        {"text": "Hello, what is your full name, please?",
         "customer": "Hi, my card was declined.\n\nThanks,\nMaria Lopez"},
    )
    good_examples = (
        {"text": "Thanks! I've checked order #48213: it arrives on Friday.",
         "customer": "My order #48213 still hasn't arrived."},
        {"text": "Could you send us your order number so we can check?",
         "customer": "My order still hasn't arrived, it's been two weeks."},
        {"text": "We've sent a new receipt; please check your email address's spam folder.",
         "customer": "I never got the receipt at jo.lee@example.com"},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        cust = doc.customer
        if cust is None:
            return
        text = doc.text
        # Most replies ask for none of these: one search of the whole reply
        # (a match inside a sentence is a match in the whole text) spares the
        # sentence-by-sentence pass.
        if not _ANY_ASK_RE.search(text):
            return
        items = [item for item in GIVEN_ITEMS if item.ask.search(text)]
        name = known_customer_name(doc) if _NAME_ASK_RE.search(text) else None
        if not items and not name:
            return
        for sent in doc.sentences:
            for item in items:
                for m in item.ask.finditer(doc.text, sent.start, sent.end):
                    if not _asks_in_sentence(doc.text[sent.start:sent.end], m.start() - sent.start):
                        continue
                    value = _given_value(item, cust.text)
                    if value:
                        yield Hit(m.start(), m.end(), f"The reply asks for the {item.label}, but the "
                                                      f'customer already gave it ("{value}").')
                        break
            if name:
                for m in _NAME_ASK_RE.finditer(doc.text, sent.start, sent.end):
                    if _asks_in_sentence(doc.text[sent.start:sent.end], m.start() - sent.start):
                        yield Hit(m.start(), m.end(), f"The reply asks for the customer's name, but "
                                                      f'the customer already gave it ("{name}").')


# -- names ------------------------------------------------------------------------

_CLOSER = (r"(?:thanks|thank\s+you|thx|ty|cheers|regards|kind\s+regards|best\s+regards|warm\s+regards|"
           r"best|best\s+wishes|sincerely|yours(?:\s+sincerely|\s+truly)?|many\s+thanks|respectfully|"
           r"thanks\s+in\s+advance|thanks\s+again)")
_NAME = r"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)"
SIGNOFF_RE = tx.LazyRegex(rf"(?i:{_CLOSER})[,.!]?\s*(?:\n\s*|\s+|,\s*)[-–—~]?\s*{_NAME}\.?\s*\Z")
DASH_SIGN_RE = tx.LazyRegex(rf"(?:^|\s)[-–—~]\s?{_NAME}\s*\Z")
INTRO_RE = tx.LazyRegex(rf"(?i:\bmy\s+name\s+is|\bthis\s+is)\s+{_NAME}\b")
NOT_NAMES = frozenset(
    """thanks thank regards best cheers help please team support customer service sent from iphone
    android the a an and sir madam hi hello hey dear all everyone guys you again advance urgent asap
    order account thx ty sincerely mobile mail gmail outlook yahoo samsung apple google""".split()
)


def _plausible_name(name: str, text: str = "") -> bool:
    parts = name.split()
    if any(p.lower().strip("'’-") in NOT_NAMES or len(p) < 2 for p in parts):
        return False
    # "- Dropbox" after "@DropboxSupport": the company, not the customer.
    handles = " ".join(m.group().lower() for m in tx.HANDLE_RE.finditer(text))
    return not any(p.lower() in handles for p in parts)


_SIGN_OFF_TAIL = 300


_NAME_LETTERS = "abcdefghijklmnopqrstuvwxyz'’-"


def ends_like_a_name(text: str) -> bool:
    """Whether ``text`` (right-stripped) ends as a sign-off's name must: a capital
    and lower-case letters ({_NAME}), maybe a full stop. Most messages end with
    punctuation or a lower-case word, and the sign-off patterns are not tried."""
    body = text[:-1] if text.endswith(".") else text
    word_start = len(body.rstrip(_NAME_LETTERS))
    return word_start < len(body) and "A" <= body[word_start - 1:word_start] <= "Z"


@lru_cache(maxsize=256)  # Q-rules and N200 ask it of the same message
def signed_name(customer: str) -> str | None:
    """The name the customer signs with, or introduces themselves by."""
    text = customer.rstrip()
    # Both patterns end at the end of the message: a sign-off is in its tail.
    tail = max(0, len(text) - _SIGN_OFF_TAIL)
    for rx in (SIGNOFF_RE, DASH_SIGN_RE) if ends_like_a_name(text) else ():
        m = rx.search(text, tail)
        if m and _plausible_name(m.group("name"), text):
            return m.group("name")
    m = INTRO_RE.search(text)
    if m and _plausible_name(m.group("name"), text):
        name = m.group("name")
        # "This is Ridiculous": an intro name is a single capitalised word after
        # "my name is", or a name followed by "from"/"," after "this is".
        if m.group(0).lower().startswith("my") or re.match(r"\s*(?:,|from\b|here\b)", text[m.end():]):
            return name
    return None


def known_customer_name(doc: Document) -> str | None:
    """The customer's name: the draft's field, else the customer's own sign-off."""
    if doc.draft.customer_name and doc.draft.customer_name.strip():
        return doc.draft.customer_name.strip()
    if doc.customer is None:
        return None
    return doc.memo("conversation.signed_name", lambda: signed_name(doc.customer.text))  # type: ignore[union-attr]


# -- next step ------------------------------------------------------------------

# Q102's patterns are searched through case-sensitive twins over the lower-cased
# text (netlint/caseless.py): the same spans, 2-4x faster.
NEXT_STEP_RE = CaselessRegex(
    r"(?i)\b(?:please|pls|kindly|feel\s+free|let\s+us\s+know|let\s+me\s+know|reach\s+out|contact|call|"
    r"dm|direct\s+message|send\s+us|reply|respond|visit|go\s+to|head\s+to|click|tap|select|follow|try|"
    r"check|restart|reset|update|reinstall|log\s+in|sign\s+in|you\s+(?:can|could|may|should|will|['’]ll\s+need)|"
    r"you['’]ll|you['’]d\s+need|you\s+would\s+need|speak\s+(?:to|with)|talk\s+(?:to|with)|we['’]ll|we\s+will|i['’]ll|i\s+will|we\s+(?:are|['’]re)\s+(?:going|looking|working|checking)|"
    r"we['’]ve\s+(?:sent|passed|raised|escalated|forwarded|shared|asked|created|opened|refunded|issued|arranged)|"
    r"i['’]ve\s+(?:sent|passed|raised|escalated|forwarded|shared|asked|created|opened|refunded|issued|arranged)|"
    r"(?:keep|stay)\s+(?:an\s+eye|tuned|posted)|here['’]s|here\s+is|link|steps?|instructions?|"
    r"if\s+you\s+(?:need|have|still|want)|any\s+(?:other|further|more)\s+(?:questions?|help)|anything\s+else|"
    r"hope\s+(?:this|that)\s+helps|have\s+a\s+(?:great|good|nice|lovely))\b|https?://|www\.|\?")
RESOLVED_RE = CaselessRegex(
    r"(?i)\b(?:(?:has|have|is|are)\s+(?:now\s+)?(?:been\s+)?(?:fixed|resolved|sorted|refunded|processed|"
    r"cancel+ed|updated|restored|credited|shipped|sent|applied|reinstated|corrected|removed|reversed|back\s+up)|"
    r"all\s+set|you['’]re\s+good\s+to\s+go|(?:it['’]s|that['’]s)\s+(?:done|fixed|sorted)|should\s+(?:now\s+)?(?:be\s+)?"
    r"(?:working|fixed|resolved|back))\b")
# What a customer with an open issue writes (a question is the other sign).
PROBLEM_RE = CaselessRegex(
    r"(?i)\b(?:not\s+(?:working|received|arrived|loading|able|showing|charging|connecting)|(?:doesn|don|didn|won|isn|"
    r"can|couldn)['’]?t\s+(?:work|load|log|sign|access|get|open|find|connect|receive|order|pay|see|use|download|update)|"
    r"cannot\s+\w+|still\s+(?:waiting|no|not|haven['’]?t|hasn['’]?t)|never\s+(?:arrived|received|got|came)|"
    r"broken|broke|issue|problem|error|fail(?:ed|s|ing|ure)?|crash(?:ed|es|ing)?|delay(?:ed)?|missing|lost|"
    r"wrong|charged\s+(?:twice|again|me)|double\s+charged|refund|stuck|outage|no\s+(?:service|signal|internet|power)|"
    r"complain(?:t)?|help)\b")
# A reply that says what will happen is a next step too ("it'll be back tomorrow").
FUTURE_RE = CaselessRegex(
    r"(?i)\b(?:(?:it|this|that|they|you|services?|the\s+\w+)\s+(?:will|['’]ll|should)\s+(?:be|get|arrive|resume|"
    r"match|work|receive|hear|see|show|return|reopen|come)|it['’]ll|will\s+be\s+(?:back|available|fixed|resolved|"
    r"open)|tomorrow|within\s+(?:the\s+)?(?:next\s+)?\w+\s+(?:hours?|days?|weeks?))\b")


class NoNextStep(Rule):
    """## What it does
    Flags a reply to a customer with a question or a problem that neither
    resolves it nor gives a next step: no action taken, nothing for the
    customer to do, no offer of further help, no link and no question back.

    ## Why
    A reply that only comments ("That's not great.") leaves the customer
    wondering what happens now, and they write again.

    ## Example
    Customer: "My parcel still hasn't arrived." Reply: "Sorry to hear that,
    deliveries are busy this time of year."

    ## Use instead
    Say what happens next: "I've asked the courier to trace it and will
    update you by Friday", or what the customer can do.

    ## Fix safety
    No automatic fix: the next step depends on the case.
    """

    code = "Q102"
    name = "no-next-step"
    category = "questions"
    severity = Severity.INFO
    needs = frozenset({"customer"})
    bad_examples = (
        {"text": "Sorry to hear that, deliveries are busy this time of year.",
         "customer": "My parcel still hasn't arrived and it's been ten days."},
        {"text": "That's not the experience we want for our customers.",
         "customer": "Your app keeps crashing when I open my basket. Why?"},
    )
    good_examples = (
        {"text": "Sorry to hear that. I've asked the courier to trace it and will update you by Friday.",
         "customer": "My parcel still hasn't arrived and it's been ten days."},
        {"text": "Your refund has been processed today.",
         "customer": "Where is my refund? I'm still waiting."},
        {"text": "You're welcome!", "customer": "Got it, thank you so much!"},
        {"text": "Sorry about that. Could you tell us which version of the app you use?",
         "customer": "Your app keeps crashing when I open my basket."},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        cust = doc.customer
        if cust is None or not doc.text.strip():
            return
        if not judged_language(doc):
            return
        body = tx.HANDLE_RE.sub(" ", doc.text)
        # A "?" is one of NEXT_STEP_RE's alternatives: a substring test finds it first.
        if "?" in body or NEXT_STEP_RE.search(body) or RESOLVED_RE.search(body) or FUTURE_RE.search(body):
            return
        verdicts = question_verdicts(doc)
        if verdicts:
            # A reply that answers some of the questions leaves the rest to Q100.
            if any(v.assessment.addressed for v in verdicts):
                return
        elif not PROBLEM_RE.search(tx.strip_urls(cust.text)):
            return
        start, end = reply_anchor(doc.text)
        yield Hit(start, end, "The reply neither resolves the customer's issue nor says what happens "
                              "next; add a next step or an offer of further help.")
