"""Packed word tables: the same answers as the dicts they replace, and files
that are rebuilt rather than trusted when they are not whole."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlint import datacache, syllables
from netlint.grammar import lexicon as lx

# Keys a word list can hold: ASCII, accents, other scripts, a lone surrogate
# (pyspellchecker's list is JSON, which can carry one), the empty string.
ODD = {"colour": 2, "naïve": 7, "e-mail": 3, "don't": 11, "\ud800bad": 1, "": 0,
       "日本": 5, "café": 9, "x" * 300: 4, "ß": 6}
# Any text, lone surrogates included.
KEYS = st.text(alphabet=st.characters(blacklist_categories=()), max_size=12)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "netlint"


def _sample(n: int = 20_000) -> dict[str, int]:
    table = {f"w{i}x{i * 7919 % 1000}": i * 31 for i in range(n)}
    table.update(ODD)
    return table


SAMPLE = _sample()
PACKED = datacache.PackedTable(datacache.pack(SAMPLE))
# Few buckets and a small filter: many keys per bucket, many filter collisions.
CROWDED = datacache.PackedTable(datacache.pack(SAMPLE, buckets=64, filter_bits=1024))


@pytest.mark.parametrize("table", [PACKED, CROWDED], ids=["default", "crowded"])
def test_every_key_gives_its_value(table: datacache.PackedTable) -> None:
    assert [table.get(k) for k in SAMPLE] == list(SAMPLE.values())
    assert all(k in table for k in SAMPLE)
    assert table["naïve"] == 7 and table["\ud800bad"] == 1 and table[""] == 0
    assert len(table) == len(SAMPLE)
    assert table.load() == SAMPLE
    probes = [*SAMPLE, *(k + "q" for k in SAMPLE), "nope", "\ud800"]
    assert table.members(probes) == set(SAMPLE)


@settings(max_examples=300, deadline=None)
@given(KEYS)
def test_any_key_answers_as_the_dict_does(key: str) -> None:
    for table in (PACKED, CROWDED):
        assert table.get(key, -1) == SAMPLE.get(key, -1)
        assert (key in table) is (key in SAMPLE)
        assert table.members([key, "colour"]) == {key, "colour"} & SAMPLE.keys()


@pytest.mark.parametrize("key", ["w1", "w1x7", "w1x79", "x7919", "colou", "colourr", "Colour",
                                 "naive", "\ud800", "bad", "e", "日", "\n", "\t", "\xff"])
def test_a_key_close_to_a_listed_one_is_a_miss(key: str) -> None:
    assert key not in SAMPLE  # near misses: prefixes, suffixes, parts of records
    for table in (PACKED, CROWDED):
        assert table.get(key) is None and key not in table
        with pytest.raises(KeyError):
            table[key]


def test_values_beyond_32_bits_and_negative_ones() -> None:
    table = {"big": 1 << 40, "neg": -5, "zero": 0}
    assert datacache.PackedTable(datacache.pack(table)).load() == table
    assert datacache.PackedTable(datacache.pack({})).get("x") is None


def test_a_memo_answers_as_its_table_and_stays_bounded() -> None:
    memo = datacache.Memo(PACKED, limit=100)
    keys = [*list(SAMPLE)[:500], "nope", "w1"]
    assert [memo.get(k) for k in keys] == [SAMPLE.get(k) for k in keys]
    assert [k in memo for k in keys] == [k in SAMPLE for k in keys]
    assert len(memo._memo) <= 100


def test_a_table_is_built_once_then_read_back(cache_home: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return dict(ODD)

    first = datacache.cached_packed("t", b"src", build)
    second = datacache.cached_packed("t", b"src", build)
    assert calls == [1] and first.load() == second.load() == ODD
    assert [p.name.split("-")[0] for p in cache_home.glob("t-*.packed")] == ["t"]
    assert not list(cache_home.glob("*.tmp"))


def _packed_file(cache_home: Path) -> Path:
    (path,) = cache_home.glob("t-*.packed")
    return path


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "truncated":
        data = data[:len(data) // 2]
    elif how == "cut by one":
        data = data[:-1]
    elif how == "longer":
        data += b"\0"
    elif how == "empty":
        data = bytearray()
    elif how == "magic":
        data[0] ^= 0xFF
    elif how == "format version":
        data[5] += 1
    elif how == "bucket count":
        data[8] += 1  # not a power of two any more
    elif how == "value width":
        data[24] = 8
    elif how == "bucket index":
        data[32] = 1  # the first bucket no longer starts at 0
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["truncated", "cut by one", "longer", "empty", "magic",
                                 "format version", "bucket count", "value width",
                                 "bucket index"])
def test_a_damaged_file_is_rebuilt_not_trusted(cache_home: Path, how: str) -> None:
    datacache.cached_packed("t", b"src", lambda: dict(ODD))
    _damage(_packed_file(cache_home), how)
    rebuilt = datacache.cached_packed("t", b"src", lambda: {"colour": 99})
    assert rebuilt.load() == {"colour": 99}  # built again, not read from the damaged file
    assert datacache.cached_packed("t", b"src", list).load() == {"colour": 99}  # and written


def test_another_release_or_source_gets_its_own_file(cache_home: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    datacache.cached_packed("t", b"src", lambda: {"a": 1})
    assert datacache.cached_packed("t", b"src2", lambda: {"a": 2})["a"] == 2
    monkeypatch.setattr(datacache, "__version__", "999.0")
    assert datacache.cached_packed("t", b"src", lambda: {"a": 3})["a"] == 3
    assert len(list(cache_home.glob("t-*.packed"))) == 3


def test_a_read_only_cache_folder_builds_in_memory(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "home"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return dict(ODD)

    for _ in range(2):
        assert datacache.cached_packed("t", b"src", build).load() == ODD
    assert calls == [1, 1]


@pytest.mark.parametrize("mapped", [True, False], ids=["mapped", "read"])
def test_a_table_in_use_survives_its_file_being_replaced(
        cache_home: Path, monkeypatch: pytest.MonkeyPatch, mapped: bool) -> None:
    monkeypatch.setattr(datacache, "MAP", mapped)
    datacache.cached_packed("t", b"src", lambda: dict(ODD))
    in_use = datacache.cached_packed("t", b"src", list)  # read back from the file
    path = _packed_file(cache_home)
    datacache.write_bytes(path, datacache.pack({"colour": 1}))  # another process rebuilt it
    assert in_use.load() == ODD and in_use["colour"] == 2
    path.unlink()
    assert in_use["café"] == 9


def test_threads_building_one_table_at_once(cache_home: Path) -> None:
    table = _sample(5000)
    results: list[dict[str, int]] = []
    gate = threading.Barrier(4)

    def build() -> dict[str, int]:
        gate.wait(timeout=10)  # all four build before any file exists
        return table

    def run() -> None:
        results.append(datacache.cached_packed("t", b"src", build).load())

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [table] * 4
    assert datacache.cached_packed("t", b"src", list).load() == table
    assert not list(cache_home.glob("*.tmp"))


def test_processes_building_one_table_at_once(cache_home: Path) -> None:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    procs = [context.Process(target=datacache.cached_packed, args=("t", b"src", _sample))
             for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    assert datacache.cached_packed("t", b"src", list).load() == SAMPLE


# -- the lexicon and the syllable counts answer as the dicts did -----------------

WORDS = [
    # listed, capitals, apostrophes (straight and curly), possessives
    "the", "Thanks", "RECEIVED", "don't", "don’t", "customer's", "customers'", "it's",
    # typos, capitalised typos, names
    "recieved", "Recieved", "unfortunatly", "Unfortunatly", "dependend", "adress",
    "teh", "pleasee", "wierd", "accomodate", "Marsden", "Santi", "Kyocera", "zyxqwv",
    # British spellings, plurals, compounds, derived words
    "colour", "colours", "organise", "organisation", "centre", "catalogue", "travelled",
    "licence", "programme", "scenics", "ecologies", "rideshare", "roadmap", "placemats",
    "underserved", "funders", "reimagine",
    # hyphenated, non-ASCII, odd
    "pre-owned", "sci-fi", "three-year-olds", "e-mail", "naïve", "café", "x-ray",
    "blockchain", "wastewater", "proteinuria", "transcoding", "a", "",
]


@pytest.fixture(scope="module")
def lexicons() -> tuple[lx.Lexicon, lx.Lexicon]:
    packed = lx.english()
    assert isinstance(packed.freq, datacache.PackedTable)
    return lx.Lexicon(packed.freq), lx.Lexicon(dict(packed.word_counts()))


@pytest.mark.parametrize("word", WORDS)
def test_the_lexicon_answers_as_its_dict_did(lexicons: tuple[lx.Lexicon, lx.Lexicon],
                                             word: str) -> None:
    packed, plain = lexicons
    for _ in range(2):  # asked again: from the memos
        assert packed.known(word) is plain.known(word)
        assert (word in packed) is (word in plain)
        if word:
            assert packed.common_suggestion(word) == plain.common_suggestion(word)
        assert packed.suggest(word) == plain.suggest(word)
        assert packed.suggest(word, 5) == plain.suggest(word, 5)


def test_known_answers_and_suggestions(lexicons: tuple[lx.Lexicon, lx.Lexicon]) -> None:
    packed, _ = lexicons
    assert packed.known("colour") and packed.known("Don’t") and packed.known("pre-owned")
    assert not packed.known("recieved") and not packed.known("dependend")
    assert packed.suggest("Recieved")[0] == "Received"
    assert packed.freq["the"] > packed.freq["color"] > 0 and "colour" not in packed.freq


def test_common_words_are_the_most_frequent(lexicons: tuple[lx.Lexicon, lx.Lexicon]) -> None:
    _, plain = lexicons
    freq = plain.freq
    ranked = sorted(freq, key=lambda w: (-freq[w], w))
    common = lx.common_words()
    assert common.get(ranked[0]) == 0 and common.get(ranked[lx.COMMON_SIZE - 1]) == lx.COMMON_SIZE - 1
    assert ranked[lx.COMMON_SIZE] not in common and "recieved" not in common
    for n in (1, 3, 7, 20, 99):
        assert lx._common_of_length(n) == [w for w in ranked[:lx.COMMON_SIZE] if len(w) == n]


def test_the_lexicons_memos_stay_bounded(monkeypatch: pytest.MonkeyPatch,
                                         lexicons: tuple[lx.Lexicon, lx.Lexicon]) -> None:
    monkeypatch.setattr(lx, "MEMO_LIMIT", 50)
    lexicon = lx.Lexicon(lexicons[0].freq)
    for i in range(200):
        lexicon.known(f"qzx{i}")
    assert 0 < len(lexicon._memos["known"]) <= 50


def test_syllable_counts_match_the_dictionary_and_stay_bounded(
        monkeypatch: pytest.MonkeyPatch) -> None:
    table = syllables.cmu_syllables()
    whole = table.load()
    sample = sorted(whole)[::211]
    assert [table.get(w) for w in sample] == [whole[w] for w in sample]
    assert table["reimbursement"] == 4 and table.get("zyxqwv") is None
    monkeypatch.setattr(syllables, "MEMO_LIMIT", 40)
    monkeypatch.setattr(syllables, "_counts", {})
    plain = [w for w in sample if syllables.words(w) == [w]]  # no "drive-thru"
    text = " ".join(plain[:300])
    assert syllables.count(text) == sum(whole[w] for w in syllables.words(text))
    assert syllables.count(text) == syllables.count(text)  # again, from the memo
    assert 0 < len(syllables._counts) <= 40
