"""JSON: one document with a versioned schema (see README, "JSON output")."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..engine import DraftResult
from . import SCHEMA_VERSION, RenderOptions, Summary


def render(results: Sequence[DraftResult], options: RenderOptions) -> str:
    s = Summary.of(results)
    doc = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "netlint", "version": options.tool_version},
        "summary": {"errors": s.errors, "warnings": s.warnings, "info": s.infos,
                    "drafts": s.drafts, "unreadable": s.unreadable, "fixable": s.fixable},
        "findings": [f.to_dict() for r in results for f in r.findings],
        "input_errors": [{"path": r.path, "message": r.error} for r in results if not r.ok],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
