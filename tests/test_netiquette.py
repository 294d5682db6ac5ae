"""Netiquette: shouting, punctuation, text-speak, greetings, sign-offs, blame, negative phrasing."""

from __future__ import annotations

from pathlib import Path

from netlint import Draft, Linter, load_guide
from netlint.fixes import apply_edits
from netlint.salutations import greeting, has_closing, lead_end, signature

from .conftest import codes, lint_text


def spans(findings: list, text: str) -> list[str]:  # type: ignore[type-arg]
    return [text[f.text_start:f.text_end] for f in findings]


# -- reply structure -----------------------------------------------------------

def test_social_reply_structure_handles_and_agent_initials() -> None:
    text = "@acme @sam_t Hi Sam, we can help with that. ^JAY"
    assert text[lead_end(text):].startswith("Hi Sam")
    g = greeting(text)
    assert g is not None and g.name == "Sam"
    sig = signature(text)
    assert sig is not None and sig.text == "^JAY"
    assert signature("Please DM us. *AFC https://t.co/6iDGBJ").text.startswith("*AFC")  # type: ignore[union-attr]
    assert signature("We deliver until 8 p.m.") is None
    assert has_closing("Hi Sam,\n\nAll sorted.\n\nKind regards,\nAna")
    assert not has_closing("Hi Sam,\n\nAll sorted.")


# -- shouting ----------------------------------------------------------------

def test_shouting_flags_everyday_words_in_capitals() -> None:
    text = "Please do NOT restart the router while it updates."
    assert spans(lint_text(text, select="N100"), text) == ["NOT"]


def test_shouting_skips_acronyms_handles_initials_quotes_and_links() -> None:
    for text, channel in (
        ("Your PIN and CVV are never needed; the ETA is 5pm.", None),
        ("@mia_k Please DM us your confirmation number. ^JAY", "social"),
        ("Thanks for your patience *AFC", "social"),
        ('You wrote "THIS IS THE THIRD TIME" - you are right.', None),
        ("See https://example.com/HELP/RETURNS or mail HELP@EXAMPLE.COM.", None),
        ("Use {{ PROMO_CODE }} at checkout; the KLM desk is at LHR.", None),
    ):
        assert not lint_text(text, select="N100", channel=channel), text


def test_shouting_uses_the_guide_vocabulary(tmp_path: Path) -> None:
    guide = tmp_path / "g.yml"
    guide.write_text("extends: default\nvocabulary:\n  accept: [SUPERSAVER]\n", encoding="utf-8")
    linter = Linter(load_guide(str(guide)), quiet_nlp=True)
    text = "Your SUPERSAVER fare includes one bag."
    assert "N100" in codes(lint_text(text, select="N100"))  # 10 letters: not an acronym
    assert not lint_text(text, select="N100", linter=linter)


def test_a_sentence_in_capitals_is_one_finding() -> None:
    text = "YOUR ORDER HAS SHIPPED AND WILL ARRIVE TOMORROW. Thanks for waiting."
    [f] = lint_text(text, select="N100")
    assert spans([f], text) == ["YOUR ORDER HAS SHIPPED AND WILL ARRIVE TOMORROW."]


# -- punctuation ---------------------------------------------------------------

def test_repeated_punctuation_collapses_to_one_mark() -> None:
    text = "Your refund is on its way!! Did it arrive?!"
    found = lint_text(text, select="N101")
    fixed, n, _ = apply_edits(text, found, unsafe=False)
    assert fixed == "Your refund is on its way! Did it arrive?" and n == 2
    assert not lint_text("Let me check... yes, it shipped.", select="N101")


def test_exclamation_limit_depends_on_the_channel() -> None:
    text = "Thanks for waiting! It shipped! It arrives Monday."
    assert codes(lint_text(text, select="N102", channel="email")) == ["N102"]
    assert not lint_text(text, select="N102", channel="chat")


# -- text-speak ----------------------------------------------------------------

def test_text_speak_gets_the_written_word() -> None:
    text = "Pls DM us ur order number and we'll check it ASAP."
    found = lint_text(text, select="N103")
    assert spans(found, text) == ["Pls", "ur", "ASAP"]
    fixed, _, _ = apply_edits(text, found, unsafe=True)
    assert fixed == "Please DM us your order number and we'll check it as soon as possible."


def test_text_speak_leaves_acronyms_links_quotes_and_letters_alone() -> None:
    for text in ("Find an ATM at https://example.com/u/atm-finder or ask on r/banking.",
                 'You wrote "pls help asap" and we are on it.',
                 "Ask for Ty at the U.S. desk.", "Plans A, B and U are listed; press R to reset."):
        assert not lint_text(text, select="N103"), text


def test_guide_can_allow_some_text_speak(tmp_path: Path) -> None:
    guide = tmp_path / "g.yml"
    guide.write_text("extends: default\nrules:\n  text-speak:\n    options:\n"
                     "      allow: [asap]\n", encoding="utf-8")
    linter = Linter(load_guide(str(guide)), quiet_nlp=True)
    assert not lint_text("We'll fix it ASAP.", select="N103", linter=linter)
    assert lint_text("We'll fix it ASAP.", select="N103")


# -- greeting and sign-off -------------------------------------------------------

def test_greeting_required_for_email_only_by_default() -> None:
    text = "Your refund was issued today.\n\nBest regards,\nAna"
    [f] = lint_text(text, select="N104", channel="email", customer_name="Sam Lee")
    assert f.fixes[0].edits[0].replacement == "Hi Sam Lee,\n\n"
    assert not lint_text(text, select="N104", channel="chat")
    assert not lint_text(text, select="N104", channel="social")


def test_greeting_should_use_the_known_name() -> None:
    text = "Hi there, your refund was issued today."
    [f] = lint_text(text, select="N105", customer_name="Sam Lee")
    assert f.fixes[0].edits[0].replacement == "Hi Sam"
    assert not lint_text(text, select="N105")  # name unknown: nothing to suggest
    assert not lint_text("Dear Ms Lee, your refund was issued.", select="N105",
                         customer_name="Sam Lee")


def test_generic_salutations() -> None:
    for text in ("Dear valued customer,\n\nThanks.", "To whom it may concern: approved.",
                 "Dear Sir or Madam, your refund was issued.", "Dear Customer,\nHello."):
        assert codes(lint_text(text, select="N106")) == ["N106"], text
    assert not lint_text("Our customer team will call you.", select="N106")
    [f] = lint_text("Dear Customer,\n\nThanks.", select="N106", customer_name="Sam Lee")
    assert f.fixes[0].edits[0].replacement == "Hi Sam"


def test_sign_off_required_for_email() -> None:
    assert codes(lint_text("Hi Sam,\n\nYour refund was issued.", select="N107",
                           channel="email")) == ["N107"]
    assert not lint_text("Hi Sam,\n\nYour refund was issued. Have a great weekend!",
                         select="N107", channel="email")
    assert not lint_text("Your refund was issued. ^JS", select="N107", channel="social")


# -- blame and negative phrasing ---------------------------------------------------

def test_blame_and_condescension() -> None:
    for text in ("As I already said, you should have read the terms.",
                 "Per my last email, the refund takes 5 days.", "Please calm down.",
                 "You failed to attach the receipt."):
        assert codes(lint_text(text, select="N108"))[:1] == ["N108"], text
    for text in ("You should have received a confirmation e-mail.",
                 "As mentioned on our status page, it is fixed.",
                 'You wrote "obviously nobody reads this" - we do.'):
        assert not lint_text(text, select="N108"), text


def test_cant_needs_an_alternative_nearby() -> None:
    assert codes(lint_text("We can't change the date of your booking.", select="N109")) == ["N109"]
    for text in ("We can't change the date, but we can cancel it for a full credit.",
                 "We're unable to see your account here. Please DM us your e-mail.",
                 "We can't wait to welcome you on board again!"):
        assert not lint_text(text, select="N109"), text


def test_repeated_unfortunately_and_policy_refusals() -> None:
    text = "Unfortunately it is sold out. Unfortunately we cannot reserve one."
    assert len(lint_text(text, select="N110")) == 1
    assert codes(lint_text("That's against our policy.", select="N111")) == ["N111"]
    assert not lint_text("Our returns policy is on the website.", select="N111")


def test_negative_phrase_has_a_positive_alternative() -> None:
    text = "No problem! Don't forget to restart the app."
    found = lint_text(text, select="N112")
    fixed, _, _ = apply_edits(text, found, unsafe=True)
    assert fixed == "Happy to help! Remember to restart the app."
    assert not lint_text("There was no problem with the payment.", select="N112")


def test_twitter_reply_conventions_cause_no_findings() -> None:
    linter = Linter(load_guide("default"), quiet_nlp=True)
    text = "@116659 @AcmeCares Are you currently on your home network?\n^JAY https://t.co/ULEOhp"
    found = [f for f in linter.check(Draft(text, channel="social"))
             if f.category in ("netiquette", "emoticons", "brevity")]
    assert found == []


def test_code_variables_and_uncertainty_are_not_flagged() -> None:
    # Keywords in `code` are not shouting; "k=1" is a variable, not text-speak.
    assert not lint_text("Use the `SELECT` query, then `MOVE *R2, R1`.", select="N100")
    assert not lint_text("If k=1 and u + v is even, the total is shown.", select="N103")
    # Not remembering is not a refusal.
    assert not lint_text("I can't remember if we sent it. Did it arrive?", select="N109")
