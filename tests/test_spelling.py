"""Spelling (G100): typos are caught with suggestions; names, codes and vocabulary are not."""

from __future__ import annotations

from typing import Any

import pytest

from netlint.grammar.lexicon import english

from .grammar_helpers import check, spans


def test_typos_are_flagged_with_unsafe_suggestions() -> None:
    found = check("We have recieved your request.", "G100")
    assert [f.excerpt[f.excerpt_start:f.excerpt_start + 8] for f in found] == ["recieved"]
    fix = found[0].fixes[0]
    assert fix.edits[0].replacement == "received" and fix.applicability.value == "unsafe"


def test_a_typo_at_the_start_of_a_sentence_is_still_caught() -> None:
    assert spans("Recieved, thanks.", "G100") == ["Recieved"]


@pytest.mark.parametrize("text", [
    "Hi Marguerite, Priya from Zendesk will call you.",
    "Marsden will call you today.",
    "Your order ZX-4821 and ticket #48213 are linked.",
    "Write to suport@exmple.com or see https://exmple.com/hlp.",
    "Thanks @jsmithh and #shippingwoes.",
    "Hi {{ticket.requester.name.frist}}, thanks.",
    'You said "the app is brokn" - sorry.',
    "The colour and the centre: we apologise.",
    "Your iPhone, the USB-C cable and the NASA app.",
    "The rideshare roadmap.",
    "It's the customer's parcel and the customers' parcels.",
])
def test_never_flagged(text: str) -> None:
    assert check(text, "G100") == []


def test_guide_vocabulary_is_accepted() -> None:
    text = "Your zapier plan renews today."
    assert spans(text, "G100") == ["zapier"]
    assert check(text, "G100", accept=("Zapier",)) == []


def test_words_with_nothing_close_are_left_alone() -> None:
    # A term of art, not a typo: no English word is two edits away.
    assert check("Ask about hypoproteinemia.", "G100") == []


def test_lexicon_suggestions_rank_by_frequency() -> None:
    lex = english()
    assert lex.suggest("tomorow")[0] == "tomorrow"
    assert lex.suggest("Pateince")[0] == "Patience"
    assert lex.known("organise") and lex.known("wastewater")
    assert not lex.known("recieve")


def test_two_typos_in_a_common_word_get_it_suggested() -> None:
    lex = english()
    assert lex.suggest("recieveed")[0] == "received"  # a swap and an extra letter
    assert lex.suggest("acommodatoin")[0] == "accommodation"
    assert spans("Your refund was proccesed yestreday.", "G100") == ["proccesed", "yestreday"]


def test_two_edit_suggestions_are_common_words_only() -> None:
    # "transcoding" is two edits from "transcending", a rare word nobody meant.
    assert english().suggest("transcoding") == []


def test_replies_in_another_language_are_not_spell_checked() -> None:
    spanish = ("Hola Ana, lamentamos mucho el inconveniente con tu pedido. Por favor "
               "envíanos los detalles y el número de seguimiento.")
    assert check(spanish, "G100") == []
    # An English reply quoting a Spanish word is still checked.
    assert spans("Hola Ana, we have recieved your order and it ships today.", "G100") == ["recieved"]


def test_capitalised_word_is_a_typo_only_when_a_letter_is_dropped_added_or_swapped() -> None:
    assert spans("Unfortunatly the code expired.", "G100") == ["Unfortunatly"]
    assert check("Santi will call you. Unix users can ignore this.", "G100") == []


HUNSPELL_PROBES = ["blockchain", "wastewater", "stents", "reimagined", "unshipped", "colour",
                   "Blockchain", "Zendesk", "Paris", "paris", "PARIS", "bullshit", "recieve",
                   "dependend", "refunds", "overcharged", "customer's", "prepaid", "Tuesday's"]


@pytest.fixture(scope="module")
def hunspell() -> Any:
    from spylls.hunspell import Dictionary

    from netlint.grammar.lexicon import _hunspell_folder

    return Dictionary.from_files(str(_hunspell_folder().joinpath("en_US")))


@pytest.mark.parametrize("word", HUNSPELL_PROBES)
def test_expanded_hunspell_list_agrees_with_hunspell(word: str, hunspell: Any) -> None:
    expected = bool(hunspell.lookup(word) or hunspell.lookup(word.lower()))
    assert english().hunspell_knows(word) is expected


def test_unlisted_hunspell_forms_give_the_answers_of_the_full_set() -> None:
    from netlint.grammar.lexicon import hunspell_unlisted, hunspell_words

    full = hunspell_words()
    unlisted = hunspell_unlisted()
    assert unlisted < full and len(unlisted) < len(full) / 3
    lex = english()

    def reference(word: str) -> bool:
        return (word in full or word.lower() in full
                or (word.isupper() and word.capitalize() in full))

    sample = [*sorted(full)[::37], "Blockchain", "PARIS", "refunds", "Recieve", "xyzzy", "Zendesk"]
    words = {v for w in sample for v in (w, w.lower(), w.upper(), w.capitalize(), w + "x")}
    assert any(w.lower() in lex.freq for w in words) and any(w.lower() not in lex.freq for w in words)
    assert [w for w in sorted(words) if lex.hunspell_knows(w) is not reference(w)] == []
