"""The one record every rule produces and every formatter renders."""

from __future__ import annotations

import enum
from typing import NamedTuple


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


class Applicability(str, enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of the draft with ``replacement``."""

    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    """One suggested change: a message and the edits that make it."""

    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def replace(
        cls, start: int, end: int, replacement: str, message: str | None = None, *, safe: bool = True
    ) -> Fix:
        msg = message or (f"Replace with '{replacement}'" if replacement else "Delete")
        return cls(msg, (Edit(start, end, replacement),),
                   Applicability.SAFE if safe else Applicability.UNSAFE)


class Hit(NamedTuple):
    """What a rule reports: a span of the draft text and a message.

    The engine turns hits into :class:`Finding` records with file positions.
    """

    start: int
    end: int
    message: str
    fixes: tuple[Fix, ...] = ()
    severity: Severity | None = None
    # Text to show instead of the excerpt (sensitive data is masked).
    excerpt: str | None = None


class Finding(NamedTuple):
    code: str
    name: str
    category: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    length: int
    excerpt: str
    fixes: tuple[Fix, ...] = ()
    record: str | None = None
    draft_id: str | None = None
    # Offsets into the draft text, for fixes and highlighting.
    text_start: int = 0
    text_end: int = 0
    # Where the span starts inside ``excerpt`` (-1: unknown, use the column).
    excerpt_start: int = -1

    @property
    def fixable(self) -> bool:
        return bool(self.fixes)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "record": self.record,
            "draft_id": self.draft_id,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "offset": self.offset,
            "length": self.length,
            "excerpt": self.excerpt,
            "fixes": [
                {
                    "message": f.message,
                    "applicability": f.applicability.value,
                    "edits": [
                        {"text_start": e.start, "text_end": e.end, "replacement": e.replacement}
                        for e in f.edits
                    ],
                }
                for f in self.fixes
            ],
        }
