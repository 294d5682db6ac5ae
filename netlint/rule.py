"""The rule interface: what a rule declares about itself and how it reports."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, NamedTuple, TypeVar

from . import regexcache as rc
from .document import Document
from .finding import Hit, Severity

T = TypeVar("T")

# Category name -> code prefix. Codes are the prefix plus three digits.
CATEGORIES: dict[str, str] = {
    "brevity": "B",
    "grammar": "G",
    "netiquette": "N",
    "emoticons": "E",
    "risky": "R",
    "sensitive": "P",
    "questions": "Q",
    "templates": "T",
    "meta": "X",
}
PREFIX_TO_CATEGORY = {v: k for k, v in CATEGORIES.items()}
CODE_RE = rc.compile(r"^[A-Z][0-9]{3}$")
NAME_RE = rc.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

DOC_SECTIONS = ("What it does", "Why", "Example", "Use instead", "Fix safety")


class Example(NamedTuple):
    """A text a rule must flag (bad) or must leave alone (good), with its context."""

    text: str
    channel: str | None = None
    customer: str | None = None
    customer_name: str | None = None
    template: bool = False
    options: Mapping[str, Any] = MappingProxyType({})

    @classmethod
    def coerce(cls, value: str | Mapping[str, Any] | Example) -> Example:
        if isinstance(value, Example):
            return value
        if isinstance(value, str):
            return cls(value)
        return cls(
            text=value["text"],
            channel=value.get("channel"),
            customer=value.get("customer"),
            customer_name=value.get("customer_name"),
            template=bool(value.get("template", False)),
            options=dict(value.get("options") or {}),
        )


class Context:
    """What a rule knows at check time besides the document: its resolved options."""

    __slots__ = ("_derived", "options", "severity")

    def __init__(self, options: Mapping[str, Any], severity: Severity):
        self.options = options
        self.severity = severity
        # What a rule derives from its options (a compiled pattern, a lookup table):
        # a context lives as long as the linter's plan, across every draft it checks.
        self._derived: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"Context(options={self.options!r}, severity={self.severity!r})"

    def __getitem__(self, key: str) -> Any:
        return self.options[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)

    def derived(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per context: work that depends only on the options."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]  # type: ignore[no-any-return]


class Rule:
    """Base class of every rule, built-in, declarative or third-party.

    Subclasses set the class attributes and implement :meth:`check`. The
    docstring holds the documentation in the sections of ``DOC_SECTIONS``;
    ``netlint explain CODE`` prints it.
    """

    code: str = ""
    name: str = ""
    category: str = ""
    severity: Severity = Severity.WARNING
    # Analyses the rule reads: "sentences", "words", "stats", "pos", "lemmas",
    # "parse", "ner", "customer", ... The engine loads spaCy only for the
    # spaCy-backed ones, and skips the rule when no model can provide them.
    needs: frozenset[str] = frozenset()
    fixable: bool = False
    default_enabled: bool = True
    # Option name -> default value. The guide may override any of them, per
    # rule and per channel; values are type-checked against these defaults.
    defaults: ClassVar[Mapping[str, Any]] = {}
    bad_examples: tuple[str | Mapping[str, Any] | Example, ...] = ()
    good_examples: tuple[str | Mapping[str, Any] | Example, ...] = ()
    source: str = "builtin"

    @property
    def doc(self) -> str:
        return inspect.cleandoc(type(self).__doc__ or "")

    @property
    def examples(self) -> tuple[list[Example], list[Example]]:
        return ([Example.coerce(e) for e in self.bad_examples],
                [Example.coerce(e) for e in self.good_examples])

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} {self.name}>"


def validate_rule(rule: Rule) -> list[str]:
    """Problems with a rule's declaration (used when registering and in tests)."""
    problems = []
    if not CODE_RE.match(rule.code):
        problems.append(f"code {rule.code!r} is not a letter and three digits")
    if not NAME_RE.match(rule.name):
        problems.append(f"name {rule.name!r} is not kebab-case")
    if rule.category not in CATEGORIES:
        problems.append(f"unknown category {rule.category!r}")
    elif rule.code[:1] != CATEGORIES[rule.category]:
        problems.append(f"code {rule.code} does not start with {CATEGORIES[rule.category]!r}")
    return problems
