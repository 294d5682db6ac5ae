"""The guide's vocabulary: terms the company has decided not to use."""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Document
from ..finding import Fix, Hit, Severity
from ..kinds.base import compile_terms
from ..rule import Context, Rule


class RejectedTerm(Rule):
    """## What it does
    Flags a term listed under `vocabulary.reject` in the style guide and, when
    the guide names the preferred term, offers it as a fix.

    ## Why
    A company's vocabulary is part of its voice: "e-mail" or "email", "sign
    in" or "log in", a product's old name. Agents should not have to remember
    the list; the linter does.

    ## Example
    With `vocabulary: {reject: {"log in": "sign in"}}`:
    Please log in to your account.

    ## Use instead
    Please sign in to your account.

    ## Fix safety
    Safe when the guide names a replacement: the preferred term is the
    company's own decision. Terms rejected without a replacement have no fix.
    """

    code = "G050"
    name = "rejected-term"
    category = "grammar"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"words"})
    defaults = {"terms": {}}
    bad_examples = (
        {"text": "Please log in to your account.", "options": {"terms": {"log in": "sign in"}}},
        {"text": "Our Help Desk is open today.", "options": {"terms": {"help desk": None}}},
    )
    good_examples = (
        {"text": "Please sign in to your account.", "options": {"terms": {"log in": "sign in"}}},
        # The customer's words, quoted, are not the agent's choice.
        {"text": 'You wrote "I cannot log in" - let me help.',
         "options": {"terms": {"log in": "sign in"}}},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        table = {**doc.guide.rejected_words, **(ctx.get("terms") or {})}
        if not table:
            return
        lookup = {" ".join(k.lower().split()): v for k, v in table.items()}
        pattern = compile_terms(tuple(table), (), True, True)
        if pattern is None:
            return
        for m in pattern.finditer(doc.text):
            if doc.is_protected(m.start(), m.end(), quotes=True):
                continue
            preferred = lookup.get(" ".join(m.group().lower().split()))
            if preferred:
                if m.group()[:1].isupper():
                    preferred = preferred[:1].upper() + preferred[1:]
                yield Hit(m.start(), m.end(), f"The style guide prefers '{preferred}' to "
                                              f"'{m.group()}'.",
                          (Fix.replace(m.start(), m.end(), preferred),))
            else:
                yield Hit(m.start(), m.end(),
                          f"The style guide rejects '{m.group()}'.")


