"""CSV: one row per finding (and per unreadable input), for spreadsheets and BI tools."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import RenderOptions

if TYPE_CHECKING:
    from ..engine import DraftResult

COLUMNS = ("path", "record", "draft_id", "line", "column", "end_line", "end_column", "code",
           "name", "category", "severity", "message", "fixable")


def _cell(value: str) -> str:
    # A spreadsheet runs a cell that starts with = + - @ as a formula (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def render(results: Sequence[DraftResult], options: RenderOptions) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in results:
        if not r.ok:
            w.writerow([_cell(r.path), "", "", "", "", "", "", "", "input-error", "", "error",
                        _cell(r.error or ""), ""])
            continue
        for f in r.findings:
            w.writerow([_cell(f.path), _cell(f.record or ""), _cell(f.draft_id or ""), f.line,
                        f.column, f.end_line, f.end_column, f.code, f.name, f.category,
                        f.severity.value, _cell(f.message), "yes" if f.fixes else ""])
    return buf.getvalue()
