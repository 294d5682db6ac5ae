"""VADER's analyser made around cached lexicons scores as the stock one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from netlint import vader

MESSAGES = (
    "This is the THIRD time my order is late!!! Not happy at all :(",
    "Thanks so much, you guys are great 😍",
    "The app isn't terrible, but it's kind of slow since the update.",
    "Where is my refund? I was promised it last week.",
    "My card was declined and I have no idea why 😭😭",
    "ok",
    "",
)


@pytest.fixture
def fresh_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder, and no table kept from an earlier test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    vader._tables.cache_clear()
    vader._parsed.cache_clear()
    yield tmp_path / "netlint"
    vader._tables.cache_clear()


def test_the_analyser_scores_as_the_stock_one_built_and_read_back(fresh_tables: Path) -> None:
    stock = SentimentIntensityAnalyzer()
    built = vader.analyzer()
    assert sorted(p.name.split("-")[1] for p in fresh_tables.glob("vader-*.marshal")) == [
        "emoji", "lexicon"]
    vader._tables.cache_clear()
    vader._parsed.cache_clear()
    read_back = vader.analyzer()
    assert vader._parsed.cache_info().currsize == 0  # the files were not parsed again
    for made in (built, read_back):
        assert made.lexicon == stock.lexicon and list(made.lexicon) == list(stock.lexicon)
        assert made.emojis == stock.emojis
        for text in MESSAGES:
            assert made.polarity_scores(text) == stock.polarity_scores(text)


def test_words_can_be_left_out_of_one_analyser_only(fresh_tables: Path) -> None:
    stock = SentimentIntensityAnalyzer()
    calm = vader.analyzer(without=("problem", "error"))
    assert "problem" not in calm.lexicon and "error" not in calm.lexicon
    assert vader.analyzer().lexicon["problem"] == stock.lexicon["problem"] < 0
    text = "There is a problem with the error page."
    assert calm.polarity_scores(text)["compound"] == 0.0
    assert stock.polarity_scores(text)["compound"] < 0
