"""Sensitive data: payment card numbers, IBANs, US SSNs, and requests for secrets.

A finding never prints the secret: the rules set a masked excerpt and a
message without the number, and the engine masks every finding's excerpt and
message again (``netlint.redact``), whatever rule produced it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

from .. import regexcache as rc
from ..document import Document
from ..engine import excerpt_of
from ..finding import Hit, Severity
from ..negation import shielded
from ..redact import (
    MAY_BE_CARD_RE,
    MAY_BE_IBAN_RE,
    MAY_BE_SSN_RE,
    Secret,
    find_cards,
    find_ibans,
    find_ssns,
    redact,
)
from ..rule import Context, Rule
from ..statements import StatementRule, trig

# An order, tracking or ticket number is not a card even when its digits pass
# the checksum by chance (one number in ten does).
_NOT_A_CARD_RE = rc.compile(
    r"(?:order|tracking|track|ticket|case|ref|reference|confirmation|invoice|booking"
    r"|reservation|shipment|parcel|consignment|serial|imei|phone|tel|call|text|fax|sms"
    r"|whatsapp|account|acct|member|membership|customer|policy|claim|transaction|receipt"
    r"|awb|waybill)\.?\s*(?:no\.?|number|num|nr|#|id)?\s*(?:is|was|of|=)?\s*[:#.]?\s*$",
    re.IGNORECASE,
)


def _masked_hit(doc: Document, secret: Secret, message: str) -> Hit:
    """A hit whose excerpt is already masked. (The engine masks every excerpt
    again; a line it shortens is left to it, so the underline stays right.)"""
    line, _ = excerpt_of(redact(doc.text), secret.start, secret.end)
    return Hit(secret.start, secret.end, message,
               excerpt=None if line.startswith("…") or line.endswith("…") else line)


class _SecretRule(Rule):
    category = "sensitive"
    severity = Severity.ERROR
    needs = frozenset()
    defaults: ClassVar[dict[str, Any]] = {}

    def secrets(self, doc: Document) -> list[Secret]:
        raise NotImplementedError

    def keep(self, doc: Document, secret: Secret) -> bool:
        # In a URL or e-mail address the digits are part of an address; in the
        # customer's quoted words they are still a secret written down, so
        # quotes do not excuse it.
        return not any(s.overlaps(secret.start, secret.end) for s in doc.protected
                       if s.kind in ("url", "email", "handle"))

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        for secret in self.secrets(doc):
            if self.keep(doc, secret):
                yield _masked_hit(doc, secret, self.message(secret))

    def message(self, secret: Secret) -> str:
        return (f"A {secret.label} ({secret.masked}) is in the reply; remove it and never "
                f"send it in writing.")


class CardNumber(_SecretRule):
    """## What it does
    Flags a payment card number: 13 to 19 digits, optionally grouped by spaces
    or dashes, that passes the Luhn checksum and starts with a card network's
    issuer prefix. Order, tracking, ticket and phone numbers are not cards,
    even when their digits happen to pass the checksum; the finding shows only
    the last four digits.

    ## Why
    PCI DSS forbids sending a full card number (PAN) by e-mail, chat or social
    message. A reply that repeats a card number leaks it to every inbox and log
    it passes through.

    ## Example
    We charged the card 4111 1111 1111 1111 on Monday.

    ## Use instead
    We charged the card ending 1111 on Monday.

    ## Fix safety
    No automatic fix: the number has to go, and what to say instead is for the
    agent to decide.
    """

    code = "P100"
    name = "card-number"
    bad_examples = (
        "We charged the card 4111 1111 1111 1111 on Monday.",
        "Card: 5555-5555-5555-4444, expiry 12/27.",
        "Your Amex 378282246310005 was declined.",
    )
    good_examples = (
        "We charged the card ending 1111 on Monday.",
        # Fails the Luhn check.
        "Reference 4111 1111 1111 1112 is closed.",
        # Order and tracking numbers, a phone number, a date, a long timestamp.
        "Your order number is 4111111111111111.",
        "Tracking #: 4012888888881881 (DHL).",
        "Call us on +1 800 555 0199 or 0800 123 4567.",
        "Sent on 2024-01-15 at 10:32.",
        "See https://web.archive.org/web/20200308122309/https://example.com/help",
        "Your tweet id 1245370705795076096 was reported.",
    )

    def secrets(self, doc: Document) -> list[Secret]:
        return find_cards(doc.text) if MAY_BE_CARD_RE.search(doc.text) else []

    def keep(self, doc: Document, secret: Secret) -> bool:
        before = doc.text[max(0, secret.start - 40):secret.start]
        return super().keep(doc, secret) and not _NOT_A_CARD_RE.search(before)

    def message(self, secret: Secret) -> str:
        return ("A payment card number is in the reply; never send a full card number in "
                "writing (refer to the last four digits).")


class Iban(_SecretRule):
    """## What it does
    Flags an IBAN (international bank account number) whose country code,
    length and mod-97 check digits are valid, with or without the usual spaces.

    ## Why
    A bank account number sent in a reply lands in e-mail archives, chat logs
    and ticket histories; with a name it is enough to set up fraudulent direct
    debits. Confirm account details through the secure channel instead.

    ## Example
    We will pay the refund to DE89 3704 0044 0532 0130 00.

    ## Use instead
    We will pay the refund to the account ending 3000.

    ## Fix safety
    No automatic fix.
    """

    code = "P101"
    name = "iban"
    bad_examples = (
        "We will pay the refund to DE89 3704 0044 0532 0130 00.",
        "Account GB82WEST12345698765432 is on file.",
    )
    good_examples = (
        "We will pay the refund to the account ending 3000.",
        # Wrong check digits.
        "We will pay the refund to DE88 3704 0044 0532 0130 00.",
        "Your booking code is AB12CD34EF56GH78.",
    )

    def secrets(self, doc: Document) -> list[Secret]:
        return find_ibans(doc.text) if MAY_BE_IBAN_RE.search(doc.text) else []

    def message(self, secret: Secret) -> str:
        return "A bank account number (IBAN) is in the reply; refer to its last four digits."


class Ssn(_SecretRule):
    """## What it does
    Flags a US Social Security number written 123-45-6789 (valid area, group
    and serial), or as nine digits or with spaces next to the words SSN or
    social security.

    ## Why
    An SSN is the key to identity theft in the US; it must never be written in
    a support reply.

    ## Example
    I've verified your SSN 536-22-8765.

    ## Use instead
    I've verified your identity.

    ## Fix safety
    No automatic fix.
    """

    code = "P102"
    name = "ssn"
    bad_examples = (
        "I've verified your SSN 536-22-8765.",
        "Your social security number 536228765 is on file.",
    )
    good_examples = (
        "I've verified your identity.",
        # Invalid areas (000, 666, 9xx) and phone-style numbers.
        "Ticket 000-12-3456 is closed.",
        "Call 555-123-4567 for help.",
        "Your order 536228765 has shipped.",
    )

    def secrets(self, doc: Document) -> list[Secret]:
        return find_ssns(doc.text) if MAY_BE_SSN_RE.search(doc.text) else []

    def message(self, secret: Secret) -> str:
        return "A US Social Security number is in the reply; remove it."


_SECRET = (r"passwords?|passcodes?|pass\s?phrases?|PINs?(?:\s+(?:number|code))?|CVV2?|CVC2?|CSC"
           r"|(?:card\s+)?security\s+code|card\s+verification\s+(?:code|value)"
           r"|(?:(?:full|complete|entire|long|16[- ]digit)\s+)?(?:credit\s+|debit\s+)?card\s+"
           r"(?:number|details)|one[- ]time\s+(?:pass)?code|OTP|verification\s+code"
           r"|2FA\s+code|authenticat(?:ion|or)\s+code|social\s+security\s+number|SSN"
           r"|online\s+banking\s+(?:login|password|credentials|details)|login\s+(?:details"
           r"|credentials)|account\s+(?:password|credentials)|credentials"
           r"|security\s+answers?|memorable\s+(?:word|information)|mother['’]s\s+maiden\s+name")
_ASK = (r"send|DM|PM|message|e-?mail|text|give|tell|provide|share|reply\s+with|respond\s+with"
        r"|read\s+out|include|post|let\s+(?:us|me)\s+(?:know|have)|ask\s+(?:you\s+)?for"
        r"|(?<=we\s)(?:need|require)|(?<=I\s)(?:need|require)|(?<=we['’]ll\s)need"
        r"|(?<=we\swill\s)need|(?<=we\swould\s)need|(?<=we['’]d\s)need")
# "send a password reset link", "your PIN reset": about the secret, not the secret.
_NOT_SECRET = (r"(?![\s-]+(?:reset|recovery|change|manager|hint|policy|requirements?|link|page"
               r"|e-?mails?|settings|protection|expir\w*|lock\w*|field|box|screen|form"
               r"|update)\b)")
# Whose secret: the customer's. "What are their credentials?" asks about someone's
# qualifications, not for a secret.
# "ur" / "yr": text-speak must not hide a request for a password.
_DET = r"(?:your|ur|yr|the|that|this|a)"


class SecretRequest(StatementRule):
    """## What it does
    Flags a request for a secret: "send us your password", "what is your
    PIN", "reply with the CVV", "DM us your full card number", "we need the
    verification code". Warnings not to share ("never share your password",
    "we will never ask for your PIN") and the last four digits of a card are
    fine. Questions count here: "What's your PIN?" is a request.

    ## Why
    No legitimate support process asks for a password, PIN, CVV or one-time
    code; phishers do. A request like that trains customers to hand secrets to
    anyone who asks, and the answer ends up in logs.

    ## Example
    To verify your account, please reply with your password and the CVV.

    ## Use instead
    To verify your account, please sign in at our website; we will never ask
    for your password or card details.

    ## Fix safety
    No automatic fix. Add company wording under `policy.phrases.secret-request`.
    """

    code = "P103"
    name = "secret-request"
    category = "sensitive"
    severity = Severity.ERROR
    needs = frozenset({"sentences"})
    policy_category = "secret-request"
    bad_examples = (
        "To verify your account, please reply with your password.",
        "What is your PIN?",
        "Please DM us your full card number and the CVV.",
        "We need the verification code we just texted you.",
        "Can you send me your online banking login?",
        "pls send us ur password and I'll fix it",
    )
    good_examples = (
        "We will never ask for your password or PIN.",
        "Please don't share your password with anyone, including us.",
        "Please DM us the last four digits of your card number.",
        "You can reset your password here: https://example.com/reset",
        "Enter the verification code on the sign-in page.",
        "Never reply with your CVV to any message.",
        'You wrote "they asked for my PIN" - that was not us.',
    )
    phrase_questions = True
    # Searched in the folded draft (one space between words): each trigger ends in
    # a secret (_SECRET, after white space) or "card number", and holds one of these.
    keywords = (" password", " passcode", " pass phrase", " passphrase", " pin", " cvv", " cvc",
                " csc", " security code", " card verification", "card number", "card details",
                "time code", " otp", "verification code", "2fa code",
                "authentication code", "authenticator code", "social security number", " ssn",
                "online banking", "login details", "login credentials", "credentials",
                "security answer", "memorable", "maiden name")
    _MSG = "'{match}' asks the customer for a secret; no support process needs it."
    triggers = (
        trig(r"\b(?P<key>" + _ASK + r")\b(?:\s+(?:us|me|it|over|back|through|along|with|in))*"
             r"(?:\s+(?:a\s+)?(?:copy|photo|picture|screenshot)\s+of)?\s+" + _DET
             + r"\s+(?:(?:full|complete|entire|current|new|old|account|bank|online|card|debit"
             r"|credit|4-digit|four-digit|3-digit|three-digit)\s+){0,2}(?:" + _SECRET + r")\b"
             + _NOT_SECRET,
             _MSG, questions=True, modal=False),
        trig(r"\bwhat(?:['’]s|\s+is|\s+was|\s+are)\s+(?:your|the)\s+(?:(?:full|current|card"
             r"|account|bank|online|debit|credit)\s+){0,2}(?:" + _SECRET + r")\b" + _NOT_SECRET,
             _MSG, questions=True, modal=False),
        trig(r"\b(?:full|complete|entire|long)\s+(?:credit\s+|debit\s+)?card\s+number\b",
             "'{match}': never ask for or send a full card number in writing.",
             questions=True, modal=False),
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        for c in self.candidates(doc, ctx):
            before = doc.text[max(0, c.start - 30):c.end]
            # "the last four digits of your card number" is how support should ask.
            if re.search(r"last\s+(?:4|four)(?:\s+digits)?\s+of\s+" + _DET, before, re.I) or \
                    re.search(r"last\s+(?:4|four)\b", c.text, re.I):
                continue
            if shielded(doc, c.start, c.end):
                continue
            yield Hit(c.start, c.end, c.trigger.message.format(match=" ".join(c.text.split())))
