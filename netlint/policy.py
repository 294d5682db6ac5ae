"""The guide's ``policy:`` section: facts, what agents may promise, phrases.

.. code-block:: yaml

    policy:
      facts:                       # a reply that states another value is flagged (R107)
        return window: 30 days     # shorthand: the key is the term to look for
        support hours:
          value: 9am-5pm
          terms: [support hours, opening hours, we are open]
      may-promise:                 # commitment kinds agents may make (R102)
        default: [replacement]     # every draft
        chat: [refund]             # by channel ...
        billing: [refund, credit]  # ... or by team (see teams)
      teams:
        billing: [alice, bob]      # draft.agent -> team
      competitors: [Acme, Globex]  # names for the disparagement rule (R105)
      phrases:                     # company phrases added to a category
        guarantee: [ironclad]
      allow:                       # phrases let through in a category
        guarantee: [satisfaction guaranteed]
      parser: auto                 # auto: spaCy's parse when the pipeline has one; always; never

Rule options ``phrases`` and ``allow`` (per rule, per channel) add to the
section's lists, so a rule pack or a channel can widen or narrow a category.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

from . import regexcache as rc
from .guide import schema as s
from .text import LazyRegex

# Commitment kinds (R102) that ``may-promise`` can list.
COMMITMENTS = ("refund", "credit", "compensation", "replacement", "exception", "delivery-date")
# Categories that ``phrases`` and ``allow`` can name.
PHRASE_CATEGORIES = ("guarantee", "absolute", "commitment", "liability", "advice",
                     "disparaging", "internal", "secret-request")

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60, "ninety": 90,
}
_NUM = r"\d+(?:\.\d+)?|" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len,
                                           reverse=True))
_UNIT_HOURS = {"minute": 1 / 60, "min": 1 / 60, "hour": 1, "hr": 1, "day": 24, "week": 168,
               "month": 720, "year": 8760}
DURATION_RE = LazyRegex(
    rf"\b(?P<lo>{_NUM})(?:\s*(?:-|–|to)\s*(?P<hi>\d+(?:\.\d+)?))?[\s-]*"
    r"(?P<kind>business\s+|working\s+|calendar\s+)?"
    r"(?P<unit>minute|min|hour|hr|day|week|month|year)s?\b",
    re.IGNORECASE,
)
_CLOCK = r"(?P<{n}h>\d{{1,2}})(?::(?P<{n}m>\d\d))?\s*(?P<{n}ap>[ap]\.?m\.?)?"
TIMES_RE = LazyRegex(
    r"\b" + _CLOCK.format(n="a") + r"\s*(?:-|–|to|until|till)\s*" + _CLOCK.format(n="b")
    + r"(?!\w)|(?<!\w)24\s*/\s*7\b|\baround the clock\b",
    re.IGNORECASE,
)
MONEY_RE = LazyRegex(
    r"(?P<cur>[$£€])\s?(?P<amt>\d+(?:,\d{3})*(?:\.\d{1,2})?)\b"
    r"|\b(?P<amt2>\d+(?:,\d{3})*(?:\.\d{1,2})?)\s?(?P<cur2>dollars|euros?|pounds|USD|EUR|GBP)\b",
    re.IGNORECASE,
)
PERCENT_RE = LazyRegex(r"\b(?P<n>\d+(?:\.\d+)?)\s?(?:%|percent\b)", re.IGNORECASE)


class Value(NamedTuple):
    """A normalised policy value: its type and a comparable key."""

    kind: str  # duration, hours, money, percent
    key: tuple[Any, ...]
    text: str
    start: int = 0
    end: int = 0


def _num(token: str) -> float:
    token = token.lower()
    return float(_NUMBER_WORDS[token]) if token in _NUMBER_WORDS else float(token)


def _clock(h: str, m: str | None, ap: str | None, other_ap: str | None) -> int | None:
    hour = int(h)
    minute = int(m) if m else 0
    ap = (ap or other_ap or "").lower().replace(".", "")
    if ap == "pm" and hour < 12:
        hour += 12
    if ap == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return hour * 60 + minute


def find_values(text: str) -> list[Value]:
    """Every duration, opening-hours range, amount of money and percentage in ``text``."""
    out: list[Value] = []
    for m in TIMES_RE.finditer(text):
        if m.group("ah") is None:
            out.append(Value("hours", (0, 1440), m.group(), m.start(), m.end()))
            continue
        # "3-5" alone is not a time; require am/pm or minutes on one side.
        if not (m.group("aap") or m.group("bap") or m.group("am") or m.group("bm")):
            continue
        a = _clock(m.group("ah"), m.group("am"), m.group("aap"), None)
        b = _clock(m.group("bh"), m.group("bm"), m.group("bap"), None)
        if a is not None and b is not None and b <= a and not m.group("bap"):
            b += 720  # "9-5pm" style shorthand already handled; "9:00-5:00" means 5 pm
        if a is not None and b is not None:
            out.append(Value("hours", (a, b), m.group(), m.start(), m.end()))
    taken = [(v.start, v.end) for v in out]
    for m in DURATION_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        hours = _UNIT_HOURS[m.group("unit").lower()]
        lo = _num(m.group("lo")) * hours
        hi = _num(m.group("hi")) * hours if m.group("hi") else lo
        kind = (m.group("kind") or "").strip().lower()
        business = kind in ("business", "working")
        out.append(Value("duration", (round(lo, 4), round(hi, 4), business),
                         m.group(), m.start(), m.end()))
    for m in MONEY_RE.finditer(text):
        amount = (m.group("amt") or m.group("amt2")).replace(",", "")
        cur = (m.group("cur") or m.group("cur2") or "").lower()
        cur = {"$": "usd", "dollars": "usd", "£": "gbp", "pounds": "gbp", "€": "eur",
               "euro": "eur", "euros": "eur"}.get(cur, cur)
        out.append(Value("money", (cur, float(amount)), m.group(), m.start(), m.end()))
    for m in PERCENT_RE.finditer(text):
        out.append(Value("percent", (float(m.group("n")),), m.group(), m.start(), m.end()))
    out.sort(key=lambda v: v.start)
    return out


def parse_value(value: Any) -> Value | None:
    """The single value a guide states for a fact, or None when it cannot be read."""
    text = str(value).strip()
    found = find_values(text)
    if len(found) != 1:
        return None
    v = found[0]
    return Value(v.kind, v.key, text)


class Fact(NamedTuple):
    name: str
    value: Value
    terms: tuple[str, ...]


class _FactValue(s.Schema):
    expected = ("a duration (30 days), opening hours (9am-5pm, 24/7), an amount ($50) "
                "or a percentage (10%)")

    def accepts(self, value: Any) -> bool:
        return isinstance(value, (str, int, float)) and parse_value(value) is not None


_TERMS = s.ListOf(s.Str())
POLICY_SCHEMA = s.Map({
    "facts": s.Map(extra=s.OneOf((
        _FactValue(),
        s.Map({"value": _FactValue(), "terms": _TERMS}, required=("value",)),
    ))),
    "may-promise": s.Map(extra=s.ListOf(s.Enum(COMMITMENTS))),
    "teams": s.Map(extra=s.ListOf(s.Str())),
    "competitors": s.ListOf(s.Str()),
    "phrases": s.Map({c: _TERMS for c in PHRASE_CATEGORIES}),
    "allow": s.Map({c: _TERMS for c in PHRASE_CATEGORIES}),
    "parser": s.Enum(("auto", "always", "never")),
})


_NOTHING: Mapping[str, tuple[str, ...]] = MappingProxyType({})


class Policy(NamedTuple):
    """The ``policy`` section of a guide, read once per guide."""

    facts: tuple[Fact, ...] = ()
    may_promise: Mapping[str, tuple[str, ...]] = _NOTHING
    teams: Mapping[str, tuple[str, ...]] = _NOTHING
    competitors: tuple[str, ...] = ()
    phrases: Mapping[str, tuple[str, ...]] = _NOTHING
    allow: Mapping[str, tuple[str, ...]] = _NOTHING
    parser: str = "auto"

    @classmethod
    def from_section(cls, section: Mapping[str, Any]) -> Policy:
        facts = []
        for name, spec in (section.get("facts") or {}).items():
            if isinstance(spec, Mapping):
                raw, terms = spec.get("value"), tuple(spec.get("terms") or ())
            else:
                raw, terms = spec, ()
            value = parse_value(raw)
            if value is None:
                continue
            facts.append(Fact(str(name), value, terms or (str(name).replace("-", " "),)))
        return cls(
            facts=tuple(facts),
            may_promise={k: tuple(v or ()) for k, v in (section.get("may-promise") or {}).items()},
            teams={k: tuple(v or ()) for k, v in (section.get("teams") or {}).items()},
            competitors=tuple(section.get("competitors") or ()),
            phrases={k: tuple(v or ()) for k, v in (section.get("phrases") or {}).items()},
            allow={k: tuple(v or ()) for k, v in (section.get("allow") or {}).items()},
            parser=str(section.get("parser", "auto")),
        )

    def allowed_commitments(self, channel: str, agent: str | None) -> frozenset[str]:
        table = self.may_promise
        keys = ["default", channel]
        if agent:
            keys += [team for team, members in self.teams.items()
                     if agent.lower() in (m.lower() for m in members)]
        return frozenset(kind for k in keys for kind in table.get(k, ()))


def policy_of(doc: Any) -> Policy:
    """The policy of the document's guide (worked out once per guide)."""
    guide = doc.guide
    return guide.derived("policy", lambda: Policy.from_section(guide.section("policy")))  # type: ignore[no-any-return]


@lru_cache(maxsize=256)
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """Phrases as one case-insensitive whole-word pattern; spaces match any whitespace.
    A phrase written ``re:...`` is a regular expression."""
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        if p.startswith("re:"):
            parts.append(f"(?:{p[3:]})")
        else:
            body = r"\s+".join(re.escape(w) for w in p.split())
            parts.append(rf"(?<![\w'’-]){body}(?![\w-])")
    return rc.compile("|".join(parts), re.IGNORECASE) if parts else None


def merged(*lists: Iterable[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for items in lists:
        out.extend(str(i) for i in items or ())
    return tuple(out)
