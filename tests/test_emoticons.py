"""Emoji and emoticon detection, and the channel policies built on it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netlint import Draft, Linter, load_guide
from netlint.emoticons import find_all, find_ascii
from netlint.rules.emoticons import customer_sentiment

from .conftest import codes, lint_text

HERE = Path(__file__).parent
FIXTURE = HERE / "data" / "emoji-sequences.txt"
# Unicode's full test file, when a checkout of the shared data sits next to the repo.
UNICODE_TEST = Path(os.environ.get(
    "NETLINT_EMOJI_TEST", HERE.parent.parent / "shared" / "data" / "emoji" / "emoji-test-17.0.txt"))


def read_sequences(path: Path) -> list[tuple[str, str, str]]:
    """(sequence, status, name) for each line of an emoji-test.txt style file."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        points, rest = line.split(";", 1)
        status, _, comment = rest.partition("#")
        seq = "".join(chr(int(cp, 16)) for cp in points.split())
        out.append((seq, status.strip(), comment.strip()))
    return out


def assert_found_once_with_span(seq: str) -> None:
    for before, after in (("Hi ", " there"), ("", ""), ("ok", "ok")):
        text = before + seq + after
        found = find_all(text)
        assert [(f.start, f.end) for f in found] == [(len(before), len(before) + len(seq))], (
            f"{seq!r} ({' '.join(f'{ord(c):04X}' for c in seq)}) in {text!r}: "
            f"{[(f.text, f.start, f.end) for f in found]}")


def test_fixture_sequences_zwj_flags_skin_tones_keycaps_are_found_once() -> None:
    sequences = read_sequences(FIXTURE)
    assert len(sequences) >= 20
    for seq, _, _ in sequences:
        assert_found_once_with_span(seq)


def test_two_emoji_side_by_side_are_two() -> None:
    text = "Thanks👍🏽🇬🇧1️⃣"
    assert [f.text for f in find_all(text)] == ["👍🏽", "🇬🇧", "1️⃣"]


@pytest.mark.skipif(not UNICODE_TEST.is_file(), reason=f"{UNICODE_TEST} not present")
def test_every_sequence_of_unicode_emoji_test_file_is_found_once() -> None:
    sequences = read_sequences(UNICODE_TEST)
    assert len(sequences) > 5000
    for seq, _, _ in sequences:
        text = f"Hi {seq} there"
        found = find_all(text)
        assert [(f.start, f.end) for f in found] == [(3, 3 + len(seq))], (
            seq, [(f.text, f.start, f.end) for f in found])


@pytest.mark.parametrize("text", [
    "Call us at 10:30 or 14:45 tomorrow.",
    "1) Open the app 2) Tap Pay 3) Confirm",
    "Options: a) refund b) exchange",
    "Mix it at a ratio of 3:2 or 1:1.",
    "See https://example.com/a:)b and http://x.io/:P",
    "(see note:) for details",
    "(call us on 0800 123 :)",
    "Use `dict[a:(1)]` or `foo();)` in code",
    "    if x:) return",
    "Orders <3 days old ship free.",
    "Step 8) done, B) next",
    "Version 2:3 is out",
])
def test_ascii_detection_does_not_fire_on_times_lists_ratios_urls_notes_or_code(text: str) -> None:
    assert find_ascii(text) == [], [(e.text, e.start) for e in find_ascii(text)]


@pytest.mark.parametrize("text,token", [
    ("Thanks so much :)", ":)"), ("Sorry to hear that :-(", ":-("), ("All set ;)", ";)"),
    ("Great :D", ":D"), ("ha :P", ":P"), ("we <3 you", "<3"), ("yay ^_^", "^_^"),
    ("oh well ¯\\_(ツ)_/¯", "¯\\_(ツ)_/¯"), ("sorry :( thanks :)", ":)"), ("lol xD", "xD"),
])
def test_ascii_emoticons_and_kaomoji_are_found(text: str, token: str) -> None:
    assert token in [e.text for e in find_all(text)]


def test_typographic_symbols_are_not_counted_as_emoji() -> None:
    text = "© 2025 Acme™. Go to Settings ➡ Account."
    assert not lint_text(text, select="E100", channel="email")
    assert codes(lint_text("All done ➡️ next", select="E100", channel="email")) == ["E100"]


def test_policy_forbid_in_email_allow_in_chat_up_to_max() -> None:
    assert codes(lint_text("Your refund is on its way 🎉", select="E100", channel="email")) == ["E100"]
    assert not lint_text("Your refund is on its way 🎉", select="E100", channel="chat")
    found = lint_text("Done 🎉🎉 enjoy 🥳👍", select="E100", channel="chat")
    assert [f.excerpt[f.excerpt_start:f.excerpt_start + 2] for f in found] == ["👍"]


def test_policy_allow_list_from_the_guide(tmp_path: Path) -> None:
    guide = tmp_path / "g.yml"
    guide.write_text('extends: default\nchannels:\n  chat:\n    rules:\n      emoji-policy:\n'
                     '        options: {allow: ["🙂", "👍", ":)"]}\n', encoding="utf-8")
    linter = Linter(load_guide(str(guide)), quiet_nlp=True)
    assert not lint_text("All set 👍 :)", select="E100", channel="chat", linter=linter)
    [f] = lint_text("All set 😎", select="E100", channel="chat", linter=linter)
    assert "not on the guide's list" in f.message


def test_quoted_customer_emoji_and_agent_initials_are_not_the_agents_emoji() -> None:
    assert not lint_text('You wrote "love it 😍" - thank you!', select="E100", channel="email")
    assert not lint_text("@116659 Is your router up? ^^JAY", select="E", channel="social")


def test_customer_sentiment_uses_vader() -> None:
    assert customer_sentiment("@acme worst service ever, I am furious") < -0.4
    assert customer_sentiment("Thanks so much, you are great!") > 0.4


def test_no_emoji_for_an_upset_customer_on_any_channel() -> None:
    angry = "This is the third time my order is late. Terrible service, I'm furious."
    for channel in ("chat", "social"):
        [f] = lint_text("We're on it 😊 :)", select="E101", channel=channel, customer=angry)
        assert "upset" in f.message and "1 more" in f.message
    assert not lint_text("We're on it 😊", select="E101", channel="chat",
                         customer="Could you tell me when it ships? Thanks!")
    assert not lint_text("We're on it.", select="E101", channel="chat", customer=angry)


def test_linter_checks_tweets_with_emoji_without_error() -> None:
    linter = Linter(load_guide("default"), quiet_nlp=True)
    draft = Draft("@117246 @Tesco BAH GAWD, TESCO HAS A FAMILY😂😂 https://t.co/fraH9xPPbr",
                  channel="social")
    assert not [f for f in linter.check(draft) if "internal error" in f.message]


def test_curly_quotes_and_accents_do_not_load_the_emoji_package() -> None:
    import subprocess
    import sys

    code = ("import sys; from netlint.emoticons import find_emoji; find_emoji('x'); "  # warm the cache
            "print(find_emoji('It’s fine — café, naïve “quotes”'), 'emoji' in sys.modules)")
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]", "False"]


def test_every_emoticon_the_pattern_can_match_passes_the_cheap_gate() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from netlint.emoticons import _KAOMOJI_FIXED, _html_hearts, _pattern, find_all, may_hold_any

    for k in _KAOMOJI_FIXED:
        assert may_hold_any(f"ok {k} ok"), k
    assert may_hold_any("love it &lt;3") and _html_hearts("love it &lt;3")
    assert not may_hold_any("Your refund (order 10) is on its way.")
    assert find_all("Your refund (order 10) is on its way.") == []

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet="xXDPpOo3()[]{}|/\\*$@Ss-^'_.;:=<>&lt 8Bo", max_size=10))
    def gate_covers_pattern(text: str) -> None:
        if _pattern().search(text) or _html_hearts(text):
            assert may_hold_any(text), text

    gate_covers_pattern()
