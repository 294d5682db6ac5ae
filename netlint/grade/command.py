"""What ``netlint grade`` does, as a library call (the CLI only parses options)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from ..draft import Draft
from ..engine import DraftResult, Linter
from ..guide.model import Guide
from ..readers import ReadError, ReadOptions
from ..run import Inputs, drafts
from .grader import Gradebook, grade_all
from .scoring import Rubric

PROGRESS_MIN_DRAFTS = 50


@dataclass(frozen=True)
class GradeRun:
    book: Gradebook
    rendered: str
    exit_code: int


def read_all(paths: Sequence[str], opts: ReadOptions) -> list[Draft | DraftResult]:
    """Every draft first (a progress bar needs the total); read errors as results."""
    out: list[Draft | DraftResult] = []
    for item in drafts(Inputs(paths=tuple(paths)), opts):
        out.append(DraftResult(None, error=item.message, path=item.path)
                   if isinstance(item, ReadError) else item)
    return out


def progress_for(count: int, stream: TextIO | None = None
                 ) -> Callable[[Iterable[Any]], Iterable[Any]] | None:
    """A wrapper that shows a progress bar on a terminal for big batches, else nothing."""
    stream = stream if stream is not None else sys.stderr
    if count < PROGRESS_MIN_DRAFTS or not stream.isatty():
        return None

    def wrap(items: Iterable[Any]) -> Iterable[Any]:
        from rich.console import Console
        from rich.progress import track

        yield from track(items, description="Grading", total=count, transient=True,
                         console=Console(file=stream))

    return wrap


def exit_status(book: Gradebook, min_score: float | None) -> int:
    """2 when an input could not be read, 1 when a draft scored under --min-score, else 0."""
    if book.unreadable:
        return 2
    if min_score is not None and any(d.grade.score < min_score for d in book.drafts):
        return 1
    return 0


def grade_paths(guide: Guide, paths: Sequence[str], *, fmt: str = "table",
                channel: str | None = None, report: str | None = None,
                min_score: float | None = None, color: bool = False,
                width: int = 120) -> GradeRun:
    """Read, check and grade ``paths``; render ``fmt``; write ``report`` if given."""
    from .output import render_csv, render_json, render_table

    linter = Linter(guide, quiet_nlp=True)
    rubric = Rubric.from_guide(guide)
    context = {"channel": channel} if channel else {}
    opts = ReadOptions(exclude=tuple(guide.files.get("exclude") or ()), context=context)
    items = read_all(paths, opts)
    book = grade_all(linter, items, rubric, progress=progress_for(len(items)))
    if fmt == "csv":
        rendered = render_csv(book)
    elif fmt == "json":
        rendered = render_json(book)
    else:
        rendered = render_table(book, color=color, width=width)
    if report:
        from .report import render_report

        with open(report, "w", encoding="utf-8") as fh:
            fh.write(render_report(book))
    return GradeRun(book, rendered, exit_status(book, min_score))
