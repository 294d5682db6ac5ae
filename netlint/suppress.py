"""Inline suppressions in templates, and the meta finding for ones that do nothing.

HTML and Markdown::

    <!-- netlint-disable T103, B100 -->   from this line on (all rules when no code)
    <!-- netlint-enable -->                 ends the open disables (or: enable T103)
    <!-- netlint-disable-next-line T104 --> only the next line
    <!-- netlint-disable-file T105 -->      the whole draft

Liquid / Jinja: the same words in ``{# … #}``. A code may be a full code
(``T103``), a prefix (``T1``, ``T``) or a rule name (``draft-marker``).

Comments are not prose: :func:`comment_spans` gives their spans so that the
document masks them and no language rule fires inside one. A directive that
suppresses nothing is reported as X100 (``unused-suppression``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import regexcache as rc
from .finding import Fix, Hit
from .text import Span

if TYPE_CHECKING:
    from .draft import Draft
    from .finding import Finding
    from .registry import Registry
    from .rule import Context, Rule

# ``{{#if}}`` (Handlebars) is not a comment: a Liquid/Jinja comment is ``{# … #}``.
COMMENT_RE = rc.compile(r"<!--.*?(?:-->|\Z)|(?<!\{)\{#(?!\{).*?#\}", re.DOTALL)
_DIRECTIVE_RE = rc.compile(
    r"(?:<!--|\{#-?)\s*netlint-(disable-next-line|disable-file|disable|enable)\b"
    r"(?:[ \t:]+([^\n]*?))?\s*(?:-->|-?#\})", re.IGNORECASE)
_CODE_RE = rc.compile(r"[A-Za-z][A-Za-z0-9-]*")

UNUSED_CODE = "X100"


def comment_spans(text: str) -> list[Span]:
    """HTML comments and Liquid/Jinja ``{# #}`` comments: never sent, never prose."""
    if "<!--" not in text and "{#" not in text:
        return []
    return [Span(m.start(), m.end(), m.group(), "comment") for m in COMMENT_RE.finditer(text)]


@dataclass
class Directive:
    verb: str  # disable, enable, disable-next-line, disable-file
    codes: tuple[str, ...]  # empty: every rule
    start: int
    end: int
    # Draft offsets the directive covers (disable*: filled in by :func:`parse`).
    region: tuple[int, int] = (0, 0)
    used: set[str] = field(default_factory=set)
    # enable: whether it closed an open disable.
    closed_something: bool = False

    def matches(self, finding: Finding) -> str | None:
        """The selector of this directive that covers ``finding``, if any."""
        if not self.region[0] <= finding.text_start < self.region[1]:
            return None
        if not self.codes:
            return "*"
        for c in self.codes:
            if finding.code == c or finding.name == c or (
                    c[:1].isalpha() and c[1:].isdigit() and finding.code.startswith(c)):
                return c
        return None


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def parse(text: str) -> list[Directive]:
    """Directives in ``text`` with the regions they cover, in order."""
    if "netlint-" not in text:
        return []
    out: list[Directive] = []
    open_disables: list[Directive] = []
    for m in _DIRECTIVE_RE.finditer(text):
        verb = m.group(1).lower()
        codes = tuple(_CODE_RE.findall(m.group(2) or ""))
        codes = tuple(c.upper() if re.fullmatch(r"[A-Za-z]\d*", c) else c for c in codes)
        d = Directive(verb, codes, m.start(), m.end())
        line_start = _line_bounds(text, m.start())[0]
        if verb == "disable-file":
            d.region = (0, len(text) + 1)
        elif verb == "disable-next-line":
            _, end_of_comment_line = _line_bounds(text, m.end())
            nxt_start = min(end_of_comment_line + 1, len(text))
            nxt_end = _line_bounds(text, nxt_start)[1] if nxt_start < len(text) else nxt_start
            d.region = (nxt_start, nxt_end + 1)
        elif verb == "disable":
            d.region = (line_start, len(text) + 1)
            open_disables.append(d)
        else:  # enable
            for od in list(open_disables):
                if not codes or not od.codes or set(codes) & set(od.codes):
                    od.region = (od.region[0], m.start())
                    open_disables.remove(od)
                    d.closed_something = True
        out.append(d)
    return out


def apply(draft: Draft, findings: list[Finding], rules: Sequence[tuple[Rule, Context]],
          registry: Registry) -> list[Finding]:
    """Drop the findings that directives cover; add X100 for directives that cover none.

    ``rules`` are the rules that ran (X100 is reported only when it is one of them).
    """
    directives = parse(draft.text)
    if not directives:
        return findings
    kept: list[Finding] = []
    for f in findings:
        hit = False
        for d in directives:
            if d.verb == "enable":
                continue
            sel = d.matches(f)
            if sel is not None:
                d.used.add(sel)
                hit = True
        if not hit:
            kept.append(f)
    meta = next(((r, c) for r, c in rules if r.code == UNUSED_CODE), None)
    if meta is None:
        return kept
    enabled = {r.code for r, _ in rules}
    unused = list(_unused(draft.text, directives, registry, enabled))
    from .engine import make_finding  # the engine imports this module

    extra = [make_finding(draft, meta[0], meta[1].severity, hit) for hit in unused]
    # An X100 finding can itself be suppressed (netlint-disable-file X100).
    for f in extra:
        if not any(d.verb != "enable" and d.matches(f) for d in directives):
            kept.append(f)
    return kept


def _unused(text: str, directives: Iterable[Directive], registry: Registry,
            enabled: set[str]) -> Iterable[Hit]:
    known = set(registry.rules)
    names = {r.name for r in registry.rules.values()}
    for d in directives:
        if d.verb == "enable":
            if not d.closed_something:
                yield Hit(d.start, d.end, "Suppression 'netlint-enable' ends no open "
                                          "'netlint-disable'.", fixes=(_delete(text, d),))
            continue
        if UNUSED_CODE in d.codes or (not d.codes and UNUSED_CODE in d.used):
            continue
        label = f"netlint-{d.verb}"
        if not d.codes:
            if not d.used:
                yield Hit(d.start, d.end, f"Suppression '{label}' suppresses nothing.",
                          fixes=(_delete(text, d),))
            continue
        idle = [c for c in d.codes if c not in d.used]
        if not idle:
            continue
        why = []
        for c in idle:
            if c not in known and c not in names and not any(k.startswith(c) for k in known):
                why.append(f"{c} (unknown rule)")
            elif c in known and c not in enabled:
                why.append(f"{c} (not enabled)")
            else:
                why.append(c)
        fixes: tuple[Fix, ...] = (_delete(text, d),) if len(idle) == len(d.codes) else ()
        yield Hit(d.start, d.end, f"Suppression '{label}' suppresses nothing for "
                                  f"{', '.join(why)}.", fixes=fixes)


def _delete(text: str, d: Directive) -> Fix:
    start, end = d.start, d.end
    line_start, line_end = _line_bounds(text, start)
    if not text[line_start:start].strip() and not text[end:line_end].strip():
        start, end = line_start, min(line_end + 1, len(text))
    return Fix.replace(start, end, "", "Remove the unused suppression")
