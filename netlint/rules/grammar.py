"""Grammar: netlint's own offline checks for the mistakes that matter in support replies.

These are precise patterns, not a grammar engine: each fires only where the
text is wrong whatever the context, so that an agent can trust every finding.
Nothing fires inside URLs, e-mail addresses, handles, placeholders, codes, or
text quoted from the customer. A guide may add an engine (G300) on top.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from .. import regexcache as rc
from .. import text as tx
from ..document import Document
from ..finding import Fix, Hit, Severity
from ..rule import Context, Rule
from .gates import live
from .grammar_engine import record

WORD = r"[A-Za-z]+(?:['’][A-Za-z]+)?"


def _free(doc: Document, start: int, end: int) -> bool:
    """True when the span is prose the agent wrote (not protected, not quoted)."""
    return not doc.is_protected(start, end, quotes=True)


def _free_or_code(doc: Document, start: int, end: int) -> bool:
    """Like :func:`_free`, but a code ("8-digit", "ZX-4821") still counts as a word."""
    if any(q.overlaps(start, end) for q in doc.quotes):
        return False
    return all(p.kind == "code" for p in doc.protected if p.overlaps(start, end))


def _match_case(template: str, replacement: str) -> str:
    if template[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# -- a / an --------------------------------------------------------------------

# Words spelled with a vowel that start with a consonant sound ("a user").
_CONSONANT_SOUND = rc.compile(
    r"^(?:one(?!ss?\b|rous)|once|eu|ewe|uni(?!n|m|d|ll|rr)|use|usi|usu|uti|ure|uri|uro|ura"
    r"|ubiq|uk|ufo|u-|ouija|uganda|ukrain|ute|ural)", re.I)
# Words spelled with a consonant that start with a vowel sound ("an hour").
_VOWEL_SOUND_H = rc.compile(r"^(?:hour|honest|honou?r|heir)", re.I)
# Either article is in use ("a/an historic", "a/an hotel", "an herb" in the US).
_EITHER = rc.compile(r"^(?:histor|hotel|herb|habitu|hilar|hypoth|hyster|heroic|homage|x|y)", re.I)
# "\b(a|an|A|An|AN)\s+..." with the letter first and "\b" as a look-behind
# after it: the search skips to each "a" / "A" at C speed. Same matches and
# groups ("a" and "an" cannot both be followed by white space).
_ARTICLE_RE = rc.compile(r"(a(?<!\wa)n?|A(?<!\wA)[nN]?)\s+([A-Za-z][A-Za-z'’-]*|\d[\d,.]*)")


def _wants_an(word: str) -> bool | None:
    """True for a vowel sound, False for a consonant sound, None when unsure."""
    if word[:1].isdigit():
        digits = re.match(r"[\d,]+", word)
        n = digits.group().replace(",", "") if digits else ""
        if not n:
            return None
        # "an 8", "an 80", "an 11-day", "an 18"; "a 1", "a 100"
        return n.startswith("8") or n in ("11", "18") or (len(n) in (4, 5) and n[:2] in ("11", "18")
                                                          and len(n) == 4)
    if word.isupper() and len(word) > 1:
        return None  # acronyms: "an FAQ" (letters) or "a NATO" (a word) - unknowable
    if any(c.isupper() for c in word[1:]):
        return None  # "eBay", "iPhone": brand names, pronounced as their owners say
    if _EITHER.match(word) or len(word) == 1:
        return None
    if _VOWEL_SOUND_H.match(word):
        return True
    if _CONSONANT_SOUND.match(word):
        return False
    if word[0].lower() in "aeio":
        return True
    if word[0].lower() == "u":
        # "an update", "an unusual", "an umbrella"; "a unique", "a useful" are above.
        return bool(re.match(r"u(?:n|p|m|g|l|s[^aeiou]|t[^aeiou]|r[^aeiou]|d|nd|b|c|f|k)", word, re.I))
    return False


class ArticleAAn(Rule):
    """## What it does
    Flags "a" before a vowel sound and "an" before a consonant sound: "a
    order", "an refund", "an user". Knows the common exceptions by sound
    ("a user", "a one-time code", "a European", "an hour", "an honest
    mistake", "an 8-digit code") and leaves alone words where usage differs
    ("an historic", "an herb") and acronyms.

    ## Why
    A wrong article is one of the first things a customer notices, and it reads
    as carelessness in a written reply.

    ## Example
    We have sent a email with a invoice and an receipt.

    ## Use instead
    We have sent an email with an invoice and a receipt.

    ## Fix safety
    Safe: only the article changes, and only where the sound of the next word
    is known.
    """

    code = "G110"
    name = "article-a-an"
    category = "grammar"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"text"})
    bad_examples = (
        "We have sent a email with the details.",
        "I have issued an refund for the damaged item.",
        "You will need an user name to sign in.",
        "It takes a hour or so.",
        "Please enter a 8-digit code.",
    )
    good_examples = (
        "We have sent an email with a one-time code.",
        "It was an honest mistake and it took an hour to fix.",
        "You will need a user name and a unique password.",
        "This is a European order with an FAQ and a NASA sticker.",
        "An update is on its way, with a useful guide and an unusual fix.",
        "Please pick option A or B.",
        'You wrote "I got a error" - sorry about that.',
        "That is an historic building.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return record(doc, self._check(doc))

    def _check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for m in _ARTICLE_RE.finditer(text):
            art, word = m.group(1), m.group(2)
            if art == "A" and not _sentence_start(text, m.start()):
                continue  # "option A or B", "vitamin A"
            if text[m.end(1):m.start(2)].count("\n") > 1:
                continue
            if not _free(doc, m.start(1), m.end(1)) or not _free_or_code(doc, m.start(2), m.end(2)):
                continue
            wants = _wants_an(word.strip("'’-"))
            if wants is None:
                continue
            is_an = art.lower() == "an"
            if wants == is_an:
                continue
            new = ("an" if wants else "a")
            new = new.upper() if art.isupper() and len(art) > 1 else _match_case(art, new)
            yield Hit(m.start(1), m.end(1), f"Use '{new}' before '{word}'.",
                      (Fix.replace(m.start(1), m.end(1), new),))


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?\n:;\"“(" or text[pos - 1:pos] == "\n"


# -- repeated words ------------------------------------------------------------

_REPEAT_RE = rc.compile(r"\b([A-Za-z]+(?:['’][A-Za-z]+)?)([ \t]+|[ \t]*\n[ \t]*)(\1)\b", re.I)
# _REPEAT_RE's case-sensitive twin over the folded draft (gates.py), faster than
# the pattern: letters lower-case alike exactly where they match ignoring case,
# and a repeated word runs from a word boundary to white space, so the possessive
# quantifiers give up nothing a match of the pattern needs.
_REPEAT_GATE_RE = rc.compile(r"\b([a-z]++(?:['’][a-z]++)?+) \1\b")
# Doubled words that are correct English or deliberate.
_REPEAT_OK = frozenset(
    "had that is do bye ha haha hey no so there knock well tsk chop pooh yeah yes".split())


class RepeatedWord(Rule):
    """## What it does
    Flags a word written twice in a row: "the the", "to to", "is is". Leaves
    alone the doubles that are correct English ("had had", "that that") or
    deliberate ("bye bye", "no no").

    ## Why
    A doubled word is the most common slip when a reply is edited in a hurry,
    and spell checkers do not see it.

    ## Example
    Your order will arrive on on Friday.

    ## Use instead
    Your order will arrive on Friday.

    ## Fix safety
    Safe: the second copy is deleted.
    """

    code = "G111"
    name = "repeated-word"
    category = "grammar"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"text"})
    bad_examples = (
        "Your order will arrive on on Friday.",
        "Please check the the tracking link.",
        "I will forward this to to our billing team.",
    )
    good_examples = (
        "Your order will arrive on Friday.",
        "She had had the same problem before.",
        "I know that that link has expired.",
        "Bye bye for now!",
        'You wrote "the the app crashes" in your message.',
        "Hi Sam, Sam from our returns team will call you.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return record(doc, self._check(doc))

    def _check(self, doc: Document) -> Iterator[Hit]:
        text = doc.folded
        if text is not None and not _REPEAT_GATE_RE.search(text):
            return
        for m in _REPEAT_RE.finditer(doc.text):
            word = m.group(1)
            if word.lower() in _REPEAT_OK:
                continue
            if m.group(1) != m.group(3) and not (m.group(1).lower() == m.group(3).lower()
                                                and m.group(1)[0].isupper()):
                continue  # "Will will" at a sentence start only; "US us" is two words
            if word[:1].isupper() and word.lower() not in ("the", "a", "an", "to", "and", "of",
                                                            "in", "on", "for", "is", "it"):
                continue  # "Sam Sam", a name or a greeting then a name
            if not _free(doc, m.start(), m.end()):
                continue
            yield Hit(m.start(3), m.end(3), f"'{word}' is repeated.",
                      (Fix.replace(m.end(1), m.end(3), "", f"Delete the second '{word}'"),))


# -- confused words ------------------------------------------------------------

# (pattern, group to replace, replacement or callable, message). Patterns are
# matched case-insensitively on whole words; each is chosen so that the
# flagged form is wrong in every context it matches.
_COMPARATIVES = (
    "more|less|better|worse|rather|fewer|greater|higher|lower|faster|slower|longer|shorter"
    "|bigger|smaller|larger|cheaper|easier|harder|quicker|older|newer|other")
_MODALS = r"will|won't|wont|would|could|might|may|can|cannot|can't|should|to|not|don't|didn't|never"
_CONFUSED: tuple[tuple[str, int, str, str], ...] = (
    (r"\b(could|should|would|must|might|may)\s+(of)\b(?!\s+course)", 2, "have",
     "'{0} of' should be '{0} have'."),
    (r"\b(alot)\b", 1, "a lot", "'alot' is two words: 'a lot'."),
    (r"\b(your)\s+(?:welcome\b(?!\s+(?:email|e-mail|pack|message|gift|letter|offer|bonus|kit|"
     r"call|screen|page|discount|note|credit|package))|not\b|going\s+to\b|gonna\b|all\s+set\b)",
     1, "you're", "'your' should be 'you're' (you are) here."),
    (r"\b(you're|youre)\s+(?:order|account|package|parcel|refund|payment|subscription|request|"
     r"ticket|card|name|password|address|email|phone|booking|delivery|invoice)\b", 1, "your",
     "'{0}' should be 'your' (belonging to you) here."),
    (r"\b(its)\s+(?:a|an|been|not|going|okay|ok|now|just|already|because|likely|possible|true|"
     r"important|my|your|our|their|currently|still|definitely|probably)\b", 1, "it's",
     "'its' should be 'it's' (it is / it has) here."),
    (r"\b(it's)\s+(?:own|self)\b", 1, "its", "'it's' should be 'its' (belonging to it) here."),
    (r"\b(their)\s+(?:is|are|was|were|isn't|aren't|wasn't|weren't|will\s+be|has\s+been"
     r"|have\s+been)\b", 1, "there", "'their' should be 'there' here."),
    (r"\b(their|there)\s+(?:going\s+to|gonna|not\s+going)\b", 1, "they're",
     "'{0}' should be 'they're' (they are) here."),
    (rf"\b(?:{_COMPARATIVES})\s+(then)\b", 1, "than",
     "'then' should be 'than' in a comparison."),
    (rf"\b(?:{_MODALS})\s+(loose)\b", 1, "lose", "'loose' should be 'lose' here."),
    (r"\b(?:the|an|no|any|side|immediate|an\s+adverse)\s+(affect)(s?)\b", 1,
     "effect", "'affect' should be 'effect' (the result) here."),
    (r"\b(everyday)(?=\s*(?:[.,!?;]|$)|\s+(?:at|in|for|from|until|till|since|and|but|so|"
     r"this|that|between|before|after|or)\b)", 1, "every day",
     "'everyday' means 'ordinary'; write 'every day' (each day) here."),
    (r"\b(?:I|we|we'd|I'd|please|kindly|would|will|can|could|should)\s+(advice)\b", 1,
     "advise", "'advice' is the noun; the verb is 'advise'."),
    (r"\b(?:some|any|good|your|our|my|the|this|that|of|for|professional|legal|medical|financial|"
     r"expert|helpful|useful|further)\s+(advise)\b(?!\s+(?:you|him|her|them|us|me|on|whether))",
     1, "advice", "'advise' is the verb; the noun is 'advice'."),
)
# Each pattern's words as they stand in the folded text (gates.py), in the order of
# _CONFUSED: a draft holding none of a pattern's phrases is not searched with it
# (most replies hold none). tests/test_text.py checks the two line up.
_CONFUSED_PHRASES: tuple[tuple[str, ...], ...] = (
    ("could of", "should of", "would of", "must of", "might of", "may of"),
    ("alot",),
    ("your welcome", "your not", "your going", "your gonna", "your all"),
    ("you're ", "youre "),
    ("its ",),
    ("it's own", "it's self"),
    ("their is", "their are", "their was", "their were", "their will", "their has", "their have"),
    ("their going", "their gonna", "their not", "there going", "there gonna", "there not"),
    ("e then", "s then", "r then"),  # every comparative ends in "e", "s" or "r"
    ("loose",),
    ("affect",),
    ("everyday",),
    ("advice",),
    ("advise",),
)
_CONFUSED_RES = tuple((tx.LazyRegex(p, re.I | re.M), g, r, msg) for p, g, r, msg in _CONFUSED)


class ConfusedWords(Rule):
    """## What it does
    Flags commonly confused words where the context leaves no doubt:
    your/you're, its/it's, their/there/they're, then/than, loose/lose,
    affect/effect, could of/should of, alot, everyday/every day,
    advice/advise.

    ## Why
    These are the mistakes customers notice and screenshot. A spell checker
    cannot catch them: both words are spelled correctly.

    ## Example
    Your welcome! Its been shipped and it should of arrived by now.

    ## Use instead
    You're welcome! It's been shipped and it should have arrived by now.

    ## Fix safety
    Safe: each pattern only matches where one reading is possible.
    """

    code = "G120"
    name = "confused-words"
    category = "grammar"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"text"})
    bad_examples = (
        "Your welcome, happy to help!",
        "Its been shipped this morning.",
        "The parcel should of arrived by now.",
        "Their is a delay with your order.",
        "This plan costs less then the old one.",
        "You will not loose any data.",
        "This change has no affect on your bill.",
        "We check the queue everyday.",
        "We advice you to reset the router.",
        "Thanks alot for waiting.",
        "I have updated you're account.",
        "The app has a setting of it's own.",
    )
    good_examples = (
        "You're welcome, happy to help! Your order is on its way.",
        "It's been shipped; its tracking number is in the e-mail.",
        "The parcel should have arrived by now. It could, of course, be in the post room.",
        "There is a delay; their team is on it and they're going to call you.",
        "This plan costs less than the old one. Then you can upgrade.",
        "You will not lose any data. The cable was loose.",
        "This change does not affect your bill; the effect is small.",
        "These are everyday items. We check the queue every day.",
        "We advise you to reset the router. Thanks for the advice.",
        "Thanks a lot for waiting. Your welcome pack is on its way.",
        'You wrote "your welcome" on the form; we have fixed it.',
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return record(doc, self._check(doc))

    def _check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        seen: set[int] = set()
        may_match = live(doc, _CONFUSED_PHRASES)
        for i, (rx, group, replacement, message) in enumerate(_CONFUSED_RES):
            if i not in may_match:
                continue
            for m in rx.finditer(text):
                start, end = m.start(group), m.end(group)
                if start in seen or not _free(doc, m.start(), m.end()):
                    continue
                seen.add(start)
                wrong = m.group(group)
                new = _match_case(wrong, replacement)
                yield Hit(start, end, message.format(wrong),
                          (Fix.replace(start, end, new),))


# -- subject-verb agreement ----------------------------------------------------

_NUMBER_WORDS = ("two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|a\\s+few"
                 "|both|numerous|\\d*[02-9]|\\d+\\d")
_AGREEMENT: tuple[tuple[str, int, str, str], ...] = (
    (r"\b(?:we|they|you)\s+(was)\b(?!\s+(?:to\s+)?(?:say|said)\b)", 1, "were",
     "Use 'were' with '{subj}'."),
    (r"\b(?:he|she|it)\s+(don't|dont|do\s+not)\b", 1, "doesn't",
     "Use 'doesn't' with '{subj}'."),
    (r"\b(?:I)\s+(is|are)\b", 1, "am", "Use 'am' with 'I'."),
    (r"\b(?:he|she|it)\s+(are|were(?=\s+(?:not\s+)?(?:\w+ing|sent|shipped|delivered|done)\b))",
     1, "is", "Use a singular verb with '{subj}'."),
    (r"\b(?:we|they|you)\s+(is|has)\b(?!\s+(?:to|been\s+to)\b)", 1, "",
     "Use a plural verb with '{subj}'."),
    (r"\b(?:I|we|they|you)\s+(doesn't|doesnt|does\s+not)\b", 1, "don't",
     "Use 'don't' with '{subj}'."),
    (r"\b(?:he|she)\s+(have)\b(?!\s+to\b)", 1, "has", "Use 'has' with '{subj}'."),
    (rf"\bthere\s+(is|was)\s+(?:{_NUMBER_WORDS})\s+(?!of\b|percent\b|per\b|%)[a-z]", 1, "",
     "Use '{plural}' before a plural: 'there {plural} ...'."),
)
# Each pattern's subject and verb as they stand in the folded text (gates.py), in
# the order of _AGREEMENT: a draft holding none of a pattern's pairs is not searched
# with it ("she" holds "he").
_AGREEMENT_PAIRS: tuple[tuple[str, ...], ...] = (
    ("we was", "they was", "you was"),
    ("he do", "it do"),
    ("i is", "i are"),
    ("he are", "it are", "he were", "it were"),
    ("we is", "they is", "you is", "we has", "they has", "you has"),
    ("i does", "we does", "they does", "you does"),
    ("he have",),
    ("there is ", "there was "),
)
_AGREEMENT_RES = tuple((tx.LazyRegex(p, re.I), g, r, msg) for p, g, r, msg in _AGREEMENT)
_PLURAL_OF = {"is": "are", "was": "were", "has": "have"}
# Words before a subject pronoun that make the verb after it an infinitive or
# a question: "does it have", "let them is" never, "make sure it are" never.
_AUX_BEFORE = rc.compile(r"(?:\b(?:does|did|do|will|would|can|could|should|might|may|must|let|"
                         r"make|help|if|whether|that|as)\s+)$", re.I)


class SubjectVerbAgreement(Rule):
    """## What it does
    Flags the common agreement slips between a pronoun and its verb: "we
    was", "they was", "he don't", "it don't", "I is", "they is", and "there
    is" before a counted plural ("there is two orders").

    ## Why
    Agreement errors read as careless or uneducated, and they are frequent
    when agents type fast or write in a second language.

    ## Example
    We was unable to reach you, and it don't look like the parcel moved.

    ## Use instead
    We were unable to reach you, and it doesn't look like the parcel moved.

    ## Fix safety
    Safe: the verb is replaced by the form the pronoun needs.
    """

    code = "G130"
    name = "subject-verb-agreement"
    category = "grammar"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"text"})
    bad_examples = (
        "We was unable to reach you yesterday.",
        "It don't look like the parcel has moved.",
        "They was delivered to the wrong address.",
        "There is two orders on your account.",
        "I is happy to help.",
        "They is on the way.",
        "They doesn't know the code yet.",
        "She have a question about billing.",
    )
    good_examples = (
        "We were unable to reach you yesterday.",
        "It doesn't look like the parcel has moved.",
        "There are two orders on your account; there is one refund.",
        "Does it have a serial number? If it were mine I would return it.",
        "There is 20% off today, and there was 1 item left.",
        'You said "they was rude" - I am sorry to hear that.',
        "What you said was right, and what they say is true.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return record(doc, self._check(doc))

    def _check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        may_match = live(doc, _AGREEMENT_PAIRS)
        for i, (rx, group, replacement, message) in enumerate(_AGREEMENT_RES):
            if i not in may_match:
                continue
            for m in rx.finditer(text):
                if not _free(doc, m.start(), m.end()):
                    continue
                if _AUX_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
                    continue
                # "what you said was", "who we was" are different sentences: the
                # pronoun must start a clause.
                before = text[:m.start()].rstrip()
                if before and before[-1].isalpha() and re.search(
                        r"\b(?:what|who|which|where|how|than|said|says|say)$", before, re.I):
                    continue
                start, end = m.start(group), m.end(group)
                verb = m.group(group)
                new = replacement or _PLURAL_OF.get(verb.lower(), verb)
                new = _match_case(verb, new)
                subj = m.group(0).split()[0]
                yield Hit(start, end, message.format(subj=subj, plural=new.lower()),
                          (Fix.replace(start, end, new),))


class ThereIsPlural(Rule):
    """## What it does
    Uses the part-of-speech tagger to flag "there is" or "there was" followed
    by a plural noun ("there is some issues", "there was delays"), and a
    singular pronoun with a plural verb form ("he go", "it work"), cases the
    pattern rule G130 cannot see. Needs a spaCy model; skipped without one.
    Off by default, because loading the model costs about a second per run:
    turn it on with `extend-select: [G131]`.

    ## Why
    Agreement errors read as careless, and these are the ones that slip past a
    quick proof-read.

    ## Example
    There was some delays with the courier and it seem fine now.

    ## Use instead
    There were some delays with the courier and it seems fine now.

    ## Fix safety
    Unsafe: the tagger can be wrong about a word's number.
    """

    code = "G131"
    name = "agreement-tagged"
    category = "grammar"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"pos", "lemmas"})
    # Loading a spaCy model costs a second: opt in with `extend-select: [G131]`.
    default_enabled = False
    bad_examples = (
        "There was some delays with the courier.",
        "There is some issues with the payment page.",
        "I checked and it seem fine now.",
    )
    good_examples = (
        "There were some delays with the courier.",
        "There is some news about your order.",
        "I checked and it seems fine now. Does it work for you?",
        "There is a number of options, and there is always the refund.",
        "Let it go through and make sure he go back to the shop.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return record(doc, self._check(doc))

    def _check(self, doc: Document) -> Iterator[Hit]:
        sp = doc.spacy
        for i, tok in enumerate(sp):
            if not _free(doc, tok.idx, tok.idx + len(tok)):
                continue
            low = tok.lower_
            if low == "there" and i + 2 < len(sp) and sp[i + 1].lower_ in ("is", "was"):
                verb = sp[i + 1]
                nxt = [t for t in sp[i + 2:i + 5]]
                # "there is/was (some|no|many)? NNS"
                j = 0
                if nxt and nxt[0].lower_ in ("some", "no", "many", "several", "these", "those",
                                             "other", "more", "only", "also"):
                    j = 1
                if j < len(nxt) and nxt[j].tag_ == "NNS" and not (
                        j + 1 < len(nxt) and nxt[j + 1].lower_ == "of"):
                    new = "are" if verb.lower_ == "is" else "were"
                    new = _match_case(verb.text, new)
                    yield Hit(verb.idx, verb.idx + len(verb),
                              f"'{nxt[j].text}' is plural: 'there {new.lower()} ...'.",
                              (Fix.replace(verb.idx, verb.idx + len(verb), new, safe=False),))
            elif low in ("he", "she", "it") and tok.dep_ in ("nsubj", "") and i + 1 < len(sp):
                verb = sp[i + 1]
                if verb.tag_ != "VBP" or verb.lower_ in ("do", "are", "have", "were", "am"):
                    continue
                prev = sp[i - 1].lower_ if i else ""
                if prev in ("let", "make", "makes", "made", "help", "helps", "see", "watch",
                            "does", "did", "do", "will", "would", "can", "could", "should",
                            "might", "may", "must", "that", "if", "whether", "lest"):
                    continue
                new = _third_person(verb.text, verb.lemma_)
                if not new:
                    continue
                yield Hit(verb.idx, verb.idx + len(verb),
                          f"Use '{new}' with '{tok.text}'.",
                          (Fix.replace(verb.idx, verb.idx + len(verb), new, safe=False),))


def _third_person(verb: str, lemma: str) -> str:
    base = (lemma or verb).lower()
    if base != verb.lower():
        return ""
    if re.search(r"(?:s|sh|ch|x|z|o)$", base):
        return base + "es"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + "s"


# -- verb forms ----------------------------------------------------------------

# Irregular verbs: base form -> (past tense, past participle).
_IRREGULAR = {
    "send": ("sent", "sent"), "spend": ("spent", "spent"), "take": ("took", "taken"),
    "give": ("gave", "given"), "write": ("wrote", "written"), "see": ("saw", "seen"),
    "do": ("did", "done"), "buy": ("bought", "bought"), "bring": ("brought", "brought"),
    "go": ("went", "gone"), "know": ("knew", "known"), "choose": ("chose", "chosen"),
    "drive": ("drove", "driven"), "forget": ("forgot", "forgotten"),
    "begin": ("began", "begun"), "speak": ("spoke", "spoken"), "break": ("broke", "broken"),
    "steal": ("stole", "stolen"), "throw": ("threw", "thrown"), "pay": ("paid", "paid"),
    "tell": ("told", "told"), "teach": ("taught", "taught"), "catch": ("caught", "caught"),
    "sell": ("sold", "sold"), "think": ("thought", "thought"), "find": ("found", "found"),
    "leave": ("left", "left"), "receive": ("received", "received"),
}
_PARTICIPLE_OF = {base: forms[1] for base, forms in _IRREGULAR.items() if base != "receive"}
_BASE_OF_PAST = {forms[0]: base for base, forms in _IRREGULAR.items()}
_PERFECT_RE = rc.compile(rf"\b(?:have|has|had|'ve|’ve)\s+({'|'.join(_PARTICIPLE_OF)})\b(?!-)",
                         re.I)
_AFTER_MODAL_RE = rc.compile(
    r"\b(will|would|can|could|should|might|must|did|didn't|didnt|won't|wouldn't|can't|cannot"
    r"|couldn't|shouldn't|doesn't|don't)(\s+not)?\s+([a-z]+)\b(?!-)")
# Words ending in -ed that are base forms, not past tenses.
_ED_BASES = frozenset("need feed seed speed bleed breed proceed succeed exceed shed wed bed embed "
                      "shred heed weed plead bleed greed".split())
# What each pattern cannot flag without, searched before it (both ~4x cheaper):
# in the folded draft (gates.py), "have"/"has"/"had"/"'ve" end in "ve", "s" or
# "d" before a base form; in the text (the pattern is case-sensitive), every
# modal above, or its "not", ends in one of these pairs, and only a past form or
# an "-ed" word of five letters or more after it is ever flagged.
_PERFECT_GATE_RE = rc.compile(rf"(?:ve|s|d) (?:{'|'.join(_PARTICIPLE_OF)})\b")
_AFTER_MODAL_GATE_RE = rc.compile(
    rf"(?:ll|ld|an|ht|st|id|'t|nt|ot)\s+(?:[a-z]{{3,}}ed|{'|'.join(_BASE_OF_PAST)})\b")


class VerbForm(Rule):
    """## What it does
    Flags a past tense after a modal or "did" ("we will sent", "it didn't
    arrived", "you can checked") and a base form after "have"/"has"/"had"
    where the participle differs ("we have send", "it has take").

    ## Why
    These verb-form slips are among the most frequent in replies written fast
    or in a second language, and they read as careless.

    ## Example
    We will sent a new code once we have receive the old one. It didn't arrived.

    ## Use instead
    We will send a new code once we have received the old one. It didn't arrive.

    ## Fix safety
    Unsafe: the base form is derived from the word list and is usually, but
    not always, the intended verb.
    """

    code = "G132"
    name = "verb-form"
    category = "grammar"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"text"})
    bad_examples = (
        "We will sent you a new code today.",
        "The parcel didn't arrived yesterday.",
        "We have send the invoice again.",
        "You can checked the status in the app.",
    )
    good_examples = (
        "We will send you a new code today. It didn't arrive yesterday.",
        "We have sent the invoice; it has taken a day.",
        "You can check the status. We will need your order number.",
        "We would proceed once it's paid. Have them send a photo.",
        "Did interested customers reply? It is not included.",
        'You wrote "I will sent it" yesterday.',
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return record(doc, self._check(doc))

    def _check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        lowered = doc.folded
        perfect = (_PERFECT_RE.finditer(text) if lowered is None or _PERFECT_GATE_RE.search(lowered)
                   else ())
        for m in perfect:
            if not _free(doc, m.start(), m.end()):
                continue
            verb = m.group(1)
            new = _match_case(verb, _PARTICIPLE_OF[verb.lower()])
            yield Hit(m.start(1), m.end(1), f"After '{m.group().split()[0]}', use '{new}'.",
                      (Fix.replace(m.start(1), m.end(1), new, safe=False),))
        lexicon = None
        after_modal = _AFTER_MODAL_RE.finditer(text) if _AFTER_MODAL_GATE_RE.search(text) else ()
        for m in after_modal:
            verb = m.group(3)
            low = verb.lower()
            base = _BASE_OF_PAST.get(low)
            if base is None:
                if not low.endswith("ed") or low in _ED_BASES or len(low) < 5:
                    continue
                if lexicon is None:
                    from ..grammar.lexicon import english

                    lexicon = english()
                base = _base_of_ed(low, lexicon)
                if base is None:
                    continue
            if not _free(doc, m.start(), m.end()):
                continue
            yield Hit(m.start(3), m.end(3), f"After '{m.group(1)}', use the base form '{base}'.",
                      (Fix.replace(m.start(3), m.end(3), base, safe=False),))


def _base_of_ed(word: str, lexicon: Any) -> str | None:
    """'received' -> 'receive', 'checked' -> 'check', 'applied' -> 'apply',
    'stopped' -> 'stop'; None when no base form is a known word."""
    stem = word[:-2]
    options = [word[:-1], stem]
    if stem.endswith("i"):
        options.append(stem[:-1] + "y")
    if len(stem) > 2 and stem[-1] == stem[-2]:
        options.append(stem[:-1])
    for option in options:
        if option in lexicon.freq and lexicon.freq[option] >= 1000:
            return option
    return None


# -- capitals ------------------------------------------------------------------

# The "i" first, the look-behind after it: the search skips to each "i" at C
# speed (the same matches as "(?<![\w'’.\-/(])i...").
_LOWER_I_RE = rc.compile(r"i(?<![\w'’.\-/(]i)(?=(?:['’](?:m|ve|ll|d)\b)|\s+[a-z]|\s*[,;]|$)(?![.)])",
                         re.M)


class LowercaseI(Rule):
    """## What it does
    Flags the pronoun "I" written in lower case: "i", "i'm", "i'll", "i've".

    ## Why
    It is the most visible sign of a reply typed in a hurry, even in chat.

    ## Example
    i have checked your order and i'll update you today.

    ## Use instead
    I have checked your order and I'll update you today.

    ## Fix safety
    Safe: the letter is capitalised.
    """

    code = "G140"
    name = "lowercase-i"
    category = "grammar"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"text"})
    bad_examples = (
        "Thanks! i have checked your order.",
        "Sure, i'm on it and i'll update you today.",
    )
    good_examples = (
        "Thanks! I have checked your order and I'll update you today.",
        "Please use the iPhone app, i.e. the one in the App Store.",
        "Steps: (i) sign in, (ii) open Orders.",
        'You wrote "i cant log in" - let me help.',
        "Open https://example.com/i/help for details.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return record(doc, self._check(doc))

    def _check(self, doc: Document) -> Iterator[Hit]:
        for m in _LOWER_I_RE.finditer(doc.text):
            if not _free(doc, m.start(), m.end()):
                continue
            yield Hit(m.start(), m.end(), "Write the pronoun 'I' in capitals.",
                      (Fix.replace(m.start(), m.end(), "I"),))


# The previous "sentence" ended in an abbreviation or an initial, not a full stop.
_ABBREVIATION_END = rc.compile(r"(?:\b[A-Za-z]{1,3}\.){2,}$|\b[A-Z]\.$"
                               r"|\b(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Prof|Mt|Inc|Ltd|Co|Corp|No|vs)\.$")
_BULLET_RE = rc.compile(r"[-*•>]|\d{1,2}[.)]|[a-z][.)]\s")
_LOWER_WORD_RE = rc.compile(r"[a-z][A-Za-z'’-]*")


class SentenceCapital(Rule):
    """## What it does
    Flags a sentence that starts with a lower-case letter after a full stop,
    question mark or exclamation mark, or at the start of the reply. Leaves
    alone list items, brand names written in lower case on purpose ("iPhone",
    "eBay"), text after an ellipsis or a comma-ended greeting line, and
    sentences that start with a URL, handle or placeholder.

    ## Why
    A sentence without a capital looks like a typo and makes a reply harder to
    scan.

    ## Example
    Thanks for waiting. your parcel is on its way.

    ## Use instead
    Thanks for waiting. Your parcel is on its way.

    ## Fix safety
    Safe: the first letter is capitalised.
    """

    code = "G141"
    name = "sentence-capital"
    category = "grammar"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"sentences"})
    bad_examples = (
        "Thanks for waiting. your parcel is on its way.",
        "thanks for reaching out about your order.",
        "Is that the right address? we can change it today.",
    )
    good_examples = (
        "Thanks for waiting. Your parcel is on its way.",
        "Hi Sam,\nthanks for reaching out.",
        "Next steps:\n- sign in\n- open Orders",
        "Open the iPhone app. eBay orders are listed there too.",
        "Well... let me check that for you.",
        "Thanks! {{agent.first_name}} will call you.",
        "Thanks. @sam_support can help too.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return record(doc, self._check(doc))

    def _check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        prev_end: str | None = None
        for sent in doc.sentences:
            closing = prev_end
            prev_end = sent.text.rstrip("\"”’)]")[-1:]
            if closing is not None and closing not in ".!?":
                continue
            # Cheapest test first (each test below only lets a sentence go): most
            # sentences open with a capital, and the tests on the text before a
            # sentence copy it.
            m = _LOWER_WORD_RE.match(sent.text)
            if not m:
                continue
            if closing is not None and text[:sent.start].rstrip().endswith(("...", "…")):
                continue
            if closing == "." and _ABBREVIATION_END.search(text[:sent.start].rstrip()):
                continue  # "a Ph.D. in", "Dr. Smith", "Ronald S. Weinstein": not a new sentence
            if _BULLET_RE.match(sent.text):
                continue
            word = m.group()
            if any(c.isupper() for c in word[1:]):
                continue  # iPhone, eBay
            start = sent.start
            if not _free(doc, start, start + len(word)):
                continue
            if word in ("e", "i") and text[start + 1:start + 2] == ".":
                continue  # e.g., i.e.
            yield Hit(start, start + len(word), "Start the sentence with a capital letter.",
                      (Fix.replace(start, start + 1, text[start].upper()),))


# -- punctuation and spacing ----------------------------------------------------

_SIGN_OFF_RE = rc.compile(
    r"^(?:thanks|thank you|many thanks|cheers|best|regards|kind regards|best regards|warm regards"
    r"|all the best|sincerely|yours|take care|speak soon|talk soon|have a (?:great|good|nice|lovely)"
    r"|enjoy (?:your|the))\b", re.I)


class MissingEndPunctuation(Rule):
    """## What it does
    In e-mail, flags a sentence of four words or more that ends a line or the
    reply without a full stop, question mark or exclamation mark. Greetings,
    sign-offs, names, list items, headings and lines that end with a link are
    left alone. Off by default for chat, social and SMS, where a missing final
    full stop is normal (option `channels`).

    ## Why
    In an e-mail a sentence without its full stop looks unfinished, as if the
    agent was interrupted.

    ## Example
    Your refund has been processed and will reach your card in 3-5 days

    ## Use instead
    Your refund has been processed and will reach your card in 3-5 days.

    ## Fix safety
    Unsafe: the sentence might have been meant as a question.
    """

    code = "G150"
    name = "missing-end-punctuation"
    category = "grammar"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"sentences"})
    defaults: ClassVar[dict[str, Any]] = {
        "check": {"email": True, "chat": False, "social": False, "sms": False},
        "min_words": 4,
    }
    bad_examples = (
        {"text": "Hi Sam,\n\nYour refund has been processed and will reach your card soon\n\n"
                 "Best regards,\nTom", "channel": "email"},
        {"text": "Your refund has been processed and will reach your card in 3-5 days",
         "channel": "email"},
    )
    good_examples = (
        {"text": "Hi Sam,\n\nYour refund has been processed.\n\nBest regards,\nTom Baker",
         "channel": "email"},
        {"text": "Your refund has been processed and will reach your card soon",
         "channel": "chat"},
        {"text": "Here are the steps:\n- Open the app and sign in\n- Tap Orders then Returns\n",
         "channel": "email"},
        {"text": "You can track it here: https://example.com/track/123", "channel": "email"},
        {"text": "Thanks again and have a great weekend", "channel": "email"},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not ctx.get("check"):
            return ()
        return record(doc, self._check(doc, int(ctx.get("min_words", 4))))

    def _check(self, doc: Document, min_words: int) -> Iterator[Hit]:
        text = doc.text
        for sent in doc.sentences:
            last = sent.text[-1]
            if not (last.isalnum() or last in "'’"):
                continue
            after = text[sent.end:]
            if after.strip() and not after.startswith("\n") and not after.lstrip(" \t").startswith(
                    "\n"):
                continue  # the sentence goes on (the splitter cut it for another reason)
            if _BULLET_RE.match(sent.text) or (_SIGN_OFF_RE.match(sent.text)
                                               and len(sent.text.split()) <= 8):
                continue
            if len(doc.sentence_words(sent)) < min_words:
                continue
            if doc.is_protected(sent.end - 1, sent.end, quotes=True):
                continue
            if sent.text.istitle():
                continue  # a heading: "Your Order Details And Next Steps"
            yield Hit(sent.end - 1, sent.end, "End the sentence with a full stop (or ? or !).",
                      (Fix.replace(sent.end, sent.end, ".", "Add a full stop", safe=False),))


_DOUBLE_SPACE_RE = rc.compile(r"(?<=\S)( {2,3})(?=\S)")


class DoubleSpace(Rule):
    """## What it does
    Flags two or three spaces between words inside a line. Wider gaps
    (columns lined up on purpose) and indentation are left alone.

    ## Why
    Double spaces are invisible to the writer and look sloppy in a rendered
    e-mail or a chat bubble.

    ## Example
    Your order  has shipped.

    ## Use instead
    Your order has shipped.

    ## Fix safety
    Safe: the gap becomes one space.
    """

    code = "G160"
    name = "double-space"
    category = "grammar"
    severity = Severity.INFO
    fixable = True
    needs = frozenset({"text"})
    bad_examples = ("Your order  has shipped.", "Thanks for waiting.  Your parcel is here.")
    good_examples = (
        "Your order has shipped.",
        "Order:      12345\nStatus:     shipped",
        "    indented line",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return record(doc, self._check(doc))

    def _check(self, doc: Document) -> Iterator[Hit]:
        if "  " not in doc.text:
            return  # every match is two or three spaces
        for m in _DOUBLE_SPACE_RE.finditer(doc.text):
            if not _free(doc, m.start() - 1, m.end() + 1):
                continue
            yield Hit(m.start(), m.end(), "Use one space between words.",
                      (Fix.replace(m.start(), m.end(), " "),))


_SPACE_BEFORE_RE = rc.compile(r"(?<=[A-Za-z0-9)\]’'\"”])([ \t]+)([,.;:!?])(?=\s|$|[\"”’)])", re.M)
_SPACE_BEFORE_GATE_RE = rc.compile(r"[ \t][,.;:!?]")
# Emoticons start with these: " :)", " ;-)", " :D", " :P".
_EMOTICON_AFTER = rc.compile(r"[:;]['-]?[)(DPpOo3*|/\\\]\[]")


class SpaceBeforePunctuation(Rule):
    """## What it does
    Flags a space before a comma, full stop, colon, semicolon, question mark
    or exclamation mark: "Thanks , Sam", "Is it working ?". Emoticons
    (" :)") and ellipses are left alone.

    ## Why
    In English, punctuation sits against the word before it; a space before it
    looks like a typo and can break the line before the mark.

    ## Example
    Thanks for waiting , your order is ready !

    ## Use instead
    Thanks for waiting, your order is ready!

    ## Fix safety
    Safe: the space is removed.
    """

    code = "G161"
    name = "space-before-punctuation"
    category = "grammar"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"text"})
    bad_examples = ("Thanks for waiting , your order is ready !", "Is it working now ?")
    good_examples = (
        "Thanks for waiting, your order is ready!",
        "Glad that worked :) Anything else?",
        "Let me check ... one moment.",
        "Use the .com address.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return record(doc, self._check(doc))

    def _check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        if _SPACE_BEFORE_GATE_RE.search(text) is None:
            return  # every match ends in a space or tab and then the mark
        for m in _SPACE_BEFORE_RE.finditer(text):
            p = m.start(2)
            if _EMOTICON_AFTER.match(text, p) or text[p:p + 2] in ("..", "…"):
                continue
            if not _free(doc, m.start() - 1, m.end()):
                continue
            yield Hit(m.start(1), m.end(2), f"No space before '{m.group(2)}'.",
                      (Fix.replace(m.start(1), m.end(1), ""),))


# The mark first, the letters before it in a look-behind that covers the mark
# too: with the pattern opening on one class of characters, the search skips
# to the marks at C speed instead of trying three look-behinds at every
# position (the same one-character matches as "(?<=[a-z])([,;!?])(?=[A-Za-z])|...";
# each look-behind also says which mark it takes).
_NO_SPACE_AFTER_RE = rc.compile(
    r"[,;!?.:](?:(?<=[a-z][,;!?])(?=[A-Za-z])|(?<=[a-z]{2}\.)(?=[A-Z][a-z])"
    r"|(?<=[a-z]{2}:)(?=[A-Za-z]{2}))")


class MissingSpaceAfterPunctuation(Rule):
    """## What it does
    Flags a comma, semicolon, question mark, exclamation mark, colon or
    sentence-ending full stop with a letter straight after it: "Thanks,Sam",
    "shipped.Your". Numbers ("1,000", "3.5"), times, abbreviations ("e.g."),
    file names, URLs and e-mail addresses are left alone.

    ## Why
    Without the space, words run together and the reply reads as rushed.

    ## Example
    Thanks,your order has shipped.It arrives Friday.

    ## Use instead
    Thanks, your order has shipped. It arrives Friday.

    ## Fix safety
    Safe: a space is inserted.
    """

    code = "G162"
    name = "missing-space-after-punctuation"
    category = "grammar"
    severity = Severity.WARNING
    fixable = True
    needs = frozenset({"text"})
    bad_examples = ("Thanks,your order has shipped.", "It has shipped.It arrives Friday.",
                    "Did it work?Let me know.")
    good_examples = (
        "Thanks, your order has shipped. It arrives Friday at 10:30.",
        "The total is 1,000.50 dollars, e.g. for two items.",
        "See example.com/help or mail help@example.com for details.",
        "Open report.pdf and Node.js docs.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return record(doc, self._check(doc))

    def _check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for m in _NO_SPACE_AFTER_RE.finditer(text):
            p = m.start()
            if not _free(doc, max(0, p - 2), p + 2):
                continue
            token = re.search(r"\S+$", text[:p + 1])
            tail = re.match(r"\S+", text[p:])
            whole = (token.group() if token else "") + (tail.group()[1:] if tail else "")
            if "/" in whole or "@" in whole or "http" in whole.lower():
                continue
            yield Hit(p, p + 1, f"Add a space after '{text[p]}'.",
                      (Fix.replace(p + 1, p + 1, " ", "Insert a space"),))
