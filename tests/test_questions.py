"""Questions in the customer's message, whether the reply answers them (Q100),
asking again for what was given (Q101) and a missing next step (Q102).

Fixtures are written for these tests; none is taken from the dev data.
"""

from __future__ import annotations

import pytest

from netlint import Draft, Linter, load_guide
from netlint.answers import assess, content_terms, stem
from netlint.questions import QuestionConfig, extract_questions
from netlint.text import looks_english

from .conftest import lint_text


def kinds(text: str, config: QuestionConfig | None = None) -> list[tuple[str, str | None]]:
    return [(q.kind, q.wh) for q in extract_questions(text, config)]


def texts(text: str, config: QuestionConfig | None = None) -> list[str]:
    return [q.text for q in extract_questions(text, config)]


# -- extraction -------------------------------------------------------------------

def test_direct_questions_are_found_with_their_wh_word() -> None:
    assert kinds("When will my order arrive? How much is shipping?") == [
        ("wh", "when"), ("wh", "how much")]


def test_two_questions_in_one_sentence_are_split() -> None:
    found = texts("When will my order arrive and can I change the delivery address?")
    assert found == ["When will my order arrive", "can I change the delivery address?"]


def test_interrogative_without_question_mark_is_a_question() -> None:
    assert kinds("@ShopCo how do I reset my password") == [("wh", "how")]
    assert kinds("is there a way to merge two accounts") == [("yesno", None)]


def test_wh_word_opening_a_statement_is_not_a_question() -> None:
    assert texts("When I log in, it crashes. Which is annoying.") == []
    assert texts("What I need is a new charger.") == []


def test_statement_starting_with_an_auxiliary_is_not_a_question() -> None:
    assert texts("Had a great time at the store today.") == []
    assert texts("Do not send me any more e-mails.") == []


@pytest.mark.parametrize("text", [
    "I'd like to know whether you ship to Canada.",
    "Please tell me why my card was charged twice.",
    "I was wondering if the store is open on Sunday.",
    "Could you tell me when the sale starts.",
])
def test_indirect_requests_are_questions(text: str) -> None:
    assert [k for k, _ in kinds(text)] == ["indirect"]


def test_indirect_request_keeps_the_embedded_wh_word() -> None:
    (q,) = extract_questions("I'd like to know when the sale starts.")
    assert q.wh == "when"
    assert q.focus == "when the sale starts"


def test_cue_inside_a_statement_is_not_a_request() -> None:
    assert texts("The app won't let me know when it's done.") == []
    assert texts("I don't know why I bother.") == []


def test_explicit_requests_count() -> None:
    assert kinds("Can you help me with my refund") == [("request", None)]
    assert kinds("I was charged twice, please refund the second payment.") == [("request", None)]
    assert kinds("I would like to speak to a manager.") == [("request", None)]


def test_question_inside_a_run_on_sentence_starts_at_its_own_words() -> None:
    (q,) = extract_questions("I ordered a lamp last week when will it arrive?")
    assert q.text == "when will it arrive?"


def test_social_and_rhetorical_questions_are_skipped() -> None:
    assert texts("Hi, how are you? Seriously?? Are you kidding me?") == []


def test_rhetorical_questions_can_be_kept_and_more_skipped_by_the_guide() -> None:
    config = QuestionConfig.from_section({"skip-rhetorical": False})
    assert texts("Are you serious?", config) == ["Are you serious?"]
    config = QuestionConfig.from_section({"skip-questions": ["any news"]})
    assert texts("Any news? When does it ship?", config) == ["When does it ship?"]


def test_conversation_section_is_validated(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from netlint.errors import GuideError

    guide = tmp_path / "guide.yml"
    guide.write_text("extends: default\nconversation:\n  skip-question: ['any news']\n", encoding="utf-8")
    with pytest.raises(GuideError, match="skip-question"):
        load_guide(str(guide))


def test_indirect_requests_can_be_turned_off() -> None:
    config = QuestionConfig.from_section({"indirect": False})
    assert texts("I'd like to know whether you ship to Canada.", config) == []


def test_offsets_point_into_the_customer_message() -> None:
    msg = "Hello. Where is my parcel?"
    (q,) = extract_questions(msg)
    assert msg[q.start:q.end] == "Where is my parcel?"


def test_quote_is_cut_to_fifteen_words() -> None:
    (q,) = extract_questions("Can " + "you " * 20 + "help?")
    assert q.quote().endswith("…")
    assert len(q.quote().split()) == 15


# -- answers ----------------------------------------------------------------------

def test_stem_joins_inflected_and_derived_forms() -> None:
    assert stem("shipping") == stem("shipped") == stem("shipment")
    assert stem("delivery") == stem("delivered")
    assert stem("charges") == stem("charge")
    assert stem("cancelled") == stem("cancel")


def test_content_terms_drop_stopwords_handles_and_links() -> None:
    assert content_terms("@ShopCo can you please check https://x.co/a my refund") == ["check", "refund"]


def _q(text: str):  # type: ignore[no-untyped-def]
    (q,) = extract_questions(text)
    return q


def test_answer_with_the_same_words_addresses_the_question() -> None:
    q = _q("Can I change my delivery address?")
    assert assess(q, "Yes, you can change the delivery address under Orders until it ships.").addressed


def test_synonyms_count_as_overlap() -> None:
    q = _q("When will my parcel be delivered?")
    a = assess(q, "Your package ships from our warehouse on Monday.")
    assert a.addressed and a.cue == "time"


def test_answer_type_cue_answers_when_question() -> None:
    q = _q("When does the new season start?")
    assert assess(q, "It starts on 12 March, and the first two episodes come out together.").addressed


def test_redirect_only_does_not_answer() -> None:
    q = _q("Why was I charged twice for my order?")
    reply = "Sorry about that! Please DM us your order details and we'll look into it."
    assert not assess(q, reply).addressed


def test_question_back_does_not_answer() -> None:
    q = _q("How do I cancel my subscription?")
    assert not assess(q, "Hi there! Which plan are you on? Can you tell us more?").addressed


def test_redirect_answers_a_question_about_how_to_reach_the_company() -> None:
    q = _q("How can I speak to someone about my bill?")
    assert assess(q, "You can call our billing team on 0800 123 456, 8am to 8pm.").addressed


def test_short_clear_yes_answers_a_yes_no_question() -> None:
    q = _q("Should I send you the photos by DM?")
    assert assess(q, "Yes, please do.").addressed


def test_generic_help_request_is_answered_by_any_real_answer() -> None:
    q = _q("Can you help me please?")
    assert assess(q, "Restart the router, then hold the reset button for ten seconds.").addressed
    assert not assess(q, "Please DM us.").addressed


def test_bare_why_asks_about_the_sentence_before() -> None:
    qs = extract_questions("My basket empties every time I log in. Why?")
    assert "basket" in qs[-1].focus


def test_language_guard() -> None:
    assert looks_english("Where is my parcel? It has been two weeks and nothing.")
    assert not looks_english("Lamentamos el inconveniente, por favor siguenos para brindarte asistencia.")


# -- rules through the linter -------------------------------------------------------

def test_unanswered_question_message_cites_the_customer_and_points_at_the_reply() -> None:
    reply = "@sam Thanks for your order!\nWe hope you enjoy it."
    (f,) = lint_text(reply, customer="Can I change my delivery address?", select="Q100")
    assert f.message == ('The customer asked "Can I change my delivery address?" — the reply does '
                         "not seem to answer it.")
    assert (f.line, f.column) == (1, 6)  # after the @handle, on the reply's first line


def test_each_unanswered_question_is_reported() -> None:
    found = lint_text("Your order arrives on Tuesday.",
                      customer="When will my order arrive? Can I pay with PayPal?", select="Q100")
    assert len(found) == 1 and "PayPal" in found[0].message


def test_no_customer_message_no_question_findings() -> None:
    assert lint_text("Thanks for your order!", select="Q") == []


def test_unanswered_question_options_come_from_the_guide(tmp_path) -> None:  # type: ignore[no-untyped-def]
    guide = tmp_path / "guide.yml"
    guide.write_text("extends: default\nrules:\n  unanswered-question:\n    options:\n"
                     "      min_answer_words: 50\n", encoding="utf-8")
    linter = Linter(load_guide(str(guide)), quiet_nlp=True)
    draft = Draft("We ship to Canada; delivery takes 5-7 business days.",
                  customer="Do you ship to Canada?")
    assert [f.code for f in Linter(load_guide("default"), quiet_nlp=True).check(draft)
            if f.code == "Q100"] == []
    # The answer is too short for this guide's threshold.
    assert [f.code for f in linter.check(draft) if f.code == "Q100"] == ["Q100"]


def test_conversation_section_reaches_extraction(tmp_path) -> None:  # type: ignore[no-untyped-def]
    guide = tmp_path / "guide.yml"
    guide.write_text("extends: default\nconversation:\n  skip-questions: ['any news']\n", encoding="utf-8")
    linter = Linter(load_guide(str(guide)), quiet_nlp=True)
    draft = Draft("Thanks for the message.", customer="Any news?")
    assert [f.code for f in linter.check(draft) if f.code == "Q100"] == []


@pytest.mark.parametrize(("reply", "customer", "flagged"), [
    ("Could you send us your order number?", "Order #A-48213 never arrived.", True),
    ("Could you send us your order number?", "My order never arrived.", False),
    ("Please do not share your order number here.", "Order #48213 never arrived.", False),
    ("We've sent it to your email address.", "Resend it to kim@example.com", False),
    ("Can you confirm your email address?", "Resend it to kim@example.com please", True),
    ("What is your flight number?", "Flight BA117 was cancelled, what now?", True),
])
def test_asks_for_given_info(reply: str, customer: str, flagged: bool) -> None:
    found = lint_text(reply, customer=customer, select="Q101")
    assert bool(found) is flagged
    if flagged:
        assert "already gave it" in found[0].message


def test_asks_for_the_name_the_customer_signed_with() -> None:
    found = lint_text("Hi! What's your full name, please?",
                      customer="My card was declined.\n\nThanks,\nMaria Lopez", select="Q101")
    assert found and "Maria Lopez" in found[0].message


@pytest.mark.parametrize(("reply", "flagged"), [
    ("Sorry to hear that, deliveries are busy at the moment.", True),
    ("Sorry to hear that. I've asked the courier to trace it.", False),
    ("Sorry to hear that. It will arrive tomorrow.", False),
    ("Your refund has been processed.", False),
    ("Sorry about that, can you tell us the tracking number?", False),
])
def test_no_next_step(reply: str, flagged: bool) -> None:
    found = lint_text(reply, customer="My parcel still hasn't arrived.", select="Q102")
    assert bool(found) is flagged


def test_no_next_step_is_silent_for_a_thank_you() -> None:
    assert lint_text("You're welcome!", customer="Got it, thanks a lot!", select="Q102") == []
