"""Checking a batch across processes, with results in input order.

Where processes fork (Linux), this process checks its share of the batch and
``jobs - 1`` helpers forked from it check the rest (:mod:`netlint.forkpool`):
they are copies of its warmed linter, so word lists and models load once.
Elsewhere a pool of ``jobs`` spawned workers each builds its linter once from a
picklable :class:`LinterSpec`. Chunks of drafts are checked with
``Linter.check_many`` (so spaCy batching works in every process). This process
reads, dispatches a bounded number of chunks ahead and yields results in the
order the drafts were read: memory stays flat however long the batch is.
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

from .draft import Draft
from .engine import DraftResult, Linter
from .guide.model import Selection

if TYPE_CHECKING:  # the process machinery is imported only when a batch goes parallel
    from concurrent.futures import Future

CHUNK_SIZE = 32
# Below this many drafts, starting workers (each builds a Linter, maybe loads
# spaCy) costs more than it saves: the batch is checked in this process.
MIN_PARALLEL = 256
# Chunks in flight per spawned worker: enough to keep every worker busy.
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


def _init_worker(spec: LinterSpec) -> None:
    global _worker
    _worker = spec.build()


def _check_chunk(drafts: list[Draft]) -> list[DraftResult]:
    assert _worker is not None, "worker not initialised"
    return check_detached(_worker, drafts)


def check_detached(linter: Linter, drafts: list[Draft]) -> list[DraftResult]:
    """Results for another process, which still holds each draft: not sent back."""
    return [replace(r, draft=None) for r in linter.check_many(drafts)]


def in_order(chunk: list[Draft | DraftResult], checked: Iterable[DraftResult],
             ) -> Iterator[DraftResult]:
    """The chunk's items in order: read errors as they were, and each draft's
    result from ``checked`` (see :func:`check_detached`) with its draft again."""
    results = iter(checked)
    for item in chunk:
        yield item if isinstance(item, DraftResult) else replace(next(results), draft=item)


def chunks(items: Iterable[Draft | DraftResult], size: int,
           ) -> Iterator[list[Draft | DraftResult]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def start_method() -> str:
    """fork reuses the modules this process has imported: a helper is ready in
    milliseconds. Elsewhere (macOS, Windows) spawn is the safe choice."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def check_parallel(items: Iterable[Draft | DraftResult], linter: Linter, spec: LinterSpec,
                   jobs: int, *, chunk_size: int | None = None,
                   min_parallel: int | None = None, quiet: bool = False,
                   ) -> Iterator[DraftResult]:
    """Check ``items`` with ``jobs`` processes; read errors pass through.

    ``linter`` checks small batches (and, where processes fork, its share of a
    large one) in this process; ``spec`` builds the same linter in each spawned
    worker.
    """
    chunk_size = chunk_size or CHUNK_SIZE
    min_parallel = MIN_PARALLEL if min_parallel is None else min_parallel
    it = iter(items)
    head = list(islice(it, min_parallel))
    if jobs <= 1 or len(head) < max(1, min_parallel):
        yield from linter.check_many(chain(head, it))
        return
    if start_method() == "fork":
        from .forkpool import check_forked

        # Forked helpers inherit this linter: the first chunk is checked here
        # first, so that what rules load lazily (word lists, dictionaries,
        # spaCy) is loaded once, before the fork, and shared.
        results = check_forked(chain(head, it), linter, jobs, chunk_size, warm=chunk_size)
    else:
        results = _check_pool(chain(head, it), spec, jobs, chunk_size)
    for result in results:
        if result.skipped and not quiet:
            linter.warn_skipped(result.skipped)  # workers are quiet: said once, here
        yield result


def _check_pool(items: Iterator[Draft | DraftResult], spec: LinterSpec,
                jobs: int, chunk_size: int) -> Iterator[DraftResult]:
    """Spawned workers (macOS, Windows): each builds its linter from ``spec``."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context(start_method())
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker,
                               initargs=(spec,))
    pending: deque[tuple[list[Draft | DraftResult], Future[list[DraftResult]] | None]] = deque()
    try:
        for chunk in chunks(items, chunk_size):
            drafts = [x for x in chunk if isinstance(x, Draft)]
            pending.append((chunk, pool.submit(_check_chunk, drafts) if drafts else None))
            while len(pending) >= jobs * AHEAD_PER_JOB:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(chunk: list[Draft | DraftResult], future: Future[list[DraftResult]] | None,
             ) -> Iterator[DraftResult]:
    return in_order(chunk, future.result() if future is not None else ())
