"""JSON Lines: one object per finding (``"type": "finding"``) or unreadable input."""

from __future__ import annotations

import io
import json
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
            out.write(json.dumps({"type": "input_error", "path": r.path, "message": r.error},
                                 ensure_ascii=False) + "\n")
        for f in r.findings:
            out.write(json.dumps({"type": "finding", **f.to_dict()}, ensure_ascii=False) + "\n")
    return tally


def render(results: Sequence[DraftResult], options: RenderOptions) -> str:
    buf = io.StringIO()
    stream(results, options, buf)
    return buf.getvalue()
