"""Fixes never lose text outside their span; overlaps are skipped; loops stop."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netlint.finding import Applicability, Edit, Finding, Fix, Severity
from netlint.fixes import apply_edits, fix_until_stable


def finding(start: int, end: int, replacement: str, safe: bool = True) -> Finding:
    fix = Fix("f", (Edit(start, end, replacement),),
              Applicability.SAFE if safe else Applicability.UNSAFE)
    return Finding("B900", "x", "brevity", Severity.WARNING, "m", "p", 1, 1, 1, 1, start,
                   end - start, "", (fix,), text_start=start, text_end=end)


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    text = draw(st.text(min_size=0, max_size=60))
    edits = []
    for _ in range(draw(st.integers(0, 6))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, len(text)))
        edits.append(finding(a, b, draw(st.text(max_size=5)), draw(st.booleans())))
    return text, edits


@settings(max_examples=300, deadline=None)
@given(text_and_edits(), st.booleans())
def test_text_outside_applied_edits_is_kept(case: tuple[str, list[Finding]], unsafe: bool) -> None:
    text, findings = case
    out, applied, skipped = apply_edits(text, findings, unsafe=unsafe)
    eligible = [f for f in findings if unsafe or f.fixes[0].applicability is Applicability.SAFE]
    assert applied + skipped == len(eligible)
    # Rebuild the expected output from the edits that were taken: every
    # character outside them must survive, in order.
    taken: list[Edit] = []
    for f in sorted(eligible, key=lambda f: f.fixes[0].edits[0].start):
        e = f.fixes[0].edits[0]
        if not any(_overlaps(e, t) for t in taken):
            taken.append(e)
    expected, pos = [], 0
    for e in sorted(taken, key=lambda e: e.start):
        expected.append(text[pos:e.start] + e.replacement)
        pos = e.end
    expected.append(text[pos:])
    assert out == "".join(expected)


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        return a.start == b.start or b.start < a.start < b.end or a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def test_unsafe_fixes_need_the_flag() -> None:
    text = "teh cat"
    f = finding(0, 3, "the", safe=False)
    assert apply_edits(text, [f], unsafe=False)[0] == "teh cat"
    assert apply_edits(text, [f], unsafe=True)[0] == "the cat"


def test_overlapping_edits_are_skipped_and_counted() -> None:
    out, applied, skipped = apply_edits("abcdef", [finding(0, 4, "X"), finding(2, 6, "Y")],
                                        unsafe=False)
    assert (out, applied, skipped) == ("Xef", 1, 1)


def test_fix_loop_is_bounded_when_fixes_never_settle() -> None:
    # A pathological rule that always wants to add one more character.
    outcome = fix_until_stable("a", lambda t: [finding(len(t), len(t), "a")], unsafe=False)
    assert outcome.passes == 10 and outcome.text == "a" * 11


def test_fix_loop_stops_when_stable() -> None:
    def lint(text: str) -> list[Finding]:
        i = text.find("  ")
        return [finding(i, i + 2, " ")] if i >= 0 else []

    outcome = fix_until_stable("a    b", lint, unsafe=False)
    # Three passes that fix, one that finds nothing left to fix.
    assert outcome.text == "a b" and outcome.passes == 4
