"""Applying fixes: non-overlapping edits, repeated until the text is stable."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .finding import Applicability, Edit, Finding

MAX_PASSES = 10


@dataclass(frozen=True)
class FixOutcome:
    text: str
    applied: int
    skipped_overlaps: int
    passes: int


def apply_edits(text: str, findings: Sequence[Finding], *, unsafe: bool) -> tuple[str, int, int]:
    """Apply each finding's first eligible fix; edits that overlap one already
    taken are skipped (and counted). Text outside the edits is kept verbatim."""
    chosen: list[tuple[Edit, ...]] = []
    for f in findings:
        for fix in f.fixes:
            if fix.applicability is Applicability.SAFE or unsafe:
                chosen.append(fix.edits)
                break
    taken: list[Edit] = []
    skipped = 0
    for edits in sorted(chosen, key=lambda es: min(e.start for e in es)):
        if any(_overlap(e, t) for e in edits for t in taken) or any(
                e.start < 0 or e.end > len(text) or e.start > e.end for e in edits):
            skipped += 1
            continue
        taken.extend(edits)
    out = []
    pos = 0
    for e in sorted(taken, key=lambda e: (e.start, e.end)):
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out), len(taken), skipped


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        return a.start == b.start or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end


def fix_until_stable(text: str, lint: Callable[[str], Sequence[Finding]], *,
                     unsafe: bool) -> FixOutcome:
    """Re-check and re-fix until no fix applies (at most ``MAX_PASSES`` passes)."""
    applied = skipped = passes = 0
    for passes in range(1, MAX_PASSES + 1):  # noqa: B007
        findings = lint(text)
        new, n, s = apply_edits(text, findings, unsafe=unsafe)
        skipped = s
        if n == 0 or new == text:
            break
        applied += n
        text = new
    return FixOutcome(text, applied, skipped, passes)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"a/{path}", tofile=f"b/{path}"))
