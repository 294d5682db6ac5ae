"""``path:line:col: CODE message``, one finding per line."""

from __future__ import annotations

from collections.abc import Sequence

from ..engine import DraftResult
from . import RenderOptions, Summary, statistics


def render(results: Sequence[DraftResult], options: RenderOptions) -> str:
    lines = []
    for r in results:
        if not r.ok:
            lines.append(f"{r.path}: error: {r.error}")
            continue
        for f in r.findings:
            where = f"{f.path}:{f.line}:{f.column}"
            rec = f" [record {f.record}]" if f.record is not None else ""
            lines.append(f"{where}: {f.code} {f.message}{rec}")
    if options.statistics:
        lines.extend(f"{n:5d}  {code}  {name}{'  [*]' if fx else ''}"
                     for n, code, name, fx in statistics(results))
    lines.append(Summary.of(results).line())
    return "\n".join(lines) + "\n"
