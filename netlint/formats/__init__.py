"""Output formats: one module per format, each with ``render(results, options) -> str``."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..finding import Severity

if TYPE_CHECKING:
    from ..engine import DraftResult

# Format name -> module. Adding a format is one new module and one line here.
FORMATS: dict[str, str] = {
    "full": "full",
    "concise": "concise",
    "json": "json",
    "jsonl": "jsonl",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "csv": "csv",
}

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int = 100
    show_fixes: bool = True
    statistics: bool = False
    tool_version: str = ""


def get(name: str) -> Callable[[Sequence[DraftResult], RenderOptions], str]:
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    return module.render  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Summary:
    errors: int
    warnings: int
    infos: int
    drafts: int
    unreadable: int
    fixable: int

    @classmethod
    def of(cls, results: Sequence[DraftResult]) -> Summary:
        counts = {s: 0 for s in Severity}
        fixable = 0
        for r in results:
            for f in r.findings:
                counts[f.severity] += 1
                fixable += bool(f.fixes)
        return cls(counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO],
                   sum(1 for r in results if r.ok), sum(1 for r in results if not r.ok), fixable)

    def line(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"

        text = (f"{n(self.errors, 'error')}, {n(self.warnings, 'warning')}, "
                f"{n(self.infos, 'info')} in {n(self.drafts, 'draft')}")
        if self.unreadable:
            text += f"; {n(self.unreadable, 'input')} could not be read"
        return text


def statistics(results: Sequence[DraftResult]) -> list[tuple[int, str, str, bool]]:
    """(count, code, name, fixable) per rule, most frequent first."""
    table: dict[str, list[object]] = {}
    for r in results:
        for f in r.findings:
            row = table.setdefault(f.code, [0, f.code, f.name, False])
            row[0] = int(row[0]) + 1  # type: ignore[call-overload]
            row[3] = bool(row[3]) or bool(f.fixes)
    rows = [(int(c), str(code), str(name), bool(fx)) for c, code, name, fx in table.values()]  # type: ignore[call-overload]
    return sorted(rows, key=lambda r: (-r[0], r[1]))
