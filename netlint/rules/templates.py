"""Templates: canned replies with placeholders, checked the way CI checks code.

In template mode (``--template``, or a path matching the guide's
``templates.paths``) placeholders are expected: the rules check that each one
names a known variable, is well formed, has a fallback when the guide asks for
one, and that no draft markers or generic salutations are left. Outside
template mode a placeholder in a reply about to be sent is an error.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from .. import regexcache as rc
from .. import text as tx
from ..document import Document
from ..finding import Fix, Hit, Severity
from ..placeholders import Placeholder, code_spans, normalise, parse
from ..rule import Context, Rule
from ..suppress import comment_spans
from ..text import URL_RE, Span

# --- draft markers -----------------------------------------------------------------

# Upper case only: "todo list" and "tbd" in a sentence are English, TODO is a note.
_MARKER_RE = rc.compile(r"(?<![\w/#-])(?:TODO|FIXME|TBD|TBC)(?![\w/-])|(?i:\blorem ipsum\b)")
# TBD / TBC are fair English in a sent reply ("the date is still TBD"): markers
# only in a template, where they stand for text nobody wrote yet.
_TEMPLATE_ONLY = ("TBD", "TBC")


def may_hold_marker(text: str) -> bool:
    """False when _MARKER_RE cannot match: its markers are upper case as written,
    and "lorem ipsum" is in the lower-cased text unless İ, ı or ſ stands for a
    letter of it (re.IGNORECASE reads them as i and s, lower() keeps them)."""
    return (any(w in text for w in ("TODO", "FIXME", "TBD", "TBC")) or "lorem ipsum" in text.lower()
            or tx.lower_may_miss(text))


def find_markers(text: str, *, template: bool, placeholders: Sequence[Span]) -> list[Span]:
    """Leftover draft markers: TODO, FIXME, TBD, lorem ipsum; in a template also the
    fill-ins XXX and [insert …] (outside template mode those are unfilled placeholders)."""
    out: list[Span] = []
    code: list[tuple[int, int]] | None = None
    urls: list[tuple[int, int]] | None = None
    for m in _MARKER_RE.finditer(text) if may_hold_marker(text) else ():
        word = m.group()
        if word in _TEMPLATE_ONLY and not template:
            continue
        if any(p.overlaps(m.start(), m.end()) for p in placeholders):
            continue
        if code is None:
            code = code_spans(text) + [(c.start, c.end) for c in comment_spans(text)]
            urls = [(u.start(), u.end()) for u in URL_RE.finditer(text)]
        if any(s <= m.start() < e for s, e in (*code, *(urls or ()))):
            continue
        out.append(Span(m.start(), m.end(), word, "marker"))
    if template:
        for p in placeholders:
            if p.kind == "fill-in" or (p.kind == "bracket" and p.text[1:].lower().startswith("insert ")):
                out.append(Span(p.start, p.end, p.text, "marker"))
    out.sort(key=lambda s: s.start)
    return out


# --- malformed placeholders ----------------------------------------------------------

_BRACE_RUN_RE = rc.compile(r"[%$]?\{+%?-?|-?%?\}+")
_CLOSE_RE = rc.compile(r"-?%?\}+")
_BLOCK_RE = rc.compile(r"(?is)<(style|script)\b[^>]*>.*?</\1\s*>|<!--.*?-->|\{#.*?#\}")


def find_malformed(text: str, placeholders: Sequence[Span]) -> list[tuple[Span, str]]:
    """Braces that belong to no well-formed placeholder: ``{{ name }``, ``{name}}``,
    ``%{ticket.number``, ``{%customer.firstName}``. Code, comments and style blocks
    are left alone."""
    if "{" not in text and "}" not in text:
        return []
    skip = [(p.start, p.end) for p in placeholders]
    skip += code_spans(text)
    skip += [(m.start(), m.end()) for m in _BLOCK_RE.finditer(text)]
    chars = list(text)
    for s, e in skip:  # braces of well-formed placeholders, code and comments are spoken for
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = "\0"
    masked = "".join(chars)
    out: list[tuple[Span, str]] = []
    done = 0
    for m in _BRACE_RUN_RE.finditer(masked):
        if m.start() < done:
            continue
        line_end = masked.find("\n", m.end())
        line_end = len(masked) if line_end == -1 else line_end
        if "{" in m.group():
            close = _CLOSE_RE.search(masked, m.end(), line_end)
            nxt = masked.find("{", m.end(), line_end)
            if close and (nxt == -1 or close.start() < nxt):
                start, end = m.start(), close.end()
            else:
                tail = re.match(r"[\w.]*(?:[ \t]*[\w.|:,=\"'-]+)*", masked[m.end():line_end])
                start, end = m.start(), m.end() + (len(tail.group()) if tail else 0)
        else:
            before = next((p for p in placeholders if p.end == m.start()), None)
            if before is not None:
                start = before.start
            else:
                line_start = masked.rfind("\n", 0, m.start()) + 1
                head = re.search(r"[\w.]+[ \t]*$", masked[line_start:m.start()])
                start = line_start + head.start() if head else m.start()
            end = m.end()
        done = end
        token = text[start:end]
        opens, closes = token.count("{"), token.count("}")
        if opens != closes:
            why = f"{opens} opening and {closes} closing brace{'s' if closes != 1 else ''}"
        else:
            why = "its delimiters do not match any placeholder syntax"
        out.append((Span(start, end, token, "malformed"), why))
    return out


# --- generic salutations -------------------------------------------------------------

_GENERIC_RE = rc.compile(
    r"^[ \t>*_]*(?:(?:dear|hello|hi|hey|good (?:morning|afternoon|evening))[ \t]+"
    r"(?:valued[ \t]+|esteemed[ \t]+)?(?:customer|client|user|member|guest|friend|subscriber|"
    r"account[ \t]*holder|sir(?:[ \t]*(?:or|/)[ \t]*madam)?|madam)s?\b"
    r"|to whom it may concern\b)",
    re.IGNORECASE | re.MULTILINE)

_NAME_HINT_RE = rc.compile(r"first.?name|name\.first|firstname|requester\.name|customer", re.I)


class UnknownPlaceholder(Rule):
    """## What it does
    In a template, flags a placeholder whose variable is not in the guide's list
    (`placeholders.variables`, glob patterns such as `ticket.*` allowed), and
    suggests the closest known one. Runs only when the guide lists variables.

    ## Why
    Help desks render an unknown variable as nothing: "Hi ," reaches the
    customer. A typo such as `{{ticket.requestor.first_name}}` looks right in
    review and fails in every reply sent with the macro.

    ## Example
    Hi {{ticket.requestor.first_name}}, (the guide lists
    `ticket.requester.first_name`)

    ## Use instead
    Hi {{ticket.requester.first_name}},

    ## Fix safety
    The closest known variable is offered as an unsafe fix: it is a guess.
    """

    code = "T100"
    name = "unknown-placeholder"
    category = "templates"
    severity = Severity.ERROR
    fixable = True
    defaults: ClassVar[dict[str, Any]] = {"variables": []}
    _vars = {"variables": ["ticket.requester.first_name", "ticket.id", "current_user.name"]}
    bad_examples = (
        {"text": "Hi {{ticket.requestor.first_name}},\n\nYour ticket is closed.",
         "template": True, "options": _vars},
        {"text": "Hi [Customer Nmae], your order shipped.", "template": True,
         "options": {"variables": ["Customer Name", "Order Number"]}},
    )
    good_examples = (
        {"text": "Hi {{ ticket.requester.first_name }}, ticket #{{ticket.id}} is closed.\n"
                 "{{current_user.name}}", "template": True, "options": _vars},
        {"text": "Hi %CUSTOMER_NAME%, order [Order Number] shipped.", "template": True,
         "options": {"variables": ["Customer Name", "Order Number"]}},
        {"text": "{% for c in ticket.comments %}{{ c.author }}{% endfor %}", "template": True,
         "options": {"variables": ["ticket.*"]}},
        {"text": "Hi {{ticket.requestor.first_name}}, thanks!", "template": True},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not doc.draft.template:
            return
        allowed = [str(v) for v in (*(ctx.get("variables") or ()),
                                    *(doc.guide.placeholders.get("variables") or ()))]
        if not allowed:
            return
        exact = {v for v in allowed if not any(c in v for c in "*?[")}
        loose = {normalise(v): v for v in exact}
        globs = [v for v in allowed if v not in exact]
        local = _liquid_locals(doc)
        for p in _named(doc):
            name = p.name or ""
            if (name in exact or normalise(name) in loose
                    or any(fnmatch.fnmatchcase(name, g) for g in globs)
                    or name.split(".", 1)[0] in local):
                continue
            import difflib  # only for an unknown name (~3 ms to import)

            guess = difflib.get_close_matches(name, sorted(exact), n=1, cutoff=0.6) or \
                [loose[g] for g in difflib.get_close_matches(normalise(name), sorted(loose),
                                                             n=1, cutoff=0.6)]
            msg = f"Unknown placeholder variable '{name}'"
            fixes = ()
            if guess:
                msg += f"; did you mean '{guess[0]}'?"
                new = p.span.text.replace(name, guess[0], 1)
                fixes = (Fix.replace(p.span.start, p.span.end, new, safe=False),)
            else:
                msg += " (not in the guide's placeholders.variables)."
            yield Hit(p.span.start, p.span.end, msg, fixes=fixes)


def _named(doc: Document) -> list[Placeholder]:
    out = []
    for s in doc.placeholders:
        p = parse(s)
        if p.name is not None and not p.is_fill_in:
            out.append(p)
    return out


def _liquid_locals(doc: Document) -> set[str]:
    """Names a template binds itself: {% for x in ... %}, {% assign x = %}, {% capture x %}."""
    names: set[str] = set()
    for s in doc.placeholders:
        if s.kind == "liquid-tag":
            m = re.match(r"\{%-?\s*(?:for\s+(\w+)\s+in|assign\s+(\w+)|capture\s+(\w+))", s.text)
            if m:
                names.add(next(g for g in m.groups() if g))
        elif s.kind == "liquid":
            m = re.match(r"\{\{\s*#each\s+\S+\s+as\s+\|(\w+)", s.text)
            if m:
                names.add(m.group(1))
    return names


class MalformedPlaceholder(Rule):
    """## What it does
    Flags braces that belong to no well-formed placeholder: `{{ first_name }`,
    `{name}}`, `%{ticket.number` or `{%customer.firstName}`. Code spans, code
    blocks, HTML comments and style blocks are left alone.

    ## Why
    A help desk prints a broken placeholder as it stands, braces and all, or
    swallows the rest of the line. Either way the customer sees template code.

    ## Example
    Hi {{ first_name },

    ## Use instead
    Hi {{ first_name }},

    ## Fix safety
    No automatic fix: which brace is missing is a guess.
    """

    code = "T101"
    name = "malformed-placeholder"
    category = "templates"
    severity = Severity.ERROR
    bad_examples = (
        {"text": "Hi {{ first_name },\n\nYour order has shipped.", "template": True},
        {"text": "Hi {customer_name}}, your order has shipped.", "template": True},
        "Your ticket #%{ticket.number was updated today.",
        {"text": "Hi {%customer.firstName,fallback=there},", "template": True},
    )
    good_examples = (
        {"text": "Hi {{ first_name }}, ticket #%{ticket.number} is closed.", "template": True},
        {"text": "Run `curl -d '{\"id\": 1}'` and send us the output.", "template": True},
        "Hi Sam, your order has shipped.",
        {"text": "<style>p { color: grey; }</style><p>Thanks, {{agent}}</p>", "template": True},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        for span, why in find_malformed(doc.text, doc.placeholders):
            yield Hit(span.start, span.end,
                      f"Malformed placeholder '{span.text}': {why}.")


class PlaceholderWithoutFallback(Rule):
    """## What it does
    When the guide sets `placeholders.require-fallback: true` (or the rule's
    `require_fallback` option), flags a placeholder in a syntax that has a
    fallback, written without one or with an empty one (the `only` option
    limits this to some variables, e.g. `["customer.*"]`): Help Scout
    `{%customer.firstName%}`, Liquid `{{ customer.first_name }}` without
    `| default:`.

    ## Why
    Many customers have no first name on file. Without a fallback the reply
    opens with "Hi ," which reads as a mass mailing.

    ## Example
    Hi {%customer.firstName%},

    ## Use instead
    Hi {%customer.firstName,fallback=there%},

    ## Fix safety
    No automatic fix: the fallback text is the team's choice.
    """

    code = "T102"
    name = "placeholder-without-fallback"
    category = "templates"
    severity = Severity.WARNING
    # ``only``: globs of the variables that need a fallback (empty: every one).
    defaults: ClassVar[dict[str, Any]] = {"require_fallback": False, "only": []}
    bad_examples = (
        {"text": "Hi {%customer.firstName%},\n\nThanks for writing in.", "template": True,
         "options": {"require_fallback": True}},
        {"text": "Hi {{ customer.first_name }}, thanks!", "template": True,
         "options": {"require_fallback": True}},
        {"text": "Hi {%customer.firstName,fallback=%}, thanks!", "template": True,
         "options": {"require_fallback": True}},
    )
    good_examples = (
        {"text": "Hi {%customer.firstName,fallback=there%}, thanks!", "template": True,
         "options": {"require_fallback": True}},
        {"text": "Hi {{ customer.first_name | default: \"there\" }}, thanks!", "template": True,
         "options": {"require_fallback": True}},
        {"text": "Hi %{ticket.name.first}, thanks!", "template": True,
         "options": {"require_fallback": True}},
        {"text": "Hi {%customer.firstName%}, thanks!", "template": True},
        {"text": "Hi {{ customer.first_name | default: 'there' }}, order {{ order.id }}.",
         "template": True, "options": {"require_fallback": True, "only": ["customer.*"]}},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not doc.draft.template:
            return
        if not (ctx.get("require_fallback") or doc.guide.placeholders.get("require-fallback")):
            return
        only = [str(g) for g in ctx.get("only") or ()]
        for p in _named(doc):
            if not p.can_have_fallback:
                continue
            if only and not any(fnmatch.fnmatchcase(p.name or "", g) for g in only):
                continue
            if p.fallback is None:
                how = ",fallback=…" if p.kind == "helpscout" else "| default: \"…\""
                yield Hit(p.span.start, p.span.end,
                          f"Placeholder '{p.name}' has no fallback; add {how} for customers "
                          "without this field.")
            elif not p.fallback.strip():
                yield Hit(p.span.start, p.span.end,
                          f"Placeholder '{p.name}' has an empty fallback; the reply will read "
                          "oddly when the field is missing.")


class DraftMarker(Rule):
    """## What it does
    Flags leftover draft markers: `TODO`, `FIXME`, `lorem ipsum`, and in a
    template also `TBD`, bare `XXX` fill-ins and `[insert …]`. Markers in code
    spans and URLs are left alone; lower-case "to-do list" is English.

    ## Why
    A macro with "because XXX" or a "TODO" line is unfinished. Agents send
    macros in a hurry; the customer receives the note.

    ## Example
    It looks like a question about usage because XXX

    TODO

    ## Use instead
    Write the missing text, or turn the slot into a placeholder the agent
    must fill, such as [reason].

    ## Fix safety
    No automatic fix: the missing text is unknown.
    """

    code = "T103"
    name = "draft-marker"
    category = "templates"
    severity = Severity.ERROR
    bad_examples = (
        {"text": "It looks like a usage question because XXX\n\nTODO", "template": True},
        {"text": "Feel free to raise this on our TBD.", "template": True},
        "Thanks for waiting. FIXME add the refund amount.",
        {"text": "Dear [Name],\n\n[insert tracking link]\n\nBest,\nAna", "template": True},
        "Lorem ipsum dolor sit amet.",
    )
    good_examples = (
        "The release date is still TBD; we will write as soon as it is set.",
        "Add it to your todo list and tick it off when done.",
        {"text": "Update the `XXXXXX` in the PR description with the issue number.",
         "template": True},
        {"text": "See https://example.com/docs/TODO.md for the roadmap.", "template": True},
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        template = doc.draft.template
        for m in find_markers(doc.text, template=template, placeholders=doc.placeholders):
            what = "fill-in" if m.text.startswith(("X", "[")) else "draft marker"
            yield Hit(m.start, m.end, f"Leftover {what} '{m.text}': write the missing text "
                                      "before this goes out.")


class GenericSalutation(Rule):
    """## What it does
    In a template, flags a generic salutation ("Dear Customer", "Dear Sir or
    Madam", "To whom it may concern") where a name placeholder belongs.

    ## Why
    A template is written once and sent thousands of times; a help desk can
    fill in the customer's name. "Dear Valued Customer" tells every one of them
    that the reply is a form letter.

    ## Example
    Dear Valued Customer,

    ## Use instead
    Hi {{ticket.requester.first_name}}, (or the name variable of your help desk)

    ## Fix safety
    No automatic fix: the variable name depends on the help desk.
    """

    code = "T104"
    name = "generic-salutation"
    category = "templates"
    severity = Severity.WARNING
    bad_examples = (
        {"text": "Dear Valued Customer,\n\nThank you for your order.", "template": True},
        {"text": "To whom it may concern,\n\nYour refund has been issued.", "template": True},
        {"text": "Hello customer,\nyour parcel is on its way.", "template": True},
    )
    good_examples = (
        {"text": "Hi {{ticket.requester.first_name}},\n\nThank you for your order.",
         "template": True},
        {"text": "Hi there,\n\nThank you for your order.", "template": True},
        {"text": "We value every customer and read each message.", "template": True},
        "Dear Customer, thank you.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not doc.draft.template:
            return
        hint = next((str(v) for v in doc.guide.placeholders.get("variables") or ()
                     if _NAME_HINT_RE.search(str(v))), None)
        for m in _GENERIC_RE.finditer(doc.text):
            start = m.start() + len(m.group()) - len(m.group().lstrip(" \t>*_"))
            use = f" such as {hint}" if hint else ""
            yield Hit(start, m.end(), f"Generic salutation '{doc.text[start:m.end()]}': greet "
                                      f"the customer by name with a placeholder{use}.")


class UnfilledPlaceholder(Rule):
    """## What it does
    Outside template mode, flags any placeholder left in a reply about to be
    sent: `{{first_name}}`, `[Customer Name]`, `%{ticket.number}`, `XXX`.

    ## Why
    A reply is checked right before it goes to the customer. A placeholder in it
    means the agent forgot to fill in a macro, and the customer sees
    "Dear [Name]".

    ## Example
    Dear [Name], your refund of [amount] has been issued.

    ## Use instead
    Dear Maria, your refund of $24.99 has been issued.

    ## Fix safety
    No automatic fix: only the agent knows the value.
    """

    code = "T105"
    name = "unfilled-placeholder"
    category = "templates"
    severity = Severity.ERROR
    bad_examples = (
        "Dear [Name],\n\nYour refund of [amount] has been issued.",
        "Hi {{ticket.requester.first_name}}, your ticket is closed.",
        "Your ticket #%{ticket.number} was updated.",
        "You might want to look at an alternative, such as XXX",
    )
    good_examples = (
        "Dear Maria,\n\nYour refund of $24.99 has been issued.",
        {"text": "Dear [Name],\n\nYour refund has been issued.", "template": True},
        "See [our guide](https://example.com/help) for the steps.",
        "Run `git push $remote {branch}` and the `XXXXXX` check passes.",
        "The <br> tag and 50% off: %20 is a space.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if doc.draft.template:
            return
        for s in doc.placeholders:
            yield Hit(s.start, s.end, f"Unfilled placeholder '{s.text}': fill it in before "
                                      "sending, or check the file with --template.")
