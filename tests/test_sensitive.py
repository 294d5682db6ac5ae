"""Sensitive data P100-P103, and the guarantee that no output format prints a secret."""

from __future__ import annotations

from functools import cache

import pytest

from netlint import Draft, Linter, load_guide
from netlint.formats import FORMATS, RenderOptions, get
from netlint.redact import find_secrets, iban_valid, luhn_valid, redact

CARD = "4111 1111 1111 1111"
CARD_DIGITS = CARD.replace(" ", "")


@cache
def linter() -> Linter:
    return Linter(load_guide("default"), quiet_nlp=True)


def codes(text: str) -> list[str]:
    return [f.code for f in linter().check(Draft(text)) if f.code[0] == "P"]


def test_checksums() -> None:
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")
    assert iban_valid("DE89370400440532013000")
    assert not iban_valid("DE88370400440532013000")


@pytest.mark.parametrize("text", [
    f"We charged {CARD} on Monday.",
    "Card 5555-5555-5555-4444 was declined.",
    "Amex 378282246310005 is on file.",
    "Your card 4012888888881881.",
])
def test_card_numbers_are_flagged(text: str) -> None:
    assert "P100" in codes(text)


@pytest.mark.parametrize("text", [
    "We charged the card ending 1111.",
    "4111 1111 1111 1112 fails the checksum.",
    "Your order number is 4111111111111111.",  # Luhn-valid, but an order number
    "Tracking #: 4012888888881881.",
    "Ticket 4111-1111-1111-1111 is closed.",
    "Call +1 800 555 0199 or 0800 123 4567.",
    "Phone: 020 7946 0958 ext 1234.",
    "Sent 2024-01-15 10:32, due 15/01/2025.",
    "Archived at https://web.archive.org/web/20200308122309/https://example.com/a",
    "Tracking number 1Z999AA10123456784.",
    "Your parcel 9400 1000 0000 0000 0000 00 is out for delivery.",
    "Invoice 1234567890123 was paid.",
    "Tweet 1245370705795076096 was reported.",
    "It costs 1,234,567.89 in total.",
])
def test_numbers_that_are_not_cards(text: str) -> None:
    assert "P100" not in codes(text)


def test_iban_and_ssn() -> None:
    assert "P101" in codes("Refund to DE89 3704 0044 0532 0130 00 today.")
    assert "P101" in codes("Account GB82WEST12345698765432.")
    assert "P101" not in codes("Refund to DE88 3704 0044 0532 0130 00 today.")
    assert "P101" not in codes("Your voucher code is GB12ABCD34567.")
    assert "P102" in codes("Your SSN 536-22-8765 is verified.")
    assert "P102" in codes("Social security number: 536228765.")
    for text in ("Call 555-123-4567.", "Ticket 000-12-3456.", "Order 536228765 shipped.",
                 "Dates 123 45 6789 are odd.", "666-12-3456 is not a valid SSN."):
        assert "P102" not in codes(text), text


@pytest.mark.parametrize("text", [
    "Please reply with your password so we can check.",
    "What is your PIN?",
    "What's the CVV on the back of the card?",
    "DM us your full card number.",
    "We need your one-time code to continue.",
    "Please send me the security code.",
    "We need your PIN to continue.",
    "Send us the verification code we sent you.",
    "Please DM us your card details.",
])
def test_secret_requests_are_flagged(text: str) -> None:
    assert "P103" in codes(text)


@pytest.mark.parametrize("text", [
    "We will never ask for your password.",
    "Please don't share your PIN with anyone.",
    "Never reply with your CVV to any message.",
    "Please DM us the last 4 digits of your card number.",
    "You can reset your password here: https://example.com/reset",
    "Enter the verification code on the sign-in page.",
    'You wrote "they asked for my PIN" - that was not us.',
    "Did you try resetting your password?",
    "Please DM me your full address and phone number.",
    "You will need your password to sign in.",
    "We'll send a password reset link to your e-mail.",
    "Please send us your account details and order number.",
    "What are their credentials?",  # qualifications (a sentence in CWEB dev, grammar/cweb_dev.jsonl)
])
def test_secret_request_negatives(text: str) -> None:
    assert "P103" not in codes(text)


def test_finding_excerpt_and_message_are_masked() -> None:
    (f,) = [f for f in linter().check(Draft(f"Card {CARD} charged.")) if f.code == "P100"]
    assert CARD not in f.excerpt and CARD_DIGITS not in f.excerpt
    assert "1111" in f.excerpt  # the last four digits stay, as PCI DSS allows
    assert "4111" not in f.message


def test_other_rules_excerpts_are_masked_too() -> None:
    """A long sentence holding a card: the brevity finding's excerpt is masked as well."""
    text = ("We have checked your account and can see that the card " + CARD + " was charged on "
            "Monday but because of a delay with our payment provider the order was not "
            "confirmed and so it has not been sent to you yet.")
    found = linter().check(Draft(text))
    assert {f.code for f in found} - {"P100"}, "expected another rule to fire"
    for f in found:
        assert CARD not in f.excerpt and CARD not in f.message


def test_a_drafts_findings_share_one_masked_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from netlint import engine

    texts: list[str] = []

    def counting(text: str) -> str:
        texts.append(text)
        return redact(text)

    monkeypatch.setattr(engine, "redact", counting)
    text = f"hi!!! ur card {CARD} was charged TWICE, we guarantee a refund tomorow"
    found = linter().check(Draft(text))
    assert len(found) >= 3
    assert texts.count(text) == 1  # the messages are masked one by one, the text once
    for f in found:
        assert CARD not in f.excerpt and CARD_DIGITS not in f.excerpt


def test_redact_keeps_offsets() -> None:
    text = f"a {CARD} b DE89 3704 0044 0532 0130 00 c 536-22-8765"
    masked = redact(text)
    assert len(masked) == len(text)
    assert [s.kind for s in find_secrets(text)] == ["card", "iban", "ssn"]
    assert "4111" not in masked and "3704" not in masked and "536" not in masked


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_known_card_number_appears_in_no_output_format(fmt: str) -> None:
    """Every registered format, including ones added later, keeps the number out."""
    drafts = [
        Draft(f"Hi Sam, we charged {CARD} and will refund it.", path="reply.txt"),
        Draft(f"Card: {CARD_DIGITS}. IBAN DE89 3704 0044 0532 0130 00, SSN 536-22-8765.",
              path="reply2.txt"),
        Draft("What's your PIN? Please reply with the full card number "
              + "x" * 200 + " " + CARD, path="reply3.txt"),
    ]
    results = [linter().check_result(d) for d in drafts]
    assert any(f.code == "P100" for r in results for f in r.findings)
    out = get(fmt)(results, RenderOptions(statistics=True))
    for secret in (CARD, CARD_DIGITS, "4111-1111", "DE89 3704 0044 0532 0130 00",
                   "DE89370400440532013000", "536-22-8765"):
        assert secret not in out, f"{fmt} output leaks {secret!r}"
    assert "1111" in out or fmt not in ("full", "json", "jsonl")


def test_grading_outputs_do_not_print_the_card_number() -> None:
    """The grading report shows whole drafts: the secrets in them are masked there too."""
    from netlint.grade.grader import grade_all
    from netlint.grade.output import render_csv, render_json, render_table
    from netlint.grade.report import render_report
    from netlint.grade.scoring import Rubric

    lint = linter()
    draft = Draft(f"Hi Sam, we charged {CARD} today.", path="a.txt", agent="sam",
                  customer=f"My card is {CARD_DIGITS}, why was it charged?")
    book = grade_all(lint, [draft], Rubric.from_guide(lint.guide))
    for out in (render_report(book), render_json(book), render_csv(book), render_table(book)):
        assert CARD not in out and CARD_DIGITS not in out
