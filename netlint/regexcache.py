"""Compiled regular expressions that a later process loads instead of compiling.

netlint's rules hold some three hundred patterns, many of them long
alternations of words. ``re.compile`` parses each in pure Python: about 0.07 s
of a one-draft run and 0.18 s of a batch's start, which every worker process
and every cold ``netlint check`` paid again. :func:`compile` keeps each
pattern's compiled form (the SRE code the ``re`` module hands to ``_sre``) in a
marshal file in the user's cache and builds the pattern from it in
microseconds; CPython checks that code before it accepts it.

The file is keyed by netlint's version and the exact Python build, whose SRE
code it holds; an entry is keyed by the pattern and its flags, so a changed
pattern is simply a new entry. Anything unexpected (another Python, a damaged
file, an unwritable cache) falls back to ``re.compile``: this module can make
a run faster, never different.
"""

from __future__ import annotations

import array
import atexit
import marshal
import re
import sys
import threading
import zlib
from pathlib import Path
from typing import Any

from . import __version__
from .datacache import cache_dir, write

try:  # the compiler's two halves, which re.compile runs one after the other
    import _sre
    from re import _compiler, _parser
except ImportError:  # Python 3.10 names them sre_compile and sre_parse
    _sre = None  # type: ignore[assignment]

# More entries than netlint's own patterns and a large company guide's: past
# this, a save keeps only what the saving process used.
MAX_ENTRIES = 4000
_CODE = "I" if array.array("I").itemsize == getattr(_sre, "CODESIZE", 0) else ""

# (final flags, SRE code as bytes, groups, group index, group names)
_Entry = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]


class _Table:
    """Entries loaded from the cache file, those this process used, and whether
    it added any (then it writes the file when it exits)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: dict[str, _Entry] | None = None
        self.used: set[str] = set()
        self.added = False

    def load(self) -> dict[str, _Entry]:
        if self.entries is None:
            try:
                value = marshal.loads(path().read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                value = None
            self.entries = value if isinstance(value, dict) else {}
        return self.entries

    def save(self) -> None:
        with self.lock:
            if not self.added or self.entries is None:
                return
            entries = self.entries
            if len(entries) > MAX_ENTRIES:
                entries = {k: v for k, v in entries.items() if k in self.used}
            write(path(), entries)
            self.added = False


_table = _Table()


def path() -> Path:
    """This netlint's and this Python's file."""
    tag = zlib.crc32(f"{__version__}|{sys.version}|{getattr(_sre, 'MAGIC', '')}".encode())
    return cache_dir() / f"regex-{tag:08x}.marshal"


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache file when it holds the pattern."""
    if _sre is None or not _CODE or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    flags = int(flags)
    key = f"{flags}\x00{pattern}"
    entries = _table.load()
    entry = entries.get(key)
    if entry is not None:
        try:
            compiled = _build(pattern, entry)
        except (TypeError, ValueError, RuntimeError, OverflowError):
            pass  # not this Python's code after all: compile it again below
        else:
            _table.used.add(key)
            return compiled
    try:
        entry = _entry(pattern, flags)
        compiled = _build(pattern, entry)
    except (TypeError, ValueError, RuntimeError, OverflowError, AttributeError):
        return re.compile(pattern, flags)  # re raises its own error for a bad pattern
    with _table.lock:
        entries[key] = entry
        _table.used.add(key)
        if not _table.added:
            _table.added = True
            atexit.register(save)
    return compiled


def save() -> None:
    """Write the table if this process added to it (run when the process exits)."""
    _table.save()


def _entry(pattern: str, flags: int) -> _Entry:
    """What ``re._compiler.compile`` computes before it calls ``_sre.compile``."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    state = parsed.state
    index_group: list[str | None] = [None] * state.groups
    for name, i in state.groupdict.items():
        index_group[i] = name
    return (int(flags | state.flags), array.array(_CODE, code).tobytes(), state.groups - 1,
            dict(state.groupdict), tuple(index_group))


def _build(pattern: str, entry: _Entry) -> re.Pattern[str]:
    final_flags, code, groups, group_index, index_group = entry
    return _sre.compile(pattern, final_flags, array.array(_CODE, code).tolist(), groups,
                        group_index, index_group)
