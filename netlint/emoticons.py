"""Finding emoji, ASCII emoticons and kaomoji in a reply.

Unicode emoji come from the ``emoji`` package, which carries Unicode's own
emoji data (ZWJ sequences, flags, skin tones, keycaps), so a new Unicode
release is a dependency upgrade, not a code change. The package is imported
only to derive a cached table from that data: :func:`emoji_spans` runs its
tokenizer over the table (importing it costs ~40 ms of a cold check). Text emoticons come from
a curated list: the hard part there is what *not* to match (times ``10:30``,
list markers ``1)``, ratios ``3:2``, URLs, ``(see note:)``, code).
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Iterable
from functools import cache
from typing import Any, NamedTuple

from . import regexcache as rc
from .datacache import cached_table, file_stamp, package_data
from .text import Span

# Symbols that the emoji data lists but that, written without the emoji
# variation selector (U+FE0F), are ordinary typography in business text:
# "© 2024", "Acme™", arrows and check marks used as bullets.
TEXT_SYMBOLS = frozenset(
    "©®™ℹⓂ‼⁉↔↕↖↗↘↙↩↪⤴⤵➡⬅⬆⬇▪▫◻◼◽◾▶◀〰〽✔✖☑✳✴❇⌨⏏⏭⏮⏯⏱⏲⏸⏹⏺"
)


class Emoticon(NamedTuple):
    """One emoji, emoticon or kaomoji and where it stands in the text."""

    start: int
    end: int
    text: str
    kind: str  # "emoji", "emoticon" or "kaomoji"
    # A symbol such as © or ➡ written in text style (no U+FE0F).
    text_symbol: bool = False

    @property
    def is_pictograph(self) -> bool:
        return not self.text_symbol


def find_emoji(text: str) -> list[Emoticon]:
    """Every Unicode emoji sequence, each once, with its span (code points)."""
    if text.isascii():
        # Every emoji sequence has a code point at or above U+00A9 (©): most replies
        # are plain ASCII and skip the emoji tokenizer (a quarter of a batch's time).
        return []
    if not _emoji_chars().search(text):
        return []  # curly quotes, dashes, accents: no emoji
    return [Emoticon(s, e, text[s:e], "emoji", text_symbol=e - s == 1 and text[s] in TEXT_SYMBOLS)
            for s, e in emoji_spans(text)]


# -- Unicode emoji: the ``emoji`` package's tokenizer over a cached table ------

_ZWJ = "\u200d"
_VARIATION_SELECTORS = ("\ufe0e", "\ufe0f")
# What the tree says of a sequence's prefix: only a prefix, an emoji, or an emoji
# whose status is "component" (skin tones, hair styles: the tokenizer backs up
# further when one of these ends before a ZWJ).
_PREFIX, _EMOJI, _COMPONENT = 0, 1, 2
# The tree's prefixes are kept in this many shards by their first code point: a
# reply with an emoji or two reads one or two shards (~0.1 ms), not the whole
# tree (6,000 prefixes, ~2 ms in a fresh process).
_TREE_SHARDS = 64


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """``(match_start, match_end)`` of each item of ``emoji.emoji_list(text)``,
    the same for every text, without importing ``emoji``.

    This is the package's ``tokenizer.tokenize(text, keep_zwj=False)`` step for
    step, quirks included: the search walks to the deepest node of the sequence
    tree and matches only if that node is a sequence (no shorter fallback); a ZWJ
    after an emoji sends it back to match that emoji again, stopping before the
    ZWJ (and before a preceding component); variation selectors outside a
    sequence are dropped. It differs in two ways that do not change the result:
    the tree is a dict of every sequence's prefixes (cached, see
    :class:`_EmojiTree`), and a run of characters that start no sequence and
    are not a ZWJ is passed over at once (each of them would make the pending
    tokens final and leave only itself pending)."""
    tree = _emoji_tree()
    starts, shard, interesting = tree.starts, tree.shard, tree.interesting
    out: list[tuple[int, int]] = []
    # Tokens not yet final, as the tokenizer's ``result``: (chars, start, is emoji).
    pending: list[tuple[str, int, bool]] = []
    ignore: set[int] = set()  # ZWJs that join two emoji: skipped from now on
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if i in ignore:
            i += 1
            continue
        if ch in starts:
            prefixes = shard(ch)
            j = i + 1
            while j < n and j not in ignore and text[i:j + 1] in prefixes:
                j += 1
            if prefixes[text[i:j]]:  # the deepest node reached is a sequence
                pending.append((text[i:j], i, True))
                i = j
            else:
                pending.append((ch, i, False))
                i += 1
            continue
        if ch == _ZWJ and pending and text[i - 1] in starts:
            last = pending[-1][0]
            kind = shard(last).get(last) if last[0] in starts else None
            if kind:  # the tokenizer asks: is the last token a key of EMOJI_DATA?
                ignore.add(i)
                if kind == _COMPONENT:
                    i -= sum(len(t[0]) for t in pending[-2:])
                    if text[i] == _ZWJ:
                        i += 1
                        del pending[-1]
                    else:
                        del pending[-2:]
                else:
                    i -= len(last)
                    del pending[-1]
                continue
        # A character that starts no sequence: the pending tokens are final.
        m = interesting.search(text, i + 1)
        k = m.start() if m else n  # the run of such characters ends before k
        if pending:
            out.extend((s, s + len(chars)) for chars, s, emoji in pending if emoji)
            pending = []
        if text[k - 1] not in _VARIATION_SELECTORS:
            pending.append((text[k - 1], k - 1, False))
        i = k
    out.extend((s, s + len(chars)) for chars, s, emoji in pending if emoji)
    return out


class _EmojiTree:
    """The ``emoji`` package's search tree as data: every prefix of every key of
    ``EMOJI_DATA`` with what it is, in shards read when a text first needs one."""

    def __init__(self, starts: str, pattern: str, blobs: list[bytes]):
        self.starts = frozenset(starts)  # the characters that start a sequence
        # Those characters and ZWJ: where the tokenizer may do more than pass by.
        self.interesting = rc.compile(pattern)
        self._blobs = blobs
        self._shards: list[dict[str, int] | None] = [None] * len(blobs)

    def shard(self, seq: str) -> dict[str, int]:
        """The prefixes (with their kinds) that start with ``seq``'s first character."""
        i = ord(seq[0]) % len(self._blobs)
        prefixes = self._shards[i]
        if prefixes is None:
            prefixes = self._shards[i] = marshal.loads(self._blobs[i])
        return prefixes

    @staticmethod
    def build() -> list[Any]:
        """``[starts, pattern, blobs]`` from the package's data (imports it)."""
        import emoji
        from emoji.unicode_codes import STATUS

        table: dict[str, int] = {}
        for seq, data in emoji.EMOJI_DATA.items():
            for j in range(1, len(seq)):
                table.setdefault(seq[:j], _PREFIX)
            table[seq] = _COMPONENT if data["status"] == STATUS["component"] else _EMOJI
        shards: list[dict[str, int]] = [{} for _ in range(_TREE_SHARDS)]
        for seq, kind in table.items():
            shards[ord(seq[0]) % _TREE_SHARDS][seq] = kind
        starts = sorted({seq[0] for seq in table})
        pattern = f"[{_char_class(sorted(map(ord, [*starts, _ZWJ])))}]"
        return ["".join(starts), pattern, [marshal.dumps(s) for s in shards]]


@cache
def _emoji_tree() -> _EmojiTree:
    """The tree, derived once from the package's data and kept in the user's
    cache folder, keyed by its data file, like :func:`_emoji_chars`."""
    source = _emoji_source()
    value = _EmojiTree.build() if source is None else cached_table(
        f"emoji-spans{_TREE_SHARDS}", source, _EmojiTree.build, list)
    if not (len(value) == 3 and isinstance(value[0], str) and isinstance(value[1], str)
            and isinstance(value[2], list) and all(isinstance(b, bytes) for b in value[2])):
        value = _EmojiTree.build()  # pragma: no cover - a damaged cache file
    return _EmojiTree(*value)


def _char_class(codes: list[int]) -> str:
    """A regex character class body for sorted code points: the Basic
    Multilingual Plane's exactly, the others as a few ranges spanning them.

    The ``re`` module tests a class's code points past U+FFFF one range at a time
    for every character of a text (~90 µs over 260 characters for the 68 runs of
    emoji code points there); joining runs less than 256 apart leaves three. The
    class may then hold a few code points that are in no emoji sequence: where it
    is used, such a character costs a look, never a different result."""
    runs: list[list[int]] = []
    for c in codes:
        if runs and (c == runs[-1][1] + 1 or (c > 0xFFFF and c - runs[-1][1] <= 256)):
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in runs)


@cache
def _emoji_source() -> bytes | None:
    """What keys the tables derived from the ``emoji`` package: its data file's stamp."""
    try:
        return file_stamp(package_data("emoji", "unicode_codes", "emoji.json"))
    except (ModuleNotFoundError, OSError):  # pragma: no cover - an unusual install
        return None


@cache
def _emoji_chars() -> re.Pattern[str]:
    """A character class of every non-ASCII code point of Unicode's emoji
    sequences (each sequence has one).

    Importing ``emoji`` reads its data (~45 ms); the class is derived once and kept
    in the user's cache folder, keyed by the package's data file, so a reply with
    only curly quotes or accents never imports it. The pattern is compiled from
    :mod:`netlint.regexcache`: cheaper to load than a set of 1,400 strings (0.3 ms),
    and it scans a text at C speed."""
    def build() -> str:
        import emoji

        codes = sorted({ord(ch) for seq in emoji.EMOJI_DATA for ch in seq if ord(ch) > 127})
        return f"[{_char_class(codes)}]"

    source = _emoji_source()
    return rc.compile(build() if source is None else cached_table("emoji-gate", source, build, str))


# -- ASCII emoticons ----------------------------------------------------------

# Western emoticons: eyes, optional nose, mouth. Eyes "8" and "B" are left
# out on purpose: "8)" and "B)" are list markers far more often than faces.
_EYES = r"[:;=]"
_NOSE = r"[-o^']?"
_MOUTH = r"(?:\)+|\(+|D|P|p|O|o|3|/|\\|\||\]|\[|\*|\$|@|S|s|X|x|\}|\{)"
_WESTERN = rf"(?:>?{_EYES}{_NOSE}{_MOUTH}|{_EYES}'\(|[xX]D|<3+|</3|\\o/|\^\^)"

# Kaomoji: a few common fixed ones, and eyes-mouth-eyes with symbol eyes.
_KAOMOJI_FIXED = (
    "¯\\_(ツ)_/¯", "¯\\(ツ)/¯", "(╯°□°）╯︵ ┻━┻", "(╯°□°)╯︵ ┻━┻", "┬─┬ノ( º _ ºノ)",
    "( ͡° ͜ʖ ͡°)", "ಠ_ಠ", "(ಠ_ಠ)", "ʕ•ᴥ•ʔ", "(づ｡◕‿‿◕｡)づ", "(｡◕‿◕｡)", "(◕‿◕)",
    "(^_^)", "(^o^)", "(^-^)", "(^^)", "(^_^;)", "(-_-)", "(>_<)", "(T_T)", "(;_;)",
    "(._.)", "(o_o)", "(O_O)", "(≧▽≦)", "(・ω・)", "(´・ω・`)", "(*^▽^*)", "＼(^o^)／",
    "\\(^o^)/", "(^▽^)", "(✿◠‿◠)", "(ᵔᴥᵔ)", "(ノ°▽°)ノ", "(☞ﾟヮﾟ)☞", "(ﾉ◕ヮ◕)ﾉ*:･ﾟ✧",
    "o_O", "O_o", "o_o", "O_O", "-_-", "-.-", "T_T", ";_;", ">_<", "^_^", "^.^", "^-^",
    "^o^", "^_~", "x_x", "X_X", "=_=", "u_u", "._.",
)
_KAOMOJI_EYES = r"[\^◕•ಠ°≧≦・･´˘ᵔ♥☆★ﾟ◉⊙]"
_KAOMOJI_GENERIC = rf"[(（]?(?P<eye>{_KAOMOJI_EYES})[_‿ω▽∀ᴗ◡﹏益︿⌒□ᴥ.~oー-]{{1,2}}(?P=eye)[)）]?"

# A unit after "<3" means "less than three": "<3 days".
_UNIT_AFTER = rc.compile(r"\s*(?:\d|%|(?:[kmgt]?b|hrs?|wks?|mo|yrs?|days?|hours?|weeks?|months?"
                         r"|years?|minutes?|mins?|seconds?|items?|times?|people|business)\b)",
                         re.IGNORECASE)


@cache
def _pattern() -> re.Pattern[str]:
    fixed = "|".join(re.escape(k) for k in sorted(_KAOMOJI_FIXED, key=len, reverse=True))
    # Not glued to a word or a digit on the left ("note:)", "10:30", "1)"),
    # nor on the right ("http://", ":3pm").
    return rc.compile(
        rf"(?P<kaomoji>{fixed}|{_KAOMOJI_GENERIC})"
        rf"|(?<![\w:;=/<>\\^)(\]\[@#*$&%+-])(?P<emoticon>{_WESTERN})(?![\w/\\:;=])"
    )


_CODE_BLOCK_RE = rc.compile(r"```.*?(?:```|\Z)|`[^`\n]+`", re.S)
_INDENTED_LINE_RE = rc.compile(r"(?m)^(?: {4}|\t).*$")
_HTML_HEART_RE = rc.compile(r"(?<![\w;])&lt;3+(?![\w])")


def _inside_code(text: str) -> list[tuple[int, int]]:
    """Inline `code`, fenced blocks and indented code lines."""
    spans = [(m.start(), m.end()) for m in _CODE_BLOCK_RE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _INDENTED_LINE_RE.finditer(text)]
    return spans


def _closes_parenthesis(text: str, start: int, token: str) -> bool:
    """':)' that closes an open '(' on the same line is punctuation: '(see note:)'."""
    if ")" not in token or "(" in token:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    # Other emoticons on the line are not parentheses: "sorry :( thanks :)".
    before = re.sub(r"[:;=][-o^']?[()]+", "", text[line_start:start])
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")


# What every ASCII emoticon and kaomoji holds: eyes, "_" ("-_-", "^_^"), a "^"
# eye before a mouth or another eye ("^o^", "^^"), "xD", "<3", "\\o/", "-.-",
# and the HTML-escaped heart "&lt;3". Each alternative opens with a literal, so
# the text is scanned for their first characters at C speed.
_ASCII_HINT_RE = rc.compile(r":|;|=|_|\^[\^_.~o-]|xD|XD|<|\\|-\.-|&lt;")
# Every character outside ASCII that _pattern's kaomoji hold (fixed faces, eyes,
# mouths, full-width brackets): a kaomoji without one has an ASCII hint above.
_KAOMOJI_CHARS = frozenset(ch for face in (*_KAOMOJI_FIXED, _KAOMOJI_GENERIC) for ch in face
                           if ord(ch) > 127)
# The characters _pattern's look-behind forbids before a western emoticon:
# an eye glued to one of them ("https://", "10:30", "note:") starts none.
_GLUED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
                   ":;=/<>\\^)(][@#*$&%+-")


def may_hold_any(text: str) -> bool:
    """False when ``text`` cannot hold an emoji, emoticon or kaomoji: none of the
    code points outside ASCII of an emoji or a kaomoji, and none of an
    emoticon's ASCII characters, or only eyes glued on the left to a word or a
    symbol (a URL's "https:", a time's "10:30"), as ``_pattern`` requires of an
    emoticon that opens with them."""
    if not text.isascii() and (_emoji_chars().search(text) or not _KAOMOJI_CHARS.isdisjoint(text)):
        return True  # emoji, and kaomoji eyes and mouths outside ASCII
    # Curly quotes, dashes, accents or another script hold none: on to the ASCII.
    for m in _ASCII_HINT_RE.finditer(text):
        if m.group() not in (":", ";", "="):
            return True
        i = m.start()  # an eye: free on its left, or after a free ">" (">:(")
        if i == 0 or text[i - 1] not in _GLUED:
            return True
        if text[i - 1] == ">" and (i == 1 or text[i - 2] not in _GLUED):
            return True
    return False


def find_ascii(text: str, skip: Iterable[Span] = ()) -> list[Emoticon]:
    """Text emoticons and kaomoji, outside the ``skip`` spans (URLs, quotes...)."""
    if not may_hold_any(text):
        return []
    blocked = [(s.start, s.end) for s in skip] + _inside_code(text)
    out: list[Emoticon] = []
    for m in _pattern().finditer(text):
        kind = m.lastgroup or "emoticon"
        s, e = m.span()
        token = m.group()
        if any(a < e and s < b for a, b in blocked):
            continue
        if kind == "emoticon":
            if token.startswith("<") and _UNIT_AFTER.match(text, e):
                continue
            if _closes_parenthesis(text, s, token):
                continue
            if token == "^^" and e < len(text) and text[e:e + 1].isalpha():
                continue
        out.append(Emoticon(s, e, token, kind))
    return out


def _html_hearts(text: str) -> list[Emoticon]:
    """'&lt;3' is a heart in text taken from an HTML-escaped export (tweets)."""
    return [Emoticon(m.start(), m.end(), m.group(), "emoticon")
            for m in _HTML_HEART_RE.finditer(text)
            if not _UNIT_AFTER.match(text, m.end())]


def find_all(text: str, skip: Iterable[Span] = ()) -> list[Emoticon]:
    """Emoji, emoticons and kaomoji in text order, without overlaps."""
    if not may_hold_any(text):
        return []
    skip = list(skip)
    found = find_emoji(text)
    for extra in (*find_ascii(text, skip), *_html_hearts(text)):
        if not any(f.start < extra.end and extra.start < f.end for f in found):
            found.append(extra)
    # An emoji inside a skipped span (a URL, a quote) is still an emoji, but a
    # quoted customer's emoji is not the agent's choice.
    found = [f for f in found if f.kind != "emoji"
             or not any(s.overlaps(f.start, f.end) and s.kind == "quote" for s in skip)]
    found.sort(key=lambda f: f.start)
    return found
