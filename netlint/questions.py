"""Questions in the customer's message: direct, interrogative without a question
mark, and indirect requests ("I'd like to know...", "can you tell me...").

Pure regular expressions over the fast tokenizer: no spaCy on this path. The
guide's ``conversation:`` section may add social or rhetorical phrasings to
skip (``skip-questions``), turn indirect requests off (``indirect: false``), or
stop skipping the built-in rhetorical ones (``skip-rhetorical: false``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from . import regexcache as rc
from . import text as tx
from .caseless import CaselessRegex

WH_WORDS = ("what", "when", "where", "why", "who", "whom", "whose", "which", "how")
AUX_WORDS = frozenset(
    """can could will would should shall may might must do does did is are am was were
    have has had isn't aren't wasn't weren't don't doesn't didn't can't cannot couldn't
    won't wouldn't shouldn't haven't hasn't hadn't""".replace("'", "'").split()
)
_SUBJECTS = (r"(?:i|you|we|they|he|she|it|there|this|that|these|those|my|your|our|the|a|an|"
             r"any|anyone|someone|somebody|anybody|u|ya|y'all|his|her|their)")
_AUX = (r"(?:can|could|will|would|should|shall|may|might|must|do|does|did|is|are|am|was|were|"
        r"have|has|had|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|don['’]t|doesn['’]t|didn['’]t|"
        r"can['’]t|cannot|couldn['’]t|won['’]t|wouldn['’]t|shouldn['’]t|haven['’]t|hasn['’]t)")
_WH = r"(?:what|when|where|why|who|whom|whose|which|how)"

# A clause that opens like a question even without "?".
_WH_OPEN_RE = rc.compile(
    rf"(?i)^(?:so\s+|and\s+|but\s+|also\s+|then\s+|ok(?:ay)?,?\s+)?"
    rf"(?:(?P<wh>how\s+(?:much|many|long|often|soon|far|come)|{_WH})(?:['’]?s|['’]re|['’]d)?"
    rf"(?=\s+(?:{_AUX}|to|{_SUBJECTS}\s+{_AUX})\b|['’]?s\b|['’]re\b|\s+(?:much|many|long|often|soon)\b)"
    rf"|(?P<aux>{_AUX})\s+(?={_SUBJECTS}\b))"
)
# Without a question mark a wh-word needs an inverted verb ("when will it",
# "how do I", "how to", "what's"): "when I did, it reset" is a statement.
_WH_INVERTED_RE = rc.compile(
    rf"(?i)^(?:so\s+|and\s+|but\s+|also\s+|then\s+|ok(?:ay)?,?\s+)?"
    rf"(?:how\s+(?:much|many|long|often|soon|far)\b.*|how\s+come\b.*|{_WH}(?:['’]?s|['’]re)\b.*|"
    rf"(?!which|who)(?:{_WH})\s+(?:{_AUX}|to)\b.*|(?:which|who)\s+(?:\w+\s+)?{_AUX}\s+{_SUBJECTS}\b.*|"
    rf"who\s+(?:is|are|can|should|do|does)\s+(?!rather|so|very|really|not)\w+.*)")
# Without a question mark, a yes/no question needs an auxiliary and a pronoun
# ("can I", "is there", "do you"), or a be-verb and a noun phrase at the start.
_NOMARK_YESNO_RE = rc.compile(
    r"(?i)^(?:so\s+|and\s+|but\s+|also\s+)?(?:(?:can|could|will|would|should|do|does|did|is|are|am|was|were|have|has|"
    r"isn['’]t|aren['’]t|don['’]t|doesn['’]t|can['’]t|won['’]t)\s+(?:i|you|u|we|they|he|she|it|there|anyone|someone|"
    r"anybody|somebody)\b|(?:is|are)\s+(?:the|my|your|this|that)\s+\w+)")


def _inverted(clause: str) -> bool:
    return bool(_WH_INVERTED_RE.match(clause))

# Indirect requests: the question is the clause after the cue.
INDIRECT_CUES = (
    r"i['’]?d\s+like\s+to\s+know", r"i\s+would\s+like\s+to\s+know", r"i\s+want\s+to\s+know",
    r"i\s+wanna\s+know", r"i\s+need\s+to\s+know", r"i['’]?m\s+trying\s+to\s+(?:find\s+out|figure\s+out)",
    r"(?:please|pls|plz)\s+(?:tell|let)\s+me(?:\s+know)?", r"tell\s+me", r"let\s+me\s+know",
    r"(?:can|could|would)\s+(?:you|u)\s+(?:please\s+)?(?:tell|let)\s+me(?:\s+know)?",
    r"(?:can|could|would)\s+(?:you|u)\s+(?:please\s+)?(?:explain|advise|confirm|clarify)",
    r"i\s+(?:was|am|['’]m)\s+wondering", r"i\s+wonder", r"just\s+wondering", r"wondering",
    r"any\s+(?:idea|news|update|word|info(?:rmation)?)\s+(?:on|about|as\s+to|regarding)?",
    r"(?:(?:please|pls|plz)\s+)?(?:advise|explain|confirm|clarify)", r"do\s+you\s+know",
    r"i\s+(?:don['’]t|do\s+not)\s+(?:know|understand)",
)
# "they won't let me know", "nobody told me": the cue is part of a statement.
_CUE_NEGATED_RE = rc.compile(r"(?i)(?:n['’]t|\bnot|\bnever|\bto|\bwill|\bwould|\bthey|\bhe|\bshe|\bit|"
                             r"\bnobody|\byou|"
                             r"\bno\s+one|\bthat)\s*$")
# Searched in every clause: through a case-sensitive twin over the lower-cased
# clause (netlint/caseless.py), whose matches' spans are exact and whose group
# strings are lower case: the clause's own words are read by span.
_INDIRECT_RE = CaselessRegex(
    r"(?i)(?:^|(?<=[\s,;:]))(?P<cue>" + "|".join(INDIRECT_CUES) + r")\b"
    r"(?P<rest>\s*(?:if|whether|" + _WH + r"|how\s+\w+|about|on|regarding|why)\b.*|\s+.*)?$"
)
# "Can you ..." asking for an action: a request the reply must take up.
_ACTION_REQUEST_RE = rc.compile(
    r"(?i)^(?:please\s+)?(?:can|could|would|will)\s+(?:you|u|someone|somebody|anyone)\s+(?:please\s+)?"
    r"(?!be\b)(?P<verb>[a-z]+)"
)

# Explicit requests: "please fix...", "I'd like to speak to...".
_EXPLICIT_REQUEST_RE = rc.compile(
    r"(?i)^(?:(?:please|pls|plz|kindly)\s+(?:can\s+you\s+|could\s+you\s+)?"
    r"(?:help|assist|fix|refund|advise|sort|resolve|respond|reply|call|contact|send|cancel|check|look\s+into|"
    r"get\s+back|explain|tell|let\s+me|reverse|reimburse|replace|remove|unlock|restore|reactivate|update|change)\b"
    r"|i\s+(?:would\s+like|['’]?d\s+like|want|wanna|need)\s+to\s+(?:speak|talk|cancel|return|get|find\s+out|see|"
    r"request|change|report|complain|know|understand|get\s+in\s+(?:touch|contact)|make\s+a\s+complaint)\b"
    r"|i\s+(?:would\s+like|['’]?d\s+like|want|need)\s+(?:a|my|an)\s+(?:refund|replacement|callback|call\s+back|"
    r"answer|explanation|response|reply|update)\b)")

# Social questions: no answer expected.
SOCIAL_PATTERNS = (
    r"how\s+(?:are|r)\s+(?:you|u|ya|things)(?:\s+(?:doing|today|guys|all))*",
    r"how['’]?s\s+(?:it\s+going|your\s+day|everyone|things|life)", r"how\s+is\s+(?:it\s+going|your\s+day)",
    r"how\s+(?:have|ve)\s+you\s+been", r"what['’]?s\s+up", r"wh?at\s+up", r"sup",
    r"(?:are\s+)?you\s+(?:guys\s+)?(?:there|around|awake|ok)", r"hope\s+you['’]?re\s+well",
    r"how\s+(?:was|is)\s+your\s+(?:weekend|day|morning)", r"(?:hi|hey|hello)[^?]*how\s+are\s+you.*",
)
# Rhetorical questions and exclamations in question form: the customer is
# venting, not asking. Skipped by default (``skip-rhetorical: false`` keeps them).
RHETORICAL_PATTERNS = (
    r"(?:are\s+you|r\s+u)\s+(?:serious|kidding(?:\s+me)?|joking|for\s+real)", r"seriously",
    r"really", r"what\s+the\s+(?:hell|heck|fuck|f|actual\s+\w+)\b.*", r"wtf\b.*", r"wth\b.*",
    r"why\s+me", r"huh", r"what\s*[?!]*", r"how\s+hard\s+(?:is|can)\s+it\s+be.*",
    r"who\s+does\s+that", r"is\s+this\s+a\s+joke", r"can\s+you\s+believe\s+(?:it|this)",
    r"right", r"no\??", r"ok(?:ay)?", r"why\s+(?:is\s+it\s+)?(?:always|every\s*time)\b.*",
    r"how\s+(?:is|was)\s+that\s+(?:ok(?:ay)?|acceptable|fair|legal|possible)",
    r"(?:is\s+)?this\s+(?:is\s+)?(?:how\s+you\s+treat|acceptable).*", r"who\s+(?:knew|cares)",
    r"why\s+(?:would|should)\s+i\s+(?:ever\s+)?(?:come\s+back|use|fly|shop|stay|buy|recommend)\b.*",
    r"what\s+(?:a|an)\s+\w+.*", r"lol\b.*", r"guess\s+what",
)

_QUESTION_MARK_RE = rc.compile(r"[?？]")
_SPLIT_CONJ_RE = rc.compile(
    rf"(?i)(?:,\s*|;\s*|\s+)(?:and|or|but|also|plus|&|&amp;)\s+(?=(?:{_WH}|{_AUX})\s+(?:{_SUBJECTS}|{_AUX}|to|much|many|long)\b)"
)
_LEAD_RE = rc.compile(r"^(?:(?:\.?@\w+|dear|hi|hello|hey|yo|so|ok(?:ay)?|um+|uh+|well|also|and|but)\b"
                      r"[\s,:;.!-]*)+", re.IGNORECASE)


class Question(NamedTuple):
    """A question in the customer's message; offsets are into that message."""

    start: int
    end: int
    text: str
    # "wh" (what/when/where/how...), "yesno", "request" (can you ...), "indirect".
    kind: str
    # The wh-word ("how much", "when"...) for wh and indirect-wh questions.
    wh: str | None = None
    # The clause the answer has to address (for indirect requests: after the cue).
    focus: str = ""

    def quote(self, max_words: int = 15) -> str:
        """The customer's words, shortened to ``max_words`` words."""
        words = self.text.split()
        if len(words) <= max_words:
            return " ".join(words)
        return " ".join(words[:max_words]) + "…"


class QuestionConfig(NamedTuple):
    indirect: bool = True
    skip_rhetorical: bool = True
    skip_patterns: tuple[str, ...] = ()

    @classmethod
    def from_section(cls, section: Mapping[str, Any] | None) -> QuestionConfig:
        section = section or {}
        extra = section.get("skip-questions") or section.get("social-questions") or ()
        if isinstance(extra, str):
            extra = (extra,)
        return cls(indirect=bool(section.get("indirect", True)),
                   skip_rhetorical=bool(section.get("skip-rhetorical", True)),
                   skip_patterns=tuple(str(p) for p in extra))

    def skip_re(self) -> re.Pattern[str]:
        return _skip_re(self.skip_patterns, self.skip_rhetorical)


_SKIP_CACHE: dict[tuple[tuple[str, ...], bool], re.Pattern[str]] = {}


def _skip_re(extra: tuple[str, ...], rhetorical: bool) -> re.Pattern[str]:
    key = (extra, rhetorical)
    if key not in _SKIP_CACHE:
        pats = list(SOCIAL_PATTERNS) + (list(RHETORICAL_PATTERNS) if rhetorical else [])
        # A user's plain phrase ("how are things") matches as words, not as regex syntax.
        pats += [p if any(c in p for c in "\\[](){}|*+") else r"\s+".join(map(re.escape, p.split()))
                 for p in extra]
        _SKIP_CACHE[key] = rc.compile(r"(?i)^(?:" + "|".join(f"(?:{p})" for p in pats) + r")[\s?!.,]*$")
    return _SKIP_CACHE[key]


def _clean(clause: str) -> str:
    """Drop leading handles and fillers and the closing punctuation."""
    s = _LEAD_RE.sub("", clause.strip())
    return s.strip(" \t\n?!.,;:…-—–\"'“”").strip()


def _segments(text: str, protected: Sequence[tx.Span]) -> Iterable[tuple[int, int]]:
    """Sentence pieces: sentences, cut again after every '?' and at line breaks."""
    for sent in tx.sentences(text, list(protected)):
        body = sent.text  # text[sent.start:sent.end], already stripped
        if "?" not in body and "\n" not in body and "？" not in body:
            yield sent.start, sent.end  # nothing to cut: the sentence is its one piece
        else:
            yield from _cut(text, sent)


def _cut(text: str, sent: tx.Span) -> Iterator[tuple[int, int]]:
    """The pieces of one sentence: cut after every run of '?' and at line breaks."""
    cuts = [sent.start]
    for m in _QUESTION_MARK_RE.finditer(text, sent.start, sent.end):
        end = m.end()
        while end < sent.end and text[end] in "?!？":
            end += 1
        cuts.append(end)
    nl = text.find("\n", sent.start, sent.end)
    while nl != -1:
        cuts.append(nl + 1)
        nl = text.find("\n", nl + 1, sent.end)
    cuts.append(sent.end)
    for a, b in itertools.pairwise(sorted(set(cuts))):
        chunk = text[a:b]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            yield a + lead, a + len(chunk.rstrip())


def _split_conjoined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """"When will it arrive and can I change the address?" -> two clauses."""
    pieces = []
    a = start
    for m in _SPLIT_CONJ_RE.finditer(text, start, end):
        if m.start() - a >= 8:
            pieces.append((a, m.start()))
            a = m.end()
    pieces.append((a, end))
    return pieces


# Patterns of classify and _inner_question, compiled once (not looked up in
# re's cache for every clause).
_WH_OF_RE = rc.compile(r"(?i)(how\s+(?:much|many|long|often|soon|far|come)|" + _WH + r")\b")
_ASCII_LETTER_RE = rc.compile(r"[A-Za-z]")
_REST_LEAD_RE = rc.compile(r"(?i)^(?:if|whether|about|on|regarding)\s+")
_WH_WORD_RE = rc.compile(r"(?i)\b(?:how|what|when|where|why|which|who)\b")
_WORD_AFTER_SPACE_RE = rc.compile(r"(?<=\s)\w")
_CAN_YOU_RE = rc.compile(r"(?i)(?<=\s)(?:can|could|would)\s+(?:you|u)\s")
_PLEASE_RE = rc.compile(r"(?i)(?<=[\s.])(?:please|pls|plz|kindly)\s")
_RELATIVE_RE = rc.compile(r"(?i)(?:which|who|whom|whose)\b")
_BARE_WH_RE = rc.compile(rf"(?i)(?:but\s+|and\s+|so\s+)?(?:{_WH}|how\s+come)")


def _wh_of(clause: str) -> str | None:
    m = _WH_OF_RE.match(clause)
    return " ".join(m.group(1).lower().split()) if m else None


def classify(clause: str, has_mark: bool, indirect: bool = True) -> tuple[str, str | None, str] | None:
    """(kind, wh-word, focus) when ``clause`` is a question, else None."""
    c = _clean(clause)
    if not c or not _ASCII_LETTER_RE.search(c):
        return None
    if indirect:
        m = _INDIRECT_RE.search(c)
        if m and _CUE_NEGATED_RE.search(c[: m.start()]):
            m = None
        cue = c[m.start("cue"):m.end("cue")].lower() if m else ""
        if m and not has_mark and cue.startswith(("i don", "i do not")):
            m = None
        if m and (m.start() <= 40 or has_mark):
            rest = c[m.start("rest"):m.end("rest")].strip() if m.start("rest") >= 0 else ""
            rest = _REST_LEAD_RE.sub("", rest)
            if rest or cue.startswith(("any ", "please advise", "pls advise", "plz advise")):
                wh = _wh_of(rest)
                if cue.startswith(("i don", "i do not")) and not wh:
                    pass  # "I don't know" + statement is not a question
                else:
                    return ("indirect", wh, rest or c)
    if _EXPLICIT_REQUEST_RE.match(c):
        wh_at = _WH_WORD_RE.search(c)
        return ("request", _wh_of(c[wh_at.start():]) if wh_at else None, c)
    wm = _WH_OPEN_RE.match(c)
    if wm and wm.group("wh"):
        if not has_mark and not _inverted(c):
            return None
        return ("wh", " ".join(wm.group("wh").lower().split()), c)
    am = _ACTION_REQUEST_RE.match(c)
    if am and am.group("verb") not in ("i", "we"):
        return ("request", None, c)
    if wm and wm.group("aux"):
        if not has_mark and not _NOMARK_YESNO_RE.match(c):
            return None
        return ("yesno", None, c)
    if has_mark:
        wh = _wh_of(c)
        if wh:
            return ("wh", wh, c)
    inner = _inner_question(c, has_mark)
    if inner is not None:
        return inner
    if has_mark:
        # "You're closed today?", "Any update?": a question by its mark.
        if len(c.split()) >= 2 or c.lower() in ("why", "when", "where", "how"):
            return ("yesno", None, c)
        return None
    return None


_INNER_START_RE = rc.compile(
    r"(?i)(?:[,;:]\s*|\s+-+\s+|\s(?:and|but|so|or|then|now|also|pls|please)\s+)(?=\w)")


def _inner_question(c: str, has_mark: bool) -> tuple[str, str | None, str] | None:
    """A question that starts inside the clause: "My phone broke, how do I fix it",
    "I ordered online yesterday is there a fix for this?" (with a question
    mark, any word may start it; without, only after a comma or conjunction)."""
    starts = [m.end() for m in _INNER_START_RE.finditer(c)]
    if has_mark:
        starts += [m.start() for m in _WORD_AFTER_SPACE_RE.finditer(c)]
    else:
        # "...bought the skin could you return my money": strong enough anywhere.
        starts += [m.start() for m in _CAN_YOU_RE.finditer(c)]
        starts += [m.start() for m in _PLEASE_RE.finditer(c)]
    for i in sorted(set(starts)):
        if i == 0:
            continue
        tail = c[i:]
        if _EXPLICIT_REQUEST_RE.match(tail):
            return ("request", None, tail)
        if len(tail.split()) < 3:
            continue
        m = _WH_OPEN_RE.match(tail)
        if not m:
            am = _ACTION_REQUEST_RE.match(tail)
            if am and am.group("verb") not in ("i", "we"):
                return ("request", None, tail)
            continue
        if m.group("wh"):
            if not has_mark and (not _inverted(tail) or _RELATIVE_RE.match(tail)):
                continue  # ", which is ...", ", when I ...": a relative clause
            return ("wh", " ".join(m.group("wh").lower().split()), tail)
        if not has_mark and not _NOMARK_YESNO_RE.match(tail):
            continue
        return ("yesno", None, tail)
    return None


def extract_questions(text: str, config: QuestionConfig | None = None,
                      protected: Sequence[tx.Span] | None = None) -> list[Question]:
    """Every question the customer asked, in order, social ones left out."""
    config = config or QuestionConfig()
    if protected is None:
        protected = tx.protected_spans(text)
    skip = config.skip_re()
    out: list[Question] = []
    prev = ""
    for s_start, s_end in _segments(text, protected):
        seg = text[s_start:s_end]
        has_mark = bool(_QUESTION_MARK_RE.search(seg))
        for a, b in _split_conjoined(text, s_start, s_end):
            clause = text[a:b]
            piece_mark = has_mark and (b == s_end)
            got = classify(clause, piece_mark or bool(_QUESTION_MARK_RE.search(clause)), config.indirect)
            if got is None:
                continue
            cleaned = _clean(clause)
            focus = _clean(got[2])
            if skip.match(cleaned) or skip.match(focus):
                continue
            lead = len(clause) - len(clause.lstrip())
            q_text = clause.strip()
            # A question inside a longer clause starts where its own words do.
            inner_at = q_text.find(got[2]) if got[0] != "indirect" and got[2] else -1
            if inner_at > 0:
                lead += inner_at
                q_text = q_text[inner_at:]
            if _BARE_WH_RE.fullmatch(focus) and prev:
                # A bare "Why?" asks about the sentence before it.
                focus = f"{_clean(prev)} {focus}"
            out.append(Question(a + lead, a + lead + len(q_text), q_text, got[0], got[1], focus))
        prev = text[s_start:s_end]
    return out


def question_config(guide_section: Mapping[str, Any] | None) -> QuestionConfig:
    return QuestionConfig.from_section(guide_section)
