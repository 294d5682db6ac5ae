"""Meta: inline suppressions that suppress nothing (see netlint/suppress.py)."""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Document
from ..finding import Hit, Severity
from ..rule import Context, Rule


class UnusedSuppression(Rule):
    """## What it does
    Flags an inline suppression (`<!-- netlint-disable CODE -->`,
    `{# netlint-disable-next-line CODE #}`, `netlint-disable-file`,
    `netlint-enable`) that suppresses no finding: the rule no longer fires
    there, is not enabled, or the code does not exist.

    ## Why
    Stale suppressions hide future problems: once the text is fixed, the
    comment still switches the rule off for whatever is written there next.

    ## Example
    <!-- netlint-disable-next-line T103 -->
    Your refund has been issued.

    ## Use instead
    Your refund has been issued.

    ## Fix safety
    The fix deletes the comment (the whole line when the comment stands alone);
    it is safe, because the comment changed no result. A directive with some
    codes still in use has no fix.
    """

    code = "X100"
    name = "unused-suppression"
    category = "meta"
    severity = Severity.WARNING
    fixable = True
    bad_examples = (
        {"text": "<!-- netlint-disable-next-line T103 -->\nYour refund has been issued.",
         "template": True},
        "{# netlint-disable B999 #}\nThanks for waiting, your parcel is on its way.",
        "Thanks for waiting.\n<!-- netlint-enable -->",
    )
    good_examples = (
        "<!-- A note for the team: keep this reply short. -->\nYour refund has been issued.",
        "Your refund has been issued.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        # The engine reports this rule after all others ran (netlint.suppress.apply).
        return ()
