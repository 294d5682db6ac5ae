"""Terminal output: each finding with its line of text and the span underlined.

Styles are plain ANSI SGR codes, written only when colour is on: importing
rich for this would be a tenth of a cold check.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from ..engine import DraftResult
from ..finding import Finding, Severity
from . import RenderOptions
from .streaming import Tally

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_SGR = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34",
        "cyan": "36"}

Segment = str | tuple[str, str]  # text, or (text, style)


class Console:
    """Writes lines of styled segments to ``out``."""

    def __init__(self, out: TextIO, color: bool):
        self.out, self.color = out, color
        if color and sys.platform == "win32":  # pragma: no cover - Windows consoles
            os.system("")  # turns on ANSI escape handling in the Windows console

    def line(self, *segments: Segment) -> None:
        parts = []
        for seg in segments:
            text, style = (seg, "") if isinstance(seg, str) else seg
            if self.color and style and text:
                codes = ";".join(_SGR[s] for s in style.split())
                text = f"\x1b[{codes}m{text}\x1b[0m"
            parts.append(text)
        self.out.write("".join(parts) + "\n")


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
    console.line((f"{f.path}:{f.line}:{f.column}", "bold"),
                 (f" [record {f.record}]", "dim") if f.record is not None else "",
                 ": ", (f.code, _STYLE[f.severity]), f" {f.message}",
                 (f"  ({f.name}, {f.severity.value})", "dim"))
    if f.excerpt:
        line, start, span = _underline(f)
        gutter = " " * len(str(f.line))
        console.line((f" {gutter} |", "blue"))
        console.line((f" {f.line} | ", "blue"), line)
        console.line((f" {gutter} | ", "blue"), (" " * start + "^" * span, _STYLE[f.severity]))
    if show_fixes:
        for fix in f.fixes:
            tag = "fix" if fix.applicability.value == "safe" else "unsafe fix"
            console.line((f"   = {tag}: {fix.message}", "green"))
    console.line()


def stream(results: Iterable[DraftResult], options: RenderOptions, out: TextIO) -> Tally:
    console = Console(out, options.color)
    tally = Tally()
    for r in results:
        tally.add(r)
        if not r.ok:
            console.line((f"{r.path}", "bold"), ": ", ("input error", "bold red"), f": {r.error}")
            continue
        for f in r.findings:
            render_finding(f, console, options.show_fixes)
    if options.statistics:
        for n, code, name, fx in tally.statistics():
            console.line(f"{n:5d}  {code}  {name}{'  [*]' if fx else ''}")
    s = tally.summary()
    style = "bold red" if s.errors else "yellow" if s.warnings else "green"
    console.line((s.line(), style))
    if s.fixable:
        console.line((f"{s.fixable} fixable with --fix (or --unsafe-fixes).", "dim"))
    return tally


def render(results: Sequence[DraftResult], options: RenderOptions) -> str:
    buf = io.StringIO()
    stream(results, options, buf)
    return buf.getvalue()
