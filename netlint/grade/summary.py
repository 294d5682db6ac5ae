"""Per-trainee and course-wide statistics over graded drafts."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .grader import GradedDraft
from .scoring import Rubric

ALL = "all trainees"


@dataclass(frozen=True)
class TraineeSummary:
    """How one trainee (or the whole course) did."""

    trainee: str
    drafts: int
    mean: float
    median: float
    passed: int
    auto_fails: int
    # Mean score of each category over the drafts where it applies.
    category_means: tuple[tuple[str, float], ...]
    # The category with the lowest mean score (None when all are 100).
    weakest: str | None

    @property
    def pass_rate(self) -> float:
        return self.passed / self.drafts if self.drafts else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "trainee": self.trainee,
            "drafts": self.drafts,
            "mean": self.mean,
            "median": self.median,
            "passed": self.passed,
            "pass_rate": round(self.pass_rate, 4),
            "auto_fails": self.auto_fails,
            "weakest_category": self.weakest,
            "category_means": dict(self.category_means),
        }


def summarise_one(name: str, drafts: Sequence[GradedDraft], rubric: Rubric) -> TraineeSummary:
    scores = [d.grade.score for d in drafts]
    per_cat: dict[str, list[float]] = {}
    for d in drafts:
        for c in d.grade.categories:
            per_cat.setdefault(c.name, []).append(c.score)
    order = {c.name: i for i, c in enumerate(rubric.categories)}
    means = tuple((cat, round(statistics.fmean(v), 1))
                  for cat, v in sorted(per_cat.items(), key=lambda kv: order.get(kv[0], 99)))
    weights = {c.name: c.weight for c in rubric.categories}
    weakest = None
    if means:
        # Lowest mean; on a tie, the category that weighs more is the one to coach.
        cat, low = min(means, key=lambda m: (m[1], -weights.get(m[0], 0)))
        weakest = cat if low < 100 else None
    return TraineeSummary(
        trainee=name,
        drafts=len(drafts),
        mean=round(statistics.fmean(scores), 1) if scores else 0.0,
        median=round(statistics.median(scores), 1) if scores else 0.0,
        passed=sum(1 for d in drafts if d.grade.passed),
        auto_fails=sum(1 for d in drafts if d.grade.auto_fail),
        category_means=means,
        weakest=weakest,
    )


def by_trainee(drafts: Iterable[GradedDraft], rubric: Rubric) -> list[TraineeSummary]:
    """One summary per trainee, in name order."""
    groups: dict[str, list[GradedDraft]] = {}
    for d in drafts:
        groups.setdefault(d.trainee, []).append(d)
    return [summarise_one(name, groups[name], rubric) for name in sorted(groups, key=str.lower)]


def overall(drafts: Sequence[GradedDraft], rubric: Rubric) -> TraineeSummary:
    return summarise_one(ALL, drafts, rubric)


@dataclass(frozen=True)
class FindingCount:
    code: str
    name: str
    category: str
    count: int
    drafts: int


def finding_counts(drafts: Iterable[GradedDraft]) -> list[FindingCount]:
    """How often each rule fired, most frequent first."""
    total: dict[str, list[object]] = {}
    for d in drafts:
        seen: set[str] = set()
        for f in d.findings:
            row = total.setdefault(f.code, [f.name, f.category, 0, 0])
            row[2] = int(row[2]) + 1  # type: ignore[call-overload]
            if f.code not in seen:
                seen.add(f.code)
                row[3] = int(row[3]) + 1  # type: ignore[call-overload]
    rows = [FindingCount(code, str(n), str(c), int(k), int(dr))  # type: ignore[call-overload]
            for code, (n, c, k, dr) in total.items()]
    return sorted(rows, key=lambda r: (-r.count, r.code))
