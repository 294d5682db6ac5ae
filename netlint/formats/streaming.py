"""Writing a report while results arrive, so that memory stays flat in a batch.

A format module may define ``stream(results, options, out) -> Tally`` next to its
``render``; :func:`write_report` uses it, and falls back to ``render`` over a list
for formats that need every result at once.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from ..finding import Severity
from . import FORMATS, RenderOptions, Summary

if TYPE_CHECKING:
    from ..engine import DraftResult


class Tally:
    """Counts over the results seen so far: the summary line, statistics, exit status."""

    def __init__(self) -> None:
        self.by_severity = {s: 0 for s in Severity}
        self.fixable = 0
        self.drafts = 0
        self.unreadable = 0
        self.max_rank = 0
        self._rules: dict[str, list[object]] = {}

    def add(self, result: DraftResult) -> None:
        if result.ok:
            self.drafts += 1
        else:
            self.unreadable += 1
        for f in result.findings:
            self.by_severity[f.severity] += 1
            self.fixable += bool(f.fixes)
            self.max_rank = max(self.max_rank, f.severity.rank)
            row = self._rules.setdefault(f.code, [0, f.code, f.name, False])
            row[0] = int(row[0]) + 1  # type: ignore[call-overload]
            row[3] = bool(row[3]) or bool(f.fixes)

    def watch(self, results: Iterable[DraftResult]) -> Iterator[DraftResult]:
        """Pass results through, counting each."""
        for r in results:
            self.add(r)
            yield r

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def summary(self) -> Summary:
        c = self.by_severity
        return Summary(c[Severity.ERROR], c[Severity.WARNING], c[Severity.INFO], self.drafts,
                       self.unreadable, self.fixable)

    def statistics(self) -> list[tuple[int, str, str, bool]]:
        """Same rows, same order as :func:`netlint.formats.statistics`."""
        rows = [(int(n), str(code), str(name), bool(fx))  # type: ignore[call-overload]
                for n, code, name, fx in self._rules.values()]
        return sorted(rows, key=lambda r: (-r[0], r[1]))

    def fails(self, fail_on: str) -> bool:
        """Whether a finding reached the ``--fail-on`` severity."""
        if fail_on == "never":
            return False
        return self.max_rank >= Severity.parse(fail_on).rank


class _HoldLastLine:
    """Writes through, but keeps the last line back (``--quiet`` drops the summary)."""

    def __init__(self, out: TextIO):
        self.out = out
        self.pending = ""

    def write(self, text: str) -> int:
        data = self.pending + text
        cut = data.rstrip("\n").rfind("\n")
        if cut >= 0:
            self.out.write(data[:cut + 1])
            self.pending = data[cut + 1:]
        else:
            self.pending = data
        return len(text)

    def flush(self) -> None:
        self.out.flush()

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:
        return getattr(self.out, "encoding", None) or "utf-8"


def write_report(results: Iterable[DraftResult], fmt: str, options: RenderOptions,
                 out: TextIO, *, quiet: bool = False) -> Tally:
    """Render ``results`` into ``out`` as they come; return the counts.

    With ``quiet`` (full and concise formats) the closing summary line is left
    out, and nothing at all is written when there are no findings and no errors.
    """
    module = importlib.import_module(f"{__package__}.{FORMATS[fmt]}")
    stream = getattr(module, "stream", None)
    hold = quiet and fmt in ("full", "concise")
    sink: TextIO = _HoldLastLine(out) if hold else out  # type: ignore[assignment]
    if stream is not None:
        tally: Tally = stream(results, options, sink)
    else:  # a format that needs every result at once
        tally = Tally()
        listed = list(tally.watch(results))
        sink.write(module.render(listed, options))
    # A held last line (the summary) is dropped: when there were no findings it
    # was all there was to say.
    return tally
