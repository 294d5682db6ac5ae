"""Grading trainee drafts: rubric scores, per-trainee summaries, reports.

>>> from netlint.grade import Rubric, grade_all  # doctest: +SKIP
>>> book = grade_all(linter, drafts, Rubric.from_guide(linter.guide))  # doctest: +SKIP
"""

from __future__ import annotations

from .grader import Gradebook, GradedDraft, grade_all, grade_result
from .scoring import CategoryRubric, CategoryScore, DraftScore, Rubric, score_findings
from .summary import TraineeSummary, by_trainee, finding_counts, overall

__all__ = [
    "CategoryRubric",
    "CategoryScore",
    "DraftScore",
    "Gradebook",
    "GradedDraft",
    "Rubric",
    "TraineeSummary",
    "by_trainee",
    "finding_counts",
    "grade_all",
    "grade_result",
    "overall",
    "score_findings",
]
