"""``--jobs``: worker processes check large batches; results keep the input order and
are exactly what one process finds."""

from __future__ import annotations

import json
import multiprocessing
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from netlint import Draft, DraftResult, Linter, load_guide, parallel
from netlint.cli import main
from netlint.guide.model import Selection
from netlint.nlp import COMPONENTS
from netlint.parallel import LinterSpec, check_parallel, default_jobs

# Slow to load or to run per draft (word lists, syllable dictionaries): left out to
# keep the test quick; every other rule that needs no spaCy takes part.
SLOW = {"spelling", "readability"}


@cache
def plain_codes() -> tuple[str, ...]:
    """Rules that need no spaCy: workers start in milliseconds."""
    probe = Linter(load_guide("default"), quiet_nlp=True)
    return tuple(sorted(c for c, r in probe.registry.rules.items()
                        if not (set(r.needs) & set(COMPONENTS)) and r.name not in SLOW))


TEXTS = (
    "hi sam!!! i checked ur order and it will DEFINITELY arrive tomorrow, we guarantee it",
    "Hello Ms Jones, thank you for your patience. Your refund was issued today. Best, Tom",
    "Dear customer, {{first_name}} TODO add the tracking link here. Regards",
    "We apologize for any inconvenience this may have caused. " * 6,
    "Thanks for reaching out! Could you DM us your order number? ^TK",
)


def _items(n: int) -> list[Draft | DraftResult]:
    items: list[Draft | DraftResult] = []
    for i in range(n):
        if i % 17 == 5:
            items.append(DraftResult(None, error="not valid UTF-8", path=f"bad{i}.txt"))
        items.append(Draft(TEXTS[i % len(TEXTS)] + f" #{i}", path="batch.jsonl",
                           record=str(i), id=f"d{i}",
                           channel=("chat", "email", "social")[i % 3],
                           customer="Where is my parcel? It is late." if i % 2 else None))
    return items


def test_workers_keep_input_order_and_find_the_same() -> None:
    selection = Selection(select=plain_codes())
    linter = Linter(load_guide("default"), selection=selection, quiet_nlp=True)
    items = _items(60)
    expected = list(linter.check_many(items))
    got = list(check_parallel(items, linter, LinterSpec.of("default", selection), jobs=2,
                              chunk_size=4, min_parallel=1))
    assert [r.path for r in got] == [r.path for r in expected]
    assert [r.findings for r in got] == [r.findings for r in expected]
    assert [r.draft for r in got] == [r.draft for r in expected]
    assert sum(len(r.findings) for r in got) > 60  # the texts do have findings
    assert [r.error for r in got if not r.ok] == ["not valid UTF-8"] * 4


def test_small_batches_stay_in_process() -> None:
    linter = Linter(load_guide("default"), selection=Selection(select=("B101",)),
                    quiet_nlp=True)
    # An unpicklable spec would fail in a worker: a small batch never starts one.
    spec = LinterSpec("no-such-guide-anywhere")
    got = list(check_parallel(_items(10), linter, spec, jobs=2))
    assert len(got) == 11


def test_a_batch_reads_word_tables_whole_and_then_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    from netlint import datacache

    linter = Linter(load_guide("default"), selection=Selection(select=("B101",)),
                    quiet_nlp=True)
    seen: list[bool] = []
    monkeypatch.setattr(linter, "check_many", lambda items: (
        seen.append(datacache._batch) or DraftResult(None, error="x") for _ in items))
    assert len(list(check_parallel(_items(10), linter, LinterSpec.of("default"), jobs=1,
                                   min_parallel=12))) == 11
    assert len(list(check_parallel(_items(10), linter, LinterSpec.of("default"), jobs=1,
                                   min_parallel=5))) == 11
    assert seen == [False] * 11 + [True] * 11  # only a batch as large as min_parallel
    assert datacache._batch is False  # and only while it runs


def test_default_jobs_is_the_core_count() -> None:
    assert default_jobs() >= 1


def test_cli_jobs_output_equals_single_process(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    with batch.open("w", encoding="utf-8") as fh:
        for i in range(300):
            fh.write(json.dumps({"id": f"r{i}", "reply": TEXTS[i % len(TEXTS)],
                                 "channel": "chat"}) + "\n")
        fh.write("{not json}\n")
    select = ",".join(plain_codes())
    runner = CliRunner()
    outs = {}
    for jobs in ("1", "2"):
        res = runner.invoke(main, ["check", str(batch), "--format", "jsonl", "--select", select,
                                   "--jobs", jobs])
        assert res.exit_code == 2, res.output  # the bad line is an input error
        outs[jobs] = res.output
    assert outs["1"] == outs["2"]
    records = [json.loads(line) for line in outs["2"].splitlines()]
    seen = [int(r["record"]) for r in records if r["type"] == "finding"]
    assert seen == sorted(seen) and len(set(seen)) >= 150
    assert records[-1]["type"] == "input_error"


def test_spawned_workers_build_the_same_linter_from_the_spec(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Where processes cannot fork (macOS, Windows), each worker builds its linter."""
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    selection = Selection(select=("B101", "N100", "N101", "N103"))
    linter = Linter(load_guide("default"), selection=selection, quiet_nlp=True)
    items = _items(24)
    expected = list(linter.check_many(items))
    got = list(check_parallel(items, linter, LinterSpec.of("default", selection), jobs=2,
                              chunk_size=6, min_parallel=1))
    assert [r.findings for r in got] == [r.findings for r in expected]
    assert any(r.findings for r in got)
