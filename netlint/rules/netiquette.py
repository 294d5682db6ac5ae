"""Netiquette: shouting, punctuation, text-speak, greetings and sign-offs,
blame and condescension, negative phrasing."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any, ClassVar, NamedTuple

from .. import regexcache as rc
from .. import text as tx
from ..datacache import package_data
from ..document import Document
from ..finding import Fix, Hit, Severity
from ..rule import Context, Rule
from ..salutations import GENERIC_SALUTATION_RE, greeting, has_closing, lead_end, signature
from ..text import Span
from .gates import may_hold

# Acronyms and initialisms that are written in capitals on purpose. The
# guide's vocabulary (``vocabulary.accept``) adds the company's own.
ACRONYMS = frozenset(
    """AAA AARP ABC ACH ADA ADSL AKA AMA AMEX AMC AOL APAC API APIS APN APR APY ASAP ATM ATT AUD AWS
    BBB BBC BCC BIC BIOS BMW BST CAD CBS CCPA CDMA CDN CDT CEO CEST CET CFO CHF CNN COD COO COVID CPU
    CRM CSR CSS CST CSV CTO CVC CVV DHL DIY DLC DMV DNS DOA DOB DOJ DSL DST DVD DVR EDT EMEA EMI EPA
    ESN EST ETA EUR FAA FAQ FAQS FBI FCC FDA FEMA FIFA FTC FTP FYI GBP GDPR GMT GPS GPU GST HBO HDD
    HDMI HDR HIPAA HMRC HQ HSA HST HTML HTTP HTTPS HVAC IBAN ICCID IMAP IMEI IOS IRA IRS ISBN ISO ISP
    JPG JPEG JSON KYC LAN LCD LED LGBT LLC LTD LTE MAC MDT MFA MLB MMS MPH MSRP MST MTA NASA NBA NBC NFC
    NFL NHL NHS NYC OEM OTP PAYE PCI PDF PDT PHP PIN PINS PNG PNR POS PPE PPI PST PTO QLED RAM RMA ROM
    REST RSVP RTX SAT SDK SOAP SEO SIM SIMS SKU SLA SMS SMTP SOS SQL SSD SSID SSL SSN SSO SUV SVP TBA TBC
    TBD TLS
    TSA UAE UHD UPC UPS URL URLS USA USB USD USPS UTC VAT VIN VIP VOIP VPN WAN WHO WPA XML ZIP""".split()
)

# "(?<![\w'’&.-])[A-Z]..." with the capital first and the look-behind after it
# (covering it): the search skips to capitals at C speed instead of trying the
# look-behind at every position. Same matches.
_CAPS_WORD_RE = tx.LazyRegex(r"[A-Z](?<![\w'’&.-][A-Z])[A-Z'’]*[A-Z](?![\w'’&-]|\.[A-Za-z])")


@cache
def _common_words() -> frozenset[str]:
    """Everyday English words (textstat's Dale-Chall list): a capitalised one is
    shouting ("PLEASE", "NEVER"); an unknown one is likely an acronym or a brand."""
    try:
        # Located without importing textstat (its import costs ~50 ms).
        path = package_data("textstat", "resources", "en", "easy_words.txt")
        words = path.read_text(encoding="utf-8").split()
    except (ModuleNotFoundError, OSError):  # pragma: no cover - textstat is a dependency
        words = []
    extra = """please never always not now free urgent all you your we our must do don't can't
    won't will today immediately important asap again stop now help call read""".split()
    return frozenset(w.lower() for w in [*words, *extra])


_CODE_BLOCK_RE = rc.compile(r"```.*?(?:```|\Z)|`[^`\n]+`", re.S)
_REPEATED_MARKS_RE = rc.compile(r"[!?？！]{2,}")
_EXCLAMATIONS_RE = rc.compile(r"!+")
_UNFORTUNATELY_RE = rc.compile(r"(?<![\w'’])unfortunately(?![\w'’])", re.I)


def _skip_spans(doc: Document) -> list[Span]:
    """Handles, URLs, quotes and the agent's trailing signature: not prose."""
    def compute() -> list[Span]:
        spans = list(doc.protected) + list(doc.quotes)
        sig = signature(doc.text)
        if sig:
            spans.append(sig)
        # Inline `code` and fenced blocks: commands and keywords, not prose.
        spans += [Span(m.start(), m.end(), m.group(), "code")
                  for m in _CODE_BLOCK_RE.finditer(doc.text)]
        return spans

    return doc.memo("netiquette.skip", compute)


def _skipped(doc: Document, start: int, end: int) -> bool:
    return any(s.overlaps(start, end) for s in _skip_spans(doc))


def _may_shout(word: str, min_letters: int, allowed: frozenset[str]) -> bool:
    """A word in capitals long enough to shout and not an acronym the rule allows."""
    return (sum(c.isalpha() for c in word) >= min_letters
            and word.replace("’", "'").rstrip("'S") not in allowed and word not in allowed)


@lru_cache(maxsize=32)
def _allowed_caps(acronyms: tuple[str, ...], accepted: tuple[str, ...]) -> frozenset[str]:
    return frozenset(a.upper() for a in (*ACRONYMS, *acronyms, *accepted))


def _text_speak_table(ctx: Context) -> dict[str, str]:
    allow = {a.lower() for a in ctx.get("allow") or ()}
    return {k: v for k, v in {**TEXT_SPEAK, **(ctx.get("extra") or {})}.items()
            if k.lower() not in allow}


class Shouting(Rule):
    """## What it does
    Flags words of three or more letters written in capitals ("Please do NOT
    restart it"). Acronyms are not shouting: a built-in list (ATM, PIN, ETA,
    USB, ...), the guide's accepted vocabulary, and capitalised words that
    are not everyday English (product names, airport codes). Text inside URLs,
    e-mail addresses, @handles, placeholders, quotes and a social agent's
    trailing initials (``^JAY``) is skipped. A sentence mostly in capitals is
    one finding, not one per word.

    ## Why
    Capitals read as shouting. Customers who are already upset read them as
    anger; use bold or a clear sentence for emphasis.

    ## Example
    Please do NOT restart the router while it updates.

    ## Use instead
    Please don't restart the router while it updates: it can take 10 minutes.

    ## Fix safety
    Unsafe: lower-casing a word is offered, but some capitals are a product
    name the guide does not know yet.
    """

    code = "N100"
    name = "shouting"
    category = "netiquette"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"sentences"})
    defaults: ClassVar[dict[str, Any]] = {"acronyms": [], "min_letters": 3, "sentence_ratio": 0.6}
    bad_examples = (
        "Please do NOT restart the router while it updates.",
        "YOUR ORDER HAS SHIPPED AND WILL ARRIVE TOMORROW.",
        {"text": "@mia_k Thank YOU for flying with us! ^JS", "channel": "social"},
    )
    good_examples = (
        "Your PIN and CVV are never needed: we will not ask for them.",
        "The ETA for your order is 5pm; the SKU is on the label.",
        {"text": "@mia_k We're on it. Please DM us your confirmation number. ^JAY",
         "channel": "social"},
        'You wrote "THIS IS THE THIRD TIME" - you are right to be annoyed.',
        "Visit https://example.com/HELP/RETURNS or write to HELP@EXAMPLE.COM.",
        {"text": "Your NORTHWIND policy renews on May 1.",
         "options": {"acronyms": ["NORTHWIND"]}},
        "Use the code in {{ PROMO_CODE }} at checkout.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        text = doc.text
        if _CAPS_WORD_RE.search(text) is None:
            return  # no word in capitals: nothing can be shouted
        allowed = _allowed_caps(tuple(ctx.get("acronyms") or ()), doc.guide.accepted_terms)
        min_letters = int(ctx.get("min_letters", 3))
        if not any(_may_shout(m.group(), min_letters, allowed) for m in _CAPS_WORD_RE.finditer(text)):
            # Both findings need a shouted word, and a sentence's words in
            # capitals are words of the text in capitals (a sentence ends before
            # white space, where the pattern's look-ahead sees no difference).
            return
        ratio = float(ctx.get("sentence_ratio", 0.6))
        common = _common_words()
        for sent in doc.sentences:
            caps = [m for m in _CAPS_WORD_RE.finditer(text, sent.start, sent.end)
                    if not _skipped(doc, m.start(), m.end())]
            shouted = [m for m in caps if _may_shout(m.group(), min_letters, allowed)]
            if not shouted:
                continue  # both findings below need a shouted word
            words = [w for w in doc.sentence_words(sent) if not _skipped(doc, w.start, w.end)
                     and any(c.isalpha() for c in w.text)]
            letters_words = [w for w in words if sum(c.isalpha() for c in w.text) >= 2]
            caps_words = [w for w in letters_words if w.text.isupper()]
            if (len(caps_words) >= 3 and letters_words
                    and len(caps_words) / len(letters_words) >= ratio
                    and len(shouted) >= 2):
                yield Hit(max(sent.start, lead_end(text)), sent.end,
                          "This sentence is in capitals, which reads as shouting: write it in "
                          "sentence case.")
                continue
            for m in shouted:
                word = m.group()
                low = word.lower().replace("’", "'")
                if low not in common and len(word) < 8:
                    continue  # likely an acronym or a brand the guide does not list
                yield Hit(m.start(), m.end(),
                          f"'{word}' in capitals reads as shouting.",
                          (Fix.replace(m.start(), m.end(), word.lower(),
                                       f"Write '{word.lower()}'", safe=False),))


class RepeatedPunctuation(Rule):
    """## What it does
    Flags repeated exclamation and question marks: ``!!``, ``??``, ``?!``,
    ``!?``. Ellipses are left alone.

    ## Why
    Doubled marks read as shouting or disbelief, and look unprofessional in
    a support reply.

    ## Example
    Your refund is on its way!!

    ## Use instead
    Your refund is on its way!

    ## Fix safety
    Safe: the marks collapse to one (a question mark wins when there is one).
    """

    code = "N101"
    name = "repeated-punctuation"
    category = "netiquette"
    severity = Severity.WARNING
    fixable = True
    bad_examples = ("Your refund is on its way!!", "Did you try restarting it??",
                    "You were charged twice?!")
    good_examples = ("Your refund is on its way!", "Let me check... yes, it shipped.",
                     'You wrote "WHERE IS MY ORDER??" - it arrives today.',
                     "See https://example.com/faq?!x=1")

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        for m in _REPEATED_MARKS_RE.finditer(doc.text):
            if doc.is_protected(m.start(), m.end(), quotes=True):
                continue
            mark = "?" if "?" in m.group() or "？" in m.group() else "!"
            yield Hit(m.start(), m.end(), f"Repeated punctuation '{m.group()}': use one '{mark}'.",
                      (Fix.replace(m.start(), m.end(), mark, f"Replace with '{mark}'"),))


class TooManyExclamations(Rule):
    """## What it does
    Counts exclamation marks in the reply and flags each one beyond the
    channel's maximum (defaults: e-mail 1, SMS 1, chat 2, social 2).

    ## Why
    One exclamation mark is warm; several in a short reply sound forced, and
    in a reply about a problem they sound as if the problem is not taken
    seriously.

    ## Example
    Thanks for waiting! Your order is on its way! It arrives Monday!

    ## Use instead
    Thanks for waiting! Your order is on its way and arrives Monday.

    ## Fix safety
    Unsafe: the extra marks become full stops; read the sentence again.
    """

    code = "N102"
    name = "too-many-exclamations"
    category = "netiquette"
    severity = Severity.INFO
    fixable = True
    defaults: ClassVar[dict[str, Any]] = {"max": {"email": 1, "chat": 2, "social": 2, "sms": 1}}
    bad_examples = (
        {"text": "Thanks for waiting! Your order is on its way! It arrives Monday!",
         "channel": "email"},
    )
    good_examples = (
        {"text": "Thanks for waiting! Your order is on its way and arrives Monday.",
         "channel": "email"},
        {"text": "Hi Sam! Great news: it shipped! 🙂", "channel": "chat"},
        {"text": 'You said "this is the worst! I want a refund!" - I understand. Refund sent!',
         "channel": "email"},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        limit = ctx.get("max")
        if limit is None:
            return
        marks = [m for m in _EXCLAMATIONS_RE.finditer(doc.text)
                 if not doc.is_protected(m.start(), m.end(), quotes=True)]
        for m in marks[int(limit):]:
            yield Hit(m.start(), m.end(),
                      f"{len(marks)} exclamation marks (at most {limit} in {doc.channel} "
                      f"replies): make this one a full stop.",
                      (Fix.replace(m.start(), m.end(), ".", "Replace with '.'", safe=False),))


# Text-speak -> the written word. Single letters are only matched in lower
# case ("u", "r") and never next to a slash or dot ("r/apple", "U.S.").
TEXT_SPEAK: dict[str, str] = {
    "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "plse": "please",
    "thx": "thanks", "thnx": "thanks", "thanx": "thanks", "tnx": "thanks", "ty": "thank you",
    "tyvm": "thank you very much", "np": "no problem", "btw": "by the way",
    "idk": "I don't know", "imo": "in my opinion", "imho": "in my opinion", "lol": "",
    "omg": "", "b4": "before", "gr8": "great", "2day": "today", "2moro": "tomorrow",
    "2morrow": "tomorrow", "tmrw": "tomorrow", "tmr": "tomorrow", "l8r": "later",
    "cya": "see you", "brb": "be right back", "ppl": "people", "msg": "message",
    "msgs": "messages", "bc": "because", "b/c": "because", "cuz": "because", "coz": "because",
    "rn": "right now", "tbh": "to be honest", "smh": "", "jk": "", "ttyl": "talk to you later",
    "sry": "sorry", "srry": "sorry", "luv": "love", "nvm": "never mind", "w/": "with",
    "w/o": "without", "abt": "about", "thru": "through", "tho": "though", "ya": "you",
    "yr": "your", "asap": "as soon as possible", "atm": "at the moment", "bday": "birthday",
    "wanna": "want to", "gonna": "going to", "k": "OK", "kk": "OK", "ok'd": "approved",
    "pic": "picture", "pics": "pictures", "info": "",
}
# Read as words only in lower case: upper case they are acronyms (ATM, BC).
_LOWER_ONLY = frozenset({"u", "r", "atm", "bc", "ur", "ya", "k", "ty", "np", "abt", "yr", "jk"})
# Default allowances: common in business writing already.
_DEFAULT_ALLOW = ("info", "pic", "pics", "ok'd")


@cache
def _text_speak_re(keys: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    return rc.compile(rf"(?<![\w'’/.@#&-])(?:{body})(?![\w'’-]|/\w|\.\w)", re.IGNORECASE)


_ASCII_ALNUM_RE = rc.compile(r"[a-z0-9]+")


class _SpeakGate(NamedTuple):
    """What a draft must hold for the text-speak pattern to match: a key made of
    letters and digits is a whole run of word characters in the text (the
    look-behind and look-ahead forbid one on either side), so a whole run of
    [a-z0-9] in the folded text (lower() turns no other character into one of
    those but İ, which ``Document.folded`` rules out); the other keys ("b/c",
    "w/") stand in the folded text. Only for ASCII keys, whose case-insensitive
    matches are their lower case (İ, ı, ſ ruled out as above; the Kelvin sign
    lower-cases to "k")."""

    words: frozenset[str]
    others: tuple[str, ...]


def _speak_gate(keys: Iterable[str]) -> _SpeakGate | None:
    low = [k.lower() for k in keys]
    if not all(k.isascii() for k in low):
        return None  # "σ" also matches "ς": the lower case is no guide
    words = frozenset(k for k in low if _ASCII_ALNUM_RE.fullmatch(k))
    return _SpeakGate(words, tuple(k for k in low if k not in words))


def _may_speak(doc: Document, gate: _SpeakGate | None) -> bool:
    """False only when the text-speak pattern cannot match ``doc`` (see _SpeakGate)."""
    folded = doc.folded
    if gate is None or folded is None:
        return True
    if any(k in folded for k in gate.others):
        return True
    return not gate.words.isdisjoint(_ASCII_ALNUM_RE.findall(folded))


class TextSpeak(Rule):
    """## What it does
    Flags text-speak (``u``, ``ur``, ``pls``, ``thx``, ``btw``, ``idk``,
    ``lol``, ``b4``, ``gr8``, ``2day``, ``asap``, ...) and offers the written
    word. Letters and short forms that are also acronyms (``u``, ``r``,
    ``atm``) are matched only in lower case, and never inside URLs, handles,
    quotes or placeholders. The guide can allow some (``allow: [asap]``).

    ## Why
    Text-speak is fast to type and slow to read; to many customers it looks
    careless, and it does not translate.

    ## Example
    Pls DM us ur order number and we'll check it asap.

    ## Use instead
    Please DM us your order number and we'll check it as soon as possible.

    ## Fix safety
    Safe for unambiguous forms (``pls`` -> ``please``). Unsafe for single
    letters and for ``lol``/``omg``, whose fix deletes them.
    """

    code = "N103"
    name = "text-speak"
    category = "netiquette"
    severity = Severity.WARNING
    fixable = True
    defaults: ClassVar[dict[str, Any]] = {"allow": list(_DEFAULT_ALLOW), "extra": {}}
    bad_examples = (
        "Pls DM us ur order number and we'll check it asap.",
        "Thx for waiting, it ships 2day!",
        {"text": "@sam_t sry about that, can u follow us so we can DM? ^AB", "channel": "social"},
    )
    good_examples = (
        "Please DM us your order number and we'll check it as soon as possible.",
        "Find an ATM near you at https://example.com/u/atm-finder or on r/banking.",
        'You wrote "pls help asap" - we are on it.',
        {"text": "We'll get back to you ASAP.", "options": {"allow": ["asap"]}},
        "Ask for Ty at the U.S. desk; the fee is 10 USD.",
        "Options A, B and C are listed; option U is retired.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        table = ctx.derived("text-speak", lambda: _text_speak_table(ctx))
        if not table:
            return
        if not _may_speak(doc, ctx.derived("text-speak-gate", lambda: _speak_gate(table))):
            return
        accepted = doc.guide.accepted_words
        pattern = ctx.derived("text-speak-re", lambda: _text_speak_re(tuple(table)))
        for m in pattern.finditer(doc.text):
            word = m.group()
            low = word.lower()
            if low in accepted or _skipped(doc, m.start(), m.end()):
                continue
            if low in _LOWER_ONLY and word != low:
                continue
            if len(word) == 1 and not _letter_is_a_word(doc.text, m.start(), m.end()):
                continue
            # "if k=1", "u + v": a variable, not a word.
            if re.match(r"\s*[=<>+*^]", doc.text[m.end():]) or re.search(r"[=<>+*^]\s*$",
                                                                         doc.text[:m.start()]):
                continue
            replacement = table.get(low, "")
            # "Pls" at a sentence start -> "Please"; "ASAP" mid-sentence -> "as soon as possible".
            before = doc.text[lead_end(doc.text):m.start()].rstrip()
            starts_sentence = not before or before[-1] in ".!?\n"
            if (replacement and replacement != "OK" and word[:1].isupper()
                    and (starts_sentence or not word.isupper())):
                replacement = replacement[:1].upper() + replacement[1:]
            if replacement:
                safe = len(word) > 1 and low not in ("k", "kk", "ya", "tho")
                fix = Fix.replace(m.start(), m.end(), replacement, f"Write '{replacement}'",
                                  safe=safe)
                yield Hit(m.start(), m.end(), f"Text-speak '{word}': write '{replacement}'.",
                          (fix,))
            else:
                yield Hit(m.start(), m.end(), f"Text-speak '{word}': leave it out.")


def _letter_is_a_word(text: str, start: int, end: int) -> bool:
    """'u' and 'r' stand for words only between words: not 'option u', 'press r'."""
    before = text[:start].rstrip()
    prev = re.search(r"([A-Za-z]+)$", before)
    if prev and prev.group(1).lower() in ("option", "press", "letter", "key", "type", "model",
                                          "grade", "plan", "size", "section", "and", "or"):
        return False
    return not re.match(r"\s*[,)]?\s*(?:and|or|,)\s+[A-Za-z]\b", text[end:])


class MissingGreeting(Rule):
    """## What it does
    Flags a reply that does not open with a greeting ("Hi Sam," "Hello,"
    "Good morning,") when the channel requires one: e-mail by default; chat,
    social and SMS replies may start with the answer. Leading @handles of a
    social reply are looked past.

    ## Why
    An e-mail that starts without a greeting reads as curt, above all to a
    customer who wrote in with a problem.

    ## Example
    Your refund was issued today.

    ## Use instead
    Hi Sam,

    Your refund was issued today.

    ## Fix safety
    Unsafe: "Hi," (or "Hi <name>," when the name is known) is inserted at
    the start; the agent may prefer another greeting.
    """

    code = "N104"
    name = "missing-greeting"
    category = "netiquette"
    severity = Severity.WARNING
    fixable = True
    defaults: ClassVar[dict[str, Any]] = {
        "required": {"email": True, "chat": False, "social": False, "sms": False},
    }
    bad_examples = (
        {"text": "Your refund was issued today.\n\nBest regards,\nAna", "channel": "email"},
    )
    good_examples = (
        {"text": "Hi Sam,\n\nYour refund was issued today.\n\nBest regards,\nAna",
         "channel": "email"},
        {"text": "Good morning, your refund was issued today.", "channel": "email"},
        {"text": "Your refund was issued today.", "channel": "chat"},
        {"text": "@sam_t Hello! Your refund went out today. ^AB", "channel": "social",
         "options": {"required": True}},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not ctx.get("required") or not doc.text.strip():
            return
        if greeting(doc.text) or GENERIC_SALUTATION_RE.match(doc.text, lead_end(doc.text)):
            return
        start = lead_end(doc.text)
        line_end = doc.text.find("\n", start)
        end = line_end if line_end != -1 else len(doc.text.rstrip())
        name = doc.draft.customer_name
        insert = f"Hi {name},\n\n" if name else "Hi,\n\n"
        yield Hit(start, max(end, start + 1), "The reply has no greeting: open with "
                                              f"'{insert.strip()}'.",
                  (Fix.replace(start, start, insert, f"Insert '{insert.strip()}'", safe=False),))


class ImpersonalGreeting(Rule):
    """## What it does
    When the customer's name is known (the draft's ``customer_name``) and
    the greeting does not use it ("Hi there," "Hello,"), suggests the name.

    ## Why
    Using the customer's name shows the reply was written for them, not
    pasted. It costs one word.

    ## Example
    (customer_name: Sam) Hi there, your refund was issued today.

    ## Use instead
    Hi Sam, your refund was issued today.

    ## Fix safety
    Unsafe: the greeting is rewritten with the first name from the draft;
    check it is the name the customer goes by.
    """

    code = "N105"
    name = "impersonal-greeting"
    category = "netiquette"
    severity = Severity.INFO
    fixable = True
    bad_examples = (
        {"text": "Hi there, your refund was issued today.", "customer_name": "Sam Lee"},
        {"text": "Hello,\n\nYour refund was issued today.", "customer_name": "Sam"},
    )
    good_examples = (
        {"text": "Hi Sam, your refund was issued today.", "customer_name": "Sam Lee"},
        {"text": "Dear Ms Lee,\n\nYour refund was issued today.", "customer_name": "Sam Lee"},
        "Hi there, your refund was issued today.",
        {"text": "Your refund was issued today.", "customer_name": "Sam"},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        full = (doc.draft.customer_name or "").strip()
        g = greeting(doc.text)
        if not full or g is None or g.name:
            return
        if GENERIC_SALUTATION_RE.match(doc.text, g.span.start):
            return  # N106 reports it
        first = full.split()[0]
        if any(part.lower() in doc.text[g.span.start:g.span.end + 40].lower()
               for part in full.split()):
            return
        word = re.sub(r"\s+there$", "", g.word, flags=re.IGNORECASE)
        new = f"{word} {first}"
        yield Hit(g.span.start, g.span.end,
                  f"The customer's name is known: greet them by name ('{new}').",
                  (Fix.replace(g.span.start, g.span.end, new, f"Write '{new}'", safe=False),))


# GENERIC_SALUTATION_RE needs "to whom", or "dear"/"hello"/"hi" and one of these
# words in the folded text (gates.py).
_GREETING_WORDS = ("dear ", "hello ", "hi ")
_GENERIC_NOUNS = ("customer", "client", "user", "member", "holder", "guest", "sir", "madam",
                  "friend", "passenger", "travel", "subscriber")


def may_be_generic_salutation(doc: Document) -> bool:
    return may_hold(doc, ("to whom",)) or (may_hold(doc, _GREETING_WORDS)
                                          and may_hold(doc, _GENERIC_NOUNS))


class GenericSalutation(Rule):
    """## What it does
    Flags generic salutations: "Dear Customer", "Dear Sir or Madam", "To whom
    it may concern", "Dear valued customer", "Dear user". When the
    customer's name is known, the fix uses it.

    ## Why
    A form-letter salutation tells the customer nobody read their message.
    Replies to named customers should use the name; otherwise "Hello," is
    warmer than "Dear Customer".

    ## Example
    Dear valued customer, thank you for your patience.

    ## Use instead
    Hi Sam, thank you for your patience.

    ## Fix safety
    Unsafe: "Hi <first name>" (or "Hello") replaces the salutation.
    """

    code = "N106"
    name = "generic-salutation"
    category = "netiquette"
    severity = Severity.WARNING
    fixable = True
    bad_examples = (
        "Dear valued customer,\n\nThank you for your patience.",
        {"text": "To whom it may concern: your claim was approved.", "customer_name": "Sam"},
        "Dear Sir or Madam, your refund was issued.",
    )
    good_examples = (
        "Hi Sam,\n\nThank you for your patience.",
        "Our customer team will call you tomorrow.",
        'The letter said "Dear Customer" - that was a mistake on our side.',
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not may_be_generic_salutation(doc):
            return
        name = (doc.draft.customer_name or "").split()
        new = f"Hi {name[0]}" if name else "Hello"
        for m in GENERIC_SALUTATION_RE.finditer(doc.text):
            if _skipped(doc, m.start(), m.end()):
                continue
            line_start = doc.text.rfind("\n", 0, m.start()) + 1
            if m.start() not in (line_start, lead_end(doc.text)):
                continue  # "our customer team" mid-sentence is not a salutation
            yield Hit(m.start(), m.end(), f"Generic salutation '{m.group()}': "
                                          f"{'use the name' if name else 'write'} '{new}'.",
                      (Fix.replace(m.start(), m.end(), new, f"Write '{new}'", safe=False),))


class MissingSignOff(Rule):
    """## What it does
    Flags a reply that does not end with a sign-off ("Best regards," "Kind
    regards," "Thanks," "Have a great day") when the channel requires one:
    e-mail by default. A social reply's trailing initials (``^JS``) count as
    a sign-off.

    ## Why
    An e-mail without a sign-off stops abruptly and leaves the customer
    wondering who wrote it.

    ## Example
    Hi Sam,

    Your refund was issued today.

    ## Use instead
    Hi Sam,

    Your refund was issued today.

    Best regards,
    Ana

    ## Fix safety
    No automatic fix: the sign-off carries the agent's name.
    """

    code = "N107"
    name = "missing-sign-off"
    category = "netiquette"
    # Info: help-desk tools often append the agent's signature block themselves.
    severity = Severity.INFO
    defaults: ClassVar[dict[str, Any]] = {
        "required": {"email": True, "chat": False, "social": False, "sms": False},
    }
    bad_examples = ({"text": "Hi Sam,\n\nYour refund was issued today.", "channel": "email"},)
    good_examples = (
        {"text": "Hi Sam,\n\nYour refund was issued today.\n\nKind regards,\nAna Ruiz\nAcme Support",
         "channel": "email"},
        {"text": "Hi Sam,\n\nYour refund was issued today. Have a great weekend!",
         "channel": "email"},
        {"text": "Your refund was issued today.", "channel": "chat"},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not ctx.get("required") or not doc.text.strip() or has_closing(doc.text):
            return
        end = len(doc.text.rstrip())
        start = doc.text.rfind("\n", 0, end) + 1
        yield Hit(start, end, "The reply has no sign-off: end with e.g. 'Best regards,' and "
                              "your name.")


BLAME_RE = tx.LazyRegex(
    r"(?<![\w'’])(?:"
    r"you\s+(?:should|could)(?:\s+have|'ve|’ve)\s+(?:read|checked|called|contacted|known|followed|"
    r"told|done|asked|looked|noticed|kept|updated|backed\s+up|paid|reported|used|saved|"
    r"made\s+sure|waited|listened|realised|realized|double-checked)"
    r"|you\s+(?:failed|neglected|forgot)\s+to|you\s+did(?:n't|n’t|\s+not)\s+(?:read|follow|listen)"
    r"|if\s+you\s+had\s+(?:read|bothered|followed|listened)"
    r"|as\s+(?:I|we)\s+(?:have\s+)?(?:already\s+|previously\s+)?(?:said|stated|explained|told\s+you|"
    r"mentioned\s+(?:before|earlier|previously|already))"
    r"|as\s+(?:I|we)\s+(?:already|previously)\s+mentioned"
    r"|as\s+(?:previously|already)\s+(?:stated|mentioned|explained|said)"
    r"|like\s+I\s+(?:said|told\s+you)|we\s+already\s+told\s+you|for\s+the\s+last\s+time"
    r"|per\s+my\s+(?:last|previous|earlier)\s+(?:e-?mail|message|reply|response)"
    r"|you\s+(?:need|have|must)\s+to\s+understand|(?:please\s+)?calm\s+down|obviously"
    r"|it'?s\s+(?:not\s+that\s+(?:hard|difficult)|really\s+(?:quite\s+)?simple|your\s+(?:own\s+)?fault)"
    r"|(?:that|this)\s+is\s+your\s+(?:own\s+)?fault|you\s+are\s+wrong|you're\s+wrong|you’re\s+wrong"
    r"|with\s+all\s+due\s+respect|no\s+offen[cs]e|read\s+the\s+(?:manual|instructions|faq)"
    r"|user\s+error"
    r")(?![\w'’])",
    re.IGNORECASE,
)
# One of these stands in the folded text (gates.py) wherever BLAME_RE matches:
# each alternative of the pattern holds one of them, in this order.
_BLAME_PHRASES = (
    "you should", "you could", "you failed", "you neglected", "you forgot", "you did", "if you had",
    "as i ", "as we ", "as previously", "as already", "like i ", "we already told",
    "for the last time", "per my ", "to understand", "calm down", "obviously",
    "it's not that", "its not that", "it's really", "its really", "it's your", "its your", "fault",
    "you are wrong", "you're wrong", "you’re wrong", "due respect", "no offen", "read the ",
    "user error",
)


class BlameOrCondescension(Rule):
    """## What it does
    Flags phrases that blame the customer or talk down to them: "you should
    have read", "you failed to", "as I already said", "as previously
    stated", "per my last email", "obviously", "calm down", "you need to
    understand", "it's your fault", "with all due respect". "You should
    have received an e-mail" is information, not blame, and is not flagged.

    ## Why
    The customer is already frustrated; blame escalates the conversation and
    does not solve anything. Explain what happened and what to do next.

    ## Example
    As I already said, you should have read the terms before booking.

    ## Use instead
    The terms allow changes up to 24 hours before the flight; here is what
    we can do now.

    ## Fix safety
    No automatic fix: the sentence needs rewriting, not a word swapped.
    """

    code = "N108"
    name = "blame-or-condescension"
    category = "netiquette"
    severity = Severity.WARNING
    bad_examples = (
        "As I already said, you should have read the terms before booking.",
        "Per my last email, the refund takes 5 days.",
        "Please calm down, we are looking into it.",
        "Obviously the app needs an update.",
    )
    good_examples = (
        "You should have received a confirmation e-mail; if not, check spam.",
        "The terms allow changes up to 24 hours before the flight; here is what we can do.",
        'You wrote "obviously nobody reads these" - we do, and we are sorry.',
        "We found nothing obviously wrong with the router settings.",
        "As mentioned on our status page, the outage is fixed.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not may_hold(doc, _BLAME_PHRASES):
            return
        for m in BLAME_RE.finditer(doc.text):
            if _skipped(doc, m.start(), m.end()):
                continue
            if m.group().lower() == "obviously" and not _condescending_obviously(doc.text, m):
                continue
            yield Hit(m.start(), m.end(),
                      f"'{m.group()}' can read as blame or condescension: explain what happened "
                      f"and what to do next.")


def _condescending_obviously(text: str, m: re.Match[str]) -> bool:
    """'Obviously, ...' and 'you obviously ...' talk down; 'nothing obviously wrong'
    describes a thing."""
    before = text[:m.start()].rstrip()
    if not before or before[-1] in ".!?:;\n" or re.match(r"\s*,", text[m.end():]):
        return True
    prev = re.search(r"([\w'’]+)$", before)
    return bool(prev) and prev.group(1).lower().replace("’", "'") in (
        "you", "you're", "it's", "that's", "this", "is", "was", "are", "were", "you've", "and",
        "but", "so")


CANT_RE = tx.LazyRegex(
    r"(?<![\w'’])(?:we|I)\s+(?:can't|can’t|cannot|can\s+not|are\s+unable\s+to|am\s+unable\s+to|"
    r"are\s+not\s+able\s+to|aren't\s+able\s+to|aren’t\s+able\s+to|won't\s+be\s+able\s+to|"
    r"won’t\s+be\s+able\s+to|will\s+not\s+be\s+able\s+to|'re\s+unable\s+to|’re\s+unable\s+to|"
    r"'m\s+unable\s+to|’m\s+unable\s+to|'re\s+not\s+able\s+to|’re\s+not\s+able\s+to)(?![\w'’])",
    re.IGNORECASE,
)
# In the folded text (gates.py) wherever CANT_RE matches: "we/I" then a "can" form,
# or "able to" ("unable to", "not able to", "won't be able to").
_CANT_PHRASES = ("we can't", "we can’t", "we cannot", "we can not", "i can't", "i can’t",
                 "i cannot", "i can not", "able to")
_ALTERNATIVE_RE = tx.LazyRegex(
    r"\b(?:but|however|instead|although|though|alternatively|what\s+(?:we|I)\s+can|"
    r"(?:we|I)\s+(?:can|could|will|'ll|’ll|would\s+be\s+happy|'d\s+be\s+happy|’d\s+be\s+happy)|"
    r"(?:we|I)'(?:ll|d)|(?:we|I)’(?:ll|d)|you\s+can|you\s+could|you'll|you’ll|please|"
    r"happy\s+to|glad\s+to|here's|here’s|here\s+is|try|recommend|suggest|let\s+us|let\s+me|"
    r"DM|reach|contact|visit|check)\b",
    re.IGNORECASE,
)


# "We can't wait to see you", "I can't thank you enough": enthusiasm, not a refusal.
# "I can't tell / remember / seem to find": not being sure is not a refusal either.
_NOT_A_REFUSAL_RE = tx.LazyRegex(
    r"\s+(?:wait|thank|agree|believe|stress|emphasi[sz]e|tell|express|imagine|remember|recall|"
    r"seem|think|understand|follow|be\s+happier|say\s+enough|help\s+(?:but|smiling))\b",
    re.IGNORECASE)


class CantWithoutAlternative(Rule):
    """## What it does
    Flags "we can't", "we're unable to", "I cannot" (and the like) when the
    same sentence or the next one offers nothing the customer can do or that
    the company will do instead ("but we can", "instead", "you can", "we
    will", "please ...", "here is").

    ## Why
    A bare refusal ends the conversation on a no. Positive phrasing keeps the
    refusal but leads the customer to the next step.

    ## Example
    We can't change the date of your booking.

    ## Use instead
    We can't change the date, but we can cancel it for a full credit you can
    use on a new booking.

    ## Fix safety
    No automatic fix: only the agent knows the alternative.
    """

    code = "N109"
    name = "cant-without-alternative"
    category = "netiquette"
    severity = Severity.INFO
    needs = frozenset({"sentences"})
    bad_examples = (
        "We can't change the date of your booking.",
        "Unfortunately we are unable to refund digital purchases.",
    )
    good_examples = (
        "We can't change the date, but we can cancel it for a full credit.",
        "We can't wait to welcome you on board again!",
        "You can delete the account in Settings. After that we are unable to restore it.",
        "We're unable to see your account here. Please DM us your e-mail address.",
        'You said "I can\'t log in" - reset your password at the link below.',
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not may_hold(doc, _CANT_PHRASES):
            return
        sents = doc.sentences
        for m in CANT_RE.finditer(doc.text):
            if _skipped(doc, m.start(), m.end()):
                continue
            idx = next((i for i, s in enumerate(sents) if s.start <= m.start() < s.end), None)
            if idx is None:
                continue
            if _NOT_A_REFUSAL_RE.match(doc.text, m.end()):
                continue
            window = doc.text[m.end():sents[idx + 1].end if idx + 1 < len(sents) else sents[idx].end]
            # What comes before counts too: "Here's how to delete it. After that, we
            # can't restore it" already told the customer what they can do.
            before = doc.text[sents[idx - 1].start if idx else sents[idx].start:m.start()]
            if _ALTERNATIVE_RE.search(window) or _ALTERNATIVE_RE.search(before):
                continue
            yield Hit(m.start(), m.end(),
                      f"'{m.group()}' without an alternative: say what you can do instead.")


class RepeatedUnfortunately(Rule):
    """## What it does
    Flags each "unfortunately" after the first in one reply (the limit is an
    option).

    ## Why
    One "unfortunately" softens bad news; several make the whole reply a
    list of refusals.

    ## Example
    Unfortunately the item is sold out. Unfortunately we cannot reserve one.

    ## Use instead
    Unfortunately the item is sold out. We can e-mail you as soon as it is
    back in stock.

    ## Fix safety
    Unsafe: deleting the word is offered; the sentence may need rewording.
    """

    code = "N110"
    name = "repeated-unfortunately"
    category = "netiquette"
    severity = Severity.INFO
    fixable = True
    defaults: ClassVar[dict[str, Any]] = {"max": 1}
    bad_examples = ("Unfortunately the item is sold out. Unfortunately we cannot reserve one.",)
    good_examples = ("Unfortunately the item is sold out. We can e-mail you when it is back.",
                     'You wrote "unfortunately it broke" - unfortunately that model is '
                     'out of warranty, but we can repair it.')

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        limit = int(ctx.get("max", 1))
        # Each match is an "unfortunately" in the lower-cased text (the word has no
        # i, s or k, the letters lower() and re.IGNORECASE may disagree on).
        if doc.lower.count("unfortunately") <= limit:
            return
        from .brevity import _delete_word_fix

        hits = [m for m in _UNFORTUNATELY_RE.finditer(doc.text)
                if not _skipped(doc, m.start(), m.end())]
        for m in hits[limit:]:
            yield Hit(m.start(), m.end(),
                      f"'{m.group()}' used {len(hits)} times: once is enough; lead with what "
                      f"you can do.",
                      (_delete_word_fix(doc.text, m.start(), m.end(), m.group()),))


POLICY_RE = tx.LazyRegex(
    r"(?<![\w'’])(?:(?:that|this|it)(?:'s|’s|\s+is)\s+(?:not\s+(?:our|the|company)\s+policy|"
    r"(?:against|not\s+within)\s+(?:our|the|company)\s+polic(?:y|ies)|(?:our|company|just)\s+policy)"
    r"|(?:our|company)\s+policy\s+(?:does\s+not|doesn't|doesn’t)\s+(?:allow|permit)"
    r"|(?:it's|it’s|it\s+is)\s+(?:against\s+)?policy|we\s+(?:don't|do\s+not)\s+do\s+that"
    r"|(?:that's|that’s|that\s+is)\s+not\s+(?:something\s+we\s+do|our\s+problem|our\s+responsibility)"
    r"|there(?:'s|’s|\s+is)\s+nothing\s+(?:we|I)\s+can\s+do)(?![\w'’])",
    re.IGNORECASE,
)
# In the folded text (gates.py) wherever POLICY_RE matches: each alternative holds one.
_POLICY_PHRASES = ("polic", "do that", "something we do", "our problem", "our responsibility",
                   "can do")


class PolicyRefusal(Rule):
    """## What it does
    Flags refusals that hide behind policy or shut the door: "that's not our
    policy", "it's against company policy", "our policy does not allow",
    "there's nothing we can do", "that's not our problem".

    ## Why
    "Policy" is not a reason the customer can accept or act on. Give the
    reason in plain words and the next step.

    ## Example
    That's against our policy, so there's nothing we can do.

    ## Use instead
    Opened items can't be returned for hygiene reasons, but we can repair it
    under warranty: here's how.

    ## Fix safety
    No automatic fix.
    """

    code = "N111"
    name = "policy-refusal"
    category = "netiquette"
    severity = Severity.WARNING
    bad_examples = ("That's against our policy, so there's nothing we can do.",
                    "Our policy does not allow refunds after 30 days.")
    good_examples = (
        "Opened items can't be returned for hygiene reasons, but we can repair it.",
        "Our returns policy is at https://example.com/returns - 30 days from delivery.",
        'You said "there\'s nothing you can do" - there is: here is the form.',
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not may_hold(doc, _POLICY_PHRASES):
            return
        for m in POLICY_RE.finditer(doc.text):
            if _skipped(doc, m.start(), m.end()):
                continue
            yield Hit(m.start(), m.end(), f"'{m.group()}' refuses without a reason: give the "
                                          f"reason in plain words and the next step.")


NEGATIVE_SWAPS: dict[str, str] = {
    "no problem": "happy to help",
    "not a problem": "happy to help",
    "no worries": "happy to help",
    "don't hesitate to": "feel free to",
    "do not hesitate to": "feel free to",
    "don't forget to": "remember to",
    "do not forget to": "remember to",
    "don't worry": "rest assured",
    "you don't have to worry": "rest assured",
}
_NEGATIVE_RE = tx.LazyRegex(
    r"(?<![\w'’])(?:" + "|".join(re.escape(k).replace("'", "['’]").replace(r"\ ", r"\s+")
                                 for k in sorted(NEGATIVE_SWAPS, key=len, reverse=True))
    + r")(?![\w'’])", re.IGNORECASE)
# Every key of NEGATIVE_SWAPS holds one of these as the folded draft (gates.py) writes it.
_NEGATIVE_PHRASES = ("no problem", "not a problem", "no worries", "hesitate to", "forget to", "worry")


class NegativePhrase(Rule):
    """## What it does
    Flags stock phrases built on a negative and offers the positive wording:
    "no problem" -> "happy to help", "don't hesitate to" -> "feel free to",
    "don't forget to" -> "remember to", "don't worry" -> "rest assured".

    ## Why
    The negative word is what sticks ("problem", "worry", "forget"). The
    positive wording says the same and sets a better tone.

    ## Example
    No problem! Don't forget to restart the app.

    ## Use instead
    Happy to help! Remember to restart the app.

    ## Fix safety
    Unsafe: the positive wording usually fits, but read the sentence again.
    """

    code = "N112"
    name = "negative-phrase"
    category = "netiquette"
    severity = Severity.INFO
    fixable = True
    bad_examples = ("No problem! Don't forget to restart the app.",
                    "Please do not hesitate to contact us.")
    good_examples = ("Happy to help! Remember to restart the app.",
                     "There was no problem with the payment itself.",
                     'You asked "is it a problem?" - not at all.')

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not may_hold(doc, _NEGATIVE_PHRASES):
            return
        for m in _NEGATIVE_RE.finditer(doc.text):
            if _skipped(doc, m.start(), m.end()):
                continue
            key = " ".join(m.group().lower().replace("’", "'").split())
            # "no problem with the payment" describes a problem, not a reply to thanks.
            if key in ("no problem", "not a problem") and re.match(
                    r"\s+(?:with|at|for|in|on|if|to)\b", doc.text[m.end():]):
                continue
            new = NEGATIVE_SWAPS[key]
            if m.group()[:1].isupper():
                new = new[:1].upper() + new[1:]
            yield Hit(m.start(), m.end(), f"Negative phrasing: '{new}' says the same positively.",
                      (Fix.replace(m.start(), m.end(), new, f"Write '{new}'", safe=False),))
