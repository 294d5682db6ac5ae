"""YAML loading that remembers the line of every key, for errors that point at it.

A guide and its rule packs are parsed on every run, and importing PyYAML and
parsing cost ~0.05 s of a one-draft check. A parse is kept in the user's cache
folder (``yaml-<size>-<crc>.marshal``, holding the text it came from, so a
changed file is a new entry) and a later run loads it without importing
PyYAML. Text that does not parse is never cached: its error is reported from a
fresh parse every time.
"""

from __future__ import annotations

import contextlib
import importlib.util
import marshal
import os
import zlib
from dataclasses import dataclass, field
from typing import Any

from . import __version__
from .datacache import cache_dir, write

# Parses kept; past this, a new one removes the least recently written.
MAX_CACHED = 32


@dataclass
class Located:
    """Loaded data and the 1-based line of each mapping key and list item."""

    data: Any
    lines: dict[int, dict[Any, int]] = field(default_factory=dict)
    # Objects are kept alive so that their ids stay valid.
    _keep: list[Any] = field(default_factory=list)

    def line_of(self, container: Any, key: Any) -> int | None:
        return self.lines.get(id(container), {}).get(key)


class ParseError(Exception):
    """YAML that does not parse: a message and the 1-based line, when known."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


def load(text: str) -> Located:
    """Parse YAML, from the cache when this text was parsed before.
    Raises :class:`ParseError` (invalid YAML or a duplicate key)."""
    path = _cache_path(text)
    located = _read_cached(path, text) if path is not None else None
    if located is None:
        located = _parse(text)
        if path is not None:
            _write_cached(path, text, located)
    return located


def _parse(text: str) -> Located:
    import yaml  # only when a text is not in the cache (~0.03 s to import)

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # SafeLoader: PyYAML without libyaml
    located = Located(None)

    class _Loader(base):  # type: ignore[misc,valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                if isinstance(key, (str, int, float, bool)) and key in seen:
                    raise ParseError(f"duplicate key '{key}'", line)
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
    except yaml.YAMLError as exc:
        raise ParseError(_message(exc), _line(exc)) from None
    finally:
        loader.dispose()
    return located


def _line(exc: Exception) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def _message(exc: Exception) -> str:
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    parts = [p for p in (context, problem) if p]
    return "invalid YAML: " + (", ".join(parts) if parts else str(exc).splitlines()[0])


# -- the cache -------------------------------------------------------------------


def _cache_path(text: str) -> Any:
    """The cache file for ``text``: keyed by the text, netlint's version and the
    installed PyYAML (its file's size and time, read without importing it)."""
    spec = importlib.util.find_spec("yaml")
    if spec is None or not spec.origin:
        return None
    try:
        st = os.stat(spec.origin)
    except OSError:
        return None
    data = text.encode("utf-8", "surrogatepass")
    seed = f"{__version__}|{st.st_size}|{st.st_mtime_ns}".encode()
    crc = zlib.crc32(data, zlib.crc32(seed))
    return cache_dir() / f"yaml-{len(data)}-{crc:08x}.marshal"


def _containers(data: Any) -> list[Any]:
    """Every dict and list in ``data``, each once, in a fixed (depth-first) order."""
    found: list[Any] = []
    seen: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)) and id(node) not in seen:
            seen.add(id(node))
            found.append(node)
            stack.extend(reversed(node.values() if isinstance(node, dict) else node))
    return found


def _read_cached(path: Any, text: str) -> Located | None:
    try:
        entry = marshal.loads(path.read_bytes())
        cached_text, data, lines = entry
        if cached_text != text:
            return None
        containers = _containers(data)
        if len(containers) != len(lines):
            return None
        located = Located(data, _keep=containers)
        located.lines = {id(c): ln for c, ln in zip(containers, lines, strict=True) if ln}
        return located
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _write_cached(path: Any, text: str, located: Located) -> None:
    lines = [located.lines.get(id(c), {}) for c in _containers(located.data)]
    try:
        marshal.dumps(located.data)  # dates and other YAML-only types: not cached
    except ValueError:
        return
    write(path, (text, located.data, lines))
    olds = sorted(path.parent.glob("yaml-*.marshal"), key=_mtime, reverse=True)
    for old in olds[MAX_CACHED:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _mtime(path: Any) -> float:
    try:
        return float(path.stat().st_mtime)
    except OSError:
        return 0.0
