"""Harper (harper-py) as an optional engine: Rust, offline, no Java, no server.

Building Harper's dictionary takes about 0.8 s, so it is opt-in
(``grammar: {backend: harper}``) and built once per run, on the first draft.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..text import Span
from .backend import BackendUnavailable, Match, blank, drop_accepted, outside

SPELLING_KINDS = frozenset({"Spelling"})

# Harper rules left off unless the guide's enabled-rules names them: on clean web
# text (CWEB) they fire more than 0.3 times per 100 sentences, or they are
# style (comma, dash, sentence-length) rather than grammar. netlint's own G100
# does spelling with fewer false alarms (bench/grammar_eval.py).
NOISY_RULES = ("SpellCheck", "LongSentences", "OxfordComma", "SplitWords", "CompoundNouns",
               "DisjointPrefixes", "DiscourseMarkers", "Excellent", "AvoidAndAlso",
               "OrthographicConsistency", "MassNouns", "NumericRangeEnDash", "Dashes",
               "UseEllipsisCharacter", "EllipsisLength", "SentenceCapitalization")


class HarperBackend:
    name = "harper"

    def __init__(self, *, dialect: str = "american", disabled_rules: Sequence[str] = (),
                 enabled_rules: Sequence[str] = ()):
        try:
            import harper
        except ImportError:
            raise BackendUnavailable("grammar backend 'harper' needs harper-py "
                                     "(pip install 'netlint[harper]')") from None
        dialects = {"american": harper.Dialect.AMERICAN, "british": harper.Dialect.BRITISH,
                    "australian": harper.Dialect.AUSTRALIAN,
                    "canadian": harper.Dialect.CANADIAN, "indian": harper.Dialect.INDIAN}
        self._linter = harper.Linter(dialects.get(dialect, harper.Dialect.AMERICAN))
        config = self._linter.get_lint_config()
        for rule in (*NOISY_RULES, *disabled_rules):
            if rule in config and rule not in enabled_rules:
                config[rule] = False
        for rule in enabled_rules:
            if rule in config:
                config[rule] = True
        self._linter.set_lint_config(config)
        self._imported: frozenset[str] = frozenset()

    def where(self) -> str:
        return "this machine (Harper)"

    def check(self, text: str, masked: Sequence[Span], accepted: frozenset[str]) -> list[Match]:
        if accepted and accepted != self._imported:
            self._linter.import_words(sorted(accepted - self._imported))
            self._imported = accepted
        try:
            organized = self._linter.organized_lints(blank(text, masked), language="plaintext")
        except Exception as exc:
            raise BackendUnavailable(f"Harper failed ({exc})") from None
        matches = []
        for rule_id, lints in organized.items():
            for lint in lints:
                # Only whole replacements become fixes (not 'remove' or 'insert after').
                reps = tuple(s.replacement_text for s in lint.suggestions[:3]
                             if int(s.kind) == 0 and s.replacement_text)
                matches.append(Match(
                    start=lint.span.start, end=lint.span.end, rule_id=rule_id,
                    message=lint.message, category=lint.lint_kind, replacements=reps,
                    spelling=lint.lint_kind in SPELLING_KINDS))
        matches = [m for m in matches if outside(m, masked)]
        return drop_accepted(matches, text, accepted)
