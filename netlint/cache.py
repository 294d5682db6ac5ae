"""Results cached per file, for CI reruns over thousands of templates.

The key of a file's entry hashes: the netlint version and a fingerprint of the
installed package (so a changed rule invalidates entries), the resolved guide
(after ``extends``) with the text of its rule packs, the command-line choices
that change results (selection, channel, customer, template mode, record
fields), the file's display path, and the file's bytes. Entries live in
``.netlint_cache/`` (``NETLINT_CACHE_DIR`` overrides), one JSON file each,
written to a temporary file and moved into place with :func:`os.replace`, so
concurrent runs never read a half-written entry: at worst both compute the
same result and the last one wins.

A cached result keeps the draft's identity (path, record, id, channel,
template), not its text: output formats do not need it, and ``--fix`` /
``--diff`` never use the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .draft import Draft
from .finding import Applicability, Edit, Finding, Fix, Severity

if TYPE_CHECKING:
    from .engine import DraftResult, Linter
    from .guide.model import Guide, Selection
    from .readers import ReadOptions

CACHE_DIR = ".netlint_cache"
FORMAT = 1  # bump when the entry layout changes
# A file with more drafts than this (a JSONL/CSV batch) is not cached: holding its
# results for the entry would make memory grow with the batch.
MAX_RESULTS_PER_ENTRY = 2000


def cache_root() -> Path:
    return Path(os.environ.get("NETLINT_CACHE_DIR") or CACHE_DIR)


def _package_fingerprint() -> str:
    """Size and mtime of every module of the installed package: an edited rule
    (in a development install) invalidates the cache like a new version does."""
    root = Path(__file__).parent
    h = hashlib.sha256(__version__.encode())
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".py", ".yml", ".yaml")):
                st = os.stat(os.path.join(dirpath, name))
                h.update(f"{dirpath}/{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _plugins_fingerprint() -> str:
    """Installed distributions that register netlint rules (``netlint.rules`` entry
    points), read straight from their metadata: ``importlib.metadata`` would cost
    more than a warm run."""
    from .registry import plugin_distributions

    h = hashlib.sha256()
    for name, data in plugin_distributions():
        h.update(name.encode() + b"\0" + data)
    return h.hexdigest()


def guide_fingerprint(guide: Guide) -> str:
    """The resolved guide and the text of the rule packs it loads."""
    from .registry import _pack_files

    h = hashlib.sha256(json.dumps(guide.data, sort_keys=True, default=str).encode())
    for ref in guide.packs:
        for display, text in _pack_files(ref, guide):
            h.update(display.encode() + b"\0" + text.encode())
    return h.hexdigest()


def run_key(guide: Guide, selection: Selection | None, opts: ReadOptions) -> str:
    """Everything besides the file itself that changes a file's results."""
    sel = None if selection is None else [selection.select, selection.extend_select,
                                         selection.ignore]
    doc = {
        "format": FORMAT,
        "version": __version__,
        "package": _package_fingerprint(),
        "guide": guide_fingerprint(guide),
        "plugins": _plugins_fingerprint() if guide.plugins else None,
        "selection": sel,
        "fields": repr(opts.fields),
        "context": sorted((k, str(v)) for k, v in opts.context.items()),
        "template": opts.template,
        "template_globs": list(opts.template_globs),
    }
    return hashlib.sha256(json.dumps(doc, sort_keys=True, default=str).encode()).hexdigest()


# -- entries ----------------------------------------------------------------------

def _finding_to_json(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code, "name": f.name, "category": f.category, "severity": f.severity.value,
        "message": f.message, "path": f.path, "line": f.line, "column": f.column,
        "end_line": f.end_line, "end_column": f.end_column, "offset": f.offset,
        "length": f.length, "excerpt": f.excerpt, "record": f.record, "draft_id": f.draft_id,
        "text_start": f.text_start, "text_end": f.text_end, "excerpt_start": f.excerpt_start,
        "fixes": [{"message": x.message, "applicability": x.applicability.value,
                   "edits": [[e.start, e.end, e.replacement] for e in x.edits]}
                  for x in f.fixes],
    }


def _finding_from_json(d: dict[str, Any]) -> Finding:
    fixes = tuple(Fix(x["message"], tuple(Edit(s, e, r) for s, e, r in x["edits"]),
                      Applicability(x["applicability"])) for x in d["fixes"])
    return Finding(
        d["code"], d["name"], d["category"], Severity(d["severity"]), d["message"], d["path"],
        d["line"], d["column"], d["end_line"], d["end_column"], d["offset"], d["length"],
        d["excerpt"], fixes, d["record"], d["draft_id"], d["text_start"], d["text_end"],
        d["excerpt_start"])


def _result_to_json(r: DraftResult) -> dict[str, Any]:
    d = r.draft
    draft = None if d is None else {
        "path": d.path, "record": d.record, "id": d.id, "channel": d.channel,
        "template": d.template, "file": d.file, "customer_name": d.customer_name,
        "agent": d.agent, "meta": [list(kv) for kv in d.meta]}
    return {"draft": draft, "findings": [_finding_to_json(f) for f in r.findings],
            "error": r.error, "path": r.path, "skipped": list(r.skipped)}


def _result_from_json(d: dict[str, Any]) -> DraftResult:
    from .engine import DraftResult

    dd = d["draft"]
    draft = None if dd is None else Draft(
        text="", path=dd["path"], record=dd["record"], id=dd["id"], channel=dd["channel"],
        template=dd["template"], file=dd["file"], customer_name=dd["customer_name"],
        agent=dd["agent"], meta=tuple(tuple(kv) for kv in dd["meta"]))  # type: ignore[misc]
    return DraftResult(draft, [_finding_from_json(f) for f in d["findings"]], error=d["error"],
                       path=d["path"], skipped=tuple(d["skipped"]))


def _cacheable(results: Sequence[DraftResult]) -> bool:
    # A rule that crashed may not crash next time (it may depend on the machine).
    return bool(results) and not any(f.message.startswith("internal error in rule")
                                     for r in results for f in r.findings)


class ResultCache:
    """Per-file results under ``root``, for one run configuration (``run_key``)."""

    def __init__(self, run_key: str, root: Path | None = None):
        self.run_key = run_key
        self.root = root or cache_root()
        self.dir = self.root / f"v{FORMAT}"
        self._dir = str(self.dir)
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_run(cls, guide: Guide, selection: Selection | None, opts: ReadOptions,
                root: Path | None = None) -> ResultCache:
        return cls(run_key(guide, selection, opts), root)

    def key(self, display_path: str, content: bytes) -> str:
        h = hashlib.sha256(self.run_key.encode())
        h.update(display_path.encode("utf-8", "surrogateescape") + b"\0")
        h.update(content)
        return h.hexdigest()

    def _entry(self, key: str) -> str:
        # Plain strings, not Path objects: a warm run builds thousands of these.
        return os.path.join(self._dir, key[:2], key + ".json")

    def get(self, key: str) -> list[DraftResult] | None:
        try:
            with open(self._entry(key), "rb") as fh:
                data = json.loads(fh.read())
            return [_result_from_json(r) for r in data["results"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or unreadable: compute again

    def put(self, key: str, results: Sequence[DraftResult]) -> None:
        import tempfile  # only a run that writes pays for it (~3 ms)

        path = Path(self._entry(key))
        try:
            self._ensure_root()
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump({"results": [_result_to_json(r) for r in results]}, fh,
                              ensure_ascii=False, separators=(",", ":"))
                os.replace(tmp, path)  # atomic: readers see the old entry or the new one
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only or full disk must not fail the check

    def _ensure_root(self) -> None:
        if not (self.root / ".gitignore").exists():
            self.root.mkdir(parents=True, exist_ok=True)
            (self.root / ".gitignore").write_text("# Created by netlint\n*\n")
            (self.root / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by netlint.\n")

    def check(self, paths: Sequence[str], opts: ReadOptions,
              run: Callable[[list[str]], Iterable[DraftResult]]) -> Iterator[DraftResult]:
        """Results for ``paths`` in input order: cached entries where the key
        matches, ``run(files)`` over the rest (one call, so it may go parallel)."""
        from .engine import DraftResult
        from .readers import ReadError, walk

        plan: list[tuple[str, str | None, bool] | ReadError] = []
        misses: list[str] = []
        for item in walk(paths, opts):
            if isinstance(item, ReadError):
                plan.append(item)
                continue
            display = str(item)
            try:
                with open(display, "rb") as fh:
                    content = fh.read()
            except OSError:
                plan.append((display, None, False))  # the reader reports the error
                misses.append(display)
                continue
            key = self.key(display, content)
            hit = os.path.exists(self._entry(key))
            plan.append((display, key, hit))
            if not hit:
                misses.append(display)
        computed = iter(run(misses)) if misses else iter(())
        pending = next(computed, None)
        for step in plan:
            if isinstance(step, ReadError):
                yield DraftResult(None, error=step.message, path=step.path)
                continue
            display, key, hit = step
            cached = self.get(key) if hit and key else None
            if cached is not None:
                self.hits += 1
                yield from cached
                continue
            if hit and key:  # the entry vanished or was unreadable: check the file now
                fresh = list(run([display]))
                if _cacheable(fresh):
                    self.put(key, fresh)
                yield from fresh
                continue
            self.misses += 1
            got: list[DraftResult] | None = []
            while pending is not None and _file_of(pending) == display:
                if got is not None:
                    got.append(pending)
                    if len(got) > MAX_RESULTS_PER_ENTRY:
                        got = None  # a large batch file: memory stays flat, not cached
                yield pending
                pending = next(computed, None)
            if key and got is not None and _cacheable(got):
                self.put(key, got)
        while pending is not None:  # not attributed to a file: pass through uncached
            yield pending
            pending = next(computed, None)


def _file_of(r: DraftResult) -> str:
    return r.draft.path if r.draft is not None else r.path


def clean(root: Path | None = None) -> bool:
    """Remove the cache directory; True when there was one."""
    root = root or cache_root()
    if not root.exists():
        return False
    import shutil

    shutil.rmtree(root, ignore_errors=True)
    return True


class LazyLinter:
    """Builds the Linter on first use: a run served from the cache never loads the
    rules (importing them all costs more than reading a thousand entries)."""

    def __init__(self, build: Callable[[], Linter]):
        self._build = build
        self._linter: Linter | None = None

    def __getattr__(self, name: str) -> Any:
        if self._linter is None:
            self._linter = self._build()
        return getattr(self._linter, name)
