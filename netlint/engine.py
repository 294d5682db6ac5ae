"""The linter: runs the enabled rules over drafts and turns hits into findings."""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, NamedTuple

from .document import Document
from .draft import CHANNELS, Draft
from .errors import NetlintError
from .finding import Finding, Hit, Severity
from .guide.model import Guide, Selection
from .nlp import COMPONENTS, NLP, NLP_NEEDS
from .redact import redact
from .registry import Registry, resolve_options, validate_guide_rules
from .rule import Context, Rule

EXCERPT_WIDTH = 160
# check_many: drafts per nlp.pipe batch, and the share of drafts whose spaCy Doc
# the rules must use before batching pays (a parse the rules skip is wasted).
SPACY_BATCH = 64
PIPE_WHEN_PARSED = 0.5


@dataclass
class DraftResult:
    """Everything known after checking one draft (or failing to read it)."""

    draft: Draft | None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    path: str = ""
    skipped: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None


class _Plan(NamedTuple):
    rules: tuple[tuple[Rule, Context], ...]
    skipped: tuple[str, ...]
    # Whether a rule in the plan may ask for the spaCy Doc.
    spacy: bool

    @classmethod
    def of(cls, rules: Iterable[tuple[Rule, Context]], skipped: Iterable[str]) -> _Plan:
        kept = tuple(rules)
        return cls(kept, tuple(skipped), any(rule.needs & NLP_NEEDS for rule, _ in kept))


class Linter:
    """Checks drafts against a guide. The CLI is a thin shell over this class.

    >>> Linter(load_guide()).check(Draft("hi"))  # doctest: +SKIP
    """

    def __init__(
        self,
        guide: Guide,
        *,
        selection: Selection | None = None,
        registry: Registry | None = None,
        rule_options: Mapping[str, Mapping[str, Any]] | None = None,
        quiet_nlp: bool = False,
    ):
        self.guide = guide
        self.registry = registry or Registry.for_guide(guide)
        validate_guide_rules(guide, self.registry)
        if selection is not None:
            for what, sels in (("--select", selection.select or ()),
                               ("--extend-select", selection.extend_select),
                               ("--ignore", selection.ignore)):
                self.registry.check_selectors(sels, what)
        self.selection = selection
        self.rule_options = rule_options or {}
        self._plans: dict[tuple[str, tuple[str, ...]], _Plan] = {}
        self._nlp: NLP | None = None
        self._quiet_nlp = quiet_nlp
        self._warned_skips: set[str] = set()

    # -- planning ---------------------------------------------------------------

    def _layers(self, channel: str | None) -> list[Selection]:
        """Selection layers: the guides, the channel's (if any), the command line."""
        layers = list(self.guide.selections)
        chan = Selection.from_mapping(self.guide.channel(channel)) if channel else Selection()
        if not chan.is_empty():
            layers.append(chan)
        if self.selection is not None:
            layers.append(self.selection)
        return layers

    def enabled_codes(self, channel: str | None = None, path: str | None = None) -> set[str]:
        enabled = self.registry.select(self._layers(channel or self.guide.default_channel))
        if path:
            for pattern, sels in self.guide.per_path_ignores.items():
                if _path_matches(path, pattern):
                    enabled = {c for c in enabled
                               if c not in self.registry.select([Selection(select=tuple(sels))])}
        return enabled

    @property
    def nlp(self) -> NLP:
        if self._nlp is None:
            # Only what enabled rules need, on any channel (or one the guide does
            # not know): a disabled POS rule must not put the tagger into every parse.
            needs: set[str] = set()
            for channel in (*CHANNELS, None):
                for code in self.registry.select(self._layers(channel)):
                    needs |= self.registry.rules[code].needs
            self._nlp = NLP(model=self.guide.nlp_model, needs=frozenset(needs),
                            quiet=self._quiet_nlp)
        return self._nlp

    def _plan(self, channel: str, path: str) -> _Plan:
        ignored = tuple(sorted(p for p in self.guide.per_path_ignores if _path_matches(path, p)))
        key = (channel, ignored)
        plan = self._plans.get(key)
        if plan is None:
            enabled = self.enabled_codes(channel, path)
            rules = []
            skipped = []
            for code in sorted(enabled):
                rule = self.registry.rules[code]
                missing = self._missing(rule)
                if missing:
                    skipped.append(code)
                    self._warn_skip(rule, missing)
                    continue
                options, severity = resolve_options(rule, self.guide, channel,
                                                    self.rule_options.get(code))
                rules.append((rule, Context(options, severity)))
            plan = _Plan.of(rules, skipped)
            self._plans[key] = plan
        return plan

    def _can(self, need: str) -> bool:
        return self.nlp.available(need)

    def _missing(self, rule: Rule) -> list[str]:
        """What ``rule`` needs from a spaCy model that this linter's cannot give."""
        return [n for n in rule.needs if n in COMPONENTS and not self._can(n)]

    def _warn_skip(self, rule: Rule, missing: list[str]) -> None:
        if rule.code in self._warned_skips or self._quiet_nlp:
            return
        self._warned_skips.add(rule.code)
        print(f"netlint: skipped {rule.code} ({rule.name}): needs {', '.join(missing)} "
              f"from a spaCy model", file=sys.stderr)

    def warn_skipped(self, codes: Iterable[str]) -> None:
        """Say once per rule that it could not run: for results a quiet worker
        process checked (its rules were planned there, not here)."""
        for code in codes:
            rule = self.registry.rules[code]
            self._warn_skip(rule, self._missing(rule))

    def active_rules(self, channel: str | None = None, path: str = "") -> list[Rule]:
        return [r for r, _ in self._plan(channel or self.guide.default_channel, path).rules]

    # -- checking ---------------------------------------------------------------

    def check(self, draft: Draft) -> list[Finding]:
        """Findings for one draft, sorted by position then code."""
        return self.check_result(draft).findings

    def check_result(self, draft: Draft, spacy_doc: Any = None) -> DraftResult:
        channel = draft.channel or self.guide.default_channel
        plan = self._plan(channel, draft.path)
        doc = Document(draft, self.guide, self.nlp, spacy_doc=spacy_doc)
        findings: list[Finding] = []
        redacted: str | None = None  # the text with secrets masked, for excerpts
        for rule, ctx in plan.rules:
            try:
                hits = list(rule.check(doc, ctx))
            except NetlintError:
                raise
            except Exception as exc:  # a rule bug must not lose the other findings
                hits = []
                findings.append(_internal_error(draft, rule, exc))
            for hit in hits:
                if redacted is None:
                    redacted = redact(draft.text)
                findings.append(make_finding(draft, rule, ctx.severity, hit, redacted))
        if "netlint-" in draft.text:  # inline suppressions, and X100 for unused ones
            from .suppress import apply as apply_suppressions

            findings = apply_suppressions(draft, findings, plan.rules, self.registry)
        findings.sort(key=lambda f: (f.offset, f.code, f.length))
        return DraftResult(draft, findings, path=draft.display_path, skipped=plan.skipped)

    def check_many(self, drafts: Iterable[Draft | DraftResult], *,
                   batch_size: int = SPACY_BATCH) -> Iterator[DraftResult]:
        """Check a stream of drafts in order; read errors pass through as results.

        When enabled rules parse most drafts with spaCy (measured on the first
        batch, checked one draft at a time), later batches go through
        ``nlp.pipe`` together, which is several times faster than one call each.
        Rules that pre-filter and parse only a few drafts keep the lazy path.
        """
        it = iter(drafts)
        pipe: bool | None = None  # undecided until a batch shows how rules use spaCy
        while batch := list(islice(it, batch_size)):
            todo = [d for d in batch if isinstance(d, Draft) and self._wants_spacy(d)]
            docs: dict[int, Any] = {}
            calls = self._nlp.calls if self._nlp is not None else 0
            if pipe and todo:
                docs = dict(zip(map(id, todo), self.nlp.pipe([d.text for d in todo], batch_size),
                                strict=True))
            for item in batch:
                yield item if isinstance(item, DraftResult) else \
                    self.check_result(item, spacy_doc=docs.get(id(item)))
            if pipe is None and todo:
                used = (self._nlp.calls if self._nlp is not None else 0) - calls
                pipe = used >= len(todo) * PIPE_WHEN_PARSED

    def _wants_spacy(self, draft: Draft) -> bool:
        plan = self._plan(draft.channel or self.guide.default_channel, draft.path)
        return plan.spacy


def _path_matches(path: str, pattern: str) -> bool:
    path = path.replace("\\", "/")
    return (fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, f"*/{pattern}")
            or fnmatch.fnmatch(path.rsplit("/", 1)[-1], pattern))


def excerpt_of(text: str, start: int, end: int) -> tuple[str, int]:
    """The line of ``text`` holding ``start``, and where ``start`` falls in it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end if end > start else start)
    if line_end == -1:
        line_end = len(text)
    line = text[line_start:line_end]
    at = start - line_start
    if len(line) > EXCERPT_WIDTH:
        lo = max(0, at - EXCERPT_WIDTH // 3)
        line = ("…" if lo else "") + line[lo: lo + EXCERPT_WIDTH] + "…"
        at = at - lo + (1 if lo else 0)
    return line, at


def make_finding(draft: Draft, rule: Rule, severity: Severity, hit: Hit,
                 redacted: str | None = None) -> Finding:
    """The finding ``hit`` makes in ``draft``; ``redacted`` is ``redact(draft.text)``
    when the caller has it (a draft's findings share it: ~40 µs each)."""
    smap = draft.map
    start = max(0, min(hit.start, len(draft.text)))
    end = max(start, min(hit.end, len(draft.text)))
    offset, line, col = smap.position(start)
    end_offset, end_line, end_col = smap.position(end)
    # Mask secrets on the whole text first, so a cut excerpt never shows part of one.
    if redacted is None:
        redacted = redact(draft.text)
    excerpt, excerpt_start = excerpt_of(redacted, start, end)
    return Finding(
        code=rule.code,
        name=rule.name,
        category=rule.category,
        severity=hit.severity or severity,
        # Secrets (card numbers, IBANs, SSNs) never reach any output format.
        message=redact(hit.message),
        path=draft.path,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        offset=offset,
        length=end_offset - offset,
        excerpt=excerpt if hit.excerpt is None else redact(hit.excerpt),
        fixes=hit.fixes,
        record=draft.record,
        draft_id=draft.id,
        text_start=start,
        text_end=end,
        excerpt_start=excerpt_start if hit.excerpt is None else -1,
    )


def _internal_error(draft: Draft, rule: Rule, exc: Exception) -> Finding:
    hit = Hit(0, 0, f"internal error in rule {rule.code}: {type(exc).__name__}: {exc}",
              severity=Severity.ERROR, excerpt="")
    return make_finding(draft, rule, Severity.ERROR, hit)
