"""Output formats: one module per format, each with ``render(results, options) -> str``."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..engine import DraftResult
    from .streaming import Tally

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


class RenderOptions(NamedTuple):
    color: bool = False
    width: int = 100
    show_fixes: bool = True
    statistics: bool = False
    tool_version: str = ""


def get(name: str) -> Callable[[Sequence[DraftResult], RenderOptions], str]:
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    return module.render  # type: ignore[no-any-return]


class Summary(NamedTuple):
    errors: int
    warnings: int
    infos: int
    drafts: int
    unreadable: int
    fixable: int

    @classmethod
    def of(cls, results: Sequence[DraftResult]) -> Summary:
        return _tally(results).summary()

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
    return _tally(results).statistics()


def _tally(results: Sequence[DraftResult]) -> Tally:
    from .streaming import Tally  # the one place findings are counted

    tally = Tally()
    for r in results:
        tally.add(r)
    return tally
