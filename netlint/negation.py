"""Is a phrase the agent's own assertion? Negation, modality, questions, quotes.

"I guarantee" is a guarantee; "I can't guarantee", "there is no guarantee",
"I wish I could promise", "you said we promised" and "Can you promise?" are
not. The risky-statement rules find a trigger phrase with a regular
expression, then ask :func:`asserted` whether the agent actually asserts it.

Two layers:

- a regex layer that always runs: it reads the trigger's clause (from the
  last clause boundary to the trigger) for negators and non-assertive
  modality (wish, hope, would love to, if);
- a dependency-parse layer, asked only about a trigger the regex layer let
  through. It catches negation the regex cannot reach ("I don't think that,
  at this stage, we can promise ..."). With ``parser: auto`` (the default) it
  uses the engine's pipeline when that already has a parser (some rule needs
  ``parse`` and a model is installed), so it never loads spaCy by itself and
  the cold path stays regex-only; with ``parser: always`` it loads a parser
  when a model is installed and parses just the trigger's sentence; with
  ``never`` it is off.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from . import regexcache as rc
from .document import Document
from .text import Span

# Words that negate what follows them in the same clause.
NEGATORS = (
    r"not|no|never|cannot|can['’]?t|won['’]?t|n['’]t|none|nobody|no\s+one|nothing|neither|nor"
    r"|unable|without|hardly|impossible|unfortunately\s+not"
)
_NEG_RE = rc.compile(rf"(?:\b(?:{NEGATORS})\b|\w+n['’]t\b)", re.IGNORECASE)

# Modality that makes the clause a wish, a hope, a condition or an attempt,
# not an assertion: "I wish I could promise", "we hope it never happens again",
# "if we can guarantee it", "we'd love to offer a refund".
_MODAL_RE = rc.compile(
    r"\b(?:wish(?:es|ed)?|hope[sd]?|hoping|would\s+love\s+to|['’]d\s+love\s+to|would\s+like\s+to"
    r"|['’]d\s+like\s+to|if|unless|whether|try(?:ing)?\s+to|aim(?:s|ing)?\s+to|do\s+our\s+best"
    r"|want(?:s|ed)?\s+to\s+be\s+able\s+to|in\s+a\s+position\s+to)\b",
    re.IGNORECASE,
)

# Reported speech: the agent repeats what someone else said.
_REPORTED_RE = rc.compile(
    r"\b(?:you|they|he|she|it|the\s+(?:\w+\s+)?(?:agent|rep|representative|driver|store|seller"
    r"|website|site|ad|advert|email))\s+(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?"
    r"(?:told|said|say|says|mentioned|wrote|write|claimed|claims|quoted|stated|states"
    r"|promised)\b|\b(?:according\s+to\s+you|as\s+you\s+(?:said|mentioned|wrote))\b",
    re.IGNORECASE,
)

# Where a clause starts: punctuation, and conjunctions that start a new claim.
_BOUNDARY_RE = rc.compile(
    r"[,;:()\u2013\u2014]|\s-\s|\b(?:but|however|although|though|yet|so|because|while|whereas"
    r"|and|or)\b",
    re.IGNORECASE,
)

# How far back (in characters) a negator may stand from the trigger.
WINDOW = 60


def sentence_at(doc: Document, pos: int) -> Span:
    for sent in doc.sentences:
        if sent.start <= pos < sent.end:
            return sent
    return Span(pos, pos, "", "sentence")


def is_question(doc: Document, pos: int) -> bool:
    """Whether the sentence holding ``pos`` is a question (ends with '?')."""
    sent = sentence_at(doc, pos)
    return sent.text.rstrip(" \"'”’)").endswith("?")


def clause_prefix(text: str, sent_start: int, at: int) -> str:
    """The words from the start of the trigger's clause up to the trigger."""
    lo = max(sent_start, at - WINDOW)
    before = text[lo:at]
    cut = 0
    for m in _BOUNDARY_RE.finditer(before):
        # "can't and won't promise": a negated verb right before the
        # conjunction still governs the trigger; keep it.
        cut = m.end()
    return before[cut:]


def negated_by_regex(doc: Document, start: int, *, modal: bool = True) -> bool:
    sent = sentence_at(doc, start)
    prefix = clause_prefix(doc.text, sent.start, start)
    if _NEG_RE.search(prefix):
        return True
    if modal and _MODAL_RE.search(prefix):
        return True
    # "We cannot, and will not, guarantee": a negated auxiliary right before
    # the trigger, cut off from it only by punctuation.
    before = doc.text[max(sent.start, start - WINDOW):start]
    return bool(re.search(r"(?:\b\w+n['’]t|\b(?:not|never|cannot))[\s,;]*$", before, re.I))


def reported(doc: Document, start: int) -> bool:
    """Whether the trigger sits in a report of someone else's words."""
    sent = sentence_at(doc, start)
    return bool(_REPORTED_RE.search(doc.text[sent.start:start]))


# -- the dependency-parse layer --------------------------------------------------

# Verbs whose negation or modality carries into the clause they govern
# ("I don't think we can promise", "I wish I could promise").
_RAISING = frozenset({"think", "believe", "say", "expect", "know", "suppose", "imagine",
                      "feel", "wish", "hope", "want", "like", "love", "try", "aim", "able"})
_NONASSERTIVE = frozenset({"wish", "hope", "try", "aim"})
# Dependencies we follow upwards from the trigger; a conjunct or an adverbial
# clause starts a claim of its own, so the walk stops there.
_UP = frozenset({"aux", "auxpass", "dobj", "pobj", "prep", "attr", "acomp", "amod", "compound",
                 "xcomp", "ccomp", "nsubj", "nsubjpass", "advmod", "npadvmod", "oprd", "acl"})


def parsed(doc: Document) -> Any | None:
    """The spaCy Doc with a dependency parse, only when the engine's pipeline
    already provides one (never loads a model just for this)."""
    nlp = getattr(doc, "_nlp", None)
    if nlp is None or "parse" not in getattr(nlp, "needs", ()):
        return None
    from .nlp import model_installed

    if not model_installed(nlp.model):
        return None
    sp = doc.spacy
    return sp if sp.has_annotation("DEP") else None


@lru_cache(maxsize=2)
def _sentence_parser(model: str) -> Any | None:
    """A parser pipeline for ``parser: always`` (one per model, loaded on first use)."""
    from .nlp import NLP, model_installed

    if not model_installed(model):
        return None
    return NLP(model=model, needs=frozenset({"parse"}), quiet=True)


def parse_around(doc: Document, start: int, mode: str) -> tuple[Any, int] | None:
    """A parsed spaCy Doc covering ``start`` and the offset of its first character."""
    if mode == "never":
        return None
    sp = parsed(doc)
    if sp is not None:
        return sp, 0
    if mode != "always":
        return None
    nlp = _sentence_parser(doc.guide.nlp_model)
    if nlp is None:
        return None
    sent = sentence_at(doc, start)
    return doc.memo(f"negation.parse:{sent.start}", lambda: nlp(sent.text)), sent.start


def _base(token: Any) -> str:
    """The lemma when the pipeline has a lemmatizer, else a crude stem of the word."""
    if token.lemma_ and token.lemma_ != token.text:
        return str(token.lemma_).lower()
    word = str(token.lower_)
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and word[: -len(suffix)] in _RAISING | _NONASSERTIVE:
            return word[: -len(suffix)]
    return "hope" if word in ("hoped", "hoping") else word


def _negates(token: Any) -> bool:
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "det" and child.lower_ in ("no", "neither"):
            return True
    return False


def negated_by_parse(sp: Any, start: int, end: int) -> bool:
    span = sp.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span.root
    for _ in range(6):
        if _negates(token):
            return True
        if _base(token) in _NONASSERTIVE:
            return True
        if token.dep_ == "ROOT" or token.dep_ not in _UP:
            return False
        if token.dep_ in ("ccomp", "xcomp") and _base(token.head) not in _RAISING:
            return False
        token = token.head
    return False


def shielded(doc: Document, start: int, end: int) -> bool:
    """Inside a quotation, a URL, an e-mail address, a handle or a placeholder.

    Codes (order numbers, "14-day", "8am-8pm") are protected from spelling
    rules but are still the agent's words, so they do not shield a claim."""
    return any(s.overlaps(start, end) for s in doc.quotes) or any(
        s.overlaps(start, end) for s in doc.protected if s.kind != "code")


def asserted(doc: Document, start: int, end: int, *, questions: bool = False,
             modal: bool = True, negation: bool = True, parser: str = "auto") -> bool:
    """Whether ``text[start:end]`` is something the agent asserts.

    False inside quotes, URLs and other protected spans, in questions (unless
    ``questions``), in reported speech, and under negation or (when ``modal``)
    non-assertive modality. ``parser`` is the guide's ``policy.parser``
    (auto, always or never; see the module docstring).
    """
    if shielded(doc, start, end):
        return False
    if not questions and is_question(doc, start):
        return False
    if reported(doc, start):
        return False
    if negation and negated_by_regex(doc, start, modal=modal):
        return False
    if negation:
        found = parse_around(doc, start, parser)
        if found is not None and negated_by_parse(found[0], start - found[1], end - found[1]):
            return False
    return True
