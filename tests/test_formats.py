"""Each output format against a saved expected output (golden file).

Regenerate after an intended change with: NETLINT_UPDATE_GOLDEN=1 pytest tests/test_formats.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netlint.draft import Draft
from netlint.engine import DraftResult
from netlint.finding import Applicability, Edit, Finding, Fix, Severity
from netlint.formats import FORMATS, RenderOptions, get

GOLDEN = Path(__file__).parent / "golden"
TEXT = "Hi Sam,\n\nIn order to reset it, tap Forgot. We was sorry!!\n"


def sample_results() -> list[DraftResult]:
    d1 = Draft(TEXT, path="replies/reset.txt")
    f1 = Finding("B120", "wordy-phrase", "brevity", Severity.WARNING,
                 "Use 'To' instead of 'In order to'.", "replies/reset.txt", 3, 1, 3, 12, 9, 11,
                 "In order to reset it, tap Forgot. We was sorry!!",
                 (Fix("Replace with 'To'", (Edit(9, 20, "To"),)),), text_start=9, text_end=20)
    f2 = Finding("G200", "subject-verb-agreement", "grammar", Severity.ERROR,
                 "'We was' → 'We were'.", "replies/reset.txt", 3, 35, 3, 41, 43, 6,
                 "In order to reset it, tap Forgot. We was sorry!!",
                 (Fix("Replace with 'We were'", (Edit(43, 49, "We were"),),
                      Applicability.UNSAFE),), text_start=43, text_end=49)
    d2 = Draft("Thanks!", path="batch.jsonl", record="4", id="t-9")
    f3 = Finding("N110", "exclamation", "netiquette", Severity.INFO, "Keep it calm.",
                 "batch.jsonl", 5, 30, 5, 31, 120, 1, "Thanks!", record="4", draft_id="t-9",
                 text_start=6, text_end=7, excerpt_start=6)
    return [
        DraftResult(d1, [f1, f2], path="replies/reset.txt"),
        DraftResult(d2, [f3], path="batch.jsonl:4"),
        DraftResult(None, error="binary file, not a text draft", path="img.png"),
    ]


@pytest.mark.parametrize("name", ["full", "concise", "json", "jsonl"])
def test_format_matches_golden_file(name: str) -> None:
    out = get(name)(sample_results(), RenderOptions(tool_version="0.0-test", width=100,
                                                    statistics=name == "concise"))
    path = GOLDEN / f"sample.{name}"
    if os.environ.get("NETLINT_UPDATE_GOLDEN") or not path.exists():
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_every_registered_format_renders_the_sample() -> None:
    for name in FORMATS:
        out = get(name)(sample_results(), RenderOptions(tool_version="0.0-test"))
        assert "B120" in out or "wordy-phrase" in out


def test_full_format_styles_with_ansi_codes_only_when_colour_is_on() -> None:
    import io

    from netlint.formats.full import Console

    plain, coloured = io.StringIO(), io.StringIO()
    for buf, color in ((plain, False), (coloured, True)):
        Console(buf, color).line(("E100", "bold red"), " emoji ", ("(x)", "dim"), "")
    assert plain.getvalue() == "E100 emoji (x)\n"
    assert coloured.getvalue() == "\x1b[1;31mE100\x1b[0m emoji \x1b[2m(x)\x1b[0m\n"
