"""Offset maps for text that was decoded from an escaped form (JSON strings, CSV fields)."""

from __future__ import annotations

from ..draft import SourceMap

_JSON_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", '"': '"', "\\": "\\",
                 "/": "/"}


def json_literal_map(raw: str, base_offset: int, base_line: int, base_column: int) -> SourceMap:
    """Map a decoded JSON string to its literal ``raw`` (without the quotes).

    Every decoded character gets an anchor at the start of its escape sequence,
    so positions point at the right place in the user's file.
    """
    anchors: list[tuple[int, int]] = []
    i = t = 0
    plain_run = False
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw):
            anchors.append((t, i))
            plain_run = False
            if raw[i + 1] == "u":
                code = int(raw[i + 2:i + 6], 16)
                if 0xD800 <= code < 0xDC00 and raw[i + 6:i + 8] == "\\u":
                    i += 12
                else:
                    i += 6
            else:
                i += 2
            t += 1
            continue
        if not plain_run:
            anchors.append((t, i))
            plain_run = True
        i += 1
        t += 1
    anchors.append((t, len(raw)))
    return SourceMap(source=raw, anchors=tuple(anchors) or ((0, 0),), base_offset=base_offset,
                     base_line=base_line, base_column=base_column, verbatim=False)


def find_json_string_values(line: str) -> dict[str, tuple[int, int]]:
    """Top-level ``"key": "value"`` pairs of a JSON object on one line.

    Returns key -> (start, end) of the value literal without its quotes.
    """
    out: dict[str, tuple[int, int]] = {}
    depth = 0
    i = 0
    n = len(line)
    last_key: str | None = None
    expecting_value = False
    while i < n:
        ch = line[i]
        if ch == '"':
            j = i + 1
            while j < n and line[j] != '"':
                j += 2 if line[j] == "\\" else 1
            literal = line[i + 1:j]
            if depth == 1 and expecting_value and last_key is not None:
                out.setdefault(last_key, (i + 1, j))
                expecting_value = False
            elif depth == 1:
                last_key = literal
            i = j + 1
            continue
        if ch in "{[":
            depth += 1
            if ch == "[" or depth > 2:
                expecting_value = False
        elif ch in "}]":
            depth -= 1
        elif ch == ":" and depth == 1:
            expecting_value = True
        elif ch == "," and depth == 1:
            expecting_value = False
            last_key = None
        elif not ch.isspace() and depth == 1 and expecting_value:
            expecting_value = False
        i += 1
    return out
