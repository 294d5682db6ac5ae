"""YAML loading that remembers the line of every key, for errors that point at it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    _Base: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Base = yaml.SafeLoader


@dataclass
class Located:
    """Loaded data and the 1-based line of each mapping key and list item."""

    data: Any
    lines: dict[int, dict[Any, int]] = field(default_factory=dict)
    # Objects are kept alive so that their ids stay valid.
    _keep: list[Any] = field(default_factory=list)

    def line_of(self, container: Any, key: Any) -> int | None:
        return self.lines.get(id(container), {}).get(key)


class DuplicateKey(yaml.YAMLError):
    def __init__(self, key: Any, line: int):
        self.key = key
        self.line = line
        super().__init__(f"duplicate key '{key}'")


def load(text: str) -> Located:
    """Parse YAML. Raises ``yaml.YAMLError`` (with ``problem_mark``) or DuplicateKey."""
    located = Located(None)

    class _Loader(_Base):  # type: ignore[misc,valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                if isinstance(key, (str, int, float, bool)) and key in seen:
                    raise DuplicateKey(key, line)
                seen[key] = line if isinstance(key, (str, int, float, bool)) else 0
            mapping = super().construct_mapping(node, deep=True)
            located.lines[id(mapping)] = {k: v for k, v in seen.items() if v}
            located._keep.append(mapping)
            return mapping  # type: ignore[no-any-return]

        def construct_sequence(self, node: Any, deep: bool = False) -> list[Any]:
            seq = super().construct_sequence(node, deep=True)
            located.lines[id(seq)] = {i: n.start_mark.line + 1 for i, n in enumerate(node.value)}
            located._keep.append(seq)
            return seq  # type: ignore[no-any-return]

    _Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
    _Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)
    loader = _Loader(text)
    try:
        located.data = loader.get_single_data()
    finally:
        loader.dispose()
    return located


def error_line(exc: yaml.YAMLError) -> int | None:
    if isinstance(exc, DuplicateKey):
        return exc.line
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def error_message(exc: yaml.YAMLError) -> str:
    if isinstance(exc, DuplicateKey):
        return str(exc)
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    parts = [p for p in (context, problem) if p]
    return "invalid YAML: " + (", ".join(parts) if parts else str(exc).splitlines()[0])
