"""Offset maps for text that was decoded from an escaped form (JSON strings, CSV fields)."""

from __future__ import annotations

import re

from ..draft import SourceMap

# An escape sequence of a JSON string: a surrogate pair (one character once
# decoded), \uXXXX, or a backslash and the character after it.
_ESCAPE_RE = re.compile(r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
                        r"|u[0-9a-fA-F]{4}|.)", re.DOTALL)
# What find_json_string_values steps over: a string (group 1 is its closing
# quote; a broken line may end inside one), one structural character, or a run
# of anything else but white space (a number, true, false, null).
_JSON_TOKEN_RE = re.compile(r'"(?:[^"\\]|\\.)*(?:(")|\\?\Z)|[{}\[\]:,]|[^\s"{}\[\]:,]+',
                            re.DOTALL)


def json_literal_map(raw: str, base_offset: int, base_line: int, base_column: int) -> SourceMap:
    """Map a decoded JSON string to its literal ``raw`` (without the quotes).

    Every decoded character gets an anchor at the start of its escape sequence,
    so positions point at the right place in the user's file. Plain runs between
    escapes need one anchor each (text and file advance together there).
    """
    anchors: list[tuple[int, int]] = []
    pos = t = 0  # where the last escape ended, in raw and in the decoded text
    if "\\" in raw:
        for m in _ESCAPE_RE.finditer(raw):
            start = m.start()
            if start > pos:  # a plain run before this escape
                anchors.append((t, pos))
                t += start - pos
            anchors.append((t, start))
            t += 1
            pos = m.end()
    if pos < len(raw):
        anchors.append((t, pos))
        t += len(raw) - pos
    anchors.append((t, len(raw)))
    return SourceMap(source=raw, anchors=tuple(anchors), base_offset=base_offset,
                     base_line=base_line, base_column=base_column, verbatim=False)


def find_json_string_values(line: str) -> dict[str, tuple[int, int]]:
    """Top-level ``"key": "value"`` pairs of a JSON object on one line.

    Returns key -> (start, end) of the value literal without its quotes.
    """
    out: dict[str, tuple[int, int]] = {}
    depth = 0
    last_key: str | None = None
    expecting_value = False
    for m in _JSON_TOKEN_RE.finditer(line):
        token = m.group()
        ch = token[0]
        if ch == '"':
            end = m.end() - 1 if m.group(1) else m.end()
            if depth == 1 and expecting_value and last_key is not None:
                out.setdefault(last_key, (m.start() + 1, end))
                expecting_value = False
            elif depth == 1:
                last_key = line[m.start() + 1:end]
        elif ch in "{[":
            depth += 1
            if ch == "[" or depth > 2:
                expecting_value = False
        elif ch in "}]":
            depth -= 1
        elif ch == ":":
            if depth == 1:
                expecting_value = True
        elif ch == ",":
            if depth == 1:
                expecting_value = False
                last_key = None
        elif depth == 1 and expecting_value:  # a number, true, false, null
            expecting_value = False
    return out
