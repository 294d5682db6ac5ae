"""What ``netlint check`` does, as a library: read, check, fix, collect results."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .draft import Draft, identity_map
from .engine import DraftResult, Linter
from .readers import ReadError, ReadOptions, read_paths, read_stdin, read_text

if TYPE_CHECKING:
    from .cache import ResultCache
    from .parallel import LinterSpec


class Inputs(NamedTuple):
    paths: Sequence[str] = ()
    text: str | None = None
    stdin: bool = False
    stdin_filename: str = "-"


def drafts(inputs: Inputs, opts: ReadOptions) -> Iterator[Draft | ReadError]:
    if inputs.text is not None:
        yield from read_text(inputs.text, "<text>", opts)
    if inputs.stdin:
        yield from read_stdin(opts, inputs.stdin_filename)
    if inputs.paths:
        yield from read_paths(inputs.paths, opts)


def check(linter: Linter, inputs: Inputs, opts: ReadOptions, *, jobs: int = 1,
          spec: LinterSpec | None = None, quiet: bool = False,
          cache: ResultCache | None = None) -> Iterator[DraftResult]:
    """Results in input order, as they are ready. With ``jobs`` > 1 and a ``spec``,
    large batches are checked by worker processes (see :mod:`netlint.parallel`).
    With a ``cache``, files whose entry matches are not read again (netlint.cache)."""
    if cache is not None and inputs.paths:
        if inputs.text is not None or inputs.stdin:
            yield from check(linter, inputs._replace(paths=()), opts, jobs=jobs, spec=spec,
                             quiet=quiet)
        yield from cache.check(inputs.paths, opts, lambda files: check(
            linter, Inputs(tuple(files)), opts, jobs=jobs, spec=spec, quiet=quiet))
        return
    items = (DraftResult(None, error=item.message, path=item.path)
             if isinstance(item, ReadError) else item for item in drafts(inputs, opts))
    if jobs > 1 and spec is not None:
        from .parallel import check_parallel

        yield from check_parallel(items, linter, spec, jobs, quiet=quiet)
    else:
        yield from linter.check_many(items)


@dataclass
class FixReport:
    written: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    applied: int = 0
    skipped_overlaps: int = 0
    not_writable: list[str] = field(default_factory=list)


def fix_results(linter: Linter, results: Sequence[DraftResult], *, unsafe: bool,
                write: bool) -> FixReport:
    """Apply fixes to the files behind the results (or only diff them)."""
    from .fixes import fix_until_stable, unified_diff  # difflib: only a --fix/--diff run

    report = FixReport()
    for r in results:
        d = r.draft
        if d is None or not any(f.fixes for f in r.findings):
            continue
        if d.file is None or not d.map.verbatim or d.record is not None:
            report.not_writable.append(d.display_path)
            continue

        def lint(text: str, d: Draft = d) -> list:  # type: ignore[type-arg]
            return linter.check(d._replace(text=text, source_map=identity_map(text)))

        outcome = fix_until_stable(d.text, lint, unsafe=unsafe)
        report.skipped_overlaps += outcome.skipped_overlaps
        if outcome.text == d.text:
            continue
        report.applied += outcome.applied
        path = Path(d.file)
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        original = raw.decode("utf-8-sig")
        start = d.map.base_offset
        new_file = original[:start] + outcome.text + original[start + len(d.text):]
        if write:
            path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + new_file.encode("utf-8"))
            report.written.append(d.file)
        else:
            report.diffs.append(unified_diff(d.file, original, new_file))
    return report
