"""Ignore-case patterns searched as case-sensitive twins over the lower-cased text
(netlint/caseless.py) find exactly what the patterns themselves find."""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlint.caseless import CaselessRegex, folded, twin_source

_ODD = "\u0130\u0131\u017f"  # İ ı ſ


@cache
def _every_character() -> str:
    """Every code point but the surrogates and İ, ı, ſ (texts with those are
    searched with the ignore-case pattern itself)."""
    return "".join(chr(i) for i in range(0x110000)
                   if not 0xD800 <= i <= 0xDFFF and chr(i) not in _ODD)


def _starts(pattern: str, text: str) -> list[int]:
    return [m.start() for m in re.finditer(pattern, text)]


def test_lower_case_keeps_the_length_of_every_other_character() -> None:
    chars = _every_character()
    assert len(chars.lower()) == len(chars)
    assert len("\u0130".lower()) == 2  # why İ is left out
    # The one lower-casing that depends on context: a final capital sigma is "ς",
    # not "σ"; both are word characters and neither is ASCII.
    assert "ΟΔΟΣ".lower()[-1] == "ς" and all(re.fullmatch(r"\w", c) for c in "σςΣ")


@pytest.mark.parametrize("cls", [r"\w", r"\W", r"\s", r"\d", r"\b"])
def test_classes_hold_a_character_exactly_when_they_hold_its_lower_case(cls: str) -> None:
    chars = _every_character()
    assert _starts(cls, chars) == _starts(cls, chars.lower())


def test_ignore_case_matches_an_ascii_character_exactly_when_the_lower_case_is_it() -> None:
    """The pieces of a twin are lower-case ASCII letters, other ASCII characters
    and caseless ones: for each such piece ``p`` and every character ``c``,
    ``(?i)p`` matches ``c`` exactly when ``c.lower() == p``."""
    chars = _every_character()
    related = [c for c in re.findall(r"(?i)[\x00-\x7f]", chars) if not c.isascii()]
    assert related == ["\u212a"]  # the Kelvin sign, lower-cased to "k"
    for c in [chr(i) for i in range(128)] + related:
        for i in range(128):
            piece = chr(i).lower()
            assert bool(re.fullmatch("(?i)" + re.escape(piece), c)) == (c.lower() == piece), (c, piece)
    # Without İ, ı and ſ left out, this would not hold:
    assert re.fullmatch("(?i)s", "\u017f") and "\u017f".lower() != "s"


def test_caseless_characters_of_the_patterns_match_only_themselves() -> None:
    chars = _every_character()
    lowered = chars.lower()
    used = {ch for rx in _PATTERNS.values() for ch in rx.pattern if not ch.isascii()}
    assert used, "the patterns hold curly quotes"
    for ch in used:
        at = chars.index(ch)
        assert _starts("(?i)" + re.escape(ch), chars) == [at], ch
        assert _starts(re.escape(ch), lowered) == [at], ch


def test_twin_source_refuses_what_it_cannot_twin() -> None:
    body = r"\bsorry\S*[’']s\b(?P<Name>x)(?P=Name)"
    assert twin_source("(?i)" + body) == body
    for bad in (r"\bsorry", r"(?i)Sorry", r"(?i)[A-Z]", r"(?i)a(?-i:b)", r"(?i)\x41",
                r"(?i)\N{LATIN SMALL LETTER A}", r"(?i)é", r"(?i)a(?i:b)"):
        with pytest.raises(ValueError):
            twin_source(bad)


def test_folded_leaves_out_texts_with_the_odd_letters() -> None:
    assert folded("Sorry’s ÉTÉ") == "sorry’s été"
    for ch in _ODD:
        assert folded(f"so {ch}") is None
    rx = CaselessRegex(r"(?i)\bsorry\b")
    # Under re.IGNORECASE "ſ" is an "s"; lower() keeps it: the pattern itself is searched.
    assert rx.search("ſorry!") is not None and rx.search("ſorry!").span() == (0, 5)
    assert rx.search("SORRY").span() == (0, 5) and rx.match("x sorry") is None


# -- every pattern searched through a twin ----------------------------------------------------

def _patterns() -> dict[str, CaselessRegex]:
    from netlint import answers
    from netlint import questions as extraction
    from netlint.rules import conversation, questions

    found = {f"CUES[{name}]": rx for name, rx in answers.CUES.items()}
    for module, names in ((conversation, ["ACKNOWLEDGEMENT_RE"]),
                          (answers, ["DEFLECTION_RE", "_NO_ANSWER_RE", "CONTACT_Q_RE", "_CLEAR_YESNO_RE"]),
                          (questions, ["NEXT_STEP_RE", "RESOLVED_RE", "PROBLEM_RE", "FUTURE_RE"]),
                          (extraction, ["_INDIRECT_RE"])):
        found.update((name, getattr(module, name)) for name in names)
    return found


def test_a_letter_class_under_ignore_case_is_its_lower_case_half() -> None:
    # CUES["place"] read [A-Za-z] before its twin needed lower-case letters only.
    chars = _every_character() + _ODD
    assert _starts("(?i)[A-Za-z]", chars) == _starts("(?i)[a-z]", chars)


_PATTERNS = _patterns()
_SEPARATORS = [" ", "  ", "\n", ". ", ", ", "! ", "?", "’", "'", "-", "", " a ", " the ", " you ",
               " é ", " Kelvin\u212a ", " 😀 ", "...", "\t", " 24 ", "3", " $", "£5", ":", "/", " & "]


def _vocabulary(rx: CaselessRegex) -> list[str]:
    return sorted(set(re.findall(r"[a-z]{2,}", twin_source(rx.pattern))))


def _case(word: str, how: int) -> str:
    if how == 1:
        return word.upper()
    if how == 2:
        return word.title()
    if how == 3:  # the letters ignore-case matching reads as "s" and "i"
        return word.replace("s", "\u017f").replace("i", "\u0131")
    if how == 4:
        return word.replace("i", "\u0130")
    return word


@st.composite
def _texts(draw: st.DrawFn, rx: CaselessRegex) -> str:
    vocab = _vocabulary(rx)
    out = []
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        out.append(_case(draw(st.sampled_from(vocab)), draw(st.integers(min_value=0, max_value=6))))
        out.append(draw(st.sampled_from(_SEPARATORS)))
    return "".join(out)


def _span(m: re.Match[str] | None) -> tuple[tuple[int, int], ...] | None:
    """The match's span and its groups' (callers read groups by span)."""
    return m.regs if m else None


@pytest.mark.parametrize("name", sorted(_PATTERNS))
def test_twin_finds_what_the_pattern_finds(name: str) -> None:
    rx = _PATTERNS[name]
    original = re.compile(rx.pattern)

    @settings(max_examples=400, deadline=None)
    @given(_texts(rx), st.integers(min_value=0, max_value=5))
    def check(text: str, pos: int) -> None:
        assert _span(rx.search(text)) == _span(original.search(text)), text
        assert _span(rx.match(text)) == _span(original.match(text)), text
        assert _span(rx.search(text, pos)) == _span(original.search(text, pos)), text

    check()
