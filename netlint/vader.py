"""VADER's sentiment analyser, with its lexicons read from netlint's cache.

``SentimentIntensityAnalyzer()`` parses its two lexicon files (7,500 words and
3,500 emoji) each time it is made: ~20 ms, paid by the first customer message of
a cold check or of a batch, once for each rule that scores one. The parsed
dicts are kept as cached tables (see :mod:`netlint.datacache`), and an analyser
is made around them without reading the files.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from .datacache import cached_table, file_stamp, package_data

LEXICON = "vader_lexicon.txt"
EMOJI_LEXICON = "emoji_utf8_lexicon.txt"


@cache
def _stamp() -> bytes:
    folder = package_data("vaderSentiment")
    return file_stamp(folder / LEXICON, folder / EMOJI_LEXICON)


@cache
def _parsed() -> Any:
    """An analyser made the usual way: it parses the files (used to build the tables)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@cache
def _tables() -> tuple[dict[str, float], dict[str, str]]:
    stamp = _stamp()
    words = cached_table("vader-lexicon", stamp, lambda: _parsed().lexicon, dict)
    emojis = cached_table("vader-emoji", stamp, lambda: _parsed().emojis, dict)
    return words, emojis


def analyzer(without: Iterable[str] = ()) -> Any:
    """A new ``SentimentIntensityAnalyzer`` with the words ``without`` taken out of
    its lexicon. It scores as one made with ``SentimentIntensityAnalyzer()``:
    scoring reads only its ``lexicon`` and ``emojis``."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    words, emojis = _tables()
    drop = frozenset(without)
    made = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
    made.lexicon = {w: v for w, v in words.items() if w not in drop}
    made.emojis = dict(emojis)
    return made
