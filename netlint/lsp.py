"""``netlint lsp``: findings as diagnostics while the agent types (Language Server Protocol).

Editors and agent desktops start ``netlint lsp`` and speak LSP to it over stdio
(or TCP with ``--tcp HOST:PORT``). The server keeps one warm
:class:`~netlint.engine.Linter` per style guide and:

* checks a document when it is opened or saved, and a short pause after each
  change (``debounce_ms``, default 200 ms: typing does not queue a check per key);
* reads it with the reader ``netlint check`` uses for its suffix (``.eml``:
  the agent's own text, the quoted history as the customer message; ``.md``,
  ``.html``, ``.txt``, templates: the whole file; exercise and batch files:
  every record), so positions map back through each draft's source map;
* publishes ``textDocument/publishDiagnostics`` with the rule code, the message,
  ``source: "netlint"`` and the severity (error, warning, information), in the
  position encoding agreed at ``initialize`` (UTF-16 code units unless the
  client offers another);
* answers ``textDocument/codeAction`` with the findings' fixes as quick fixes
  (safe ones preferred) and, in files whose comments are never sent (Markdown,
  HTML, templates), "disable CODE for this line" with a
  ``netlint-disable-next-line`` comment (see :mod:`netlint.suppress`).

The guide is discovered from the document's folder as ``netlint check`` does
(``netlint.yml`` upward, ``[tool.netlint]``, else the built-in default) and
cached per guide file; an edit to the file is picked up at the next check.
``initializationOptions`` (and ``workspace/didChangeConfiguration`` settings,
under ``netlint`` or at the top level) may set ``guide``, ``channel``,
``customer`` (the customer message text), ``customer_name``, ``select``,
``extend_select``, ``ignore`` and ``debounce_ms``. A bad guide is reported once
with ``window/showMessage``; no error in a rule or a reader stops the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from . import __version__
from .draft import CHANNELS, Draft, normalise_channel
from .engine import Linter
from .errors import NetlintError
from .finding import Applicability, Finding, Fix, Severity
from .guide.loader import discover
from .guide.model import Selection
from .parallel import LinterSpec
from .readers import ReadError, ReadOptions, read_text

DEFAULT_DEBOUNCE_MS = 200
SOURCE = "netlint"
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
# Untitled documents have no suffix: the editor's language id picks the reader.
_LANGUAGE_SUFFIX = {"markdown": ".md", "html": ".html", "plaintext": ".txt", "jinja": ".j2",
                    "jinja-html": ".j2", "handlebars": ".hbs", "liquid": ".liquid",
                    "yaml": ".yml", "json": ".json", "jsonl": ".jsonl", "csv": ".csv",
                    "email": ".eml"}
# Where a suppression comment is never sent to the customer, and its syntax.
_HTML_COMMENT = (".md", ".markdown", ".html", ".htm", ".liquid", ".hbs", ".tmpl", ".tpl")
_JINJA_COMMENT = (".j2", ".jinja")
# An emoji and a typo, so the emoji data and the full lexicon load before the first document.
_WARM_TEXT = ("Hi Sam, thanks for your patience 🙂. I've checked your order #12345: we recieved "
              "it and it ships tomorrow. Is there anything else I can help with? Best regards, Tom")
_WARM_CUSTOMER = "Where is my order? It was due on Monday and nobody answers my emails!"


# -- positions ------------------------------------------------------------------------


def client_column(line: str, column: int, encoding: str = lsp.PositionEncodingKind.Utf16) -> int:
    """``column`` (0-based, in code points) of ``line`` as the client counts.

    LSP counts UTF-16 code units by default: a character outside the Basic
    Multilingual Plane (most emoji) is two. UTF-8 (bytes) and UTF-32 (code
    points) are used when the client and server agreed on them.
    """
    prefix = line[:column]
    if encoding == lsp.PositionEncodingKind.Utf32:
        return len(prefix)
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(prefix.encode("utf-8", "surrogatepass"))
    return len(prefix.encode("utf-16-le", "surrogatepass")) // 2


def lsp_position(lines: Sequence[str], line: int, column: int,
                 encoding: str = lsp.PositionEncodingKind.Utf16) -> lsp.Position:
    """An LSP position (0-based) from netlint's 1-based line and code-point column.

    ``lines`` is the document split on ``\\n`` (as netlint counts lines).
    Positions past the end are clamped to it.
    """
    if not lines:
        return lsp.Position(0, 0)
    li = min(max(line - 1, 0), len(lines) - 1)
    text = lines[li]
    if text.endswith("\r"):
        text = text[:-1]
    col = min(max(column - 1, 0), len(text))
    return lsp.Position(li, client_column(text, col, encoding))


def _before(a: lsp.Position, b: lsp.Position) -> bool:
    return (a.line, a.character) <= (b.line, b.character)


def ranges_touch(a: lsp.Range, b: lsp.Range) -> bool:
    """Whether two ranges overlap or touch (a cursor at either end counts)."""
    return _before(a.start, b.end) and _before(b.start, a.end)


# -- settings -------------------------------------------------------------------------


def _selectors(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"'{key}' must be a list of rule selectors")
    return tuple(v.strip() for v in value if v.strip())


@dataclass(frozen=True)
class Settings:
    """What the client may set (``initializationOptions`` or configuration)."""

    guide: str | None = None
    channel: str | None = None
    customer: str | None = None
    customer_name: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    debounce_ms: int = DEFAULT_DEBOUNCE_MS

    def updated(self, data: Any) -> tuple[Settings, list[str]]:
        """These settings with ``data``'s keys applied, and a message per bad value."""
        if isinstance(data, Mapping) and isinstance(data.get("netlint"), Mapping):
            data = data["netlint"]
        if not isinstance(data, Mapping):
            return self, []
        out = self
        problems: list[str] = []
        for key, value in data.items():
            key = str(key).replace("-", "_")
            try:
                out = _apply(out, key, value)
            except ValueError as exc:
                problems.append(f"netlint: setting {exc}")
        return out, problems

    @property
    def selection(self) -> Selection | None:
        sel = Selection(select=self.select, extend_select=self.extend_select, ignore=self.ignore)
        return None if sel.is_empty() else sel


def _apply(s: Settings, key: str, value: Any) -> Settings:
    if key in ("guide", "customer", "customer_name"):
        if value is not None and not isinstance(value, str):
            raise ValueError(f"'{key}' must be a string")
        return replace(s, **{key: value or None})
    if key == "channel":
        if value is None or value == "":
            return replace(s, channel=None)
        channel = normalise_channel(value) if isinstance(value, str) else value
        if channel not in CHANNELS:
            raise ValueError(f"'channel' must be one of {', '.join(CHANNELS)}")
        return replace(s, channel=channel)
    if key in ("select", "extend_select", "ignore"):
        if value is None:
            return replace(s, **{key: None if key == "select" else ()})
        return replace(s, **{key: _selectors(value, key)})
    if key == "debounce_ms":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError("'debounce_ms' must be a number of milliseconds")
        return replace(s, debounce_ms=int(value))
    return s  # unknown keys: other tools' settings may share the section


# -- checking (no LSP here: runs on the checker thread) -------------------------------


@dataclass
class Checked:
    """One check of one version of a document."""

    version: int | None
    text: str
    suffix: str
    encoding: str
    findings: list[tuple[Finding, Draft, lsp.Diagnostic]] = field(default_factory=list)
    # Guide problems to show once, other problems to log.
    guide_error: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[lsp.Diagnostic]:
        return [d for _, _, d in self.findings]


def diagnostic(f: Finding, lines: Sequence[str], encoding: str) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=lsp.Range(lsp_position(lines, f.line, f.column, encoding),
                        lsp_position(lines, f.end_line, f.end_column, encoding)),
        message=f.message,
        severity=_SEVERITY.get(f.severity, lsp.DiagnosticSeverity.Warning),
        code=f.code,
        source=SOURCE,
        data={"name": f.name, "fixable": bool(f.fixes)},
    )


def _stamps(sources: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """Modification times of a guide's files (built-ins never change)."""
    out = []
    for src in sources:
        path = src.split(" [", 1)[0]
        with contextlib.suppress(OSError):
            out.append((path, os.stat(path).st_mtime_ns))
    return tuple(out)


@dataclass
class _Warm:
    linter: Linter
    stamps: tuple[tuple[str, int], ...]


class Checker:
    """Warm linters per guide file and selection; reads and checks documents.

    Not thread-safe (a Linter is not): the server calls it from one thread.
    """

    def __init__(self, root: str | None = None):
        self.root = root or os.getcwd()
        self._warm: dict[LinterSpec, _Warm] = {}

    def guide_ref(self, folder: str, settings: Settings) -> str:
        ref = settings.guide
        if ref is None:
            return discover(Path(folder))
        if (os.sep in ref or "/" in ref or ref.endswith((".yml", ".yaml", ".toml"))) \
                and not os.path.isabs(ref):
            ref = os.path.join(self.root, ref)
        return ref

    def linter(self, folder: str, settings: Settings) -> Linter:
        """The warm linter for a document in ``folder``; raises NetlintError for a bad guide."""
        # Keyed by the guide file, not the folder: documents that share a guide share a linter.
        spec = LinterSpec(self.guide_ref(folder, settings), settings.selection, self.root)
        entry = self._warm.get(spec)
        if entry is not None and entry.stamps == _stamps(entry.linter.guide.sources):
            return entry.linter
        linter = spec.build(quiet_nlp=True)
        self._warm[spec] = _Warm(linter, _stamps(linter.guide.sources))
        return linter

    def warm_up(self, settings: Settings) -> None:
        """Build the linter for the workspace root and check one draft with it."""
        linter = self.linter(self.root, settings)
        linter.check_result(Draft(_WARM_TEXT, customer=settings.customer or _WARM_CUSTOMER,
                                  channel=settings.channel, customer_name="Sam"))

    def check(self, uri: str, text: str, language_id: str | None, version: int | None,
              settings: Settings, encoding: str) -> Checked:
        path, folder, suffix = self._where(uri, language_id)
        out = Checked(version, text, suffix, encoding)
        try:
            linter = self.linter(folder, settings)
        except NetlintError as exc:
            out.guide_error = str(exc)
            return out
        ctx: dict[str, Any] = {}
        if settings.channel:
            ctx["channel"] = settings.channel
        if settings.customer:
            ctx["customer"] = settings.customer
        if settings.customer_name:
            ctx["customer_name"] = settings.customer_name
        opts = ReadOptions(context=ctx, template_globs=linter.guide.template_paths)
        lines = text.split("\n")
        try:
            items = list(read_text(text, path, opts, file=path))
        except Exception as exc:  # a reader bug must not stop the server
            out.notes.append(f"netlint: cannot read {path}: {type(exc).__name__}: {exc}")
            return out
        for item in items:
            if isinstance(item, ReadError):
                if not item.message.startswith("empty file"):
                    out.notes.append(f"netlint: {item.path}: {item.message}")
                continue
            try:
                result = linter.check_result(item)
            except NetlintError as exc:  # e.g. a rule option the guide gets wrong
                out.guide_error = str(exc)
                continue
            except Exception as exc:  # the engine already isolates rules; belt and braces
                out.notes.append(f"netlint: checking {path} failed: {type(exc).__name__}: {exc}")
                continue
            out.findings.extend((f, item, diagnostic(f, lines, encoding))
                                for f in result.findings)
        return out

    def _where(self, uri: str, language_id: str | None) -> tuple[str, str, str]:
        """The path the readers see, the folder to discover the guide from, the suffix."""
        path: str | None = None
        if uri.startswith("file:"):
            path = to_fs_path(uri)
        if path:
            suffix = Path(path).suffix.lower()
            if not suffix and language_id in _LANGUAGE_SUFFIX:
                suffix = _LANGUAGE_SUFFIX[language_id]
                path += suffix
            return path, str(Path(path).parent), suffix
        suffix = _LANGUAGE_SUFFIX.get(language_id or "", ".txt")
        name = unquote(uri.rsplit("/", 1)[-1].split(":")[-1]) or "untitled"
        if not name.lower().endswith(suffix):
            name += suffix
        return name, self.root, suffix


# -- code actions ---------------------------------------------------------------------


def _fix_action(uri: str, checked: Checked, f: Finding, draft: Draft, diag: lsp.Diagnostic,
                fix: Fix, preferred: bool) -> lsp.CodeAction | None:
    smap = draft.map
    lines = checked.text.split("\n")
    edits = []
    for e in fix.edits:
        _, sl, sc = smap.position(e.start)
        _, el, ec = smap.position(e.end)
        edits.append(lsp.TextEdit(
            lsp.Range(lsp_position(lines, sl, sc, checked.encoding),
                      lsp_position(lines, el, ec, checked.encoding)), e.replacement))
    if not edits:
        return None
    return lsp.CodeAction(
        title=f"{fix.message} ({f.code})", kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[diag], is_preferred=preferred or None,
        edit=lsp.WorkspaceEdit(changes={uri: edits}))


def _suppress_action(uri: str, checked: Checked, f: Finding,
                     diag: lsp.Diagnostic) -> lsp.CodeAction | None:
    if checked.suffix in _HTML_COMMENT:
        open_, close = "<!--", "-->"
    elif checked.suffix in _JINJA_COMMENT:
        open_, close = "{#", "#}"
    else:  # plain text and e-mail: a comment would be sent to the customer
        return None
    lines = checked.text.split("\n")
    li = diag.range.start.line
    if li >= len(lines):
        return None
    indent = lines[li][: len(lines[li]) - len(lines[li].lstrip(" \t"))]
    prev = lines[li - 1].rstrip("\r") if li > 0 else None
    directive = f"{open_} netlint-disable-next-line"
    title = f"netlint: disable {f.code} for this line"
    if prev is not None and prev.strip().startswith(directive) and prev.strip().endswith(close):
        # Add the code to the directive already above the line.
        codes = prev.strip()[len(directive):-len(close)].strip()
        if not codes or f.code in codes.replace(",", " ").split():
            return None  # it already covers every rule, or this one
        new = f"{prev[: len(prev) - len(prev.lstrip())]}{directive} {codes}, {f.code} {close}"
        edit = lsp.TextEdit(lsp.Range(lsp.Position(li - 1, 0), lsp.Position(
            li - 1, client_column(prev, len(prev), checked.encoding))), new)
    else:
        edit = lsp.TextEdit(lsp.Range(lsp.Position(li, 0), lsp.Position(li, 0)),
                            f"{indent}{directive} {f.code} {close}\n")
    return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag],
                          edit=lsp.WorkspaceEdit(changes={uri: [edit]}))


def code_actions(uri: str, checked: Checked, rng: lsp.Range, *,
                 versioned: bool = False) -> list[lsp.CodeAction]:
    """Quick fixes and suppressions for the findings that touch ``rng``.

    ``versioned``: edits name the document version they were made for (the
    client's ``workspaceEdit.documentChanges``), so a client never applies
    them to text that has changed since.
    """
    actions = _actions(uri, checked, rng)
    if versioned and checked.version is not None:
        for a in actions:
            if a.edit is not None and a.edit.changes:
                a.edit = lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
                    lsp.OptionalVersionedTextDocumentIdentifier(uri=uri,
                                                                version=checked.version),
                    list(a.edit.changes[uri]))])
    return actions


def _actions(uri: str, checked: Checked, rng: lsp.Range) -> list[lsp.CodeAction]:
    fixes: list[lsp.CodeAction] = []
    suppressions: list[lsp.CodeAction] = []
    seen: set[str] = set()
    for f, draft, diag in checked.findings:
        if not ranges_touch(diag.range, rng):
            continue
        # Fixes are written back only where each draft character is one file character.
        if draft.map.verbatim and draft.record is None:
            first_safe = True
            for fix in f.fixes:
                safe = fix.applicability is Applicability.SAFE
                action = _fix_action(uri, checked, f, draft, diag, fix, safe and first_safe)
                if action is not None:
                    fixes.append(action)
                    first_safe = first_safe and not safe
        if f.code not in seen and f.code != "X100":
            seen.add(f.code)
            action = _suppress_action(uri, checked, f, diag)
            if action is not None:
                suppressions.append(action)
    return fixes + suppressions


# -- the server -----------------------------------------------------------------------


class NetlintLanguageServer(LanguageServer):
    """pygls server: one checker thread, debounced checks, diagnostics per document."""

    def __init__(self, guide: str | None = None):
        super().__init__("netlint", __version__,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.settings = Settings(guide=guide)
        self.checker = Checker()
        # One thread: a Linter (and spaCy) is not thread-safe, and checks are ms.
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="netlint-check")
        self.results: dict[str, Checked] = {}
        self._pending: dict[str, asyncio.Task[None]] = {}
        self._shown: set[str] = set()

    # -- helpers --------------------------------------------------------------------

    def show_once(self, message: str, kind: lsp.MessageType = lsp.MessageType.Error) -> None:
        if message in self._shown:
            return
        self._shown.add(message)
        self.window_show_message(lsp.ShowMessageParams(type=kind, message=message))

    def log(self, message: str) -> None:
        self.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Warning,
                                                     message=message))

    def open_document(self, uri: str) -> Any:
        return self.workspace.text_documents.get(unquote(uri))

    def encoding(self) -> str:
        return str(self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16)

    def schedule(self, uri: str, delay_ms: int = 0) -> None:
        """Check ``uri`` after ``delay_ms``; a newer call replaces a waiting one."""
        old = self._pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self._pending[uri] = asyncio.ensure_future(self._check_later(uri, delay_ms))

    async def _check_later(self, uri: str, delay_ms: int) -> None:
        try:
            if delay_ms:
                await asyncio.sleep(delay_ms / 1000)
            await self.check_now(uri)
        except asyncio.CancelledError:
            pass
        except Exception as exc:  # never let one document's check take the server down
            self.log(f"netlint: check of {uri} failed: {type(exc).__name__}: {exc}")
        finally:
            if self._pending.get(uri) is asyncio.current_task():
                del self._pending[uri]

    async def check_now(self, uri: str) -> Checked | None:
        """Check the current text of ``uri`` on the checker thread and publish it."""
        doc = self.open_document(uri)
        if doc is None:
            return None
        version, text, language_id = doc.version, doc.source, doc.language_id
        loop = asyncio.get_running_loop()
        checked = await loop.run_in_executor(
            self.executor, self.checker.check, uri, text, language_id, version,
            self.settings, self.encoding())
        doc = self.open_document(uri)
        if doc is None or doc.version != version:
            return None  # closed or changed meanwhile: a newer check is on its way
        if checked.guide_error:
            self.show_once(checked.guide_error)
        previous = self.results.get(uri)
        if previous is None or previous.notes != checked.notes:  # not once per keystroke
            for note in checked.notes:
                self.log(note)
        self.results[uri] = checked
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, diagnostics=checked.diagnostics, version=version))
        return checked

    async def current(self, uri: str) -> Checked | None:
        """The check of the document as it is now (checked again when stale)."""
        doc = self.open_document(uri)
        if doc is None:
            return None
        checked = self.results.get(uri)
        if checked is not None and checked.version == doc.version and checked.text == doc.source:
            return checked
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        return await self.check_now(uri)

    def recheck_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri)


def make_server(guide: str | None = None) -> NetlintLanguageServer:
    server = NetlintLanguageServer(guide)

    @server.feature(lsp.INITIALIZE)
    def initialize(params: lsp.InitializeParams) -> None:
        root = server.workspace.root_path
        if root:
            server.checker.root = root
        server.settings, problems = server.settings.updated(params.initialization_options)
        for p in problems:
            server.show_once(p, lsp.MessageType.Warning)

    @server.feature(lsp.INITIALIZED)
    async def initialized(params: lsp.InitializedParams) -> None:
        # Load the guide, the rules and their word lists before the first document.
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(server.executor, server.checker.warm_up, server.settings)
        except NetlintError as exc:
            server.show_once(str(exc))
        except Exception as exc:
            server.log(f"netlint: warm-up failed: {type(exc).__name__}: {exc}")

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
        server.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
        server.schedule(params.text_document.uri, server.settings.debounce_ms)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
        server.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = server._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        server.results.pop(uri, None)
        server.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(params: lsp.DidChangeConfigurationParams) -> None:
        server.settings, problems = server.settings.updated(params.settings)
        for p in problems:
            server.show_once(p, lsp.MessageType.Warning)
        server.recheck_all()

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    async def code_action(params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        only = params.context.only
        if only and not any(lsp.CodeActionKind.QuickFix.value.startswith(k) for k in only):
            return None  # the client asked for other kinds (source actions, refactors)
        checked = await server.current(uri)
        if checked is None:
            return None
        caps = server.client_capabilities.workspace
        versioned = bool(caps and caps.workspace_edit and caps.workspace_edit.document_changes)
        return code_actions(uri, checked, params.range, versioned=versioned) or None

    @server.feature(lsp.SHUTDOWN)
    def shutdown(params: Any = None) -> None:
        for task in server._pending.values():
            task.cancel()
        server._pending.clear()
        server.executor.shutdown(wait=False, cancel_futures=True)

    return server


def main(guide: str | None = None, tcp: tuple[str, int] | None = None) -> None:
    """Run the server until the client says exit (what ``netlint lsp`` does)."""
    if guide is not None and os.path.exists(guide):
        guide = os.path.abspath(guide)  # a path given on the command line: from here
    server = make_server(guide)
    if tcp is not None:
        # pygls ends a TCP session's 'exit' with sys.exit inside asyncio's connection
        # callback; asyncio logs that as an unhandled exception before it stops the
        # process (with the right status). Not an error: keep it off stderr.
        logging.getLogger("asyncio").addFilter(
            lambda r: not (r.exc_info and isinstance(r.exc_info[1], SystemExit)))
        server.start_tcp(*tcp)
        return
    # The protocol owns stdout: anything else printed goes to stderr.
    stdout = sys.stdout.buffer
    sys.stdout = sys.stderr
    server.start_io(sys.stdin.buffer, stdout)
