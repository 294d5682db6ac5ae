"""Batches stream: JSONL/CSV are read line by line, reports are written as results
arrive, and spaCy work is batched in ``Linter.check_many`` without changing findings."""

from __future__ import annotations

import io
import json
import tracemalloc
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from netlint import Draft, DraftResult, Hit, Linter, Rule, Severity, load_guide
from netlint.formats import FORMATS, RenderOptions, get
from netlint.formats import json as json_format
from netlint.formats.streaming import write_report
from netlint.guide.model import Selection
from netlint.readers import ReadError, ReadOptions, read_paths, read_text
from netlint.registry import Registry

from .conftest import needs_model

OPTS = ReadOptions()


def _jsonl(path: Path, n: int, *, long_every: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            words = " ".join(["word"] * (40 if i % long_every == 0 else 5))
            fh.write(json.dumps({"id": f"r{i}", "reply": f"Hi Sam, {words} today.",
                                 "channel": "chat"}) + "\n")
    return path


def test_jsonl_files_are_streamed_not_read_whole(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    batch = _jsonl(tmp_path / "batch.jsonl", 50)

    def no_whole_reads(self: Path) -> bytes:
        raise AssertionError(f"{self} was read into memory whole")

    monkeypatch.setattr(Path, "read_bytes", no_whole_reads)
    items = read_paths([str(batch)], OPTS)
    first = next(items)
    assert isinstance(first, Draft) and first.id == "r0"
    assert sum(1 for _ in items) == 49


def test_streamed_jsonl_and_csv_give_the_same_drafts_as_whole_text(tmp_path: Path) -> None:
    # BOM, CRLF line ends, a quoted CSV field over two lines, an escaped JSON string.
    csv_text = ('\ufeffid,reply\r\n1,"Hi Sam, thanks.\r\nWe ""will"" call you."\r\n'
                '2,Plain reply here.\r\n')
    jsonl_text = ('\ufeff{"id": "a", "reply": "Caf\\u00e9 \\"open\\" now"}\r\n\r\n'
                  '{"id": "b", "reply": "Second line"}\n')
    for name, text in (("x.csv", csv_text), ("y.jsonl", jsonl_text)):
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        streamed = list(read_paths([str(path)], OPTS))
        whole = list(read_text(text.removeprefix("\ufeff"), str(path), OPTS, file=str(path)))
        assert streamed == whole and len(streamed) == 2
        for d in streamed:
            assert isinstance(d, Draft)
            assert d.map.position(len(d.text)) == whole[streamed.index(d)].map.position(
                len(d.text))


def test_bad_utf8_line_reports_its_line_after_the_good_records(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_bytes(b'{"reply": "fine"}\n{"reply": "caf\xe9"}\n{"reply": "later"}\n')
    items = list(read_paths([str(path)], OPTS))
    assert isinstance(items[0], Draft) and items[0].text == "fine"
    assert isinstance(items[1], ReadError)
    assert items[1].message.endswith(":2: not valid UTF-8 (byte 0xe9 at offset 32)")
    assert len(items) == 2


def test_binary_jsonl_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_bytes(b"\x00\x01\x02{}")
    [err] = list(read_paths([str(path)], OPTS))
    assert isinstance(err, ReadError) and "binary file" in err.message


# -- reports ----------------------------------------------------------------------


def _results(n: int) -> list[DraftResult]:
    linter = Linter(load_guide("default"), selection=Selection(select=("B101",)),
                    quiet_nlp=True)
    drafts: list[Draft | DraftResult] = [
        Draft(f"Hi Sam, {' '.join(['word'] * (30 + i))}. Best, Tom", path="b.jsonl",
              record=str(i), id=f"d{i}") for i in range(n)]
    drafts.insert(1, DraftResult(None, error="not valid UTF-8", path="bad.txt"))
    return list(linter.check_many(drafts))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_streamed_report_equals_rendered_report(fmt: str) -> None:
    results = _results(5)
    opts = RenderOptions(tool_version="0.0-test", statistics=True)
    out = io.StringIO()
    tally = write_report(iter(results), fmt, opts, out)
    assert out.getvalue() == get(fmt)(results, opts)
    assert (tally.drafts, tally.unreadable, tally.findings) == (5, 1, 5)
    assert tally.fails("warning") and not tally.fails("error")


def test_json_report_spills_to_disk_and_stays_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    results = _results(30)
    opts = RenderOptions(tool_version="0.0-test")
    expected = get("json")(results, opts)
    monkeypatch.setattr(json_format, "_SPOOL_IN_MEMORY", 64)
    out = io.StringIO()
    write_report(iter(results), "json", opts, out)
    assert out.getvalue() == expected
    assert len(json.loads(expected)["findings"]) == 30


def test_quiet_report_drops_only_the_summary() -> None:
    results = _results(2)
    out = io.StringIO()
    write_report(iter(results), "concise", RenderOptions(), out, quiet=True)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3 and "draft" not in out.getvalue()
    empty = io.StringIO()
    write_report(iter([]), "concise", RenderOptions(), empty, quiet=True)
    assert empty.getvalue() == ""


class _Sink(io.TextIOBase):
    def write(self, s: str) -> int:
        return len(s)


def _peak_bytes(path: Path, cache_dir: Path | None = None) -> int:
    from netlint.cache import ResultCache
    from netlint.run import Inputs
    from netlint.run import check as run_check

    guide = load_guide("default")
    selection = Selection(select=("B101",))
    linter = Linter(guide, selection=selection, quiet_nlp=True)
    cache = ResultCache.for_run(guide, selection, OPTS, cache_dir) if cache_dir else None
    tracemalloc.start()
    try:
        results = run_check(linter, Inputs(paths=(str(path),)), OPTS, cache=cache)
        write_report(results, "concise", RenderOptions(), _Sink())  # type: ignore[arg-type]
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_is_flat_in_the_number_of_records(tmp_path: Path) -> None:
    small = _peak_bytes(_jsonl(tmp_path / "small.jsonl", 200))
    large = _peak_bytes(_jsonl(tmp_path / "large.jsonl", 2000))
    # Ten times the records: the peak may not grow with them (a list of results
    # would make it ten times larger).
    assert large < small * 1.5 + 256 * 1024, (small, large)


def test_memory_is_flat_with_the_result_cache_on(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from netlint import cache

    monkeypatch.setattr(cache, "MAX_RESULTS_PER_ENTRY", 100)
    small = _peak_bytes(_jsonl(tmp_path / "small.jsonl", 200), tmp_path / "c1")
    large = _peak_bytes(_jsonl(tmp_path / "large.jsonl", 2000), tmp_path / "c2")
    # Content hashing reads the file once: allow for its bytes, not for its results.
    size = (tmp_path / "large.jsonl").stat().st_size
    assert large < small * 1.5 + 256 * 1024 + 2 * size, (small, large, size)


# -- spaCy batching ------------------------------------------------------------------


class _TagCounter(Rule):
    """## What it does
    Test rule: reports the number of nouns the tagger saw.

    ## Why
    Exercises spaCy batching.

    ## Example
    x

    ## Use instead
    y

    ## Fix safety
    No fix.
    """

    code = "X901"
    name = "tag-counter"
    category = "meta"
    severity = Severity.INFO
    needs = frozenset({"pos"})

    def check(self, doc: Any, ctx: Any) -> Iterable[Hit]:
        nouns = [t for t in doc.spacy if t.pos_ in ("NOUN", "PROPN")]
        if nouns:
            yield Hit(nouns[0].idx, nouns[0].idx + len(nouns[0]),
                      f"{len(nouns)} nouns: {' '.join(t.tag_ for t in nouns)}")


def _tag_linter(tmp_path: Path) -> Linter:
    guide = tmp_path / "g.yml"
    guide.write_text("name: t\n", encoding="utf-8")
    return Linter(load_guide(str(guide)), registry=Registry({"X901": _TagCounter()}),
                  quiet_nlp=True)


def _texts(n: int) -> Iterator[Draft]:
    for i in range(n):
        yield Draft(f"Your parcel {i} left the warehouse in Leeds and the courier calls "
                    f"Sam on day {i % 5}.", id=str(i))


@needs_model
def test_check_many_pipes_spacy_and_finds_the_same(tmp_path: Path) -> None:
    one_by_one = _tag_linter(tmp_path)
    expected = [one_by_one.check_result(d).findings for d in _texts(150)]
    batched = _tag_linter(tmp_path)
    got = [r.findings for r in batched.check_many(_texts(150), batch_size=50)]
    assert got == expected and all(got)
    # The first batch is checked one by one (to learn that rules parse every
    # draft); the other two go through nlp.pipe.
    assert batched.nlp.calls == 50
