"""Compiled patterns kept in the cache: the same patterns as re.compile's, or re.compile itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netlint import regexcache

PATTERNS = [
    (r"\b(?:we|they|you)\s+(was)\b(?!\s+(?:to\s+)?(?:say|said)\b)", re.IGNORECASE),
    (r"(?P<name>[A-Z][a-z]+)\s+(?P=name)", 0),
    (r"(?i)\bguarantee[ds]?\b", 0),
    (r"^[ \t]*>.*$", re.MULTILINE),
    (r"<!--.*?-->", re.DOTALL),
    (r"[^\W_]+(?:['’][^\W_]+)*", 0),
    (r"""(?x) \d{3}  # area
         [- ]? \d{4}""", 0),
]
TEXT = "Hi Anna Anna, they was told: we GUARANTEE it.\n> quoted\n<!-- a\nnote --> call 555-1234 don’t"


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder and a table not yet loaded (as in a new process)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(regexcache, "_table", regexcache._Table())
    return tmp_path / "netlint"


def new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    regexcache.save()
    monkeypatch.setattr(regexcache, "_table", regexcache._Table())


def same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert a == b  # pattern, flags and SRE code
    assert (a.groups, a.groupindex) == (b.groups, b.groupindex)
    assert [m.span() for m in a.finditer(TEXT)] == [m.span() for m in b.finditer(TEXT)]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_compiled_pattern_equals_re_compile_s_then_and_from_the_cache(
        fresh: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, flags: int) -> None:
    same(regexcache.compile(pattern, flags), re.compile(pattern, flags))
    new_process(monkeypatch)
    assert regexcache.path().exists()

    def no_parsing(*args: object) -> None:
        raise AssertionError("parsed again")

    if regexcache._sre is not None and regexcache._CODE:  # the cache is used on this Python
        monkeypatch.setattr(regexcache._parser, "parse", no_parsing)
    same(regexcache.compile(pattern, flags), re.compile(pattern, flags))


def test_nothing_is_written_when_nothing_was_added(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regexcache.compile(r"ab+c")
    new_process(monkeypatch)
    written = regexcache.path().stat().st_mtime_ns
    regexcache.compile(r"ab+c")
    regexcache.save()
    assert regexcache.path().stat().st_mtime_ns == written


def test_a_damaged_file_or_entry_compiles_again(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh.mkdir(parents=True)
    regexcache.path().write_bytes(b"\x00not marshal")
    same(regexcache.compile(r"colou?r", re.I), re.compile(r"colou?r", re.I))
    # An entry whose code CPython refuses (another build's, or corrupted).
    key = f"{int(re.I)}\x00colou?r"
    flags, code, *rest = regexcache._table.load()[key]
    regexcache._table.load()[key] = (flags, b"\xff" * len(code), *rest)  # type: ignore[assignment]
    same(regexcache.compile(r"colou?r", re.I), re.compile(r"colou?r", re.I))


def test_a_bad_pattern_raises_re_s_own_error(fresh: Path) -> None:
    with pytest.raises(re.error, match="missing \\)"):
        regexcache.compile(r"(unclosed")


def test_an_unwritable_cache_is_only_slower(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(regexcache, "_table", regexcache._Table())
    same(regexcache.compile(r"refund(?:ed|s)?"), re.compile(r"refund(?:ed|s)?"))
    regexcache.save()  # no error


def test_a_full_table_keeps_only_what_the_saving_process_used(
        fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regexcache, "MAX_ENTRIES", 3)
    for i in range(5):
        regexcache.compile(rf"old{i}")
    new_process(monkeypatch)
    assert len(regexcache._table.load()) == 5  # not yet over: nothing was added since
    regexcache.compile(r"old1")
    regexcache.compile(r"new")
    regexcache.save()
    monkeypatch.setattr(regexcache, "_table", regexcache._Table())
    assert sorted(k.split("\x00")[1] for k in regexcache._table.load()) == ["new", "old1"]
