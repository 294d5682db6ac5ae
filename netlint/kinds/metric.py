"""``metric``: an expression over draft statistics must stay within bounds."""

from __future__ import annotations

import ast
import operator
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, ClassVar

from ..document import Document
from ..finding import Hit
from ..rule import Context
from .base import PackRule

_BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv}


@lru_cache(maxsize=256)
def parse_expression(expr: str) -> ast.expr:
    """Parse a metric formula; only numbers, names and + - * / are allowed."""
    tree = ast.parse(expr, mode="eval").body
    for node in ast.walk(tree):
        if not isinstance(node, (ast.BinOp, ast.UnaryOp, ast.Name, ast.Constant, ast.Load,
                                 ast.USub, *_BINOPS)):
            raise ValueError(f"'{expr}': only numbers, statistics and + - * / are allowed")
    return tree


def evaluate(expr: str, values: Mapping[str, float]) -> float:
    def ev(node: ast.expr) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.Name):
            if node.id not in values:
                raise ValueError(f"unknown statistic '{node.id}' "
                                 f"(known: {', '.join(sorted(values))})")
            return float(values[node.id])
        if isinstance(node, ast.UnaryOp):
            return -ev(node.operand)
        if isinstance(node, ast.BinOp):
            right = ev(node.right)
            if isinstance(node.op, ast.Div) and right == 0:
                return 0.0
            return float(_BINOPS[type(node.op)](ev(node.left), right))
        raise ValueError("unsupported expression")

    return ev(parse_expression(expr))


class Metric(PackRule):
    kind = "metric"
    fields: ClassVar[dict[str, Any]] = {
        "formula": "", "min": None, "max": None, "min-sentences": 0, "min-words": 0,
    }
    required_fields = ("formula",)
    default_message = "{formula} is {value:g} (limit {limit:g})."

    def __init__(self, spec: Mapping[str, Any], source: str):
        super().__init__(spec, source)
        self.needs = self.needs | {"stats"}

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        stats = doc.stats
        if stats.sentences < (ctx.get("min-sentences") or 0):
            return
        if stats.words < (ctx.get("min-words") or 0):
            return
        formula = ctx.get("formula")
        value = evaluate(formula, stats.as_dict())
        most, least = ctx.get("max"), ctx.get("min")
        end = len(doc.text.rstrip())
        if most is not None and value > most:
            yield Hit(0, end, self.format(ctx, formula=formula, value=value, limit=most))
        elif least is not None and value < least:
            yield Hit(0, end, self.format(ctx, formula=formula, value=value, limit=least))
