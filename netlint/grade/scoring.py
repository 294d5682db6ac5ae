"""Turning a draft's findings into a 0-100 score from the guide's ``rubric:``.

The formula, in the order it is applied (the README explains it for trainers):

1. A category *applies* to a draft when it has a positive weight, its
   ``requires`` are met (``customer``: the draft answers a customer message),
   the draft's channel is one of its ``channels`` (when given) and at least one
   rule of the category is enabled for the draft. Categories that do not apply
   are left out and the weights of the others are re-scaled to sum to 1.
2. Penalty of a category: the sum, over its findings, of the penalty for the
   finding's severity. In a count-based category (``per-100-words: true``) the
   penalty is scaled by ``100 / max(words, min-words)``: a rate per 100 words,
   so a short chat answer with two typos is not graded above a long e-mail
   with two typos.
3. Category score: ``max(0, 100 - penalty)``.
4. Draft score: ``100 - sum(min(cap, share * (100 - category score)))``:
   the weighted average of the category scores, except that no single
   category can take more than ``max-category-loss`` points off on its own.
5. A critical category (``critical: true``) with one finding at or above
   ``critical-severity`` sets the score to 0: an auto-fail.
6. The draft passes when it is not auto-failed and its score is at least
   ``pass-mark``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..draft import CHANNELS
from ..errors import GuideError
from ..finding import Finding, Severity
from ..guide.model import Guide

REQUIREMENTS = ("customer",)
_TOP_KEYS = ("pass-mark", "max-category-loss", "min-words", "penalties", "critical-severity",
             "categories")
_CATEGORY_KEYS = ("weight", "critical", "per-100-words", "requires", "channels", "penalties",
                  "label")


@dataclass(frozen=True)
class CategoryRubric:
    """How one category is weighted and penalised."""

    name: str
    weight: int
    penalties: Mapping[Severity, float]
    critical: bool = False
    per_100_words: bool = False
    requires: tuple[str, ...] = ()
    channels: tuple[str, ...] | None = None
    label: str = ""

    @property
    def title(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class Rubric:
    """The grading rubric of a guide, validated."""

    categories: tuple[CategoryRubric, ...]
    pass_mark: float = 70.0
    max_category_loss: float = 25.0
    min_words: int = 20
    critical_severity: Severity = Severity.WARNING
    source: str = "<rubric>"

    def category(self, name: str) -> CategoryRubric | None:
        for c in self.categories:
            if c.name == name:
                return c
        return None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.categories)

    @classmethod
    def from_guide(cls, guide: Guide) -> Rubric:
        """The guide's rubric; a guide without one gets the built-in default's."""
        data = guide.section("rubric")
        if not data.get("categories"):
            from ..guide.loader import load_guide

            default = load_guide("default")
            if default.section("rubric").get("categories"):
                return cls.from_mapping({**default.section("rubric"), **data},
                                        where=lambda *k: default.where("rubric", *k))
            raise GuideError(guide.where("rubric")[0], "the guide has no rubric categories",
                             key="rubric")
        return cls.from_mapping(data, where=lambda *k: guide.where("rubric", *k))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any],
                     where: Callable[..., tuple[str, int | None]] | None = None) -> Rubric:
        """Validate a ``rubric:`` mapping; errors name the file, line and key."""

        def fail(message: str, *keys: str) -> GuideError:
            path, line = where(*keys) if where else ("<rubric>", None)
            return GuideError(path, message, line=line, key=".".join(("rubric", *keys)))

        for key in data:
            if key not in _TOP_KEYS:
                raise fail(f"unknown key (expected one of: {', '.join(_TOP_KEYS)})", str(key))
        penalties = _penalties(data.get("penalties"), {Severity.ERROR: 50.0,
                                                      Severity.WARNING: 25.0,
                                                      Severity.INFO: 10.0},
                               lambda m: fail(m, "penalties"))
        cats_data = data.get("categories")
        if not isinstance(cats_data, Mapping) or not cats_data:
            raise fail("expected a mapping of category name -> {weight: N, ...}", "categories")
        categories = []
        for name, spec in cats_data.items():
            categories.append(_category(str(name), spec, penalties,
                                        lambda m, *k, n=str(name): fail(m, "categories", n, *k)))
        if sum(c.weight for c in categories) <= 0:
            raise fail("at least one category needs a positive weight", "categories")
        pass_mark = _number(data.get("pass-mark", 70), 0, 100, lambda m: fail(m, "pass-mark"))
        cap = _number(data.get("max-category-loss", 25), 0, 100,
                      lambda m: fail(m, "max-category-loss"))
        min_words = data.get("min-words", 20)
        if not isinstance(min_words, int) or isinstance(min_words, bool) or min_words < 1:
            raise fail(f"expected a whole number of words >= 1, found {min_words!r}", "min-words")
        try:
            crit = Severity.parse(str(data.get("critical-severity", "warning")))
        except ValueError as exc:
            raise fail(str(exc), "critical-severity") from None
        source = where()[0] if where else "<rubric>"
        return cls(tuple(categories), pass_mark, cap, min_words, crit, source)


def _number(value: Any, lo: float, hi: float, fail: Callable[[str], GuideError]) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
        raise fail(f"expected a number from {lo:g} to {hi:g}, found {value!r}")
    return float(value)


def _penalties(value: Any, base: Mapping[Severity, float],
               fail: Callable[[str], GuideError]) -> dict[Severity, float]:
    out = dict(base)
    if value is None:
        return out
    if not isinstance(value, Mapping):
        raise fail("expected a mapping of severity -> points, e.g. {error: 50, warning: 25}")
    for sev, points in value.items():
        try:
            severity = Severity.parse(str(sev))
        except ValueError as exc:
            raise fail(str(exc)) from None
        out[severity] = _number(points, 0, 100, fail)
    return out


def _category(name: str, spec: Any, penalties: Mapping[Severity, float],
              fail: Callable[..., GuideError]) -> CategoryRubric:
    if isinstance(spec, int) and not isinstance(spec, bool):
        spec = {"weight": spec}
    if not isinstance(spec, Mapping):
        raise fail("expected {weight: N, ...} or a whole-number weight")
    for key in spec:
        if key not in _CATEGORY_KEYS:
            raise fail(f"unknown key (expected one of: {', '.join(_CATEGORY_KEYS)})", str(key))
    weight = spec.get("weight")
    if not isinstance(weight, int) or isinstance(weight, bool) or not 0 <= weight <= 100:
        raise fail(f"expected a whole-number weight from 0 to 100, found {weight!r}", "weight")
    requires = spec.get("requires") or ()
    requires = (requires,) if isinstance(requires, str) else tuple(requires)
    for r in requires:
        if r not in REQUIREMENTS:
            raise fail(f"unknown requirement {r!r} (expected: {', '.join(REQUIREMENTS)})",
                       "requires")
    channels = spec.get("channels")
    if channels is not None:
        channels = (channels,) if isinstance(channels, str) else tuple(channels)
        for ch in channels:
            if ch not in CHANNELS:
                raise fail(f"unknown channel {ch!r} (expected: {', '.join(CHANNELS)})",
                           "channels")
    for flag in ("critical", "per-100-words"):
        if not isinstance(spec.get(flag, False), bool):
            raise fail(f"expected true or false, found {spec[flag]!r}", flag)
    return CategoryRubric(
        name=name,
        weight=weight,
        penalties=_penalties(spec.get("penalties"), penalties,
                             lambda m: fail(m, "penalties")),
        critical=bool(spec.get("critical", False)),
        per_100_words=bool(spec.get("per-100-words", False)),
        requires=requires,
        channels=channels,
        label=str(spec.get("label") or ""),
    )


# -- scoring ------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryScore:
    """One applicable category of one draft."""

    name: str
    weight: int
    share: float  # weight / sum of the applicable weights
    findings: int
    penalty: float
    score: float
    loss: float  # points taken off the draft score (after the cap)
    capped: bool = False
    critical_hit: bool = False


@dataclass(frozen=True)
class DraftScore:
    """A draft's grade: the score, pass or fail and how it was reached."""

    score: float
    passed: bool
    categories: tuple[CategoryScore, ...]
    # Critical categories that set the score to 0.
    auto_fail: tuple[str, ...] = ()
    # (category, why it was left out).
    excluded: tuple[tuple[str, str], ...] = ()
    words: int = 0
    # Findings in categories that the rubric does not weigh.
    unscored: int = 0
    # Score before an auto-fail set it to 0.
    raw_score: float = field(default=0.0, compare=False)

    def category(self, name: str) -> CategoryScore | None:
        for c in self.categories:
            if c.name == name:
                return c
        return None


def _exclusion(cat: CategoryRubric, *, has_customer: bool, channel: str,
               measured: Collection[str] | None) -> str | None:
    if cat.weight == 0:
        return "weight 0"
    if "customer" in cat.requires and not has_customer:
        return "no customer message"
    if cat.channels is not None and channel not in cat.channels:
        return f"not graded on {channel}"
    if measured is not None and cat.name not in measured:
        return "no rule of this category is enabled"
    return None


def score_findings(
    findings: Iterable[Finding],
    rubric: Rubric,
    *,
    words: int,
    has_customer: bool,
    channel: str = "email",
    measured: Collection[str] | None = None,
) -> DraftScore:
    """Score one draft's findings.

    ``measured`` is the set of categories with at least one enabled rule for
    this draft (``None``: assume every category is measured). A category no
    rule can flag would otherwise give free points.
    """
    by_cat: dict[str, list[Finding]] = {}
    for f in findings:
        by_cat.setdefault(f.category, []).append(f)
    excluded: list[tuple[str, str]] = []
    applicable: list[CategoryRubric] = []
    for cat in rubric.categories:
        why = _exclusion(cat, has_customer=has_customer, channel=channel, measured=measured)
        if why is None:
            applicable.append(cat)
        else:
            excluded.append((cat.name, why))
    graded = {c.name for c in applicable}
    unscored = sum(len(v) for k, v in by_cat.items() if k not in graded)
    total_weight = sum(c.weight for c in applicable)
    scale = 100.0 / max(words, rubric.min_words)
    cats: list[CategoryScore] = []
    auto_fail: list[str] = []
    for cat in applicable:
        found = by_cat.get(cat.name, [])
        penalty = sum(cat.penalties[f.severity] for f in found)
        if cat.per_100_words:
            penalty *= scale
        score = max(0.0, 100.0 - penalty)
        share = cat.weight / total_weight
        loss = share * (100.0 - score)
        capped = loss > rubric.max_category_loss
        crit = cat.critical and any(f.severity.rank >= rubric.critical_severity.rank
                                    for f in found)
        if crit:
            auto_fail.append(cat.name)
        cats.append(CategoryScore(cat.name, cat.weight, share, len(found), round(penalty, 2),
                                  round(score, 1), round(min(loss, rubric.max_category_loss), 2),
                                  capped, crit))
    raw = 100.0 - sum(c.loss for c in cats) if cats else 100.0
    raw = round(min(100.0, max(0.0, raw)), 1)
    final = 0.0 if auto_fail else raw
    return DraftScore(
        score=final,
        passed=not auto_fail and final >= rubric.pass_mark,
        categories=tuple(cats),
        auto_fail=tuple(auto_fail),
        excluded=tuple(excluded),
        words=words,
        unscored=unscored,
        raw_score=raw,
    )


def top_findings(findings: Sequence[Finding], rubric: Rubric, n: int = 3) -> list[tuple[str, int]]:
    """The codes that cost the most, as (code, count), worst first."""
    cost: dict[str, float] = {}
    count: dict[str, int] = {}
    for f in findings:
        cat = rubric.category(f.category)
        weight = (cat.penalties[f.severity] * max(cat.weight, 1) * (1000 if cat.critical else 1)
                  if cat else 0.0)
        cost[f.code] = cost.get(f.code, 0.0) + weight + f.severity.rank * 1e-3
        count[f.code] = count.get(f.code, 0) + 1
    ranked = sorted(cost, key=lambda c: (-cost[c], c))
    return [(c, count[c]) for c in ranked[:n]]
