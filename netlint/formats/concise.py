"""``path:line:col: CODE message``, one finding per line."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TextIO

from ..engine import DraftResult
from . import RenderOptions
from .streaming import Tally


def stream(results: Iterable[DraftResult], options: RenderOptions, out: TextIO) -> Tally:
    tally = Tally()
    for r in results:
        tally.add(r)
        if not r.ok:
            out.write(f"{r.path}: error: {r.error}\n")
            continue
        for f in r.findings:
            where = f"{f.path}:{f.line}:{f.column}"
            rec = f" [record {f.record}]" if f.record is not None else ""
            out.write(f"{where}: {f.code} {f.message}{rec}\n")
    if options.statistics:
        out.writelines(f"{n:5d}  {code}  {name}{'  [*]' if fx else ''}\n"
                       for n, code, name, fx in tally.statistics())
    out.write(tally.summary().line() + "\n")
    return tally


def render(results: Sequence[DraftResult], options: RenderOptions) -> str:
    buf = io.StringIO()
    stream(results, options, buf)
    return buf.getvalue()
