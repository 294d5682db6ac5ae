"""Risky statements R100-R107: what fires, and the tricky negatives that must not."""

from __future__ import annotations

from functools import cache

import pytest

from netlint import Draft, Linter, load_guide
from netlint.document import Document
from netlint.errors import GuideError
from netlint.guide.model import Selection
from netlint.negation import asserted
from netlint.nlp import NLP
from netlint.policy import Policy, find_values

from .conftest import needs_model


@cache
def linter() -> Linter:
    return Linter(load_guide("default"), selection=Selection(select=("R1",)), quiet_nlp=True)


def codes(text: str, *, channel: str | None = None, lint: Linter | None = None,
          agent: str | None = None) -> list[str]:
    return [f.code for f in (lint or linter()).check(Draft(text, channel=channel, agent=agent))]


def guide_with(tmp_path, body: str) -> Linter:  # type: ignore[no-untyped-def]
    path = tmp_path / "netlint.yml"
    path.write_text("extends: default\n" + body, encoding="utf-8")
    return Linter(load_guide(str(path)), selection=Selection(select=("R1",)), quiet_nlp=True)


# -- guarantees ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I guarantee your parcel will arrive tomorrow.",
    "We promise this will be sorted today.",
    "Delivery is guaranteed by Friday.",
    "I'll personally guarantee it.",
    "This will never happen again.",
    "It won't happen again, you have my word.",
])
def test_guarantee_is_flagged(text: str) -> None:
    assert "R100" in codes(text)


@pytest.mark.parametrize("text", [
    "We cannot guarantee a delivery date.",
    "I can't promise anything, but I've asked the team.",
    "There is no guarantee the item comes back in stock.",
    "I wish I could promise you a date.",
    "We can't, and won't, guarantee that.",
    "Delivery is not guaranteed on bank holidays.",
    "I hope this never happens again.",
    "Can you promise to post it back by Friday?",
    'You said "they guaranteed delivery by Friday".',
    "> I was promised it would never happen again",
    "I see you were told delivery was guaranteed; that was wrong.",
    "As promised, here is the invoice.",
    "We promised you a callback yesterday and I'm sorry we missed it.",
    "See https://example.com/guaranteed-delivery for details.",
])
def test_guarantee_negatives(text: str) -> None:
    assert "R100" not in codes(text)


def test_guarantee_allow_list_and_company_phrases(tmp_path) -> None:  # type: ignore[no-untyped-def]
    lint = guide_with(tmp_path, "policy:\n  allow: {guarantee: [satisfaction guaranteed]}\n"
                                "  phrases: {guarantee: [ironclad, 're:rock[- ]solid']}\n")
    assert "R100" not in codes("Satisfaction guaranteed or your money back.", lint=lint)
    assert "R100" in codes("Your order is guaranteed to ship today.", lint=lint)
    assert "R100" in codes("Our fix is ironclad.", lint=lint)
    assert "R100" in codes("It is rock-solid.", lint=lint)
    # Company phrases are negation-aware too.
    assert "R100" not in codes("Our fix is not ironclad.", lint=lint)


# -- absolutes ----------------------------------------------------------------------

def test_absolute_outcome_is_flagged_but_effort_is_not() -> None:
    assert "R101" in codes("Reinstalling will definitely fix it.")
    assert "R101" in codes("It will certainly arrive today.")
    for text in ("We'll definitely look into that.", "I can definitely help.",
                 "We're always happy to help.", "That's definitely not our intention.",
                 "I can't say it will definitely fix it."):
        assert "R101" not in codes(text), text


# -- commitments --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I'll refund you in full today.",
    "We will issue a full refund to your card.",
    "You'll receive a $20 credit on your next bill.",
    "You will be compensated for the delay.",
    "I'm happy to make an exception this time.",
    "Your new order will arrive by Friday.",
    "The engineer will be there at 3pm.",
    "I can offer you a 10% discount.",
    "We can give you store credit.",
    "We'll waive the fee.",
    "The outage will be fixed by 5pm.",
    "Your refund will be in your account by Monday.",
])
def test_commitment_is_flagged(text: str) -> None:
    assert "R102" in codes(text)


@pytest.mark.parametrize("text", [
    "You may be eligible for a refund.",
    "Unfortunately we can't offer a refund on sale items.",
    "We will not be able to refund the delivery fee.",
    "You can request a refund within 14 days of purchase.",
    "Could we refund you in store credit instead?",
    "Tracking shows it should arrive by Friday.",
    "We're working to get the outage fixed as soon as we can.",
    "It won't be fixed by Friday, I'm afraid.",
    "I've asked billing to review a refund for you.",
    'You wrote "they said I would get a full refund".',
    "I'm sorry we couldn't refund you sooner.",
    "I can see the credit on your account.",
    "We'll send you a new link.",
    "I'll process your refund request now.",
    "I'd be happy to help with your refund question.",
])
def test_commitment_negatives(text: str) -> None:
    assert "R102" not in codes(text)


def test_may_promise_per_channel_and_team(tmp_path) -> None:  # type: ignore[no-untyped-def]
    lint = guide_with(tmp_path, "policy:\n  may-promise:\n    default: [replacement]\n"
                                "    chat: [refund]\n    billing: [credit]\n"
                                "  teams:\n    billing: [alice]\n")
    assert "R102" not in codes("We'll send you a replacement today.", lint=lint)
    assert "R102" in codes("I'll refund you in full.", channel="email", lint=lint)
    assert "R102" not in codes("I'll refund you in full.", channel="chat", lint=lint)
    assert "R102" in codes("You'll receive a $20 credit.", lint=lint, agent="bob")
    assert "R102" not in codes("You'll receive a $20 credit.", lint=lint, agent="Alice")
    # Allowing refunds does not allow delivery dates.
    assert "R102" in codes("It will arrive by Friday.", channel="chat", lint=lint)


def test_may_promise_rejects_unknown_kinds(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(GuideError, match="one of refund"):
        guide_with(tmp_path, "policy:\n  may-promise:\n    default: [anything]\n")


# -- liability ----------------------------------------------------------------------

def test_liability_admission_but_not_apology() -> None:
    for text in ("This is entirely our fault.", "We accept full liability.",
                 "We were negligent.", "Our driver broke your TV.", "We lost your parcel."):
        assert "R103" in codes(text), text
    for text in ("I'm sorry this happened.", "We apologise for the trouble this caused.",
                 "I'm so sorry, that must have been frustrating.",
                 "This isn't your fault.", "It's not our fault the courier was late.",
                 "Was it our fault? I'm checking.", 'You wrote "it is your fault".',
                 "Our faults team is on it.", "It looks like we lost your connection."):
        assert "R103" not in codes(text), text


# -- advice ---------------------------------------------------------------------------

def test_out_of_role_advice() -> None:
    for text in ("You should sue them.", "You don't need a lawyer for this.",
                 "It's safe to take with ibuprofen.", "You can stop taking it.",
                 "You should invest in index funds.", "That is illegal."):
        assert "R104" in codes(text), text
    for text in ("Please speak to a solicitor about this.", "Have you spoken to a lawyer?",
                 "Ask your pharmacist whether it's safe to take.",
                 "If it's illegal, the police can help.", "Is it safe to eat?",
                 "I can't tell you whether you should invest.",
                 "It's fine to take your time.", "You can stop taking screenshots now."):
        assert "R104" not in codes(text), text


# -- disparagement and internal information ------------------------------------------

def test_disparaging_and_competitors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert "R105" in codes("My colleague was wrong and clueless.")
    assert "R105" not in codes("My colleague is right about that.")
    assert "R105" not in codes('You said "your staff are useless".')
    lint = guide_with(tmp_path, "policy:\n  competitors: [Acme]\n")
    assert "R105" in codes("Acme are a scam.", lint=lint)
    assert "R105" not in codes("Acme are not a scam, but we're cheaper.", lint=lint)
    assert "R105" not in codes("Acme are a scam.")  # not a competitor in this guide


def test_internal_information() -> None:
    for text in ("Between you and me, it happens a lot.", "I've updated the internal ticket.",
                 "Our system is broken again.", "I'm not supposed to tell you this."):
        assert "R106" in codes(text), text
    for text in ("Our system is not broken, just slow.", "How can we fix things between us?",
                 "Please DM us your ticket ID.", 'You said "your system is broken".'):
        assert "R106" not in codes(text), text


# -- policy facts ---------------------------------------------------------------------

FACTS = ("policy:\n  facts:\n    return window: 30 days\n"
         "    support hours: {value: 9am-5pm, terms: [support hours, we are open]}\n")


def test_policy_fact_mismatch(tmp_path) -> None:  # type: ignore[no-untyped-def]
    lint = guide_with(tmp_path, FACTS)
    found = lint.check(Draft("Our return window is 14 days."))
    assert [f.code for f in found] == ["R107"]
    assert "30 days" in found[0].message and "14 days" in found[0].message
    assert found[0].fixes and found[0].fixes[0].edits[0].replacement == "30 days"
    assert "R107" in codes("We offer a 14-day return window.", lint=lint)
    assert "R107" in codes("We are open 8am-8pm.", lint=lint)
    for text in ("Our return window is 30 days.", "You have a 30-day return window.",
                 "The return window is one month.",  # 30 days, said differently
                 "Your return window closes in 3 days.", "Is the return window 14 days?",
                 "The return window is not 14 days; it's 30 days.",
                 'You wrote "the return window is 14 days".', "We are open 9am to 5pm.",
                 "Refunds take 5-7 business days; the return window is 30 days."):
        assert "R107" not in codes(text, lint=lint), text


def test_policy_fact_values_are_validated(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(GuideError, match="duration"):
        guide_with(tmp_path, "policy:\n  facts:\n    return window: soon\n")


def test_value_normalisation() -> None:
    (v,) = find_values("two weeks")
    (w,) = find_values("14 days")
    assert v.key == w.key
    (h,) = find_values("9:00-17:00")
    (k,) = find_values("9am to 5pm")
    assert h.key == k.key
    assert Policy.from_section({"facts": {"return window": "30 days"}}).facts[0].terms == (
        "return window",)


# -- the parser layer -----------------------------------------------------------------

def test_rules_run_without_spacy_on_the_cold_path() -> None:
    """The family never declares a spaCy need: it runs with no model at all."""
    lint = linter()
    for rule in lint.active_rules():
        assert not (rule.needs & {"pos", "lemmas", "parse", "ner", "spacy"}), rule.code
    assert lint._nlp is None or lint._nlp._nlp is None


@needs_model
def test_parse_layer_catches_negation_the_regex_cannot_reach() -> None:
    guide = load_guide("default")
    nlp = NLP(model=guide.nlp_model, needs=frozenset({"parse"}), quiet=True)
    parsed = Document(Draft("I don't think that, at this stage, we can promise a date."), guide,
                      nlp)
    s = parsed.text.index("promise")
    assert asserted(parsed, s, s + 7) is False
    regex_only = Document(Draft(parsed.text), guide)
    assert asserted(regex_only, s, s + 7) is True  # the comma cut the clause: only the parse sees it


def test_company_pack_statement_kind_is_negation_aware(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "promises.yml").write_text(
        "rules:\n"
        "  - code: R900\n"
        "    name: free-upgrade-promise\n"
        "    kind: statement\n"
        "    severity: error\n"
        "    tokens: [free upgrade]\n"
        "    message: \"Only the retention team may offer '{match}'.\"\n"
        "    examples:\n"
        "      bad: [\"I'll give you a free upgrade.\"]\n"
        "      good: [\"I can't offer a free upgrade.\"]\n", encoding="utf-8")
    (tmp_path / "netlint.yml").write_text("extends: default\npacks: [promises.yml]\n",
                                          encoding="utf-8")
    lint = Linter(load_guide(str(tmp_path / "netlint.yml")), selection=Selection(select=("R9",)),
                  quiet_nlp=True)
    found = lint.check(Draft("Good news: I'll give you a free upgrade."))
    assert [f.code for f in found] == ["R900"]
    assert found[0].message == "Only the retention team may offer 'free upgrade'."
    for text in ("I can't offer a free upgrade.", "Is a free upgrade possible?",
                 "I wish I could give you a free upgrade.",
                 'You wrote "they promised me a free upgrade".'):
        assert codes(text, lint=lint) == [], text


@needs_model
def test_parser_always_loads_a_parser_for_candidate_sentences_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "I don't think that, at this stage, we can promise a date."
    assert "R100" in codes(text)  # auto, and no rule needs a parser: regex only
    lint = guide_with(tmp_path, "policy:\n  parser: always\n")
    assert "R100" not in codes(text, lint=lint)
    assert "R100" in codes("At this stage, we can promise a date.", lint=lint)
    never = guide_with(tmp_path, "policy:\n  parser: never\n")
    assert "R100" in codes(text, lint=never)


def test_every_statement_trigger_compiles() -> None:
    # Triggers compile on first use (cold start): a broken one must still fail here.
    from netlint.registry import builtin_rules
    from netlint.statements import StatementRule

    rules = [r for r in builtin_rules() if isinstance(r, StatementRule)]
    assert len(rules) >= 8
    for rule in rules:
        for t in rule.triggers:
            assert t.pattern.pattern, rule.code
