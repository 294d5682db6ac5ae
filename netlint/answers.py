"""Does a reply address a customer's question?

Offline and model-free: content words of the question are reduced to a
crude stem (suffix stripping plus a table of irregular and derived forms),
widened by a small support-domain synonym table, and looked for in the reply.
Numbers and named things (capitalised words, codes) count double. Answer-type
cues fill in for vocabulary: a "when" question is answered by a time or date,
"how much" by an amount, "where" by a place or a link, a yes/no question by a
clear yes or no or by an action the agent takes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from . import regexcache as rc
from . import text as tx
from .caseless import CaselessRegex
from .questions import Question

STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been before
    being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
    don't down during each few for from further had hadn't has hasn't have haven't having he he'd
    he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into
    is isn't it it's its itself let's me more most mustn't my myself no nor not of off on once only
    or other ought our ours ourselves out over own same shan't she she'd she'll she's should
    shouldn't so some such than that that's the their theirs them themselves then there there's these
    they they'd they'll they're they've this those through to too under until up very was wasn't we
    we'd we'll we're we've were weren't what what's when when's where where's which while who who's
    whom why why's with won't would wouldn't you you'd you'll you're you've your yours yourself
    yourselves u ur ya im ive dont cant wont isnt doesnt didnt pls plz please thanks thank thx hi
    hello hey dear guys guy yes yeah ok okay just still really also even already yet ever now
    will shall may might must lol omg wtf hmm um anyone someone anybody somebody anything something
    there's gonna wanna gotta know want wanted need needs needed like would'nt able way any tell let
    wondering wonder idea help helping helped question questions asking ask answer info information
    update updates news one thing things much many long often soon""".split()
)
# Verbs too general to carry a question's topic: a match counts for less.
LIGHT = frozenset("get go use work try take give make say see look come put keep find happen "
                  "do have be seem show run set".split())

IRREGULAR = {
    "bought": "buy", "sent": "send", "paid": "pay", "went": "go", "gone": "go", "got": "get",
    "gotten": "get", "gave": "give", "given": "give", "took": "take", "taken": "take",
    "made": "make", "said": "say", "told": "tell", "left": "leave", "lost": "lose", "won": "win",
    "kept": "keep", "brought": "bring", "came": "come", "saw": "see", "seen": "see",
    "ran": "run", "spent": "spend", "broke": "break", "broken": "break", "stolen": "steal",
    "stole": "steal", "wrote": "write", "written": "write", "chose": "choose", "chosen": "choose",
    "flew": "fly", "flown": "fly", "children": "child", "men": "man", "women": "woman",
    "people": "person", "was": "be", "were": "be", "is": "be", "are": "be", "am": "be",
    # Derived forms that a support answer uses for the same thing.
    "delivery": "deliver", "deliveries": "deliver", "shipment": "ship", "shipping": "ship",
    "payment": "pay", "cancellation": "cancel", "cancelation": "cancel", "arrival": "arrive",
    "replacement": "replace", "subscription": "subscribe", "reservation": "reserve",
    "booking": "book", "refundable": "refund", "login": "log", "logon": "log", "signin": "sign",
    "installation": "install", "registration": "register", "verification": "verify",
    "confirmation": "confirm", "availability": "available", "upgrade": "upgrade",
    "purchase": "buy", "purchased": "buy", "purchasing": "buy", "e-mail": "email",
    "emails": "email", "mail": "email", "cellphone": "phone", "wifi": "wifi", "wi-fi": "wifi",
    "tv": "tv", "pw": "password", "acct": "account", "addr": "address", "pkg": "package",
    "parcel": "package", "refunded": "refund", "refunds": "refund", "bills": "bill",
    "billing": "bill", "billed": "bill", "charges": "charge", "charged": "charge",
    "charging": "charge", "outage": "outage", "outages": "outage", "cancelled": "cancel",
    "cancelling": "cancel", "canceled": "cancel", "canceling": "cancel",
}

# Synonym groups on stems: a reply that uses one word of a group answers a
# question that used another.
SYNONYMS: tuple[frozenset[str], ...] = tuple(frozenset(g.split()) for g in (
    "refund reimburse money credit",
    "deliver ship arrive dispatch send post courier track package",
    "buy order",
    "cancel terminate unsubscribe",
    "password passcode pin credential",
    "log sign account",
    "price cost charge fee pay bill money rate",
    "open hour close",
    "phone mobile device iphone handset cell",
    "app application",
    "broke break fault issue problem error bug glitch fix work crash",
    "change update edit modify amend switch",
    "address location",
    "email inbox",
    "flight fly plane",
    "delay late wait",
    "return exchange replace",
    "internet wifi connection network outage online service signal",
    "store shop branch",
    "card credit debit",
    "available stock",
    "receive get",
    "contact reach call speak",
    "ticket case request",
))
_SYN_INDEX: dict[str, frozenset[str]] = {}
for _g in SYNONYMS:
    _gn = frozenset(_w.rstrip("e") if len(_w) > 4 else _w for _w in _g)
    for _w in _gn:
        _SYN_INDEX[_w] = _SYN_INDEX.get(_w, frozenset()) | _gn


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    """A cheap lemma: irregular table, then English inflection and a few derivations."""
    w = word.lower().replace("’", "'")
    w = re.sub(r"'(?:s|re|ve|ll|d|m)$|n't$", "", w)
    if w in IRREGULAR:
        return _norm(IRREGULAR[w])
    if len(w) <= 3:
        return w
    for suf, rep in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"),
                     ("xes", "x"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", ""),
                     ("ation", "ate"), ("ment", ""), ("ness", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            if suf == "s" and w.endswith(("ss", "us", "is")):
                break
            base = w[: len(w) - len(suf)] + rep
            if suf in ("ing", "ed") and len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # stopped -> stop, shipping -> ship
            elif suf in ("ing", "ed") and re.search(r"[^aeiou][aeiouy][^aeiouwxy]$", base) and \
                    base.endswith(("at", "iv", "ur", "ir", "iz", "ag", "ar", "ac", "ov", "uc", "ot")):
                base += "e"  # activated -> activate, received -> receive
            w = IRREGULAR.get(base, base)
            break
    return _norm(w)


def _norm(stem_: str) -> str:
    return stem_.rstrip("e") if len(stem_) > 4 else stem_


def related(stem_: str) -> frozenset[str]:
    return _SYN_INDEX.get(stem_, frozenset()) | {stem_}


_NUMBER_RE = rc.compile(r"\b\d[\d,.:/-]*\b")


def content_terms(text: str, skip: Iterable[str] = ()) -> list[str]:
    """Stems of the content words of ``text`` (handles, URLs and stopwords left out)."""
    skipset = {s.lower() for s in skip}
    masked = tx.strip_urls(tx.HANDLE_RE.sub(" ", text))
    if masked.isascii():
        # Lower-casing ASCII maps each character to one of the same kind: the
        # lower-cased text holds the lower-cased words, found in one call.
        # (Elsewhere lower() may change a word's length, İ, or a letter by its
        # neighbour across the word's edge, final Σ: each word is lowered alone.)
        words = tx.WORD_RE.findall(masked.lower())
    else:
        words = [w.lower().replace("’", "'") for w in tx.WORD_RE.findall(masked)]
    return _terms(words, skipset)


def _terms(words: Iterable[str], skipset: set[str]) -> list[str]:
    """The stems of lower-case ``words`` that are not stopwords, skipped or one letter."""
    out: list[str] = []
    for w in words:
        if w in STOPWORDS or w in skipset or len(w) < 2:
            continue
        s = stem(w)
        if s in STOPWORDS or not s:
            continue
        out.append(s)
    return out


# -- answer-type cues ---------------------------------------------------------

_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_DAYS = ("mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|"
         "sun(?:day)?")
# The ignore-case patterns searched in replies are CaselessRegex: a case-sensitive
# twin over the lower-cased text finds the same, 2-4x faster (netlint/caseless.py).
CUES: dict[str, CaselessRegex] = {
    "time": CaselessRegex(
        rf"(?i)\b(?:today|tomorrow|tonight|yesterday|soon|shortly|asap|within|until|by\s+(?:the\s+)?(?:end|\w+day)|"
        rf"(?:\d+|a|an|one|two|three|few|couple|several|24|48|72)[\s-]+(?:business\s+|working\s+)?(?:hours?|hrs?|days?|weeks?|months?|minutes?|mins?)|"
        rf"next\s+(?:week|month|day|few)|this\s+(?:week|month|evening|afternoon|morning)|{_DAYS}|{_MONTHS}\s+\d|\d{{1,2}}(?::\d\d)?\s*(?:am|pm)|"
        rf"\d{{1,2}}/\d{{1,2}}|eta|date|timeframe|time\s?frame|any\s+(?:minute|moment|time\s+now)|in\s+(?:the\s+)?(?:coming|next)|"
        rf"once|as\s+soon\s+as|currently|at\s+the\s+moment|right\s+now|later|season|release[sd]?|launch(?:es|ed)?)\b"),
    "amount": CaselessRegex(r"(?i)(?:[$£€¥₹]\s?\d|"
                         r"\b\d[\d,.]*\s?(?:%|percent|dollars?|pounds?|euros?|gb|mb|usd|gbp|eur)\b"
                         r"|\b(?:free|no\s+(?:charge|cost|fee)|charge|fee|cost|price|\d+)\b)"),
    "place": CaselessRegex(r"(?i)(?:https?://|www\.|\b(?:at|in|near|from|on)\s+(?:the\s+|our\s+|your\s+)?[a-z]|"
                        r"\b(?:store|branch|location|link|page|site|website|app|settings?|menu|section|tab|"
                        r"address|here|there|online|locator|counter|desk|office)\b)"),
    # Instructions: an imperative opening a sentence, "you can <verb>", "to X, tap ...", a guide.
    "method": CaselessRegex(
        r"(?i)(?:(?:^|[.!:;]\s+|,\s+then\s+|\bthen\s+)(?:please\s+)?(?:go|tap|click|select|open|choose|follow|try|"
        r"turn|make\s+sure|navigate|restart|reboot|reset|update|uninstall|reinstall|install|sign|log|clear|delete|"
        r"remove|enable|disable|use|head|visit|download|switch|press|hold|swipe|scroll|type|enter|add|set|mark|"
        r"report|submit|change|check\s+(?:that|if|whether|your\s+settings))\b|"
        r"\byou\s+(?:can|could|may|will\s+need\s+to|need\s+to|should|['’]ll\s+need\s+to)\s+(?!reach|contact|dm|send\s+us|"
        r"message|call\s+us|check\s+out|find\s+more|get\s+in\s+touch)\w+|\bto\s+\w+[^.!?]{0,60},\s*(?:please\s+)?\w+|"
        r"\b(?:these|the\s+following|this)\s+(?:steps?|guide|article|instructions)\b|\bhere['’]s\s+how\b|\bsteps?\b)"),
    # An explanation: a cause, a known issue, a policy, a state of things.
    "reason": CaselessRegex(
        r"(?i)\b(?:because|due\s+to|caused|cause|reason|since|as\s+a\s+result|so\s+that|that['’]s\s+why|"
        r"the\s+(?:issue|problem|error)\s+(?:is|was)|known\s+issue|outage|maintenance|policy|unfortunately|"
        r"we['’]re\s+(?:aware|seeing|investigating|experiencing|currently)|you\s+(?:may|might)\s+have|"
        r"(?:it|this|that)\s+(?:may|might|could)\s+(?:be|have)|(?:this|it)\s+(?:happens|is\s+happening)\s+when|"
        r"we\s+(?:make|only|no\s+longer|don['’]t|do\s+not|can['’]t|decided|stopped|discontinued|changed|removed|"
        r"were|had|have\s+(?:prohibited|changed|removed|updated|stopped|decided))|"
        r"(?:it|that)['’]s\s+(?:shut|closed|down|off|currently|because|due|part|a\s+\w+\s+(?:issue|route|feature))|"
        r"(?:is|are|was|were)\s+(?:being\s+|temporarily\s+|currently\s+)?(?:shut|closed|down|off|suspended|paused|"
        r"delayed|discontinued|removed|busy|limited|unavailable|blocked|restricted|expired|seasonal))\b"),
    # A clear yes or no: the words themselves, a negative statement, or a plain
    # statement about what can, will or does happen ("you'll receive it when...").
    "yesno": CaselessRegex(
        r"(?i)(?:(?:^|[.!?]\s+|,\s*)(?:yes|yep|yeah|yup|no|nope|sure|absolutely|definitely|of\s+course|correct|"
        r"indeed|certainly|that['’]s\s+right)\b|\b(?:unfortunately|sadly|afraid|not\s+(?:able|possible|available|"
        r"currently|at\s+(?:the|this)\s+(?:moment|stage|time)|yet)|no\s+(?:longer|plans|information|news|update))\b|"
        r"\b(?:you|we|it|they|that|this|there)\s+(?:can['’]t|cannot|can\s+not|don['’]t|doesn['’]t|won['’]t|isn['’]t|"
        r"aren['’]t|wouldn['’]t|shouldn['’]t|do\s+not|does\s+not|will\s+not|is\s+not|are\s+not)\b|"
        r"\b(?:you|it|they|that|this)\s+(?:can|will|is|are|does|do|should|would|may|might)\s+"
        r"(?!help|assist|reach|contact|dm|check\s+out|find|like|want|get\s+in\s+touch)\w+|"
        r"\b(?:you|it|they|that|there)['’](?:ll|s|re)\b|\bthere\s+(?:is|are|will\s+be)\b|"
        r"\b(?:we|i)\s+(?:do|don['’]t|have|will|are|am|currently|only|already|no\s+longer)\s+"
        r"(?!help|assist|look|check|like|love|happy|glad|here|sorry|appreciate)\w+|"
        r"\b(?:we|i)['’](?:ve|ll|re|m)\s+(?!help|assist|look|check|like|love|happy|glad|here|sorry|always)\w+)"),
    "action": CaselessRegex(r"(?i)\b(?:we['’]ve|i['’]ve|we\s+have|i\s+have|we['’]ll|i['’]ll|we\s+will|"
                            r"i\s+will|we\s+can|i\s+can|we['’]d\s+be\s+happy|happy\s+to|glad\s+to)\s+(?!no\b)\w+"),
}
# Which cue answers which kind of question.
WH_CUES = {
    "when": ("time",), "how long": ("time",), "how soon": ("time",), "how often": ("time",),
    "how much": ("amount",), "how many": ("amount",), "how far": ("amount", "place"),
    "where": ("place",), "how": ("method",), "why": ("reason",), "how come": ("reason",),
    "what": ("method", "reason", "amount"), "which": ("yesno", "place"),
    "who": ("yesno",), "whom": ("yesno",), "whose": ("yesno",),
}

# Replies that only move the conversation elsewhere: they take the question
# up only when their own words match it.
DEFLECTION_RE = CaselessRegex(
    r"(?i)\b(?:dm|dms|direct\s+message|private\s+message|pm|inbox)\b|\bsend\s+us\b|"
    r"\b(?:reach\s+out|contact|call|ring|e-?mail|message|get\s+in\s+touch\s+with)\s+(?:to\s+)?(?:us|our|the|them|your\s+local)\b|"
    r"\bget\s+in\s+touch\b|\bgive\s+us\s+a\s+(?:call|shout|ring)\b|\bfollow\s+(?:us\s+)?(?:and|&)\s+dm\b|"
    r"\b(?:share|send|provide|include)\s+(?:us\s+)?(?:the|more|some|a\s+few|further|your)\s+(?:more\s+)?"
    r"(?:details|info|information|specifics)\b|\bfill\s+(?:out|in)\s+(?:this|the|our)\s+form\b|"
    r"\b(?:look|looking)\s+into\s+(?:this|it|that)\b|\bget\s+back\s+to\s+you\b|"
    r"\b(?:submit|create|open|raise|log)\s+(?:a|an)\s+(?:support\s+)?(?:ticket|request|case)\b|\blive\s+chat\b|"
    r"\b(?:attach|include)\s+your\b|\bone-on-one\b")
# An agent's initials or name closing a social reply: "^JS", "*AFC", "-Dana".
SIGNATURE_RE = rc.compile(r"(?:^|\s)[\^*~/-]\s?[A-Z][A-Za-z]{0,14}(?:\s?[A-Z][A-Za-z]{0,14})?(?:\s+https?://\S+)*\s*$")


# Sentences that carry no answer of their own when they stand alone: thanks
# and sympathy, holding and closing lines.
_NO_ANSWER_RE = CaselessRegex(
    r"(?i)^(?:(?:hi|hello|hey|good\s+\w+)\b[^.!?]*[.!?,]\s*)?(?:thanks?|thank\s+you|ty|we['’]re\s+(?:so\s+|very\s+)?sorry|"
    r"(?:i['’]m|i\s+am|so|very|really)\s+sorry|sorry|we\s+apologi[sz]e|apologies|my\s+apologies|"
    r"we\s+understand|i\s+understand|we\s+hear\s+you|we\s+(?:can\s+)?see|we['’]d\s+(?:like|love)\s+to|i['’]d\s+(?:like|love)\s+to|"
    r"we['’]re\s+(?:here|happy|glad)\s+to|happy\s+to\s+help|glad\s+to\s+help|here\s+to\s+help|let['’]s\s+(?:work|get|take|look)|"
    r"one\s+moment|hang\s+tight|have\s+a\s+(?:great|good|nice|lovely)|hope\s+(?:this|that)\s+helps|"
    r"let\s+us\s+know|feel\s+free|we\s+appreciate|great\s+question|oh\s+no|hmm+|uh\s+oh)\b")
_SHORT = 14

# A question about how to reach the company: a redirect answers it.
CONTACT_Q_RE = CaselessRegex(
    r"(?i)\b(?:contact|call|phone\s+number|number\s+to|speak|talk|chat|e-?mail|reach|report|complain|"
    r"dm|message|manager|supervisor|someone|agent|representative|human|person|corporate|ticket|"
    r"customer\s+(?:service|care|support)|support\s+team|help\s*desk)\b")


@lru_cache(maxsize=64)
def _term_set(text: str, skip: tuple[str, ...]) -> frozenset[str]:
    return frozenset(content_terms(text, skip))


def answer_sentences(reply: str, question: Question | None = None) -> str:
    """The part of the reply that can carry an answer.

    Redirects (DM us, contact us), questions back to the customer and pure
    thanks or sympathy are left out, unless the customer asked how to reach
    the company: then the redirect is the answer.
    """
    if question is not None and CONTACT_Q_RE.search(question.focus or question.text):
        return _reply_body(reply)
    return _answer_part(reply)


@lru_cache(maxsize=64)  # asked once per customer question of the same reply
def _reply_body(reply: str) -> str:
    return SIGNATURE_RE.sub("", tx.HANDLE_RE.sub(" ", reply))


@lru_cache(maxsize=64)
def _answer_part(reply: str) -> str:
    body = _reply_body(reply)
    kept = []
    for sent in tx.sentences(body):
        t = sent.text.strip()
        if t.endswith("?") or DEFLECTION_RE.search(t):
            continue
        if _NO_ANSWER_RE.match(t) and len(tx.WORD_RE.findall(t)) <= _SHORT:
            continue
        kept.append(t)
    return " ".join(kept)


_CLEAR_YESNO_RE = CaselessRegex(r"(?i)^\W*(?:(?:hi|hello|hey)\b[^.!?,]*[.!?,]\s*)?"
                             r"(?:yes|yep|yeah|yup|no|nope|sure|"
                             r"absolutely|definitely|of\s+course|correct|certainly|(?:that|it)(?:['’]s|\s+is)\s+"
                             r"(?:correct|right|true)|you\s+(?:got\s+it|bet)|(?:it|we|they)\s+(?:do|does|did|is|are|"
                             r"will|won['’]t|don['’]t|doesn['’]t|isn['’]t|aren['’]t)\s*[.!])\b")


class Assessment(NamedTuple):
    addressed: bool
    overlap: float
    matched: tuple[str, ...]
    cue: str | None
    # Words in the part of the reply that can carry an answer.
    answer_words: int = 0


def cues_for(question: Question) -> tuple[str, ...]:
    if question.wh:
        return WH_CUES.get(question.wh, ("yesno",))
    return ("yesno", "action")


class AnswerSettings(NamedTuple):
    # Words the answer-bearing part of the reply must have at least: below
    # this the reply only redirects, thanks or asks back.
    min_answer_words: int = 5
    # Share of the question's content words the reply must take up when it
    # gives no answer of the expected type.
    min_overlap: float = 0.1


def assess(question: Question, reply: str, skip: Iterable[str] = (),
           settings: AnswerSettings | None = None) -> Assessment:
    """Whether ``reply`` addresses ``question`` (offline heuristics)."""
    settings = settings or AnswerSettings()
    q_terms = list(dict.fromkeys(content_terms(question.focus or question.text, skip)))
    reply = answer_sentences(reply, question)
    r_terms = _term_set(reply, tuple(skip))
    # Numbers and codes the question names ("order 4411", "flight BA117").
    q_numbers = set(_NUMBER_RE.findall(question.text))
    matched: list[str] = []
    total = 0.0
    got = 0.0
    for t in q_terms:
        weight = 0.5 if t in LIGHT else (2.0 if any(c.isdigit() for c in t) else 1.0)
        total += weight
        if t in r_terms or related(t) & r_terms:
            got += weight
            matched.append(t)
    if q_numbers and any(n in reply for n in q_numbers):
        got += 1.0
        total += 1.0
    overlap = got / total if total else 0.0
    cue = None
    for name in cues_for(question):
        if CUES[name].search(reply):
            cue = name
            break
    n_words = len(tx.WORD_RE.findall(tx.strip_urls(reply)))  # tx.words without the spans
    substantive = n_words >= settings.min_answer_words
    if cue is None and CONTACT_Q_RE.search(question.focus or question.text) and (
            DEFLECTION_RE.search(reply) or tx.URL_RE.search(reply)):
        cue = "contact"  # asked how to reach the company: the route is the answer
    if cue is None and not question.wh and _CLEAR_YESNO_RE.match(reply):
        cue = "yesno"
    if _CLEAR_YESNO_RE.match(reply) and not question.wh:
        substantive = True  # "Yes, DM us." is short and a full answer
    if total == 0:
        # "Can you help me?", "Now what?": nothing to match; any answer will do.
        addressed = substantive
    else:
        addressed = substantive and (cue is not None or overlap >= settings.min_overlap)
    return Assessment(addressed, round(overlap, 2), tuple(matched), cue, n_words)
