"""Turning paths, stdin and strings into drafts. Errors are per file, never fatal."""

from __future__ import annotations

import errno
import fnmatch
import functools
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from ..draft import Draft
from ..errors import InputError
from .plain import read_plain
from .records import FieldNames, read_csv, read_exercise, read_jsonl

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".liquid", ".hbs",
                 ".j2", ".jinja", ".tmpl", ".tpl")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.eml", "*.yml", "*.yaml", "*.json",
                   "*.jsonl", "*.csv", "*.html", "*.liquid", "*.hbs")
# Batch formats read line by line from the open file: memory stays flat.
STREAMED_SUFFIXES = (".jsonl", ".csv")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__",
                   ".netlint_cache", "netlint.yml", ".netlint.yml", "netlint.yaml",
                   ".netlint.yaml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml")


class ReadOptions(NamedTuple):
    include: Sequence[str] = DEFAULT_INCLUDE
    exclude: Sequence[str] = ()
    fields: FieldNames = FieldNames()
    # Context for every draft (from the command line): channel, customer, ...
    context: Mapping[str, Any] = MappingProxyType({})
    template: bool = False
    template_globs: Sequence[str] = ()


class ReadError(NamedTuple):
    """A file (or record) that could not be read: reported, then the batch goes on."""

    path: str
    message: str


@functools.lru_cache(maxsize=64)
def _matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """One compiled regex for a list of globs: same answers as ``fnmatch.fnmatch`` per
    pattern, but a folder of thousands of templates is walked in milliseconds."""
    if not patterns:
        return lambda name: False
    rx = re.compile("|".join(fnmatch.translate(os.path.normcase(p)) for p in patterns))
    return lambda name: rx.match(os.path.normcase(name)) is not None


def _excluded(path: Path, patterns: Sequence[str]) -> bool:
    match = _matcher(tuple(patterns))
    return any(match(part) for part in path.parts) or match(path.as_posix())


def walk(paths: Sequence[str], opts: ReadOptions) -> Iterator[Path | ReadError]:
    """Files to read, in a stable order. Missing paths and empty folders are errors."""
    exclude = (*DEFAULT_EXCLUDE, *opts.exclude)
    for raw in paths:
        path = Path(raw)
        try:
            is_dir = stat.S_ISDIR(os.stat(raw).st_mode)  # one system call, not two
        except OSError as exc:
            missing = exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP)
            yield ReadError(raw, "no such file or directory" if missing
                            else exc.strerror or str(exc))
            continue
        if is_dir:
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not _excluded(Path(d), exclude))
                for name in sorted(files):
                    p = Path(root) / name
                    if _excluded(p.relative_to(path), exclude):
                        continue
                    include = _matcher(tuple(opts.include))
                    if include(name) or include(p.as_posix()):
                        found = True
                        yield p
            if not found:
                yield ReadError(raw, "no drafts found in this directory "
                                     f"(looked for {', '.join(opts.include)})")
        else:
            yield path


def decode(data: bytes, path: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file, not a text draft")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} "
                         f"at offset {exc.start})") from None
    return text


def _is_template(path: str, opts: ReadOptions) -> bool:
    return opts.template or any(fnmatch.fnmatch(path, g) or fnmatch.fnmatch(
        path, f"*/{g}") for g in opts.template_globs)


def read_text(text: str, path: str, opts: ReadOptions, *, file: str | None = None,
              lines: Iterable[str] | None = None) -> Iterator[Draft | ReadError]:
    """Drafts from the content of one file; the suffix of ``path`` picks the reader.

    For JSONL and CSV, ``lines`` (read as they are needed) may stand in for ``text``
    so that a batch of any size is never held in memory whole.
    """
    suffix = _suffix(path)
    if lines is None and suffix in STREAMED_SUFFIXES:
        lines = text.splitlines(keepends=True)
    ctx = dict(opts.context)
    ctx["template"] = _is_template(path, opts)
    items: Iterable[Draft | InputError]
    if not text.strip() and suffix not in (".jsonl", ".csv"):
        yield ReadError(path, "empty file: nothing to check")
        return
    try:
        if suffix == ".eml":
            from .email import read_email  # the email package costs 25 ms: only for .eml

            items = read_email(text, path, file, **ctx)
        elif suffix == ".jsonl":
            items = read_jsonl(lines or (), path, opts.fields, ctx)
        elif suffix == ".csv":
            items = read_csv(lines or (), path, opts.fields, ctx)
        elif suffix in (".yml", ".yaml", ".json"):
            items = read_exercise(text, path, opts.fields, ctx, is_json=suffix == ".json")
        else:
            items = read_plain(text, path, file, **ctx)
        count = 0
        for item in items:
            if isinstance(item, InputError):
                yield ReadError(path, str(item).removeprefix(f"{path}: "))
            else:
                count += 1
                yield item
        if count == 0 and suffix in (".jsonl", ".csv"):
            yield ReadError(path, "no records: nothing to check")
    except InputError as exc:
        yield ReadError(path, str(exc).removeprefix(f"{path}: "))


def _suffix(path: str) -> str:
    """``Path(path).suffix.lower()`` without building a Path (a batch reads
    thousands of files): the two differ only for a name ending in ".", which
    no reader's suffix matches either way."""
    return os.path.splitext(path)[1].lower()


def read_paths(paths: Sequence[str], opts: ReadOptions) -> Iterator[Draft | ReadError]:
    """Drafts from files and folders, in order; unreadable ones become ReadErrors."""
    for item in walk(paths, opts):
        if isinstance(item, ReadError):
            yield item
            continue
        display = str(item)
        if _suffix(display) in STREAMED_SUFFIXES:
            yield from read_text("", display, opts, file=display,
                                 lines=_stream_lines(item, display))
            continue
        try:
            with open(display, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            yield ReadError(display, exc.strerror or str(exc))
            continue
        try:
            text = decode(data, display)
        except InputError as exc:
            yield ReadError(display, str(exc).removeprefix(f"{display}: "))
            continue
        yield from read_text(text, display, opts, file=display)


def _stream_lines(path: Path, display: str) -> Iterator[str]:
    """The lines of a UTF-8 file, decoded one at a time (same checks as :func:`decode`)."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"{display}: {exc.strerror or exc}") from None
    with fh:
        if b"\x00" in fh.peek(8192)[:8192]:
            raise InputError(f"{display}: binary file, not a text draft")
        offset = 0
        for lineno, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"{display}:{lineno}: not valid UTF-8 (byte "
                                 f"0x{raw[exc.start]:02x} at offset {offset + exc.start})"
                                 ) from None
            offset += len(raw)
            yield line


def read_stdin(opts: ReadOptions, name: str = "-") -> Iterator[Draft | ReadError]:
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    try:
        text = decode(data, "<stdin>")
    except InputError as exc:
        yield ReadError("<stdin>", str(exc).removeprefix("<stdin>: "))
        return
    path = "<stdin>" if name == "-" else name
    yield from read_text(text, path, opts)
