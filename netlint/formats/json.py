"""JSON: one document with a versioned schema (see README, "JSON output")."""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from ..engine import DraftResult
from . import SCHEMA_VERSION, RenderOptions
from .streaming import Tally

# Findings beyond this many characters wait on disk, not in memory, until the
# summary (which comes first in the document) is known.
_SPOOL_IN_MEMORY = 8 * 1024 * 1024


def _nested(value: Any, depth: int) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` would print it ``depth`` levels deep."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)


def stream(results: Iterable[DraftResult], options: RenderOptions, out: TextIO) -> Tally:
    tally = Tally()
    errors: list[dict[str, Any]] = []
    with tempfile.SpooledTemporaryFile(_SPOOL_IN_MEMORY, mode="w+", encoding="utf-8") as spool:
        sep = "\n    "
        for r in results:
            tally.add(r)
            if not r.ok:
                errors.append({"path": r.path, "message": r.error})
            for f in r.findings:
                spool.write(sep + _nested(f.to_dict(), 2))
                sep = ",\n    "
        s = tally.summary()
        head = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "netlint", "version": options.tool_version},
            "summary": {"errors": s.errors, "warnings": s.warnings, "info": s.infos,
                        "drafts": s.drafts, "unreadable": s.unreadable, "fixable": s.fixable},
        }
        out.write(json.dumps(head, indent=2, ensure_ascii=False)[:-2])
        out.write(',\n  "findings": [')
        if tally.findings:
            spool.seek(0)
            shutil.copyfileobj(spool, out)
            out.write("\n  ]")
        else:
            out.write("]")
        out.write(',\n  "input_errors": ' + _nested(errors, 1) + "\n}\n")
    return tally


def render(results: Sequence[DraftResult], options: RenderOptions) -> str:
    buf = io.StringIO()
    stream(results, options, buf)
    return buf.getvalue()
