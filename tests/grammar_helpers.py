"""A linter with only the grammar family's rules, shared by its test modules."""

from __future__ import annotations

from functools import cache

from netlint import Draft, Finding, Linter
from netlint.guide.model import Guide, Selection
from netlint.registry import Registry
from netlint.rule import Rule


def grammar_registry() -> Registry:
    from netlint.rules import grammar, grammar_engine, spelling

    rules = [obj() for mod in (grammar, grammar_engine, spelling) for obj in vars(mod).values()
             if isinstance(obj, type) and issubclass(obj, Rule) and obj.__module__ == mod.__name__
             and obj.code]
    return Registry({r.code: r for r in rules})


@cache
def _linter(select: str, accept: tuple[str, ...] = ()) -> Linter:
    guide = Guide({"name": "grammar tests", "default-channel": "email",
                   "vocabulary": {"accept": list(accept)}})
    return Linter(guide, selection=Selection(select=(select,)), registry=grammar_registry(),
                  quiet_nlp=True)


def check(text: str, select: str, *, channel: str | None = None,
          accept: tuple[str, ...] = ()) -> list[Finding]:
    return [f for f in _linter(select, accept).check(Draft(text, channel=channel))
            if f.code.startswith(select)]


def spans(text: str, select: str, **kw: object) -> list[str]:
    return [text[f.text_start:f.text_end] for f in check(text, select, **kw)]  # type: ignore[arg-type]
