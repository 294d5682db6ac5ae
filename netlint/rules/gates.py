"""Exact gates: cheap tests a rule's patterns cannot match without.

A rule whose patterns are case-insensitive and put white space between words
(``you\\s+was``) can skip a draft whose lower-cased text, with every run of white
space made one space, holds none of the phrases its patterns need ("you was").
That is exact when ``lower()`` maps each character the pattern reads as a
letter to that letter, which holds for every character but İ, ı and ſ (see
netlint/caseless.py): a draft holding one of those is never gated out. ``\\s``
and ``str.split()`` agree on what white space is (both ask ``str.isspace``).
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence

from ..document import Document


def may_hold(doc: Document, phrases: Iterable[str]) -> bool:
    """False only when the folded draft (``Document.folded``) holds none of
    ``phrases`` (lower case, single spaces): a pattern that needs one of them
    cannot match."""
    text = doc.folded
    if text is None:
        return True
    for p in phrases:  # noqa: SIM110 - a loop, not any(): no generator per call (~7 a draft)
        if p in text:
            return True
    return False


def live(doc: Document, phrases: Sequence[tuple[str, ...]]) -> Container[int]:
    """The indices of the patterns that may match: those with one of their
    phrases (``phrases[i]`` for pattern ``i``) in the folded draft. One pass
    over all the phrases costs less than a test per pattern."""
    text = doc.folded
    if text is None:
        return range(len(phrases))
    out: set[int] = set()
    for i, group in enumerate(phrases):
        for p in group:
            if p in text:
                out.add(i)
                break  # the group's other phrases need no test
    return out
