"""netlint's emoji matcher against the ``emoji`` package's own ``emoji_list``.

``netlint.emoticons.emoji_spans`` runs the package's tokenizer over a table
derived from ``emoji.EMOJI_DATA`` and cached; it must give the package's
answer for every text, quirks included.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import emoji
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlint.emoticons import TEXT_SYMBOLS, _emoji_chars, _emoji_tree, emoji_spans, find_emoji

ZWJ, VS16, VS15, KEYCAP = "\u200d", "\ufe0f", "\ufe0e", "\u20e3"
SKIN_TONES = [chr(c) for c in range(0x1F3FB, 0x1F400)]
HAIR = [chr(c) for c in range(0x1F9B0, 0x1F9B4)]
REGIONAL = [chr(c) for c in range(0x1F1E6, 0x1F200)]
TAGS = [chr(0xE0000 + ord(c)) for c in "gbenscotwlx"] + ["\U000E007F"]
KEYS = sorted(emoji.EMOJI_DATA)


def expected(text: str) -> list[tuple[int, int]]:
    return [(d["match_start"], d["match_end"]) for d in emoji.emoji_list(text)]


def test_the_tree_is_every_prefix_of_every_sequence() -> None:
    tree = _emoji_tree()
    table: dict[str, int] = {}
    for ch in tree.starts:
        prefixes = tree.shard(ch)
        table |= prefixes
        assert all(tree.shard(seq) is prefixes for seq in prefixes if seq[0] == ch)
    prefixes = {seq[:j] for seq in KEYS for j in range(1, len(seq) + 1)}
    assert set(table) == prefixes
    assert {s for s, kind in table.items() if kind} == set(KEYS)
    assert tree.starts == {seq[0] for seq in KEYS}
    # The patterns hold the Basic Multilingual Plane's characters exactly, and may
    # hold a few others between emoji (tests run over both planes of emoji and tags).
    everything = [*range(0x20000), *range(0xE0000, 0xE0100)]
    interesting = {chr(c) for c in everything if tree.interesting.match(chr(c))}
    assert interesting >= tree.starts | {ZWJ}
    assert {c for c in interesting if c <= "\uffff"} == {c for c in tree.starts | {ZWJ} if c <= "\uffff"}
    assert len(interesting - tree.starts) < 2000  # pictographs without emoji presentation
    # find_emoji's gate: a text without one of these characters holds no emoji.
    gate = {chr(c) for c in everything if _emoji_chars().match(chr(c))}
    in_emoji = {ch for seq in KEYS for ch in seq if ord(ch) > 127}
    assert gate >= in_emoji
    assert {c for c in gate if c <= "\uffff"} == {c for c in in_emoji if c <= "\uffff"}
    assert len(gate - in_emoji) < 2000


@pytest.mark.parametrize("template", ["{}", "Thanks {} so much", "“{}”", "{}{}", "a{}1",
                                      "{}" + ZWJ + "{}", "{}" + VS16, "{}" + VS15 + "x",
                                      "#{}", "{}" + SKIN_TONES[2], ZWJ + "{}" + ZWJ])
def test_every_emoji_sequence_alone_and_in_text(template: str) -> None:
    wrong = []
    for seq in KEYS:
        text = template.replace("{}", seq)
        if emoji_spans(text) != expected(text):
            wrong.append(text)
    assert not wrong, [ascii(t) for t in wrong[:10]]


def test_known_quirks_of_the_tokenizer() -> None:
    # Each of these is the package's answer; the matcher must give the same.
    cases = {
        "👨\u200dx": [(0, 1)],  # a ZWJ leading nowhere: the man alone
        "👩\u200d👩": [(0, 1), (2, 3)],  # a non-RGI ZWJ join: two emoji
        "🏃🏻\u200dx": [(0, 2)],  # a skin tone before a dangling ZWJ
        "1\ufe0f\u20e3": [(0, 3)],  # a keycap
        "1\u20e3": [(0, 2)],  # an unqualified keycap
        "12": [],
        "🇺🇸🇬": [(0, 2)],  # flags pair from the left
        "🇬": [],  # a lone regional indicator is no emoji
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f": [(0, 7)],
        "🏴\U000e0067\U000e0062": [],  # an unfinished tag sequence: the walk ends off a sequence
        "☺": [(0, 1)], "☺\ufe0e": [(0, 1)], "☺\ufe0f": [(0, 2)],
        "🏻": [(0, 1)],  # a component alone
    }
    for text, spans in cases.items():
        assert expected(text) == spans, ascii(text)  # the package still behaves so
        assert emoji_spans(text) == spans, ascii(text)


_atoms = st.one_of(
    st.sampled_from(KEYS),
    # Heads and tails of sequences: unfinished ZWJ, tag and keycap sequences.
    st.tuples(st.sampled_from(KEYS), st.integers(1, 9)).map(lambda p: p[0][:p[1]]),
    st.tuples(st.sampled_from(KEYS), st.integers(1, 9)).map(lambda p: p[0][p[1]:]),
    st.sampled_from(sorted({ch for seq in KEYS for ch in seq})),
    st.sampled_from([ZWJ, VS16, VS15, KEYCAP, *SKIN_TONES, *HAIR, *REGIONAL, *TAGS]),
    st.sampled_from(list("0123456789#*aZx ‘’“”")),
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_atoms, max_size=12).map("".join))
def test_random_sequences_match_the_package(text: str) -> None:
    assert emoji_spans(text) == expected(text)


def test_find_emoji_is_the_package_list() -> None:
    text = "Thanks 🎉🙏 © 2024 Acme™ ➡ next ➡️ 👩🏽\u200d💻 🇫🇷 #️⃣ 1\u20e3 “done”"
    found = find_emoji(text)
    assert [(e.start, e.end, e.text) for e in found] == [
        (d["match_start"], d["match_end"], d["emoji"]) for d in emoji.emoji_list(text)]
    assert {e.text for e in found if e.text_symbol} == {"©", "™", "➡"} <= TEXT_SYMBOLS


def test_matching_does_not_import_the_package_once_the_table_is_cached(tmp_path: Path) -> None:
    code = ("import sys; from netlint.emoticons import find_emoji; "
            "found = find_emoji('Thanks so much! 🎉🙏 👩🏽\u200d💻'); "
            "print(ascii([e.text for e in found]), 'emoji' in sys.modules)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env=env)
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env=env)
    found = ascii(["🎉", "🙏", "👩🏽\u200d💻"])
    assert first.stdout.strip() == f"{found} True"  # built the table from the package
    assert again.stdout.strip() == f"{found} False"
    assert list(tmp_path.glob("netlint/emoji-spans*.marshal"))
    assert list(tmp_path.glob("netlint/emoji-gate-*.marshal"))


# Characters of kaomoji, emoji and emoticons, and others that hold none.
_GATE_ALPHABET = ("xXDPpOo3()[]{}|/\\*$@Ss-^'_.;:=<>&lt 8Bo"  # ASCII emoticons
                  "¯ツ°□╯︵┻━┬ノº͜͡ʖಠʕ•ᴥづ｡◕‿≧▽≦・ω´`＼／ﾉﾟヮ✧☞✿◠ᵔ（）ー"  # kaomoji
                  "’‘“”—–éñüアマゾン日本"  # typography, accents, other scripts
                  "🎉🙏☺©™➡\ufe0f\u200d")  # emoji


def test_the_cheap_gate_lets_through_every_text_with_an_emoticon_or_emoji() -> None:
    from netlint.emoticons import _KAOMOJI_FIXED, _html_hearts, _pattern, may_hold_any

    for face in _KAOMOJI_FIXED:
        assert may_hold_any(f"“ok” {face} ok"), face
    # Typography and other scripts alone pass the gate no more.
    for text in ("It’s fine — café, naïve “quotes”", "アマゾンです。よろしくお願いいたします",
                 "Visit https://acme.com/help – it’s at 10:30."):
        assert not may_hold_any(text), text
    for text in ("It’s fine 🎉", "It’s fine :)", "It’s fine ◕‿◕", "ご連絡 m(_ _)", "（・ω・）"):
        assert may_hold_any(text), text

    @settings(max_examples=1000, deadline=None)
    @given(st.text(alphabet=_GATE_ALPHABET, max_size=12))
    def gate_covers_everything(text: str) -> None:
        if _pattern().search(text) or _html_hearts(text) or emoji_spans(text):
            assert may_hold_any(text), ascii(text)

    gate_covers_everything()
