"""``statement``: flag phrases only when the agent asserts them.

Like ``existence``, but a match that is negated ("we can't offer free
upgrades"), hedged ("I wish I could"), asked ("is a free upgrade possible?"),
reported ("you were told …") or quoted is left alone: the check the built-in
risky-statement rules make, for a company's own phrases.

.. code-block:: yaml

    - code: R900
      name: free-upgrade-promise
      kind: statement
      severity: error
      tokens: [free upgrade]
      message: "Only the retention team may offer '{match}'."
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from ..document import Document
from ..finding import Hit
from ..negation import asserted
from ..policy import policy_of
from ..rule import Context
from .base import PackRule


class Statement(PackRule):
    kind = "statement"
    fields: ClassVar[dict[str, Any]] = {
        "tokens": [], "regex": [], "ignorecase": True, "whole-word": True,
        "exceptions": [], "skip-quotes": True, "questions": False, "modal": True,
    }
    default_message = "'{match}' is a risky statement."

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        questions = bool(ctx.get("questions", False))
        modal = bool(ctx.get("modal", True))
        for m in self.matches(doc, ctx, self.pattern(ctx)):
            if asserted(doc, m.start(), m.end(), questions=questions, modal=modal,
                        parser=policy_of(doc).parser):
                yield Hit(m.start(), m.end(), self.format(ctx, match=m.group()))
