"""G300: the findings of an optional grammar engine (LanguageTool or Harper)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from ..document import Document
from ..finding import Fix, Hit, Severity
from ..grammar.backend import Backend, BackendUnavailable
from ..grammar.config import GrammarConfig
from ..rule import Context, Rule

# Spans the built-in grammar and spelling rules reported for a draft: the
# engine's matches on the same words are left out (one finding per problem).
REPORTED_KEY = "grammar.reported"


def reported_spans(doc: Document) -> list[tuple[int, int]]:
    return doc.memo(REPORTED_KEY, list)


def record(doc: Document, hits: Iterable[Hit]) -> Iterable[Hit]:
    """Pass hits through, remembering their spans for the engine's de-duplication."""
    spans = reported_spans(doc)
    for hit in hits:
        spans.append((hit.start, hit.end))
        yield hit


class GrammarEngine(Rule):
    """## What it does
    Reports what the grammar engine named in the guide finds: a team's own
    LanguageTool server (`grammar: {backend: languagetool, url: ...}`), a local
    LanguageTool, or Harper (`grammar: {backend: harper}`). The engine's own rule
    id is kept in the message, e.g. `(LanguageTool EN_A_VS_AN)`. With the
    default `backend: builtin` this rule reports nothing: netlint's own
    grammar and spelling rules (G100-G299) do the work offline.

    Placeholders, URLs, handles and text quoted from the customer are masked
    before the engine sees the draft, and nothing is reported inside them. A
    problem a built-in rule already reported is not reported twice. When the
    engine cannot be reached (server down, Java missing) netlint says so once
    on stderr and carries on with the built-in rules; requests time out after
    `grammar.timeout` seconds (default 5).

    ## Why
    A dedicated engine knows thousands of patterns; teams that run LanguageTool
    for their agents get the same answers in netlint. Drafts leave the machine
    only when the guide names a server, and `netlint check --verbose` says where.

    ## Example
    With `grammar: {backend: harper}`:
    I has received you're order.

    ## Use instead
    I have received your order.

    ## Fix safety
    Unsafe: the engine's suggestions are candidates, and the first is not
    always what the agent meant.
    """

    code = "G300"
    name = "grammar-engine"
    category = "grammar"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"text"})
    # Rule options override the guide's grammar section (handy for one-off runs).
    defaults: ClassVar[dict[str, Any]] = {"backend": "", "url": ""}
    bad_examples = (
        {"text": "Thanks for your patience. I has received the parcel and will ship it today.",
         "options": {"backend": "harper"}},
    )
    good_examples = (
        "Thanks for your patience. I has received the parcel.",  # builtin: the engine is off
        {"text": "Thanks for your patience. I have received the parcel and will ship it today.",
         "options": {"backend": "harper"}},
        # Quoted customer text is the customer's, not the agent's.
        {"text": 'You wrote "I has a problem with the the app" - thanks, we are on it.',
         "options": {"backend": "harper"}},
    )

    def __init__(self) -> None:
        # One engine per configuration for the life of this rule, i.e. one per run.
        self._engines: dict[GrammarConfig, Backend | None] = {}

    def _config(self, doc: Document, ctx: Context) -> GrammarConfig:
        # A function of the guide's grammar section and two options: worked out
        # once per guide and option values (~15 µs a draft otherwise).
        backend, url = ctx.get("backend"), ctx.get("url")
        return doc.guide.derived(f"grammar-engine.config:{backend!r}:{url!r}",
                                 lambda: self._new_config(doc.guide.section("grammar"), backend, url))

    @staticmethod
    def _new_config(grammar: Mapping[str, Any], backend: Any, url: Any) -> GrammarConfig:
        section = dict(grammar)
        if backend:
            section["backend"] = backend
        if url:
            section["url"] = url
        return GrammarConfig.from_section(section)

    def _engine(self, config: GrammarConfig) -> Backend | None:
        if config not in self._engines:
            try:
                self._engines[config] = config.build()
            except BackendUnavailable as exc:
                self._give_up(config, str(exc))
        return self._engines.get(config)

    def _give_up(self, config: GrammarConfig, reason: str) -> None:
        self._engines[config] = None
        print(f"netlint: warning: {reason}; using the built-in grammar and spelling "
              f"rules only", file=sys.stderr)

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        config = self._config(doc, ctx)
        if config.backend == "builtin":
            return
        engine = self._engine(config)
        if engine is None:
            return
        masked = [*doc.protected, *doc.quotes]
        try:
            matches = engine.check(doc.text, masked, doc.guide.accepted_words)
        except BackendUnavailable as exc:
            self._give_up(config, str(exc))
            return
        seen = reported_spans(doc)
        label = "LanguageTool" if engine.name == "languagetool" else "Harper"
        for m in matches:
            if any(s < max(m.end, m.start + 1) and m.start < e for s, e in seen):
                continue
            fixes = tuple(Fix.replace(m.start, m.end, r, safe=False) for r in m.replacements)
            message = m.message.rstrip()
            yield Hit(m.start, m.end, f"{message} ({label} {m.rule_id})", fixes)
