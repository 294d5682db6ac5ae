"""Grading a batch: check each draft, then score its findings with the rubric."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..document import Document
from ..draft import Draft
from ..engine import DraftResult, Linter
from ..finding import Finding
from .scoring import DraftScore, Rubric, score_findings, top_findings

UNKNOWN_TRAINEE = "(no agent)"


@dataclass(frozen=True)
class GradedDraft:
    """One draft with its findings and its grade."""

    draft: Draft
    findings: tuple[Finding, ...]
    grade: DraftScore
    path: str

    @property
    def trainee(self) -> str:
        return self.draft.agent or UNKNOWN_TRAINEE

    @property
    def scenario(self) -> str:
        return dict(self.draft.meta).get("scenario", "")

    @property
    def label(self) -> str:
        """The draft's id, else where it is."""
        return self.draft.id or self.path

    @property
    def channel(self) -> str:
        return self.draft.channel or ""

    def top(self, rubric: Rubric, n: int = 3) -> list[tuple[str, int]]:
        return top_findings(self.findings, rubric, n)


@dataclass(frozen=True)
class Unreadable:
    path: str
    message: str


@dataclass(frozen=True)
class Gradebook:
    """Everything ``netlint grade`` reports."""

    rubric: Rubric
    drafts: tuple[GradedDraft, ...]
    unreadable: tuple[Unreadable, ...] = ()
    guide_name: str = ""


def measured_categories(linter: Linter, draft: Draft) -> set[str]:
    """Categories with at least one rule enabled (and runnable) for this draft."""
    return {r.category for r in linter.active_rules(draft.channel, draft.path)}


def grade_result(linter: Linter, result: DraftResult, rubric: Rubric) -> GradedDraft:
    """Score a checked draft."""
    draft = result.draft
    assert draft is not None
    words = Document(draft, linter.guide, linter.nlp).word_count
    grade = score_findings(
        result.findings, rubric, words=words,
        has_customer=bool(draft.customer and draft.customer.strip()),
        channel=draft.channel or linter.guide.default_channel,
        measured=measured_categories(linter, draft),
    )
    return GradedDraft(draft, tuple(result.findings), grade, result.path)


def grade_all(linter: Linter, items: Sequence[Draft | DraftResult], rubric: Rubric, *,
              progress: Callable[[Iterable[DraftResult]], Iterable[DraftResult]]
              | None = None) -> Gradebook:
    """Check and grade drafts in order. ``items`` may hold read errors as results.

    ``progress`` wraps the stream of checked results (for a progress bar); it
    must yield them unchanged.
    """
    graded: list[GradedDraft] = []
    unreadable: list[Unreadable] = []
    results = linter.check_many(items)  # batches spaCy work when rules need it
    for result in (progress(results) if progress else results):
        if result.draft is None or not result.ok:
            unreadable.append(Unreadable(result.path, result.error or "could not be read"))
            continue
        graded.append(grade_result(linter, result, rubric))
    return Gradebook(rubric, tuple(graded), tuple(unreadable), linter.guide.name)
