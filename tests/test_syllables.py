"""Syllable counts: netlint's cached table counts as textstat does."""

from __future__ import annotations

import pytest
import textstat

from netlint import syllables

REPLIES = [
    "Hi Priya, thanks for waiting. Your parcel left our warehouse today and should reach you by Friday.",
    "We're sorry the blender arrived damaged; we've issued a replacement (order #A-4821).",
    "Subsequent to the verification of your documentation, the reimbursement will be processed.",
    "Don't worry - it's the customers' choice: they'll get a full refund, no questions asked!",
    "Please e-mail support@example.com or visit https://example.com/help for step-by-step help.",
    "Zyxqwv and Marguerite's café reopen on Tuesday at 10:30.",
    "",
]


@pytest.mark.parametrize("text", REPLIES)
def test_counts_match_textstat(text: str) -> None:
    assert syllables.count(text) == textstat.syllable_count(text)


def test_table_comes_from_the_pronouncing_dictionary() -> None:
    table = syllables.cmu_syllables()
    assert table["reimbursement"] == 4 and table["the"] == 1 and len(table.load()) > 100_000


def test_table_is_rebuilt_when_the_cache_cannot_be_read(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    syllables.cmu_syllables.cache_clear()
    try:
        first = syllables.cmu_syllables().load()
        files = list((tmp_path / "netlint").glob("cmudict-syllables-*.packed"))
        assert len(files) == 1
        for file in files:
            file.write_bytes(b"not a table")
        syllables.cmu_syllables.cache_clear()
        assert syllables.cmu_syllables()["reimbursement"] == 4
        assert syllables.cmu_syllables().load() == first
    finally:
        syllables.cmu_syllables.cache_clear()


def test_hyphen_points_are_the_positions_pyphen_finds() -> None:
    import pyphen

    fresh = pyphen.Pyphen(lang="en_US", cache=False)  # parses the pattern file itself
    words = ["reimbursement", "documentation", "marguerite", "zyxqwv", "northwind",
             "unfortunately", "hyphenation", "a", "ab", "abc", "supercalifragilistic",
             "İstanbul", "ÉCOLE", "naïve", "co-operate", "don't", "x" * 40, ""]
    words += sorted(syllables.cmu_syllables().load())[::97]  # ~1,300 dictionary words
    assert syllables._patterns() is not None
    assert [w for w in words if syllables.hyphen_points(w) != len(fresh.positions(w))] == []

def test_without_the_patterns_pyphen_itself_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = syllables.hyphen_points("documentation")
    monkeypatch.setattr(syllables, "_patterns", lambda: None)
    syllables.hyphen_points.cache_clear()
    try:
        assert syllables.hyphen_points("documentation") == expected
    finally:
        syllables.hyphen_points.cache_clear()
