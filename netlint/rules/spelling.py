"""Spelling: words that are not in the English word list, with suggestions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from .. import regexcache as rc
from ..document import Document
from ..finding import Fix, Hit, Severity
from ..rule import Context, Rule
from .grammar_engine import record

# Words shaped like names, codes or shorthand rather than prose.
_NOT_PROSE = rc.compile(r"\d|_|^[A-Z]{2,}s?$|.[A-Z]|[^\x00-\x7f’]")
_HANDLE_LIKE = rc.compile(r"[@#/\\]")


def _sentence_starts(doc: Document) -> set[int]:
    return {s.start for s in doc.sentences}


def _entity_spans(doc: Document) -> list[tuple[int, int]]:
    """Named entities, when another rule already ran spaCy on this draft.

    Loading a model for spelling alone would cost more than the whole check;
    capitalised words mid-sentence already cover most names without it."""
    sp = doc.__dict__.get("spacy")
    if sp is None or not sp.has_annotation("ENT_IOB"):
        return []
    return [(e.start_char, e.end_char) for e in sp.ents]


class Spelling(Rule):
    """## What it does
    Flags words that are not in netlint's English word list and suggests the
    closest common words. Never flags: words in the guide's vocabulary
    (`vocabulary.accept`) or in this rule's `words` option, URLs, e-mail
    addresses, @handles, #hashtags, placeholders, numbers and order ids,
    capitalised words in mid-sentence (names, products, places), acronyms,
    mixed-case brand names ("iPhone"), named entities when a spaCy model has
    already run, and text quoted from the customer. Replies that are not in
    English are not checked. British spellings of listed words ("colour",
    "organise", "centre") are accepted.

    ## Why
    A misspelling in a reply costs the customer's trust in the answer. The
    check is offline: the word list ships with the `pyspellchecker` package.

    ## Example
    We have recieved your request and will refund it tomorow.

    ## Use instead
    We have received your request and will refund it tomorrow.

    ## Fix safety
    Unsafe: the suggestions are the most frequent words one letter away (or
    common words two letters away), and the first one is not always the
    word the agent meant.
    """

    code = "G100"
    name = "spelling"
    category = "grammar"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"words", "sentences"})
    defaults: ClassVar[dict[str, Any]] = {"words": [], "suggestions": 3, "min_length": 3}
    bad_examples = (
        "We have recieved your request and will refund it tomorow.",
        "Thank you for your pateince.",
        "Recieved, thanks!",
    )
    good_examples = (
        "We have received your request and will refund it tomorrow.",
        "Hi Priya, your Zendesk ticket ZX-4821 is with Marguerite at Northwind.",
        "Please check https://exmple.com/hlp or write to suport@exmple.com.",
        "Thanks @jsmithh, we saw #shippingwoes too.",
        "Hi {{ticket.requester.name.first}}, your order 84XJ2-QQ is ready.",
        'You wrote "the app is brokn" - sorry about that.',
        "We apologise for the delay; the colour you chose is back in the centre.",
        {"text": "Your Dashly order is with a DashPass driver.",
         "options": {"words": ["dashly", "dashpass"]}},
        "Your iPhone and the USB-C adapter are covered.",
        "Lamentamos el inconveniente. Por favor envíanos un mensaje directo con tu número de "
        "pedido para ayudarte.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return record(doc, self._check(doc, ctx))

    def _check(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        accepted, unknown = _word_tables(doc, ctx)
        candidates = []
        for w in doc.words:
            verdict = unknown.get(w.text)
            if verdict is None:
                verdict = unknown[w.text] = _may_be_unknown(w.text, ctx, accepted)
            if verdict:
                candidates.append(w)
        if not candidates or not doc.english:
            return  # the word list is English: a reply in Spanish is not misspelt
        starts = _sentence_starts(doc)
        text = doc.text
        lexicon = None
        entities: list[tuple[int, int]] | None = None
        for w in candidates:
            word = w.text
            low = word.lower().replace("’", "'")
            if word[0].isupper() and not _starts_sentence(text, w.start, starts):
                continue  # a name, a product, a place
            if _HANDLE_LIKE.search(text[max(0, w.start - 1):w.start]):
                continue
            if doc.is_protected(w.start, w.end, quotes=True):
                continue
            if lexicon is None:
                from ..grammar.lexicon import english  # loaded on the first real word

                lexicon = english()
            if lexicon.known(low) or any(p in accepted for p in low.split("-")):
                continue
            if entities is None:
                entities = _entity_spans(doc)
            if any(s <= w.start < e for s, e in entities):
                continue
            if word[0].isupper() and lexicon.common_suggestion(word) is None:
                continue  # a capitalised unknown word is a name unless it is a clear typo
            suggestions = lexicon.suggest(word, int(ctx.get("suggestions", 3)))
            if not suggestions:
                # Nothing in the word list is one or two letters away: a term of
                # art or a name ("proteinuria", "Kyocera"), not a slip of the keys.
                continue
            fixes = tuple(Fix.replace(w.start, w.end, s, safe=False) for s in suggestions)
            yield Hit(w.start, w.end, f"Unknown word '{word}'; did you mean '{suggestions[0]}'?",
                      fixes)


# Words a batch has asked about (per guide and options), past which the memo
# of verdicts starts again: a batch's vocabulary is bounded, its typos are not.
_VERDICTS_LIMIT = 1 << 16


def _word_tables(doc: Document, ctx: Context) -> tuple[frozenset[str], dict[str, bool]]:
    """The words the guide and the options accept, and a memo of verdicts on
    word texts (see ``_may_be_unknown``), kept per guide and options."""
    key = ctx.derived("spelling.key", lambda: "spelling.words:" + repr((
        int(ctx.get("min_length", 3)), sorted({str(w).lower() for w in ctx.get("words") or ()}))))
    guide = doc.guide
    accepted, unknown = guide.derived(key, lambda: (
        guide.accepted_words | {str(w).lower() for w in ctx.get("words") or ()}, {}))
    if len(unknown) >= _VERDICTS_LIMIT:
        unknown.clear()
    return accepted, unknown


def _may_be_unknown(word: str, ctx: Context, accepted: frozenset[str]) -> bool:
    """What the rule decides from a word's text alone: long enough, shaped like
    prose, neither accepted nor a common English word. Only such words are
    looked at in their place."""
    if len(word) < int(ctx.get("min_length", 3)) or _NOT_PROSE.search(word):
        return False
    from ..grammar.lexicon import common_words

    low = word.lower().replace("’", "'")
    return not (low in accepted or low in common_words())


def _starts_sentence(text: str, pos: int, starts: set[int]) -> bool:
    if pos in starts:
        return True
    before = text[:pos].rstrip(" \t\"“‘'([")
    return not before or before[-1] in ".!?:\n"
