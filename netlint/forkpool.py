"""A batch on Linux: this process checks drafts too, with forked helpers.

With ``jobs`` processes, ``jobs - 1`` helpers are forked from this process once
its linter is warm (word tables and lexicons loaded), so they share its memory.
Each helper has a pipe from this process and one back: chunks of drafts go
out, results come back in the same order. This process hands a chunk to a helper whose queue
is short and checks the chunk itself otherwise, then yields every result in
input order. Compared with a pool of ``jobs`` workers, no extra process competes
for the cores, the drafts this process checks are never pickled, and neither
threads nor ``multiprocessing`` (~25 ms to import) are needed.

Sends never block for good: while a helper's pipe is full, its answers are
read into a buffer, so a helper writing a large answer and this process writing
a large chunk cannot wait on each other.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import select
import signal
import struct
import sys
from collections import deque
from collections.abc import Iterator
from itertools import islice
from typing import Any

from .draft import Draft
from .engine import DraftResult, Linter
from .parallel import check_detached, chunks, in_order

# Chunks queued to each helper: enough that it does not wait while this process
# checks a chunk of its own.
QUEUED_PER_HELPER = 3
# Chunks read ahead of the oldest result not yet yielded (memory stays flat).
MAX_PENDING = 64
# Bytes a pipe holds: the most an unprivileged process may ask for by default.
PIPE_SIZE = 1 << 20
_HEADER = struct.Struct("!Q")  # the size of the pickle that follows


class WorkerError(RuntimeError):
    """A helper process died, or its error could not be sent back as it was."""


class _Helper:
    """One forked helper, seen from this process: its pid and pipes, and how
    many chunks it has not answered yet."""

    def __init__(self, linter: Linter, others: list[_Helper]) -> None:
        to_helper, from_helper = os.pipe(), os.pipe()  # (read end, write end) each
        for _, fd in (to_helper, from_helper):
            _widen(fd)
        try:
            pid = os.fork()
        except OSError:
            for fd in (*to_helper, *from_helper):
                os.close(fd)
            raise
        if pid == 0:  # in the helper
            os.close(to_helper[1])
            os.close(from_helper[0])
            for other in others:  # earlier helpers' pipes are not this one's
                other.close_pipes()
            _serve(to_helper[0], from_helper[1], linter)  # never returns
        os.close(to_helper[0])
        os.close(from_helper[1])
        self.pid = pid
        self._out, self._in = to_helper[1], from_helper[0]
        os.set_blocking(self._out, False)
        os.set_blocking(self._in, False)
        self.queued = 0
        self._inbox = bytearray()

    def send(self, drafts: list[Draft]) -> None:
        data = pickle.dumps(drafts, pickle.HIGHEST_PROTOCOL)
        view = memoryview(_HEADER.pack(len(data)) + data)
        while view:
            try:
                view = view[os.write(self._out, view):]
            except BlockingIOError:
                # The helper may be blocked writing answers: read them meanwhile.
                self._wait(self._in, self._out)
                self._read_available()
            except BrokenPipeError:
                raise WorkerError(self._death()) from None
        self.queued += 1

    def ready(self) -> bool:
        """Whether the oldest queued chunk's answer is here (reads, never waits)."""
        self._read_available()
        return self._answer_size() is not None

    def receive(self) -> list[DraftResult]:
        """The results of the oldest queued chunk (waits for them)."""
        self._read_available()
        while (size := self._answer_size()) is None:
            self._wait(self._in)
            self._read_available()
        data = bytes(self._inbox[_HEADER.size:_HEADER.size + size])
        del self._inbox[:_HEADER.size + size]
        self.queued -= 1
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def close_pipes(self) -> None:
        for fd in (self._out, self._in):
            with contextlib.suppress(OSError):
                os.close(fd)

    def close(self) -> None:
        """End the helper: done, or stopped half-way (an error, Ctrl-C), when
        the chunk it may be checking is not wanted any more."""
        self.close_pipes()
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = 0

    def _answer_size(self) -> int | None:
        if len(self._inbox) < _HEADER.size:
            return None
        (size,) = _HEADER.unpack_from(self._inbox)
        return size if len(self._inbox) >= _HEADER.size + size else None

    def _read_available(self) -> None:
        while True:
            try:
                data = os.read(self._in, 1 << 20)
            except BlockingIOError:
                return
            if not data:
                raise WorkerError(self._death())
            self._inbox += data

    @staticmethod
    def _wait(readable: int, writable: int | None = None) -> None:
        """Until ``readable`` can be read (or its writer is gone), or ``writable``
        written to."""
        poll = select.poll()  # not select.select: a batch may hold fds above 1024
        poll.register(readable, select.POLLIN)
        if writable is not None:
            poll.register(writable, select.POLLOUT)
        poll.poll()

    def _death(self) -> str:
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return "a worker process ended unexpectedly"
        self.pid = 0
        if os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            return f"a worker process was killed ({name})"
        return f"a worker process exited unexpectedly (status {os.waitstatus_to_exitcode(status)})"


def _widen(fd: int) -> None:
    """Let a pipe hold :data:`PIPE_SIZE` bytes (Linux), not 64 KiB: a few
    chunks of replies that carry the customer's message, or of their findings,
    are larger, and a full pipe makes its writer wait for the reader."""
    with contextlib.suppress(AttributeError, OSError):  # elsewhere, or over the limit
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_SIZE)


def _serve(incoming: int, outgoing: int, linter: Linter) -> None:
    """A helper's life: answer chunks until end-of-file, then ``os._exit`` (no
    atexit handler or buffered output of the parent runs twice)."""
    status = 0
    try:
        # Ctrl-C reaches the whole process group: the parent reports it, once.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # What a helper has to say comes back in its answers (skipped rules) or
        # is said by the parent, which checks drafts with the same linter.
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the process's life
        with open(incoming, "rb") as reader, open(outgoing, "wb") as writer:
            while header := reader.read(_HEADER.size):
                (size,) = _HEADER.unpack(header)
                drafts = pickle.loads(reader.read(size))
                try:
                    answer = (True, check_detached(linter, drafts))
                    data = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
                except Exception as exc:  # the parent raises it
                    data = _pickled_error(exc)
                writer.write(_HEADER.pack(len(data)))
                writer.write(data)
                writer.flush()
    except BaseException:  # the parent reads end-of-file and reports it
        status = 1
    finally:
        os._exit(status)


def _pickled_error(exc: Exception) -> bytes:
    answer: tuple[bool, Any] = (False, exc)
    try:
        return pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that does not pickle: its text does
        return pickle.dumps((False, WorkerError(f"{type(exc).__name__}: {exc}")))


def check_forked(items: Iterator[Draft | DraftResult], linter: Linter, jobs: int,
                 chunk_size: int, *, warm: int) -> Iterator[DraftResult]:
    """Check ``items`` here and in ``jobs - 1`` forked helpers; results in order.

    The first ``warm`` items are checked here before any fork, so that what
    rules load lazily is loaded once and shared."""
    yield from linter.check_many(islice(items, warm))
    helpers: list[_Helper] = []
    try:
        for _ in range(jobs - 1):
            try:
                helpers.append(_Helper(linter, helpers))
            except OSError:  # no more processes allowed: fewer helpers, or none
                break
        if not helpers:
            yield from linter.check_many(items)
            return
        # Each entry: a chunk as read, and its results (checked here) or its helper.
        pending: deque[tuple[list[Draft | DraftResult], list[DraftResult] | _Helper]] = deque()
        for chunk in chunks(items, chunk_size):
            drafts = [x for x in chunk if isinstance(x, Draft)]
            helper = min(helpers, key=lambda h: h.queued)
            if drafts and helper.queued < QUEUED_PER_HELPER:
                helper.send(drafts)
                pending.append((chunk, helper))
            else:
                pending.append((chunk, list(linter.check_many(drafts))))
            while pending and (len(pending) > MAX_PENDING or _ready(pending[0][1])):
                yield from _merge(*pending.popleft())
        while pending:
            yield from _merge(*pending.popleft())
    finally:
        for helper in helpers:
            helper.close()


def _ready(outcome: list[DraftResult] | _Helper) -> bool:
    return not isinstance(outcome, _Helper) or outcome.ready()


def _merge(chunk: list[Draft | DraftResult], outcome: list[DraftResult] | _Helper,
           ) -> Iterator[DraftResult]:
    """The chunk's items in order: read errors as they were, drafts as checked."""
    return in_order(chunk, outcome.receive() if isinstance(outcome, _Helper) else outcome)
