"""Plain text and Markdown drafts: the file is the draft."""

from __future__ import annotations

from ..draft import Draft, identity_map


def read_plain(text: str, path: str, file: str | None, **context: object) -> list[Draft]:
    return [Draft(text=text, path=path, file=file, source_map=identity_map(text),
                  **context)]  # type: ignore[arg-type]
