"""Rich terminal output: each finding with its line of text and the span underlined."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TextIO

from rich.console import Console
from rich.text import Text

from ..engine import DraftResult
from ..finding import Finding, Severity
from . import RenderOptions
from .streaming import Tally

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _underline(f: Finding) -> tuple[str, int, int]:
    """The excerpt line, and where the span starts and how long it is in it."""
    line = f.excerpt.replace("\t", " ")
    start = f.excerpt_start if f.excerpt_start >= 0 else f.column - 1
    start = max(0, min(start, len(line)))
    length = f.text_end - f.text_start
    if f.end_line != f.line or start + length > len(line):
        length = len(line) - start
    return line, start, max(1, length)


def render_finding(f: Finding, console: Console, show_fixes: bool) -> None:
    head = Text()
    head.append(f"{f.path}:{f.line}:{f.column}", style="bold")
    if f.record is not None:
        head.append(f" [record {f.record}]", style="dim")
    head.append(": ")
    head.append(f.code, style=_STYLE[f.severity])
    head.append(f" {f.message}")
    head.append(f"  ({f.name}, {f.severity.value})", style="dim")
    console.print(head)
    if f.excerpt:
        line, start, span = _underline(f)
        gutter = " " * len(str(f.line))
        console.print(Text(f" {gutter} |", style="blue"))
        body = Text(f" {f.line} | ", style="blue")
        body.append(line)
        console.print(body)
        mark = Text(f" {gutter} | ", style="blue")
        mark.append(" " * start + "^" * span, style=_STYLE[f.severity])
        console.print(mark)
    if show_fixes:
        for fix in f.fixes:
            tag = "fix" if fix.applicability.value == "safe" else "unsafe fix"
            console.print(Text(f"   = {tag}: {fix.message}", style="green"))
    console.print()


def stream(results: Iterable[DraftResult], options: RenderOptions, out: TextIO) -> Tally:
    console = Console(file=out, force_terminal=options.color, no_color=not options.color,
                      width=options.width, highlight=False, soft_wrap=True)
    tally = Tally()
    for r in results:
        tally.add(r)
        if not r.ok:
            console.print(Text.assemble((f"{r.path}", "bold"), ": ",
                                        ("input error", "bold red"), f": {r.error}"))
            continue
        for f in r.findings:
            render_finding(f, console, options.show_fixes)
    if options.statistics:
        for n, code, name, fx in tally.statistics():
            console.print(f"{n:5d}  {code}  {name}{'  [*]' if fx else ''}")
    s = tally.summary()
    style = "bold red" if s.errors else "yellow" if s.warnings else "green"
    console.print(Text(s.line(), style=style))
    if s.fixable:
        console.print(Text(f"{s.fixable} fixable with --fix (or --unsafe-fixes).", style="dim"))
    return tally


def render(results: Sequence[DraftResult], options: RenderOptions) -> str:
    buf = io.StringIO()
    stream(results, options, buf)
    return buf.getvalue()
