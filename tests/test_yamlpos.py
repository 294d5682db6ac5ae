"""YAML with line numbers, and the parse cache that lets a run skip PyYAML."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from netlint import yamlpos

GUIDE = """\
extends: default
channels:
  chat: &chat
    rules:
      B100: {options: {max_words: 80}}
  sms: *chat
rules:
  ignore: [N107, E100]
  R100:
    severity: error
accepted-words:
  - Zendesk
  - "Wi-Fi"
empty: {}
nothing: []
number: 3.5
flag: yes
"""


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "netlint"


def _lines(located: yamlpos.Located) -> list[tuple[str, Any, int | None]]:
    """Every (container path, key, line) of a parse, for comparing two parses."""
    out: list[tuple[str, Any, int | None]] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                out.append((where, k, located.line_of(node, k)))
                walk(v, f"{where}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                out.append((where, i, located.line_of(node, i)))
                walk(v, f"{where}[{i}]")

    walk(located.data, "")
    return out


def test_a_cached_parse_has_the_same_data_and_lines(cache_home: Path) -> None:
    fresh = yamlpos.load(GUIDE)
    assert list(cache_home.glob("yaml-*.marshal"))
    cached = yamlpos.load(GUIDE)
    assert cached.data == fresh.data
    assert _lines(cached) == _lines(fresh)
    assert cached.line_of(cached.data["rules"], "R100") == 9
    assert cached.line_of(cached.data["accepted-words"], 1) == 13
    # An alias is one object in both parses.
    assert cached.data["channels"]["sms"] is cached.data["channels"]["chat"]


def test_a_cache_hit_does_not_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    yamlpos.load(GUIDE)

    def no_parse(text: str) -> yamlpos.Located:
        raise AssertionError("parsed again")

    monkeypatch.setattr(yamlpos, "_parse", no_parse)
    assert yamlpos.load(GUIDE).data["number"] == 3.5
    with pytest.raises(AssertionError):
        yamlpos.load(GUIDE + "more: 1\n")  # another text is another entry


def test_a_changed_text_is_parsed_again() -> None:
    yamlpos.load(GUIDE)
    changed = yamlpos.load(GUIDE.replace("max_words: 80", "max_words: 60"))
    assert changed.data["channels"]["chat"]["rules"]["B100"]["options"]["max_words"] == 60


def test_invalid_yaml_is_reported_every_time_and_never_cached(cache_home: Path) -> None:
    for _ in range(2):
        with pytest.raises(yamlpos.ParseError) as info:
            yamlpos.load("rules:\n  ignore: [N107\nextends: default\n")
        assert info.value.message.startswith("invalid YAML:")
        assert info.value.line is not None
    assert not list(cache_home.glob("yaml-*.marshal"))


def test_a_duplicate_key_names_its_line() -> None:
    for _ in range(2):
        with pytest.raises(yamlpos.ParseError) as info:
            yamlpos.load("extends: default\nrules: {}\nextends: strict-email\n")
        assert (info.value.message, info.value.line) == ("duplicate key 'extends'", 3)


def test_values_marshal_cannot_hold_are_parsed_but_not_cached(cache_home: Path) -> None:
    located = yamlpos.load("since: 2024-05-01\n")
    assert str(located.data["since"]) == "2024-05-01"
    assert not list(cache_home.glob("yaml-*.marshal"))


def test_a_damaged_cache_file_falls_back_to_parsing(cache_home: Path) -> None:
    yamlpos.load(GUIDE)
    (entry,) = cache_home.glob("yaml-*.marshal")
    entry.write_bytes(b"\x00garbage")
    assert _lines(yamlpos.load(GUIDE)) == _lines(yamlpos._parse(GUIDE))


def test_the_cache_keeps_a_bounded_number_of_parses(cache_home: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlpos, "MAX_CACHED", 3)
    for i in range(6):
        yamlpos.load(f"n: {i}\n")
    assert len(list(cache_home.glob("yaml-*.marshal"))) == 3


def test_an_unwritable_cache_still_parses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert yamlpos.load(GUIDE).data["flag"] is True


def test_a_warm_run_with_the_default_guide_does_not_import_pyyaml(tmp_path: Path) -> None:
    code = ("import sys\nfrom netlint.guide.loader import load_guide\nload_guide('default')\n"
            "print('yaml' in sys.modules)")
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]
