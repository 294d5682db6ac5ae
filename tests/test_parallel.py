"""``--jobs``: worker processes check large batches; results keep the input order and
are exactly what one process finds."""

from __future__ import annotations

import json
from collections.abc import Callable
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
    monkeypatch.setattr(parallel, "start_method", lambda: "spawn")
    selection = Selection(select=("B101", "N100", "N101", "N103"))
    linter = Linter(load_guide("default"), selection=selection, quiet_nlp=True)
    items = _items(24)
    expected = list(linter.check_many(items))
    got = list(check_parallel(items, linter, LinterSpec.of("default", selection), jobs=2,
                              chunk_size=6, min_parallel=1))
    assert [r.findings for r in got] == [r.findings for r in expected]
    assert any(r.findings for r in got)


# -- forked helpers (Linux): this process checks a share, helpers the rest -----------

forking = pytest.mark.skipif(parallel.start_method() != "fork", reason="processes fork on Linux")


def _plain_linter(**kw: object) -> Linter:
    return Linter(load_guide("default"), selection=Selection(select=plain_codes()),
                  quiet_nlp=True, **kw)  # type: ignore[arg-type]


@forking
def test_three_processes_keep_input_order_and_find_the_same() -> None:
    linter = _plain_linter()
    items = _items(90)
    expected = list(linter.check_many(items))
    got = list(check_parallel(items, linter, LinterSpec(), jobs=3, chunk_size=3, min_parallel=1))
    assert [(r.path, r.findings, r.draft, r.error) for r in got] == \
        [(r.path, r.findings, r.draft, r.error) for r in expected]


@forking
def test_chunks_larger_than_a_pipe_buffer_do_not_deadlock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A helper writing a large answer while this process writes a large chunk:
    each side must keep reading, or both wait for ever. Pipes of one page make
    every chunk and answer here larger than the pipe."""
    import signal

    from netlint import forkpool

    monkeypatch.setattr(forkpool, "PIPE_SIZE", 4096)
    linter = Linter(load_guide("default"), selection=Selection(select=("B101", "N100")),
                    quiet_nlp=True)
    # ~60 KB a draft, and a finding (B101) for each of its 300 sentences.
    long_text = ("We shipped your order today and it will arrive soon, so please keep an eye "
                 "on your inbox because the courier will send a tracking link and a delivery "
                 "window before it comes to you. ") * 300
    items: list[Draft | DraftResult] = [
        Draft(long_text + f" #{i}", path="big.jsonl", record=str(i)) for i in range(10)]

    def deadlocked(*_: object) -> None:
        raise TimeoutError("the helper and this process are waiting on each other")

    previous = signal.signal(signal.SIGALRM, deadlocked)
    signal.alarm(60)  # a deadlock fails the test instead of hanging the suite
    try:
        got = list(check_parallel(items, linter, LinterSpec(), jobs=2, chunk_size=2,
                                  min_parallel=1))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [r.draft for r in got] == items
    assert [r.findings for r in got] == [r.findings for r in linter.check_many(items)]
    assert len(got[0].findings) >= 300  # answers larger than the pipes too


def _linter_failing_in_helpers(monkeypatch: pytest.MonkeyPatch,
                               fail: Callable[[Draft], None]) -> Linter:
    """A linter that runs ``fail(draft)`` before checking a draft in a forked
    helper (never in this process)."""
    import os

    parent = os.getpid()
    linter = _plain_linter()
    real = linter.check_result

    def check_result(draft: Draft, spacy_doc: object = None) -> DraftResult:
        if os.getpid() != parent:
            fail(draft)
        return real(draft, spacy_doc)

    monkeypatch.setattr(linter, "check_result", check_result)
    return linter


@forking
def test_an_error_in_a_helper_is_raised_here(monkeypatch: pytest.MonkeyPatch,
                                             helper_pids: list[int]) -> None:
    from netlint.errors import NetlintError

    def fail(draft: Draft) -> None:
        if "#9" in draft.text:
            raise NetlintError("bad pack in a helper")

    linter = _linter_failing_in_helpers(monkeypatch, fail)
    with pytest.raises(NetlintError, match="bad pack in a helper"):
        list(check_parallel(_items(40), linter, LinterSpec(), jobs=2, chunk_size=4,
                            min_parallel=1))
    _assert_waited_for(helper_pids)


@forking
def test_a_helper_that_dies_is_reported_not_waited_for(monkeypatch: pytest.MonkeyPatch,
                                                       helper_pids: list[int]) -> None:
    import os
    import signal

    from netlint.forkpool import WorkerError

    linter = _linter_failing_in_helpers(
        monkeypatch, lambda draft: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(WorkerError, match=r"killed \(SIGKILL\)"):
        list(check_parallel(_items(40), linter, LinterSpec(), jobs=2, chunk_size=4,
                            min_parallel=1))
    _assert_waited_for(helper_pids)


@forking
def test_stopping_early_ends_the_helpers(helper_pids: list[int]) -> None:
    linter = _plain_linter()
    results = check_parallel(_items(200), linter, LinterSpec(), jobs=3, chunk_size=4,
                             min_parallel=1)
    assert len([next(results) for _ in range(30)]) == 30
    results.close()  # a consumer that stops early (an error while writing, Ctrl-C)
    _assert_waited_for(helper_pids)


@pytest.fixture
def helper_pids(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pids of the helpers a test forks."""
    from netlint import forkpool

    pids: list[int] = []
    real = forkpool._Helper.__init__

    def init(self: forkpool._Helper, *args: object) -> None:
        real(self, *args)  # type: ignore[arg-type]
        pids.append(self.pid)

    monkeypatch.setattr(forkpool._Helper, "__init__", init)
    return pids


def _assert_waited_for(pids: list[int]) -> None:
    import os

    assert pids
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # already waited for: no zombie, none running


@forking
def test_a_rule_skipped_in_helpers_is_reported_once(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from netlint.nlp import NLP

    monkeypatch.setattr(NLP, "available", lambda self, need: need not in COMPONENTS)
    linter = Linter(load_guide("default"), selection=Selection(select=("G131", "B101")))
    results = list(check_parallel(_items(60), linter, LinterSpec(), jobs=2, chunk_size=4,
                                  min_parallel=1))
    assert all(r.skipped == ("G131",) for r in results if r.ok)
    assert capsys.readouterr().err.count("skipped G131") == 1


@forking
def test_when_no_process_can_be_forked_this_one_checks_everything(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", fork)
    linter = _plain_linter()
    items = _items(40)
    got = list(check_parallel(items, linter, LinterSpec(), jobs=2, chunk_size=4, min_parallel=1))
    assert [(r.findings, r.error) for r in got] == \
        [(r.findings, r.error) for r in linter.check_many(items)]
