"""The command line: parses arguments and calls the library. No logic of its own."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import click

from . import __version__
from .errors import NetlintError
from .formats import FORMATS

if TYPE_CHECKING:
    from .cache import ResultCache
    from .guide.model import Guide, Selection
    from .readers import ReadOptions

FAIL_ON = ("error", "warning", "info", "never")


def _fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"netlint: error: {message}", err=True)
    sys.exit(code)


def _use_color(no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _split(values: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


@contextlib.contextmanager
def _stdout() -> Iterator[TextIO]:
    yield sys.stdout
    sys.stdout.flush()


class _Group(click.Group):
    """Turns netlint's own errors into one line and exit status 2, anywhere."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NetlintError as exc:
            _fail(str(exc), exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="netlint")
def main() -> None:
    """netlint: a writing-quality linter for customer-service replies."""


def _result_cache(guide: Guide, selection: Selection | None, opts: ReadOptions) -> ResultCache:
    from .cache import ResultCache  # not imported by a run on a server or without a cache

    return ResultCache.for_run(guide, selection, opts)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--guide", "-g", metavar="FILE|NAME", help="Style guide file or built-in name.")
@click.option("--channel", "-c", type=click.Choice(["email", "chat", "social", "sms"]),
              help="Channel of drafts that do not say.")
@click.option("--customer", "customer_file", type=click.Path(dir_okay=False),
              help="File with the customer message the draft answers.")
@click.option("--customer-name", help="The customer's name, for greeting checks.")
@click.option("--text", "text", help="Check this text instead of files.")
@click.option("--stdin-filename", default="-", help="Name (and suffix) for text read from stdin.")
@click.option("--template", is_flag=True, help="Treat drafts as canned-response templates.")
@click.option("--select", multiple=True, help="Rules to run (codes, prefixes, categories, ALL).")
@click.option("--extend-select", multiple=True, help="Rules to add to the selection.")
@click.option("--ignore", multiple=True, help="Rules to leave out.")
@click.option("--field", "fields", multiple=True, metavar="NAME=COLUMN",
              help="Record field names for JSONL/CSV/YAML (reply=answer).")
@click.option("--include", multiple=True, help="Glob of files to read in folders.")
@click.option("--exclude", multiple=True, help="Glob of files or folders to skip.")
@click.option("--format", "fmt", default="full", show_default=True,
              type=click.Choice(list(FORMATS)))
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="warning", show_default=True,
              help="Lowest severity that makes the exit status 1.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply unsafe fixes (with --fix/--diff).")
@click.option("--diff", is_flag=True, help="Show the fixes as a diff; write nothing.")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("--quiet", "-q", is_flag=True, help="Findings only: no summary or notices.")
@click.option("--no-color", is_flag=True, help="No colours (also: NO_COLOR=1).")
@click.option("--verbose", "-v", is_flag=True, help="Say which guide and rules are used.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Processes that check a large batch (default: the number of cores).")
@click.option("--no-cache", is_flag=True,
              help="Do not read or write cached results (.netlint_cache/).")
@click.option("--server", envvar="NETLINT_SERVER", metavar="URL",
              help="Check on a running 'netlint serve' (also: NETLINT_SERVER).")
def check(paths: tuple[str, ...], guide: str | None, channel: str | None,
          customer_file: str | None, customer_name: str | None, text: str | None,
          stdin_filename: str, template: bool, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], fields: tuple[str, ...],
          include: tuple[str, ...], exclude: tuple[str, ...], fmt: str, output: str | None,
          fail_on: str, exit_zero: bool, fix: bool, unsafe_fixes: bool, diff: bool,
          statistics: bool, quiet: bool, no_color: bool, verbose: bool, jobs: int | None,
          no_cache: bool, server: str | None) -> None:
    """Check drafts: files, folders, '-' for stdin, or --text."""
    from .engine import Linter
    from .formats import RenderOptions
    from .formats.streaming import write_report
    from .guide.loader import load_guide
    from .guide.model import Selection
    from .parallel import LinterSpec, default_jobs
    from .readers import DEFAULT_INCLUDE, ReadOptions, decode
    from .readers.records import FieldNames
    from .run import Inputs, fix_results
    from .run import check as run_check

    g = load_guide(guide)
    selection = Selection(select=_split(select) or None, extend_select=_split(extend_select),
                          ignore=_split(ignore))
    spec = LinterSpec.of(guide, None if selection.is_empty() else selection)
    # Results are cached per file: a --text or stdin run has nothing to look up.
    use_cache = not (no_cache or fix or diff or server) and any(p != "-" for p in paths)
    if server:
        from .client import RemoteLinter

        linter: Linter | RemoteLinter = RemoteLinter(server, spec)
    else:
        def build() -> Linter:
            return Linter(g, selection=spec.selection, quiet_nlp=quiet)

        if use_cache:
            from .cache import LazyLinter

            # Built on first use: a run served from the cache never loads the rules.
            linter = LazyLinter(build)  # type: ignore[assignment]
        else:
            linter = build()
    context: dict[str, Any] = {}
    if channel:
        context["channel"] = channel
    if customer_name:
        context["customer_name"] = customer_name
    if customer_file:
        try:
            with open(customer_file, "rb") as fh:
                context["customer"] = decode(fh.read(), customer_file)
        except OSError as exc:
            _fail(f"{customer_file}: {exc.strerror or exc}")
    opts = ReadOptions(
        include=_split(include) or DEFAULT_INCLUDE,
        exclude=_split(exclude) + tuple(g.files.get("exclude") or ()),
        fields=FieldNames.parse(fields), context=context, template=template,
        template_globs=g.template_paths,
    )
    stdin = "-" in paths
    paths = tuple(p for p in paths if p != "-")
    if not paths and text is None and not stdin:
        if sys.stdin.isatty():
            click.echo("Paste your draft, then Ctrl-D (Ctrl-Z Enter on Windows):", err=True)
        stdin = True
    if verbose:
        click.echo(f"netlint: guide {' -> '.join(g.sources)}", err=True)
        click.echo(f"netlint: {len(linter.enabled_codes())} rules enabled for the "
                   f"{g.default_channel} channel", err=True)
        from .grammar.config import GrammarConfig

        click.echo(f"netlint: {GrammarConfig.of(g).describe()}", err=True)
    results_iter = run_check(linter, Inputs(paths, text, stdin, stdin_filename), opts,  # type: ignore[arg-type]
                             jobs=1 if server else jobs or default_jobs(), spec=spec, quiet=quiet,
                             cache=_result_cache(g, spec.selection, opts) if use_cache else None)
    render_options = RenderOptions(color=_use_color(no_color) and output is None,
                                   statistics=statistics, tool_version=__version__)
    if fix or diff:
        results = list(results_iter)
        report = fix_results(linter, results, unsafe=unsafe_fixes, write=fix and not diff)
        for d in report.diffs:
            click.echo(d, nl=False)
        if not quiet:
            if report.written:
                click.echo(f"netlint: fixed {report.applied} findings in "
                           f"{len(report.written)} files", err=True)
            if report.skipped_overlaps:
                click.echo(f"netlint: {report.skipped_overlaps} overlapping fixes skipped",
                           err=True)
            for p in report.not_writable:
                click.echo(f"netlint: fixes not written into {p} (structured or encoded file)",
                           err=True)
        if fix and not diff and paths:  # report what is left in the fixed files
            results = list(run_check(linter, Inputs(paths, text, False, stdin_filename), opts))
        results_iter = iter(results)
    # Stream: memory stays flat however large the batch.
    with (open(output, "w", encoding="utf-8") if output else _stdout()) as out:
        tally = write_report(results_iter, fmt, render_options, out, quiet=quiet)
    if tally.unreadable:
        sys.exit(2)
    if not exit_zero and tally.fails(fail_on):
        sys.exit(1)


@main.command()
@click.option("--guide", "-g", metavar="FILE|NAME",
              help="Guide for requests that do not name one (default: discovered).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port (0: any free port).")
@click.option("--verbose", "-v", is_flag=True, help="Log each request.")
def serve(guide: str | None, host: str, port: int, verbose: bool) -> None:
    """Serve checks over HTTP with guides, rules and spaCy kept warm (see README)."""
    from .server import serve as run_server

    run_server(guide, host, port, verbose=verbose)


@main.command()
@click.option("--guide", "-g", metavar="FILE|NAME",
              help="Guide for every document (default: discovered from each document's folder).")
@click.option("--tcp", metavar="HOST:PORT", help="Listen on TCP instead of stdio.")
def lsp(guide: str | None, tcp: str | None) -> None:
    """Language server (LSP) on stdio: findings as diagnostics while you type (see README)."""
    address = None
    if tcp:
        host, _, port = tcp.rpartition(":")
        if not host or not port.isdigit():
            _fail(f"--tcp wants HOST:PORT, not '{tcp}'")
        address = (host, int(port))
    try:
        from .lsp import main as run_lsp  # pygls is imported here, never with the CLI
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs"):
            raise
        _fail("netlint lsp needs the lsp extra: pip install 'netlint[lsp]'")
    run_lsp(guide, address)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--guide", "-g", metavar="FILE|NAME", help="Style guide with the rubric.")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "json"]))
@click.option("--report", type=click.Path(dir_okay=False), help="Write an HTML report here.")
@click.option("--min-score", type=click.FloatRange(0, 100),
              help="Exit 1 when a draft scores below this.")
@click.option("--channel", "-c", type=click.Choice(["email", "chat", "social", "sms"]),
              help="Channel of drafts that do not say.")
@click.option("--no-color", is_flag=True, help="No colours (also: NO_COLOR=1).")
def grade(paths: tuple[str, ...], guide: str | None, fmt: str, report: str | None,
          min_score: float | None, channel: str | None, no_color: bool) -> None:
    """Grade trainee drafts: a score per draft and per trainee, from the guide's rubric."""
    from .grade.command import grade_paths
    from .guide.loader import load_guide

    run = grade_paths(load_guide(guide), paths, fmt=fmt, channel=channel, report=report,
                      min_score=min_score, color=_use_color(no_color) and fmt == "table")
    click.echo(run.rendered, nl=False)
    if report:
        click.echo(f"netlint: report written to {report}", err=True)
    sys.exit(run.exit_code)


@main.command()
@click.option("--guide", "-g", metavar="FILE|NAME", help="Style guide (for packs and plugins).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--enabled", is_flag=True, help="Only the rules the guide enables.")
def rules(guide: str | None, fmt: str, enabled: bool) -> None:
    """List rules: code, name, category, severity, fixable."""
    import json

    from .engine import Linter
    from .guide.loader import load_guide

    linter = Linter(load_guide(guide), quiet_nlp=True)
    active = linter.enabled_codes()
    rows = [r for r in linter.registry.sorted() if not enabled or r.code in active]
    if fmt == "json":
        click.echo(json.dumps([{
            "code": r.code, "name": r.name, "category": r.category,
            "severity": r.severity.value, "fixable": r.fixable, "enabled": r.code in active,
            "source": r.source} for r in rows], indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for col in ("code", "name", "category", "severity", "fixable", "enabled", "source"):
        table.add_column(col)
    for r in rows:
        table.add_row(r.code, r.name, r.category, r.severity.value, "yes" if r.fixable else "",
                      "yes" if r.code in active else "", r.source)
    Console(no_color=not _use_color(False), width=140).print(table)


@main.command()
@click.argument("code")
@click.option("--guide", "-g", metavar="FILE|NAME")
def explain(code: str, guide: str | None) -> None:
    """Print a rule's documentation."""
    from .explain import explain_text
    from .guide.loader import load_guide
    from .registry import Registry

    registry = Registry.for_guide(load_guide(guide))
    rule = registry.get(code) or registry.get(code.upper())
    if rule is None:
        _fail(f"unknown rule '{code}' (see 'netlint rules')")
    click.echo(explain_text(rule))


@main.command()
def clean() -> None:
    """Remove cached results (.netlint_cache/ or $NETLINT_CACHE_DIR)."""
    from .cache import cache_root
    from .cache import clean as clean_cache

    root = cache_root()
    click.echo(f"netlint: removed {root}" if clean_cache(root) else f"netlint: no cache at {root}")


@main.group("guide")
def guide_cmd() -> None:
    """Show or validate style guides."""


@guide_cmd.command("show")
@click.option("--guide", "-g", metavar="FILE|NAME")
def guide_show(guide: str | None) -> None:
    """Print the resolved guide (after 'extends')."""
    from .guide.loader import load_guide
    from .guide.show import render_guide

    click.echo(render_guide(load_guide(guide)), nl=False)


@guide_cmd.command("validate")
@click.argument("file")
def guide_validate(file: str) -> None:
    """Check a guide file (schema, extends, rule codes and options)."""
    from .engine import Linter
    from .guide.loader import load_guide

    g = load_guide(file)
    Linter(g, quiet_nlp=True)
    if g.section("rubric"):
        from .grade.scoring import Rubric

        Rubric.from_guide(g)
    click.echo(f"{file}: ok ({len(g.sources)} file{'s' if len(g.sources) > 1 else ''}: "
               f"{' -> '.join(g.sources)})")


if __name__ == "__main__":
    main()
