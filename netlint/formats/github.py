"""GitHub Actions workflow commands: each finding becomes an annotation on the diff.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message``; info
findings are notices. Values are escaped as the Actions runner expects
(``%``, CR and LF everywhere; also ``:`` and ``,`` in properties).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..finding import Severity
from . import RenderOptions, Summary

if TYPE_CHECKING:
    from ..engine import DraftResult

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(results: Sequence[DraftResult], options: RenderOptions) -> str:
    lines = []
    for r in results:
        if not r.ok:
            lines.append(f"::error file={escape_property(r.path)},"
                         f"title={escape_property('netlint: unreadable input')}::"
                         f"{escape_data(r.error or '')}")
            continue
        for f in r.findings:
            props = [f"file={escape_property(f.path)}", f"line={f.line}", f"col={f.column}",
                     f"endLine={f.end_line}", f"endColumn={f.end_column}",
                     f"title={escape_property(f'netlint {f.code} ({f.name})')}"]
            rec = f" [record {f.record}]" if f.record is not None else ""
            lines.append(f"::{COMMANDS[f.severity]} {','.join(props)}::"
                         f"{escape_data(f'{f.code} {f.message}{rec}')}")
    lines.append(Summary.of(results).line())
    return "\n".join(lines) + "\n"
