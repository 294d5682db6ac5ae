"""Checking a batch across worker processes, with results in input order.

Each worker has its own :class:`~netlint.engine.Linter`: where processes fork
(Linux) it is a copy of the parent's, warmed on one draft before the fork so that
word lists and models load once; elsewhere each worker builds it once from a
picklable :class:`LinterSpec`. Workers check chunks of drafts with
``Linter.check_many`` (so spaCy batching works inside each worker). The parent reads, dispatches a bounded
number of chunks ahead and yields results in the order the drafts were read:
memory stays flat however long the batch is.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .datacache import expect_batch
from .draft import Draft
from .engine import DraftResult, Linter
from .guide.model import Selection
from .nlp import COMPONENTS

if TYPE_CHECKING:  # the process machinery is imported only when a batch goes parallel
    import multiprocessing.context
    from concurrent.futures import Future

CHUNK_SIZE = 32
# Below this many drafts, starting workers (each builds a Linter, maybe loads
# spaCy) costs more than it saves: the batch is checked in this process.
MIN_PARALLEL = 256
# Chunks in flight per worker: enough to keep every worker busy.
AHEAD_PER_JOB = 6


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class LinterSpec(NamedTuple):
    """How to build a Linter again in another process (or server): all picklable."""

    guide: str | None = None
    selection: Selection | None = None
    cwd: str = "."

    @classmethod
    def of(cls, guide: str | None, selection: Selection | None = None) -> LinterSpec:
        if guide is not None and Path(guide).exists():
            guide = str(Path(guide).resolve())
        return cls(guide, selection, os.getcwd())

    def build(self, *, quiet_nlp: bool = True) -> Linter:
        from .guide.loader import load_guide

        return Linter(load_guide(self.guide, start=self.cwd), selection=self.selection,
                      quiet_nlp=quiet_nlp)


_worker: Linter | None = None  # one per worker process, built by _init_worker


def _init_worker(spec: LinterSpec, warm: Linter | None) -> None:
    global _worker
    expect_batch()  # a spawned worker did not inherit the setting
    _worker = warm if warm is not None else spec.build()


def _check_chunk(drafts: list[Draft]) -> list[DraftResult]:
    assert _worker is not None, "worker not initialised"
    # The parent still holds each draft: do not send it back.
    return [replace(r, draft=None) for r in _worker.check_many(drafts)]


def _chunks(items: Iterable[Draft | DraftResult], size: int,
            ) -> Iterator[list[Draft | DraftResult]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    # fork reuses the modules this process has imported: a worker is ready in
    # milliseconds. Elsewhere (macOS, Windows) spawn is the safe choice.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def check_parallel(items: Iterable[Draft | DraftResult], linter: Linter, spec: LinterSpec,
                   jobs: int, *, chunk_size: int | None = None,
                   min_parallel: int | None = None, quiet: bool = False,
                   ) -> Iterator[DraftResult]:
    """Check ``items`` with ``jobs`` worker processes; read errors pass through.

    ``linter`` checks small batches in this process; ``spec`` builds the same
    linter in each worker.
    """
    chunk_size = chunk_size or CHUNK_SIZE
    min_parallel = MIN_PARALLEL if min_parallel is None else min_parallel
    it = iter(items)
    head = list(islice(it, min_parallel))
    if len(head) < max(1, min_parallel):
        yield from linter.check_many(chain(head, it))
        return
    previous = expect_batch()  # large word tables: read whole, not shard by shard
    try:
        if jobs <= 1:
            yield from linter.check_many(chain(head, it))
        else:
            yield from _check_pool(chain(head, it), linter, spec, jobs, chunk_size, quiet)
    finally:
        expect_batch(previous)


def _check_pool(items: Iterator[Draft | DraftResult], linter: Linter, spec: LinterSpec,
                jobs: int, chunk_size: int, quiet: bool) -> Iterator[DraftResult]:
    from concurrent.futures import ProcessPoolExecutor

    warned: set[str] = set()
    context = _context()
    warm: Linter | None = None
    if context.get_start_method() == "fork":
        # Forked workers inherit this linter: check the first chunk here, so that
        # what rules load lazily (word lists, dictionaries, spaCy) is loaded once,
        # before the fork, and shared instead of loaded again in every worker.
        yield from linter.check_many(islice(items, chunk_size))
        warm = linter
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker,
                               initargs=(spec, warm))
    pending: deque[tuple[list[Draft | DraftResult], Future[list[DraftResult]] | None]] = deque()
    try:
        for chunk in _chunks(items, chunk_size):
            drafts = [x for x in chunk if isinstance(x, Draft)]
            pending.append((chunk, pool.submit(_check_chunk, drafts) if drafts else None))
            while len(pending) >= jobs * AHEAD_PER_JOB:
                yield from _collect(*pending.popleft(), linter, warned, quiet)
        while pending:
            yield from _collect(*pending.popleft(), linter, warned, quiet)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(chunk: list[Draft | DraftResult], future: Future[list[DraftResult]] | None,
             linter: Linter, warned: set[str], quiet: bool) -> Iterator[DraftResult]:
    checked = iter(future.result() if future is not None else ())
    for item in chunk:
        if isinstance(item, DraftResult):
            yield item
            continue
        result = replace(next(checked), draft=item)
        if result.skipped and not quiet:
            _warn_skips(linter, result.skipped, warned)
        yield result


def _warn_skips(linter: Linter, skipped: Iterable[str], warned: set[str]) -> None:
    """Workers are quiet; the parent says once which rules could not run."""
    for code in skipped:
        if code in warned:
            continue
        warned.add(code)
        rule = linter.registry.rules[code]
        needs = sorted(n for n in rule.needs if n in COMPONENTS)
        print(f"netlint: skipped {code} ({rule.name}): needs {', '.join(needs)} "
              f"from a spaCy model", file=sys.stderr)
