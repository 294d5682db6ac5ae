"""Terminal table, CSV and JSON renderings of a gradebook."""

from __future__ import annotations

import csv
import io
import json

from .grader import Gradebook, GradedDraft
from .summary import by_trainee, finding_counts, overall

SCHEMA_VERSION = 1


def verdict(d: GradedDraft) -> str:
    if d.grade.auto_fail:
        return "AUTO-FAIL"
    return "pass" if d.grade.passed else "FAIL"


def top_text(d: GradedDraft, book: Gradebook, n: int = 3) -> str:
    names = {f.code: f.name for f in d.findings}
    parts = [f"{code} {names[code]}" + (f" ×{k}" if k > 1 else "")
             for code, k in d.top(book.rubric, n)]
    more = len({f.code for f in d.findings}) - len(parts)
    if more > 0:
        parts.append(f"+{more} more")
    return ", ".join(parts)


def render_table(book: Gradebook, *, color: bool = False, width: int = 120) -> str:
    """A rich table per draft, then a per-trainee summary."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, width=width, no_color=not color, force_terminal=color,
                      highlight=False, emoji=False)
    drafts = Table(title="Drafts", title_justify="left", box=None, pad_edge=False)
    for col, kw in (("draft", {"overflow": "fold"}), ("trainee", {}), ("scenario", {}),
                    ("score", {"justify": "right"}), ("result", {}),
                    ("top findings", {"overflow": "fold", "ratio": 1})):
        drafts.add_column(col, **kw)  # type: ignore[arg-type]
    for d in book.drafts:
        v = verdict(d)
        style = "green" if v == "pass" else "bold red"
        drafts.add_row(Text(d.label), Text(d.trainee), Text(d.scenario),
                       f"{d.grade.score:.1f}", Text(v, style=style),
                       Text(top_text(d, book) or "—"))
    console.print(drafts)
    console.print()
    summary = Table(title="Trainees", title_justify="left", box=None, pad_edge=False)
    for col, kw in (("trainee", {}), ("drafts", {"justify": "right"}),
                    ("mean", {"justify": "right"}), ("median", {"justify": "right"}),
                    ("pass rate", {"justify": "right"}), ("auto-fails", {"justify": "right"}),
                    ("weakest category", {})):
        summary.add_column(col, **kw)  # type: ignore[arg-type]
    rows = by_trainee(book.drafts, book.rubric)
    if book.drafts:
        rows.append(overall(book.drafts, book.rubric))
    for i, s in enumerate(rows):
        last = i == len(rows) - 1 and len(rows) > 1
        cat = book.rubric.category(s.weakest) if s.weakest else None
        summary.add_row(Text(s.trainee, style="bold" if last else ""), str(s.drafts),
                        f"{s.mean:.1f}", f"{s.median:.1f}", f"{s.pass_rate:.0%}",
                        str(s.auto_fails), Text(cat.title if cat else "—"),
                        end_section=i == len(rows) - 2)
    console.print(summary)
    r = book.rubric
    console.print(f"\nPass mark {r.pass_mark:g}; a single category takes at most "
                  f"{r.max_category_loss:g} points; critical categories (one finding -> 0): "
                  f"{', '.join(c.name for c in r.categories if c.critical) or 'none'}.")
    for u in book.unreadable:
        console.print(Text(f"netlint: {u.path}: {u.message} (not graded)"))
    return out.getvalue()


def _categories(book: Gradebook) -> list[str]:
    return [c.name for c in book.rubric.categories]


def render_csv(book: Gradebook) -> str:
    """One row per draft, for spreadsheets; category columns are blank when left out."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    cats = _categories(book)
    writer.writerow(["path", "id", "trainee", "scenario", "channel", "words", "score",
                     "result", "auto_fail", "findings", "top_findings",
                     *[f"category_{c}" for c in cats]])
    for d in book.drafts:
        row = [d.path, d.draft.id or "", d.trainee, d.scenario, d.channel, d.grade.words,
               f"{d.grade.score:.1f}", verdict(d).lower(), " ".join(d.grade.auto_fail),
               len(d.findings), top_text(d, book)]
        for c in cats:
            cs = d.grade.category(c)
            row.append("" if cs is None else f"{cs.score:.1f}")
        writer.writerow(row)
    return out.getvalue()


def draft_dict(d: GradedDraft, book: Gradebook) -> dict[str, object]:
    return {
        "path": d.path,
        "id": d.draft.id,
        "trainee": d.trainee,
        "scenario": d.scenario or None,
        "channel": d.channel or None,
        "words": d.grade.words,
        "score": d.grade.score,
        "score_before_auto_fail": d.grade.raw_score,
        "passed": d.grade.passed,
        "auto_fail": list(d.grade.auto_fail),
        "categories": {
            c.name: {"weight": c.weight, "share": round(c.share, 4), "findings": c.findings,
                     "penalty": c.penalty, "score": c.score, "points_lost": c.loss,
                     "capped": c.capped, "critical_hit": c.critical_hit}
            for c in d.grade.categories
        },
        "excluded_categories": dict(d.grade.excluded),
        "unscored_findings": d.grade.unscored,
        "findings": [f.to_dict() for f in d.findings],
    }


def render_json(book: Gradebook) -> str:
    """Everything, for an LMS import: rubric, drafts, trainees, course totals."""
    r = book.rubric
    data = {
        "schema_version": SCHEMA_VERSION,
        "guide": book.guide_name,
        "rubric": {
            "pass_mark": r.pass_mark,
            "max_category_loss": r.max_category_loss,
            "min_words": r.min_words,
            "critical_severity": r.critical_severity.value,
            "categories": {c.name: {"weight": c.weight, "critical": c.critical,
                                    "per_100_words": c.per_100_words,
                                    "requires": list(c.requires),
                                    "channels": list(c.channels) if c.channels else None,
                                    "penalties": {s.value: p for s, p in c.penalties.items()}}
                           for c in r.categories},
        },
        "drafts": [draft_dict(d, book) for d in book.drafts],
        "trainees": [s.to_dict() for s in by_trainee(book.drafts, r)],
        "overall": overall(book.drafts, r).to_dict() if book.drafts else None,
        "findings": [{"code": f.code, "name": f.name, "category": f.category,
                      "count": f.count, "drafts": f.drafts}
                     for f in finding_counts(book.drafts)],
        "unreadable": [{"path": u.path, "message": u.message} for u in book.unreadable],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
