"""Structured drafts: YAML/JSON exercise files, JSONL and CSV batches."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from ..draft import DeferredMap, Draft, SourceMap, normalise_channel
from ..errors import InputError
from .sourcemap import find_json_string_values, json_literal_map


class FieldNames(NamedTuple):
    """Which record field holds what (``--field reply=answer`` changes one)."""

    reply: str = "reply"
    customer: str = "customer"
    channel: str = "channel"
    agent: str = "agent"
    id: str = "id"
    customer_name: str = "customer_name"

    @classmethod
    def parse(cls, pairs: Iterable[str]) -> FieldNames:
        known = set(cls._fields)
        values: dict[str, str] = {}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            if not sep or key not in known or not value:
                raise InputError(f"--field '{pair}': expected NAME=COLUMN with NAME one of "
                                 f"{', '.join(sorted(known))}")
            values[key] = value
        return cls(**values)


def _str(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def draft_from_record(
    rec: Mapping[str, Any], names: FieldNames, *, path: str, record: str | None,
    smap: SourceMap | DeferredMap | None, context: Mapping[str, Any],
) -> Draft:
    reply = rec.get(names.reply)
    if not isinstance(reply, str):
        found = "no" if reply is None else f"a {type(reply).__name__}"
        raise InputError(f"{path}: record {record}: expected a text field '{names.reply}', "
                         f"found {found}")
    ctx = dict(context)
    for attr in ("customer", "channel", "agent", "customer_name"):
        value = _str(rec.get(getattr(names, attr)))
        if value is not None:
            ctx[attr] = normalise_channel(value) if attr == "channel" else value
    extras = tuple((k, str(v)) for k, v in rec.items()
                   if k in ("scenario", "course", "title") and v is not None)
    return Draft(text=reply, path=path, record=record, id=_str(rec.get(names.id)),
                 source_map=smap, meta=extras, **ctx)


# -- JSONL --------------------------------------------------------------------


def read_jsonl(lines: Iterable[str], path: str, names: FieldNames,
               context: Mapping[str, Any]) -> Iterator[Draft | InputError]:
    """One draft per line; a bad line is reported and the rest still read."""
    offset = 0
    for lineno, line in enumerate(lines, 1):
        start = offset
        offset += len(line)
        stripped = line.rstrip("\r\n")
        if not stripped.strip():
            continue
        record = str(lineno - 1)
        try:
            rec = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield InputError(f"{path}:{lineno}: invalid JSON: {exc.msg}")
            continue
        if not isinstance(rec, dict):
            yield InputError(f"{path}:{lineno}: expected a JSON object per line")
            continue
        smap = DeferredMap(_jsonl_map, (stripped, names.reply, start, lineno))
        try:
            yield draft_from_record(rec, names, path=path, record=record, smap=smap,
                                    context=context)
        except InputError as exc:
            yield exc


def _jsonl_map(line: str, field_name: str, line_offset: int, lineno: int) -> SourceMap | None:
    """Where the reply field's characters stand in the JSONL line (escapes included)."""
    span = find_json_string_values(line).get(field_name)
    if not span:
        return None
    return json_literal_map(line[span[0]:span[1]], line_offset + span[0], lineno, span[0] + 1)


# -- CSV ----------------------------------------------------------------------


class _LineTap:
    """Feeds lines to the csv reader and remembers those of the current record."""

    def __init__(self, lines: Iterable[str]):
        self._it = iter(lines)
        self.buffer: list[str] = []

    def __iter__(self) -> _LineTap:
        return self

    def __next__(self) -> str:
        line = next(self._it)
        self.buffer.append(line)
        return line


def read_csv(lines: Iterable[str], path: str, names: FieldNames,
             context: Mapping[str, Any]) -> Iterator[Draft | InputError]:
    tap = _LineTap(lines)
    try:
        reader = csv.DictReader(tap)
        header = reader.fieldnames
    except csv.Error as exc:
        yield InputError(f"{path}: invalid CSV: {exc}")
        return
    if not header or names.reply not in header:
        yield InputError(f"{path}: CSV has no '{names.reply}' column "
                         f"(columns: {', '.join(header or [])}; use --field reply=COLUMN)")
        return
    offset = sum(len(x) for x in tap.buffer)
    line_no = len(tap.buffer) + 1
    tap.buffer.clear()
    index = 0
    while True:
        try:
            rec = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(f"{path}:{line_no}: invalid CSV: {exc}")
            return
        raw = "".join(tap.buffer)
        tap.buffer.clear()
        value = rec.get(names.reply) or ""
        smap = DeferredMap(_csv_field_map, (raw, value, offset, line_no))
        try:
            yield draft_from_record(rec, names, path=path, record=str(index), smap=smap,
                                    context=context)
        except InputError as exc:
            yield exc
        offset += len(raw)
        line_no += raw.count("\n")
        index += 1


def _csv_field_map(raw: str, value: str, offset: int, line: int) -> SourceMap:
    escaped = value.replace('"', '""')
    at = raw.find(escaped) if value else -1
    if at < 0:
        return SourceMap(source=value, base_offset=offset, base_line=line, verbatim=False)
    anchors = [(0, 0)]
    t = 0
    for i, ch in enumerate(value):
        if ch == '"':
            anchors.append((i + 1, i + 1 + t + 1))
            t += 1
    prefix = raw[:at]
    first_line = line + prefix.count("\n")
    col = at - (prefix.rfind("\n") + 1) + 1
    return SourceMap(source=raw[at:at + len(escaped)], anchors=tuple(anchors),
                     base_offset=offset + at, base_line=first_line, base_column=col,
                     verbatim=False)


# -- YAML / JSON exercise files --------------------------------------------------


def _records(data: Any) -> list[tuple[str, Mapping[str, Any]]]:
    if isinstance(data, dict):
        for key in ("drafts", "answers", "exercises", "replies"):
            if isinstance(data.get(key), list):
                shared = {k: v for k, v in data.items() if k != key}
                return [(f"{key}[{i}]", {**shared, **item}) if isinstance(item, dict)
                        else (f"{key}[{i}]", item) for i, item in enumerate(data[key])]
        return [("", data)]
    if isinstance(data, list):
        return [(f"[{i}]", item) for i, item in enumerate(data)]
    return []


def _scalar_nodes(text: str, names: FieldNames) -> dict[str, Any]:
    """Key path -> YAML node of each reply scalar (for positions)."""
    import yaml  # only for YAML exercise files: not on a plain check's path

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    found: dict[str, Any] = {}

    def visit(node: Any, path: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == names.reply and isinstance(v, yaml.ScalarNode):
                    found[path] = v
                elif isinstance(v, yaml.SequenceNode) and not path:
                    for i, item in enumerate(v.value):
                        visit(item, f"{k.value}[{i}]")
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                visit(item, f"{path}[{i}]")

    visit(root, "")
    return found


def _scalar_map(text: str, node: Any, value: str) -> SourceMap:
    start, end = node.start_mark.index, node.end_mark.index
    raw = text[start:end]
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if node.style == '"' and "\n" not in raw:
        return json_literal_map(raw[1:-1], start + 1, line, col + 1)
    # Align each raw line's content with the decoded value: exact for literal
    # blocks and single-line scalars, close for folded ones.
    anchors: list[tuple[int, int]] = []
    t = 0
    pos = 0
    for raw_line in raw.split("\n"):
        content = raw_line.strip()
        if node.style in ("|", ">") and pos == 0:
            pos += len(raw_line) + 1
            continue
        if node.style in ("'", '"'):
            content = content.strip("'\"")
        if content:
            at = value.find(content, t)
            if at >= 0:
                lead = raw_line.find(content)
                anchors.append((at, pos + lead))
                t = at + len(content)
        pos += len(raw_line) + 1
    if not anchors:
        anchors = [(0, 0)]
    return SourceMap(source=raw, anchors=tuple(anchors), base_offset=start, base_line=line,
                     base_column=col, verbatim=False)


def read_exercise(text: str, path: str, names: FieldNames, context: Mapping[str, Any],
                  *, is_json: bool) -> Iterator[Draft | InputError]:
    import yaml

    try:
        data = json.loads(text) if is_json else yaml.load(
            text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else path
        raise InputError(f"{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    records = _records(data)
    if not records:
        raise InputError(f"{path}: expected an exercise mapping or a list of them")
    nodes = _scalar_nodes(text, names)
    for key, rec in records:
        if not isinstance(rec, dict):
            yield InputError(f"{path}: {key or 'document'}: expected a mapping")
            continue
        node = nodes.get(key)
        reply = rec.get(names.reply)
        smap = _scalar_map(text, node, reply) if node is not None and isinstance(reply, str) \
            else None
        try:
            yield draft_from_record(rec, names, path=path, record=key or None,
                                    smap=smap, context=context)
        except InputError as exc:
            yield exc
