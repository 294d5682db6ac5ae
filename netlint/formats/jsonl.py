"""JSON Lines: one object per finding (``"type": "finding"``) or unreadable input."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..engine import DraftResult
from . import RenderOptions


def render(results: Sequence[DraftResult], options: RenderOptions) -> str:
    lines = []
    for r in results:
        if not r.ok:
            lines.append(json.dumps({"type": "input_error", "path": r.path, "message": r.error},
                                    ensure_ascii=False))
        for f in r.findings:
            lines.append(json.dumps({"type": "finding", **f.to_dict()}, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)
