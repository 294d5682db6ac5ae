"""JSON offset maps: where each decoded character and each string value stand in the line."""

from __future__ import annotations

import json

from hypothesis import example, given, settings
from hypothesis import strategies as st

from netlint.readers.sourcemap import find_json_string_values, json_literal_map


def _values_by_characters(line: str) -> dict[str, tuple[int, int]]:
    """The first version of find_json_string_values: one character at a time."""
    out: dict[str, tuple[int, int]] = {}
    depth = i = 0
    n = len(line)
    last_key: str | None = None
    expecting_value = False
    while i < n:
        ch = line[i]
        if ch == '"':
            j = i + 1
            while j < n and line[j] != '"':
                j += 2 if line[j] == "\\" else 1
            if depth == 1 and expecting_value and last_key is not None:
                out.setdefault(last_key, (i + 1, j))
                expecting_value = False
            elif depth == 1:
                last_key = line[i + 1:j]
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


# Strings that JSON escapes: quotes, backslashes, control characters, non-ASCII
# (escaped as \uXXXX with ensure_ascii, astral ones as surrogate pairs).
_TEXT = st.text(st.sampled_from(list('ab "\\/\n\t\r\x08\x0c\x01é—’😀\u2028 ')) | st.characters(),
                max_size=40)
_SCALAR = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _TEXT
_VALUE = st.recursive(_SCALAR, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(_TEXT, inner, max_size=3), max_leaves=8)


@settings(max_examples=400, deadline=None)
@given(record=st.dictionaries(_TEXT, _VALUE, max_size=6), ascii_only=st.booleans(),
       spaced=st.booleans())
def test_top_level_string_values_are_found_as_before(record: dict[str, object],
                                                     ascii_only: bool, spaced: bool) -> None:
    separators = (", ", ": ") if spaced else (",", ":")
    line = json.dumps(record, ensure_ascii=ascii_only, separators=separators)
    found = find_json_string_values(line)
    assert found == _values_by_characters(line)
    for key, (start, end) in found.items():
        # Each span is the literal of the key's first string value.
        assert isinstance(record[json.loads(f'"{key}"')], str)
        assert json.loads(f'"{line[start:end]}"') == record[json.loads(f'"{key}"')]


@settings(max_examples=400, deadline=None)
@given(value=_TEXT, ascii_only=st.booleans())
@example(value="\ud800\x07", ascii_only=True)  # a lone high surrogate, then another escape
@example(value="a😀b\udc00\ud800\ud83d\ude00", ascii_only=True)  # pairs, and not
def test_each_character_maps_to_where_its_escape_starts(value: str, ascii_only: bool) -> None:
    raw = json.dumps(value, ensure_ascii=ascii_only)[1:-1]
    text = json.loads(f'"{raw}"')  # not always ``value``: two surrogates may pair up
    smap = json_literal_map(raw, 10, 3, 5)
    assert smap.anchors[-1] == (len(text), len(raw))  # every decoded character mapped
    for k in range(len(text) + 1):
        # What stands before character k in the file decodes to what precedes it.
        assert json.loads(f'"{raw[:smap.source_offset(k)]}"') == text[:k]


def test_a_map_points_each_character_at_its_escape() -> None:
    line = '{"id": 7, "reply": "Caf\\u00e9 \\"ok\\"\\n\\ud83d\\ude00 done", "x": [1, "y"]}'
    start, end = find_json_string_values(line)["reply"]
    raw = line[start:end]
    text = json.loads(f'"{raw}"')
    assert text == 'Café "ok"\n😀 done'
    smap = json_literal_map(raw, start, 1, start + 1)
    assert raw[smap.source_offset(text.index("é")):].startswith("\\u00e9")
    assert raw[smap.source_offset(text.index('"')):].startswith('\\"ok')
    assert raw[smap.source_offset(text.index("😀")):].startswith("\\ud83d\\ude00")
    assert raw[smap.source_offset(text.index("done")):] == "done"


def test_broken_lines_do_not_raise() -> None:
    for line in ('{"reply": "open', '{"a": [}', "", '"', "{:,}", '{"a": 1, "b": "x"', '{"a": 1 "b"}'):
        assert find_json_string_values(line) == _values_by_characters(line)
    # A line that ends in a backslash inside a string: the span ends with the
    # line (the character-by-character version ran one past it).
    assert find_json_string_values('{"reply": "ends in \\') == {"reply": (11, 20)}
