"""What the risky-statement and secret-request rules share: trigger patterns that
are checked for negation, modality, quotes and questions before they fire, and
the guide's per-category phrases and allow-lists."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar, NamedTuple

from . import regexcache as rc
from .document import Document
from .finding import Hit
from .negation import asserted
from .policy import merged, phrase_pattern, policy_of
from .rule import Context, Rule

# Built-in trigger patterns, compiled on first use, by source (a Trigger is a
# tuple: it has no room of its own to keep the compiled pattern in).
_COMPILED: dict[str, re.Pattern[str]] = {}


class Trigger(NamedTuple):
    """One way a category shows up in text.

    ``pattern`` may hold a named group ``key``: the word that carries the
    claim ("refund" in "we will not be able to refund you"). Negation and
    modality are looked for in the clause before it; without the group, before
    the whole match (so a phrase that is negative by nature, "you don't need a
    lawyer", is not cancelled by its own "don't").
    """

    regex: str | re.Pattern[str]  # a string is compiled (ignoring case) on first use
    message: str
    kind: str = ""
    modal: bool = True
    questions: bool = False

    @property
    def pattern(self) -> re.Pattern[str]:
        # Compiled when a draft first gets past the rule's keyword gate: the
        # statement rules hold ~30 long patterns, ~0.1 s of a cold start.
        regex = self.regex
        if isinstance(regex, re.Pattern):
            return regex
        compiled = _COMPILED.get(regex)
        if compiled is None:
            compiled = _COMPILED[regex] = rc.compile(regex, re.IGNORECASE)
        return compiled


def trig(rx: str, message: str, kind: str = "", *, modal: bool = True,
         questions: bool = False) -> Trigger:
    return Trigger(rx, message, kind, modal, questions)


class Candidate(NamedTuple):
    start: int
    end: int
    trigger: Trigger
    text: str


class StatementRule(Rule):
    """A rule made of triggers, extended and narrowed by the guide.

    Subclasses set ``policy_category`` (the key under ``policy.phrases`` and
    ``policy.allow``), ``keywords`` or ``prefilter`` (cheap checks: no match, no work),
    ``triggers`` and ``phrase_message`` (for the company's own phrases).
    """

    policy_category: ClassVar[str] = ""
    # Lower-case substrings one of which every built-in trigger contains: a
    # draft without any of them costs a few substring searches, no regex.
    keywords: ClassVar[tuple[str, ...]] = ()
    prefilter: ClassVar[re.Pattern[str] | None] = None
    triggers: ClassVar[tuple[Trigger, ...]] = ()
    phrase_message: ClassVar[str] = "'{match}' is on the style guide's list for this category."
    phrase_questions: ClassVar[bool] = False
    # The options ``candidates`` reads: the company's own phrases and allowances.
    defaults: ClassVar[Mapping[str, Any]] = {"phrases": [], "allow": []}

    def candidates(self, doc: Document, ctx: Context) -> Iterator[Candidate]:
        cat = self.policy_category
        extra, allow = ctx.derived("statement-phrases", lambda: (
            phrase_pattern(merged(policy_of(doc).phrases.get(cat), ctx.get("phrases"))),
            phrase_pattern(merged(policy_of(doc).allow.get(cat), ctx.get("allow")))))
        fire = self._may_fire(doc)
        if not fire and extra is None:
            return  # most drafts: none of the keywords, no phrases of the company's
        policy = policy_of(doc)
        text = doc.text
        triggers: list[Trigger] = list(self.triggers) if fire else []
        if extra is not None:
            triggers.append(Trigger(extra, self.phrase_message, "phrase",
                                    questions=self.phrase_questions))
        if not triggers:
            return
        allowed = [m.span() for m in allow.finditer(text)] if allow is not None else []
        taken: list[tuple[int, int]] = []
        for t in triggers:
            for m in t.pattern.finditer(text):
                start, end = m.span()
                if start == end or _overlaps(start, end, taken) or _overlaps(start, end, allowed):
                    continue
                ks, ke = next((m.span(g) for g in t.pattern.groupindex
                               if g.startswith("key") and m.group(g)), (start, end))
                if not asserted(doc, ks, ke, questions=t.questions, modal=t.modal,
                                negation=True, parser=policy.parser):
                    continue
                if not self.accept(doc, ctx, m, t):
                    continue
                taken.append((start, end))
                yield Candidate(start, end, t, m.group())

    def _may_fire(self, doc: Document) -> bool:
        if self.keywords:
            lower = doc.folded  # None: a text with İ, ı or ſ, never gated out
            if lower is not None:
                for k in self.keywords:  # a loop, not any(): ~30 keywords for each of 8 rules
                    if k in lower:
                        break
                else:
                    return False
        return self.prefilter is None or bool(self.prefilter.search(doc.text))

    def accept(self, doc: Document, ctx: Context, m: re.Match[str], t: Trigger) -> bool:
        """A last say for the subclass (e.g. commitments the guide allows)."""
        return True

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        for c in self.candidates(doc, ctx):
            yield Hit(c.start, c.end, c.trigger.message.format(match=" ".join(c.text.split())))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)
