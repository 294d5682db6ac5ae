"""Speed-ups that must not change a result: rewritten patterns match exactly what
the originals matched, and a gate never skips text its pattern would match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlint import text as tx

# Characters around handles and addresses: word characters (ASCII and not),
# "@", the dots and dashes of addresses, spaces and line breaks.
_AT_ALPHABET = "ab_Z9é@.-+ \n#"
_ORIGINAL_HANDLE_RE = re.compile(r"(?<![\w@])@\w{1,30}")


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_AT_ALPHABET, max_size=40))
def test_handle_pattern_matches_what_the_lookbehind_first_form_did(text: str) -> None:
    assert _spans(tx.HANDLE_RE, text) == _spans(_ORIGINAL_HANDLE_RE, text)
    assert tx.HANDLE_RE.sub(" ", text) == _ORIGINAL_HANDLE_RE.sub(" ", text)


def test_handle_pattern_examples() -> None:
    text = "@ShopCo hi @sam_k, mail jo@example.com or @@x; @" + "a" * 35
    assert [m.group() for m in tx.HANDLE_RE.finditer(text)] == ["@ShopCo", "@sam_k", "@" + "a" * 30]
    assert _spans(tx.HANDLE_RE, text) == _spans(_ORIGINAL_HANDLE_RE, text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_AT_ALPHABET, max_size=40))
def test_email_gate_never_skips_an_address(text: str) -> None:
    if tx.EMAIL_RE.search(text):
        assert tx._may_hold("email", text, text.lower()), text


def test_email_gate_examples() -> None:
    for text in ("write to jo.lee@example.com", "a@b-c.d", "x@y.z.w"):
        assert tx.EMAIL_RE.search(text) and tx._may_hold("email", text, text.lower())
    # Handles only: the address pattern is not run.
    assert not tx._may_hold("email", "@ShopCo @sam_k thanks!", "")


# -- substitution packs: the literal-phrase gate -------------------------------------

def _substitution_rules() -> list[tuple[object, object]]:
    from netlint.kinds.substitution import Substitution
    from tests.conftest import default_linter

    linter = default_linter()
    plan = linter._plan(linter.guide.default_channel, "")
    return [(r, ctx) for r, ctx in plan.rules if isinstance(r, Substitution)]


def _phrases() -> list[str]:
    return sorted({k for _rule, ctx in _substitution_rules() for k in (ctx.get("swap") or {})})


_PHRASES = _phrases()
_SEPARATORS = [" ", "  ", "\n", "\t", ", ", ". ", "-", "'", "’", ""]


@st.composite
def _pack_texts(draw: st.DrawFn) -> str:
    """Whole phrases (any case, any whitespace between their words), single words
    of them and punctuation, run together or apart: some match, some nearly do."""
    out = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        words = draw(st.sampled_from(_PHRASES or ["x"])).split()
        if draw(st.booleans()):
            words = [draw(st.sampled_from(words))]
        gaps = [draw(st.sampled_from([" ", "  ", "\n", " \t"])) for _ in words]
        piece = "".join(w + g for w, g in zip(words, gaps, strict=True)).strip()
        out.append(piece.upper() if draw(st.booleans()) else piece)
        out.append(draw(st.sampled_from(_SEPARATORS)))
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(_pack_texts())
def test_substitution_gate_never_skips_a_match(text: str) -> None:
    from netlint import Draft
    from netlint.document import Document
    from netlint.kinds.base import compile_terms
    from netlint.kinds.substitution import literal_gate, may_match
    from tests.conftest import default_linter

    doc = Document(Draft(text), default_linter().guide)
    for _rule, ctx in _substitution_rules():
        keys = tuple((ctx.get("swap") or {}).keys())
        pattern = compile_terms(keys, (), True, True)
        if pattern is not None and pattern.search(text):
            assert may_match(doc, literal_gate(keys)), (keys, text)


def test_substitution_gate_examples() -> None:
    from netlint import Draft
    from netlint.document import Document
    from netlint.kinds.substitution import literal_gate, may_match
    from tests.conftest import default_linter

    guide = default_linter().guide
    gate = literal_gate(["in order to", "Please  be advised"])
    assert gate == ("in order to", "please be advised")
    assert may_match(Document(Draft("We did this IN ORDER\nTO help."), guide), gate)
    assert not may_match(Document(Draft("We did this to help."), guide), gate)
    # Not plain ASCII: the pattern always runs.
    assert may_match(Document(Draft("We did this to help ✓"), guide), gate)
    assert literal_gate(["ſorry"]) is None
    assert _PHRASES, "the default guide has a substitution pack"


# -- brevity: counts that only take words off -----------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["we", "&amp;", "&", "amp;", "gt", ";", "& lt;", "ok", "\n", " "]),
                max_size=12))
def test_entity_words_gate_counts_what_the_loop_counts(parts: list[str]) -> None:
    from netlint import Draft
    from netlint.document import Document
    from netlint.rules.brevity import _is_entity, entity_words
    from tests.conftest import default_linter

    text = " ".join(parts)
    doc = Document(Draft(text), default_linter().guide)
    assert entity_words(doc) == sum(1 for w in doc.words if _is_entity(text, w))


def test_reply_too_long_still_counts_past_the_word_count_gate() -> None:
    from tests.conftest import lint_text

    long = "Thanks for reaching out about your order &amp; refund. " * 8  # 72 words, 8 "amp"
    assert [f.code for f in lint_text(long, select="B100", channel="social")] == ["B100"]
    # 55 words past the gate, of which 22 are "&amp;": 33 words to read.
    assert not lint_text("We &amp; you &amp; them. " * 11, select="B100", channel="social")


# -- Q101: one search for every ask ----------------------------------------------------

_ASK_VOCAB = ["your", "the", "Your", "THE", "order", "number", "no.", "no", "#", "id", "e-mail",
              "email", "address", "phone", "mobile", "tracking", "code", "booking", "reference",
              "flight", "details", "account", "full", "name", "on", "of", "card", "send", "us"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_ASK_VOCAB), st.sampled_from([" ", "\n", "", ", "])),
                max_size=8))
def test_one_ask_search_matches_when_any_ask_does(parts: list[tuple[str, str]]) -> None:
    from netlint.rules.questions import _ANY_ASK_RE, _NAME_ASK_RE, GIVEN_ITEMS

    text = "".join(w + sep for w, sep in parts)
    separate = any(item.ask.search(text) for item in GIVEN_ITEMS) or bool(_NAME_ASK_RE.search(text))
    assert bool(_ANY_ASK_RE.search(text)) == separate, text


# -- the customer's sign-off: only a message that ends like a name is searched --------------

_SIGN_VOCAB = ["Thanks", "thanks", "Thank you", "Best regards", "cheers", "ty", ",", "-", "—", "~",
               "Tom", "tom", "Ana-Maria", "O'Neil", "D’Arcy", "Jo.", ".", "!", " ", "  ", "\n",
               "X", "Éva", "1", "Lee-", "my name is", "ok"]


@st.composite
def _message_endings(draw: st.DrawFn) -> str:
    """A message that ends in a sign-off, nearly one, or anything else."""
    parts = draw(st.lists(st.sampled_from(_SIGN_VOCAB), max_size=4))
    parts.append(draw(st.sampled_from(["Thanks", "thank you", "Cheers", "ty", "-", "—", "~", "ok"])))
    parts.append(draw(st.sampled_from([",", " ", "\n", ", ", ",\n", "", "!"])))
    parts.append(draw(st.sampled_from(["Tom", "O'Neil", "O'neil", "D’arcy", "Ana-Maria", "Jo", "tom", "Éva",
                                       "Tom Lee", "X", "1"])))
    parts.append(draw(st.sampled_from(["", ".", "!", " ", "\n", "-"])))
    return "".join(parts).rstrip()


@settings(max_examples=500, deadline=None)
@given(st.one_of(_message_endings(), st.lists(st.sampled_from(_SIGN_VOCAB), max_size=8).map("".join)))
def test_sign_off_gate_never_skips_a_sign_off(text: str) -> None:
    from netlint.rules.questions import DASH_SIGN_RE, SIGNOFF_RE, ends_like_a_name

    text = text.rstrip()
    if SIGNOFF_RE.search(text) or DASH_SIGN_RE.search(text):
        assert ends_like_a_name(text), text


def test_sign_off_gate_examples() -> None:
    from netlint.rules.questions import ends_like_a_name, signed_name

    for text in ("Thanks,\nMaria Lopez", "- Tom", "Cheers, O'Neil.", "Best, Ana-Maria"):
        assert ends_like_a_name(text), text
    for text in ("Where is my order?", "thanks a lot", "Call me at 555", "THANKS", "Éva", ""):
        assert not ends_like_a_name(text), text
    assert signed_name("Where is my refund?\n\nThanks,\nPriya") == "Priya"
    assert signed_name("Hi, my name is Ana and my card was declined.") == "Ana"


# -- N201: the sentiment gate and the one-sentence message ------------------------------------

_MOOD_VOCAB = ["bad", "not", "don't", "good", "terrible", "awful!", "?", "!", "\n", " ", "  ", ". ",
               "😀", "😡", "@shop", "https://x.co/a", "no", "kind of", "yeah right", "Thanks",
               "hate", "HATE", "love", "(worst)", "isn’t", "without", "great.", "\t"]


def _may_be_negative_by_token(text: str) -> bool:
    """The gate as it was written first: one token at a time."""
    import string

    from netlint.rules.conversation import _analyzer, _negative_cues

    if not text.isascii() and any(ch in _analyzer().emojis for ch in text if ord(ch) > 127):
        return True
    cues = _negative_cues()
    return any("n't" in t or t in cues or t.strip(string.punctuation) in cues
               for t in text.lower().split())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MOOD_VOCAB), max_size=10).map(" ".join))
def test_may_be_negative_is_the_token_loop(text: str) -> None:
    from netlint.rules.conversation import may_be_negative

    assert may_be_negative(text) == _may_be_negative_by_token(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MOOD_VOCAB), max_size=10).map("".join))
def test_worst_sentence_with_the_overall_score_is_the_same(text: str) -> None:
    from netlint.rules.conversation import overall_sentiment, worst_sentence

    assert worst_sentence(text, overall_sentiment(text)) == worst_sentence(text)


# -- sentences: the same split with the cheap test first --------------------------------------

def _sentences_as_first_written(text: str, protected: list[tx.Span]) -> list[tx.Span]:
    """tx.sentences before its end-mark loop was reordered (the reference)."""
    cuts: set[int] = set()
    for m in tx._SENT_END_RE.finditer(text):
        end = m.end()
        if any(p.start < m.start() < p.end for p in protected):
            continue
        if end < len(text) and not text[end].isspace():
            continue
        if m.group().startswith(".") and len(m.group().rstrip("'\"”’)]")) == 1:
            if tx._is_abbreviation(text, m.start()):
                nm = tx._NEXT_CHAR_RE.match(text, end)
                if not nm or not nm.group(1).isupper():
                    continue
            if tx._digit_at_end(text, m.start()) and tx._SPACE_DIGIT_RE.match(text, end):
                continue
        cuts.add(end)
    return tx._spans_between(text, cuts | tx._line_cuts(text))  # parts the reorder left alone


_SENTENCE_VOCAB = ["We", "sent", "it", "e.g", "etc", "Dr", "3", "5", "a", "J", ".", "!", "?", "…",
                   "?!", "'", "\"", "”", ")", " ", "  ", "\n", "\n\n", "example.com/x", "x@y.co",
                   "1.", "- ", "Thanks", "AB-123", "#tag", "{{ order. Name }}", "{% if ok! %}",
                   "[Your name. Here]"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_VOCAB), max_size=14).map("".join))
def test_sentences_split_as_they_did(text: str) -> None:
    from netlint import Draft
    from netlint.document import Document
    from tests.conftest import default_linter

    protected = Document(Draft(text), default_linter().guide).protected  # placeholders too
    assert tx.sentences(text, protected) == _sentences_as_first_written(text, protected)
    assert tx.sentences(text) == _sentences_as_first_written(text, [])


# -- B101: sentences too short to be over the limit are not counted -----------------------------

_LONG_VOCAB = ["we", "sent", "it", "&amp;", "https://x.co/a", "@sam", "AB-123", ". ", " ", ", ",
               "\n", "-Dana", "^JS", "Thanks", "{{ name }}"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LONG_VOCAB), max_size=24).map(" ".join),
       st.integers(min_value=1, max_value=8))
def test_sentence_too_long_counts_as_without_the_gate(text: str, limit: int) -> None:
    from netlint import Draft
    from netlint.document import Document
    from netlint.rule import Context
    from netlint.rules.brevity import SentenceTooLong, _is_entity, lead_end, prose_sentences
    from netlint.salutations import signature
    from tests.conftest import default_linter

    rule = SentenceTooLong()
    doc = Document(Draft(text), default_linter().guide)
    got = [(h.start, h.end, h.message) for h in rule.check(doc, Context({"max_words": limit}, rule.severity))]
    expected = []
    if len(doc.words) + len(doc.protected) > limit:
        lead, sig = lead_end(doc.text), signature(doc.text)
        for sent in prose_sentences(doc):
            n = sum(1 for w in doc.sentence_words(sent) if not _is_entity(doc.text, w)
                    and not (sig and sig.start <= w.start)) + sum(
                1 for p in doc.protected if sent.start <= p.start < sent.end and p.kind != "code"
                and not (p.kind == "handle" and p.end <= lead))
            if n > limit:
                expected.append((sent.start, sent.end, f"Sentence is {n} words (limit {limit}): split it."))
    assert got == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZ09-_ .\n#@", max_size=30))
def test_codes_in_a_text_without_hyphens_are_found_by_the_second_alternative(text: str) -> None:
    text = text.replace("-", "")
    assert _spans(tx._CODE_NO_HYPHEN_RE, text) == _spans(tx.CODE_RE, text)


def test_a_question_mark_is_a_next_step() -> None:
    # Q102 tests for "?" before running NEXT_STEP_RE: the pattern must keep it.
    from netlint.rules.questions import NEXT_STEP_RE

    assert NEXT_STEP_RE.search("zz ? zz") is not None


# -- emoticons: eyes glued on the left start none -------------------------------------------

_FACE_PIECES = [":", ";", "=", ">", "<", "3", ")", "(", "D", "P", "o", "O", "'", "-", "^", "_", ".",
                "~", "x", "X", "/", "\\", "*", "@", "&lt;", "a", "Z", "1", " ", "\n", "https://t.co/x",
                "10:30", "note:", "]", "[", "#", "$", "&", "%", "+", "|", "{", "}", "S", "s", "T", "u",
                # whole faces, to be glued or not to what comes before and after
                "XD", "xD", "^~^", "^.^", ":-)", ";)", "=P", ">:(", "<3", "</3", "\\o/", ":'(", "-.-"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_FACE_PIECES), max_size=8).map("".join))
def test_emoticon_gate_never_skips_a_face(text: str) -> None:
    from netlint.emoticons import _html_hearts, _pattern, may_hold_any

    if _pattern().search(text) or _html_hearts(text):
        assert may_hold_any(text), text


def test_emoticon_gate_examples() -> None:
    from netlint.emoticons import find_all, may_hold_any

    for text in ("See https://example.com at 10:30. Note: ok", "Thanks! ^JS", "a=b; c:d"):
        assert not may_hold_any(text) and find_all(text) == [], text
    for text in ("Thanks :)", ":) ok", "Oops >:(", "nice ^^", "meh -_-", "love &lt;3", "(^o^)"):
        assert may_hold_any(text) and find_all(text), text


def test_glued_characters_are_the_patterns_look_behind() -> None:
    # may_hold_any copies the character class before (?P<emoticon>...): keep them equal.
    import string

    from netlint.emoticons import _GLUED, _pattern

    look_behind = re.search(r"\(\?<!(\[.*?[^\\]\])\)\(\?P<emoticon>", _pattern().pattern)
    assert look_behind is not None
    forbidden = {c for c in string.printable if re.fullmatch(look_behind.group(1), c)}
    assert forbidden == set(_GLUED)


# -- URLs: the hint gate in front of URL_RE -------------------------------------------------

_URL_PIECES = ["https", "http", "ftp", "://", "www", ".", "com", "CO", "io", "uk", "Help", "support",
               "ſupport", "ıo", "İO", "/", "x", "-", " ", "\n", "a1", "?", "q=1", ")", "example"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_URL_PIECES), max_size=9).map("".join))
def test_url_gate_never_skips_a_url(text: str) -> None:
    if tx.URL_RE.search(text):
        assert tx.may_hold_url(text), text
    assert tx.strip_urls(text) == tx.URL_RE.sub(" ", text)


def test_url_gate_examples() -> None:
    assert not tx.may_hold_url("Thanks, we sent it today.")
    assert tx.may_hold_url("see example.COM/help") and tx.may_hold_url("WWW.x.org")
    # "ſ" is an "s" to URL_RE (ignoring case) but not to lower(): never gated out.
    assert tx.URL_RE.search("help.ſupport") and tx.may_hold_url("help.ſupport")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_URL_PIECES, ":/", "ww.", ".c", "o"]), max_size=9).map("".join))
def test_url_hint_scan_is_the_substring_tests(text: str) -> None:
    lower = text.lower()
    assert (tx._URL_HINT_RE.search(lower) is not None) == any(h in lower for h in tx._URL_HINTS)


def _oddly_cased(text: str) -> list[str]:
    """``text`` with its i's dotless and its s's long: letters a case-insensitive
    pattern reads as "i" and "s", which ``lower()`` leaves as they are."""
    return [text.replace("i", "ı"), text.replace("s", "ſ"), text.replace("I", "İ")]


def test_word_gates_let_through_letters_only_ignorecase_reads_as_ascii(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from netlint.rules.grammar import ConfusedWords, SubjectVerbAgreement
    from netlint.rules.risky import Guarantee

    from .conftest import lint_text

    texts = [odd for rule in (ConfusedWords, SubjectVerbAgreement, Guarantee)
             for example in rule.bad_examples for odd in _oddly_cased(str(example))]
    gated = [[f.code for f in lint_text(t, select="G1") + lint_text(t, select="R10")]
             for t in texts]
    # Every gate open: the statement and grammar gates read Document.folded,
    # which asks text.lower_may_miss.
    monkeypatch.setattr("netlint.text.lower_may_miss", lambda text: True)
    open_ = [[f.code for f in lint_text(t, select="G1") + lint_text(t, select="R10")]
             for t in texts]
    assert gated == open_
    assert any(codes for codes in open_)
