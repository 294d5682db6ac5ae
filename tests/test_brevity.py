"""Brevity: SMS size, paragraphs, filler, hedges, repeated apologies, readability, wordy pack."""

from __future__ import annotations

from netlint.fixes import apply_edits
from netlint.rules.brevity import sms_size

from .conftest import codes, lint_text


def test_sms_size_counts_gsm_septets_and_switches_to_ucs2_on_an_emoji() -> None:
    plain = "Your parcel arrives tomorrow before noon. " * 4
    assert sms_size(plain.strip()).encoding == "GSM-7"
    assert sms_size("a" * 160).segments == 1
    assert sms_size("a" * 161).segments == 2  # 153 per part once split
    assert sms_size("€" * 80).units == 160  # extension characters take two septets
    with_emoji = sms_size("Your parcel is on its way 🚚")
    assert with_emoji.encoding == "UCS-2" and with_emoji.per_segment == 70
    assert with_emoji.units == len("Your parcel is on its way ") + 2  # a surrogate pair


def test_sms_emoji_that_adds_segments_is_named_and_pointed_at() -> None:
    text = ("Your order A1234 has shipped and arrives Thursday between 9am and 1pm. Track it "
            "any time in the app or on our website, and reply HELP if you need us. 🚚")
    [f] = lint_text(text, select="B102", channel="sms")
    assert "'🚚'" in f.message and "160 to 70" in f.message
    assert text[f.text_start:f.text_end] == "🚚"
    assert not lint_text(text.replace(" 🚚", ""), select="B102", channel="sms")
    # The SMS limits do not apply to other channels.
    assert not lint_text(text * 3, select="B102", channel="email")


def test_long_sms_without_emoji_reports_characters() -> None:
    text = "Your parcel is on its way and should arrive tomorrow before noon. " * 6
    [f] = lint_text(text, select="B102", channel="sms")
    assert "characters (limit 320)" in f.message and "Unicode" not in f.message


def test_paragraph_limit_is_for_email_and_ignores_greeting_and_sign_off() -> None:
    body = ("We received your return on Monday. The refund was issued today. It can take three "
            "to five days to show. Your replacement ships tomorrow.")
    text = f"Hi Sam,\n{body}\nBest regards,\nAna"
    assert not lint_text(text, select="B103", channel="email")  # four sentences: fine
    longer = f"Hi Sam,\n{body} You will get a tracking link.\n\nBest regards,\nAna"
    assert codes(lint_text(longer, select="B103", channel="email")) == ["B103"]
    assert not lint_text(longer, select="B103", channel="chat")


def test_filler_just_is_flagged_only_where_it_adds_nothing() -> None:
    flagged = lint_text("@acme_help Just send us a DM and we'll take a look. ^JS",
                        select="B104", channel="social")
    assert [f.excerpt[f.excerpt_start:f.excerpt_start + 4] for f in flagged] == ["Just"]
    for text in ("We just released version 11.1 today.", "Just sent you a DM.",
                 "Keep the receipt just in case.", "It weighs just under 2 kg.",
                 "We have just refunded it.", 'You said it "just stops" working.'):
        assert not lint_text(text, select="B104"), text


def test_filler_fix_deletes_and_recapitalises() -> None:
    text = "Actually, you can reset it in Settings."
    fixed, n, _ = apply_edits(text, lint_text(text, select="B104"), unsafe=True)
    assert fixed == "You can reset it in Settings." and n == 1


def test_hedge_kind_of_only_after_a_verb_or_pronoun() -> None:
    assert codes(lint_text("The app is kind of slow today.", select="B105")) == ["B105"]
    assert codes(lint_text("I think the refund arrives Friday.", select="B105")) == ["B105"]
    for text in ("Does it happen with any specific kind of media format?",
                 "What sort of router do you have?", "I don't think that is right."):
        assert not lint_text(text, select="B105"), text


def test_second_apology_is_flagged_not_the_first() -> None:
    text = "Sorry for the wait. We apologise for the mix-up with your order."
    [f] = lint_text(text, select="B106")
    assert text[f.text_start:f.text_end] == "apologise"
    assert not lint_text("No need to apologise! Sorry the app crashed.", select="B106")
    assert not lint_text('Your note said "sorry for the rant". Sorry it broke.', select="B106")


def test_readability_needs_three_sentences_and_english() -> None:
    hard = ("Subsequent to the verification of your documentation, the reimbursement will be "
            "processed utilising your original payment methodology. Notification will be "
            "dispatched electronically upon completion. Additional documentation is "
            "unnecessary at this juncture.")
    assert codes(lint_text(hard, select="B107")) == ["B107"]
    two = hard.rsplit(" Additional", 1)[0]
    assert not lint_text(two, select="B107")
    german = ("Bei unzustellbaren Sendungen wird gewöhnlich nach Bearbeitung der Retoure eine "
              "Erstattung veranlasst. Den Grund können wir von hier aus leider nicht einsehen. "
              "Bei Fragen hierzu kannst du dich gerne an unseren Kundenservice wenden.")
    assert not lint_text(german, select="B107")


def test_sentence_length_ignores_leading_handles_and_html_entities() -> None:
    # 25 words of prose: at the limit, not over it, despite the handles and "&amp;".
    text = ("@user1 @user2 Thanks for reaching out &amp; there are only a few public videos on "
            "your channel, so you're likely not eligible for a review at this time.")
    assert not lint_text(text, select="B101", channel="social")
    # Nor does the agent's signature at the end of the sentence.
    assert not lint_text(text[:-1] + " -Renee", select="B101", channel="social")


def test_a_link_or_a_new_line_ends_a_sentence_typed_without_a_full_stop() -> None:
    text = ("To start, try the steps here: https://example.com/help/restart Once you have "
            "tried those, let us know if the phone responds and we will go from there.")
    assert not lint_text(text, select="B101", channel="social")
    text = ("If you are trying to install the HP Officejet g85 on Windows 10, install the "
            "print driver with the Add a Printer wizard\nTry step 3 in the document below.")
    assert not lint_text(text, select="B101")


def test_reply_length_does_not_count_addressee_handles() -> None:
    words = " ".join(["word"] * 50)
    text = f"@a1 @b2 @c3 {words}."
    assert not lint_text(text, select="B100", channel="social")
    assert codes(lint_text(text + " more", select="B100", channel="social")) == ["B100"]


def test_wordy_pack_is_loaded_by_default_with_safe_fixes() -> None:
    text = "Please be advised that the form is needed in order to reset it in a timely manner."
    found = lint_text(text, select="B110")
    assert len(found) == 3
    fixed, _, _ = apply_edits(text, found, unsafe=False)
    assert fixed == "The form is needed to reset it promptly."


def test_wordy_pack_has_at_least_forty_entries() -> None:
    from netlint import load_guide
    from netlint.registry import Registry

    rule = Registry.for_guide(load_guide("default")).rules["B110"]
    assert len(rule.defaults["swap"]) >= 40


def test_stock_apology_fix_is_unsafe() -> None:
    text = "Your order is late. We apologize for any inconvenience this may have caused."
    [f] = lint_text(text, select="B111")
    assert f.fixes and f.fixes[0].applicability.value == "unsafe"


def test_a_numbered_list_is_not_a_long_paragraph() -> None:
    steps = "\n".join(f"{i}. Open the app. Tap Settings. Choose step {i}." for i in range(1, 4))
    text = f"Hi Sam,\n\nHere is how:\n{steps}\n\nBest regards,\nAna"
    assert not lint_text(text, select="B103", channel="email")
