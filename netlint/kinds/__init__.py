"""Declarative rule kinds and the loading of rule packs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import yamlpos
from ..errors import GuideError
from ..guide import schema as s
from ..rule import CATEGORIES, Rule, validate_rule
from .base import COMMON_FIELDS, PackRule
from .conditional import Conditional
from .existence import Existence
from .metric import Metric, parse_expression
from .occurrence import Occurrence
from .required import Required
from .statement import Statement
from .substitution import Substitution

KINDS: dict[str, type[PackRule]] = {
    k.kind: k for k in (Existence, Substitution, Occurrence, Metric, Required, Conditional,
                        Statement)
}

_STRS = s.OneOf((s.Str(), s.ListOf(s.Str())))
_FIELD_SCHEMAS: dict[str, s.Schema] = {
    "code": s.Str(), "name": s.Str(), "kind": s.Enum(tuple(KINDS)),
    "category": s.Enum(tuple(CATEGORIES)), "severity": s.Enum(("error", "warning", "info")),
    "message": s.Str(), "doc": s.Str(), "default": s.Bool(), "needs": s.ListOf(s.Str()),
    "examples": s.Map({"bad": s.ListOf(s.AnyValue()), "good": s.ListOf(s.AnyValue())}),
    "tokens": _STRS, "regex": _STRS, "if-tokens": _STRS, "if-regex": _STRS,
    "then-tokens": _STRS, "then-regex": _STRS, "exceptions": s.ListOf(s.Str()),
    "ignorecase": s.Bool(), "whole-word": s.Bool(), "skip-quotes": s.Bool(),
    "swap": s.Map(extra=s.OneOf((s.Str(), s.AnyValue()))), "fix": s.Enum(("safe", "unsafe")),
    "min": s.AnyValue(), "max": s.AnyValue(), "formula": s.Str(),
    "min-sentences": s.Int(), "min-words": s.Int(),
    "first-lines": s.Int(), "last-lines": s.Int(),
    "questions": s.Bool(), "modal": s.Bool(),
}
PACK_SCHEMA = s.Map(
    {"pack": s.Str(), "description": s.Str(),
     "rules": s.ListOf(s.Map(_FIELD_SCHEMAS, required=("code", "name", "kind")))},
    required=("rules",),
)


def load_pack(text: str, path: str) -> list[Rule]:
    """Parse and validate a rule pack; errors name the file, line and key."""
    try:
        located = yamlpos.load(text)
    except yamlpos.ParseError as exc:
        raise GuideError(path, exc.message, line=exc.line) from None
    s.validate(PACK_SCHEMA, located, path)
    rules: list[Rule] = []
    for i, spec in enumerate(located.data["rules"]):
        line = located.line_of(located.data["rules"], i)
        kind = KINDS[spec["kind"]]
        allowed = set(COMMON_FIELDS) | set(kind.fields)
        for key in spec:
            if key not in allowed:
                raise GuideError(path, f"'{key}' is not a field of kind '{kind.kind}' "
                                       f"(fields: {', '.join(sorted(kind.fields))})",
                                 line=located.line_of(spec, key) or line,
                                 key=f"rules[{i}].{key}")
        for key in kind.required_fields:
            if not spec.get(key):
                raise GuideError(path, f"kind '{kind.kind}' needs '{key}'", line=line,
                                 key=f"rules[{i}]")
        if kind is Metric:
            try:
                parse_expression(spec["formula"])
            except (SyntaxError, ValueError) as exc:
                raise GuideError(path, f"bad formula: {exc}",
                                 line=located.line_of(spec, "formula"),
                                 key=f"rules[{i}].formula") from None
        rule = kind(spec, source=path)
        problems = validate_rule(rule)
        if problems:
            raise GuideError(path, "; ".join(problems), line=line, key=f"rules[{i}]")
        rules.append(rule)
    return rules


def spec_of(rule: Rule) -> Mapping[str, Any]:
    return getattr(rule, "spec", {})
