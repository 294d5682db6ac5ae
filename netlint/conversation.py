"""The guide's ``conversation:`` section, validated when the guide loads.

Kept apart from ``netlint.questions`` so that loading a guide does not
compile the question patterns.
"""

from __future__ import annotations

from .guide import schema as s

CONVERSATION_SCHEMA = s.Map({
    # Social or rhetorical phrasings to skip, as words or regular expressions.
    "skip-questions": s.ListOf(s.Str()),
    "social-questions": s.ListOf(s.Str()),
    # False: "seriously?" and "are you kidding me?" count as questions.
    "skip-rhetorical": s.Bool(),
    # False: only direct questions, no "I'd like to know..." requests.
    "indirect": s.Bool(),
})
