"""Grading: the rubric formula, per-trainee summaries, outputs, the HTML report, the CLI."""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
from pathlib import Path

import pytest
from click.testing import CliRunner

from netlint import Draft, Finding, Linter, Severity, load_guide
from netlint.cli import main
from netlint.errors import GuideError
from netlint.grade import Gradebook, GradedDraft, Rubric, by_trainee, finding_counts, overall
from netlint.grade.command import exit_status, progress_for
from netlint.grade.output import render_csv, render_json, render_table
from netlint.grade.report import highlight, render_report
from netlint.grade.scoring import score_findings

W, INFO, E = Severity.WARNING, Severity.INFO, Severity.ERROR
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "exercises"


def finding(category: str, severity: Severity = W, *, code: str = "Z001", start: int = 0,
            end: int = 0, message: str = "something") -> Finding:
    return Finding(code=code, name=f"{category}-rule", category=category, severity=severity,
                   message=message, path="<text>", line=1, column=start + 1, end_line=1,
                   end_column=end + 1, offset=start, length=end - start, excerpt="",
                   text_start=start, text_end=end)


def rubric(**extra: object) -> Rubric:
    data: dict[str, object] = {
        "pass-mark": 70, "max-category-loss": 100, "min-words": 1,
        "penalties": {"error": 50, "warning": 25, "info": 10},
        "categories": {
            "grammar": {"weight": 20, "per-100-words": True},
            "netiquette": {"weight": 30},
            "questions": {"weight": 30, "requires": "customer"},
            "risky": {"weight": 20, "critical": True},
        },
    }
    data.update(extra)
    return Rubric.from_mapping(data)


# -- the formula ------------------------------------------------------------------


def test_no_findings_scores_100_and_passes() -> None:
    s = score_findings([], rubric(), words=80, has_customer=True)
    assert s.score == 100 and s.passed and not s.auto_fail
    assert [c.name for c in s.categories] == ["grammar", "netiquette", "questions", "risky"]


def test_score_is_the_weighted_average_of_category_scores() -> None:
    # netiquette: one warning -> 75; questions: one error -> 50; weights 20/30/30/20.
    s = score_findings([finding("netiquette"), finding("questions", E)], rubric(),
                       words=100, has_customer=True)
    expected = (20 * 100 + 30 * 75 + 30 * 50 + 20 * 100) / 100
    assert s.score == pytest.approx(expected)
    assert s.category("questions").score == 50  # type: ignore[union-attr]
    assert s.category("questions").loss == pytest.approx(15)  # type: ignore[union-attr]


def test_questions_category_is_left_out_without_a_customer_message() -> None:
    findings = [finding("netiquette")]
    s = score_findings(findings, rubric(), words=100, has_customer=False)
    assert s.category("questions") is None
    assert ("questions", "no customer message") in s.excluded
    # The other weights (20 + 30 + 20) are rescaled to sum to 1.
    assert s.category("netiquette").share == pytest.approx(30 / 70)  # type: ignore[union-attr]
    assert s.score == pytest.approx(100 - 25 * 30 / 70, abs=0.05)


def test_one_finding_in_a_critical_category_sets_the_score_to_zero() -> None:
    s = score_findings([finding("risky", W)], rubric(), words=100, has_customer=True)
    assert s.score == 0 and not s.passed and s.auto_fail == ("risky",)
    assert s.raw_score == pytest.approx(95)


def test_an_info_in_a_critical_category_is_a_penalty_not_an_auto_fail() -> None:
    s = score_findings([finding("risky", INFO)], rubric(), words=100, has_customer=True)
    assert not s.auto_fail and s.score == pytest.approx(98) and s.passed


def test_critical_severity_can_be_raised_to_errors_only() -> None:
    r = rubric(**{"critical-severity": "error"})
    assert not score_findings([finding("risky", W)], r, words=100, has_customer=True).auto_fail
    assert score_findings([finding("risky", E)], r, words=100, has_customer=True).auto_fail


def test_count_based_category_is_a_rate_per_100_words() -> None:
    two = [finding("grammar"), finding("grammar")]
    long = score_findings(two, rubric(), words=200, has_customer=True)
    short = score_findings(two, rubric(), words=50, has_customer=True)
    assert long.category("grammar").penalty == pytest.approx(25)  # type: ignore[union-attr]
    assert short.category("grammar").penalty == pytest.approx(100)  # type: ignore[union-attr]
    # A short chat answer with one typo is not graded above a long e-mail with two.
    one_short = score_findings([finding("grammar")], rubric(), words=30, has_customer=True)
    assert one_short.score < long.score


def test_min_words_keeps_a_one_word_reply_from_exploding_the_rate() -> None:
    r = rubric(**{"min-words": 20})
    s = score_findings([finding("grammar", INFO)], r, words=2, has_customer=True)
    assert s.category("grammar").penalty == pytest.approx(10 * 100 / 20)  # type: ignore[union-attr]


def test_non_count_category_is_not_scaled_by_length() -> None:
    a = score_findings([finding("netiquette")], rubric(), words=20, has_customer=True)
    b = score_findings([finding("netiquette")], rubric(), words=400, has_customer=True)
    assert a.score == b.score


def test_cap_stops_one_category_from_sinking_a_draft_alone() -> None:
    r = rubric(**{"max-category-loss": 25})
    many = [finding("netiquette", E) for _ in range(6)]
    s = score_findings(many, r, words=100, has_customer=True)
    c = s.category("netiquette")
    assert c is not None and c.score == 0 and c.capped and c.loss == 25
    assert s.score == 75 and s.passed
    # Two bad categories still fail.
    worse = score_findings([*many, finding("questions", E), finding("questions", E)], r,
                           words=100, has_customer=True)
    assert worse.score == 50 and not worse.passed


def test_a_category_no_enabled_rule_can_flag_is_left_out() -> None:
    s = score_findings([finding("netiquette")], rubric(), words=100, has_customer=True,
                       measured={"netiquette", "grammar"})
    assert {c.name for c in s.categories} == {"netiquette", "grammar"}
    assert ("risky", "no rule of this category is enabled") in s.excluded
    assert s.score == pytest.approx(100 - 25 * 30 / 50)


def test_channel_limited_category_applies_only_on_its_channels() -> None:
    r = Rubric.from_mapping({"categories": {"grammar": 10,
                                            "emoticons": {"weight": 10, "channels": ["email"]}}})
    chat = score_findings([finding("emoticons")], r, words=50, has_customer=False, channel="chat")
    mail = score_findings([finding("emoticons")], r, words=50, has_customer=False,
                          channel="email")
    assert chat.score == 100 and ("emoticons", "not graded on chat") in chat.excluded
    assert mail.score < 100


def test_findings_outside_the_rubric_are_counted_but_not_scored() -> None:
    s = score_findings([finding("meta"), finding("brand-new-family")], rubric(), words=100,
                       has_customer=True)
    assert s.score == 100 and s.unscored == 2


def test_pass_mark_is_inclusive() -> None:
    r = rubric(**{"pass-mark": 85})
    s = score_findings([finding("questions", E)], r, words=100, has_customer=True)
    assert s.score == 85 and s.passed
    s = score_findings([finding("questions", E), finding("netiquette", INFO)], r, words=100,
                       has_customer=True)
    assert s.score == 82 and not s.passed


# -- the rubric in the guide ------------------------------------------------------------


def test_default_guide_rubric() -> None:
    r = Rubric.from_guide(load_guide("default"))
    assert set(r.names) == {"brevity", "grammar", "netiquette", "emoticons", "risky",
                            "sensitive", "questions", "templates"}
    assert {c.name for c in r.categories if c.critical} == {"risky", "sensitive"}
    assert r.category("questions").requires == ("customer",)  # type: ignore[union-attr]
    assert r.category("grammar").per_100_words  # type: ignore[union-attr]
    assert all(isinstance(c.weight, int) for c in r.categories)
    # No single non-critical category can fail a draft on its own.
    assert 100 - r.max_category_loss >= r.pass_mark


def test_company_guide_overrides_one_weight_and_keeps_the_rest(tmp_path: Path) -> None:
    p = tmp_path / "netlint.yml"
    p.write_text("extends: default\nrubric:\n  pass-mark: 80\n  categories:\n"
                 "    grammar: {weight: 40}\n", encoding="utf-8")
    r = Rubric.from_guide(load_guide(str(p)))
    assert r.pass_mark == 80 and r.category("grammar").weight == 40  # type: ignore[union-attr]
    assert r.category("grammar").per_100_words  # type: ignore[union-attr]
    assert r.category("risky").critical  # type: ignore[union-attr]


@pytest.mark.parametrize(("body", "key", "words"), [
    ("  categories:\n    grammar: {weight: 2.5}\n", "rubric.categories.grammar.weight",
     "whole-number weight"),
    ("  categories:\n    grammar: {weight: 5, critcal: true}\n",
     "rubric.categories.grammar.critcal", "unknown key"),
    ("  pass-mark: 120\n  categories:\n    grammar: 5\n", "rubric.pass-mark", "0 to 100"),
    ("  penalties: {fatal: 10}\n  categories:\n    grammar: 5\n", "rubric.penalties",
     "unknown severity"),
    ("  categories:\n    questions: {weight: 5, requires: ticket}\n",
     "rubric.categories.questions.requires", "unknown requirement"),
    ("  passmark: 70\n  categories:\n    grammar: 5\n", "rubric.passmark", "unknown key"),
])
def test_rubric_errors_name_the_file_line_and_key(tmp_path: Path, body: str, key: str,
                                                  words: str) -> None:
    p = tmp_path / "guide.yml"
    p.write_text("name: t\nrubric:\n" + body, encoding="utf-8")
    with pytest.raises(GuideError) as info:
        Rubric.from_guide(load_guide(str(p)))
    msg = str(info.value)
    assert str(p) in msg and f"'{key}'" in msg and words in msg
    assert re.search(r"guide\.yml:\d+:", msg), msg


def test_guide_without_a_rubric_uses_the_default_one(tmp_path: Path) -> None:
    p = tmp_path / "guide.yml"
    p.write_text("name: bare\n", encoding="utf-8")
    assert Rubric.from_guide(load_guide(str(p))).names == \
        Rubric.from_guide(load_guide("default")).names


# -- summaries ----------------------------------------------------------------------------


def graded(agent: str, score_findings_: list[Finding], *, words: int = 100,
           customer: str | None = "Where is it?", text: str = "Hello there.") -> GradedDraft:
    d = Draft(text, agent=agent, customer=customer, id=f"{agent}-{len(score_findings_)}")
    g = score_findings(score_findings_, rubric(), words=words, has_customer=customer is not None)
    return GradedDraft(d, tuple(score_findings_), g, "x.yml")


def test_per_trainee_summary() -> None:
    r = rubric()
    drafts = [graded("ann", []), graded("ann", [finding("questions", E)]),
              graded("ann", [finding("risky")]),
              graded("bob", [finding("netiquette"), finding("netiquette")])]
    ann, bob = by_trainee(drafts, r)
    assert (ann.trainee, ann.drafts, ann.passed, ann.auto_fails) == ("ann", 3, 2, 1)
    assert ann.mean == pytest.approx(round(statistics.fmean([100, 85, 0]), 1))
    assert ann.median == 85 and ann.pass_rate == pytest.approx(2 / 3)
    # ann lost most in questions (mean 66.7 there) ... risky is 91.7: questions is weakest.
    assert ann.weakest == "questions"
    assert bob.weakest == "netiquette" and bob.mean == 85
    total = overall(drafts, r)
    assert total.drafts == 4 and total.passed == 3


def test_weakest_is_none_when_every_category_is_perfect() -> None:
    (ann,) = by_trainee([graded("ann", [])], rubric())
    assert ann.weakest is None


def test_finding_counts_are_most_frequent_first() -> None:
    drafts = [graded("a", [finding("grammar", code="G001"), finding("grammar", code="G001")]),
              graded("b", [finding("grammar", code="G001"), finding("netiquette", code="N002")])]
    rows = finding_counts(drafts)
    assert [(r.code, r.count, r.drafts) for r in rows] == [("G001", 3, 2), ("N002", 1, 1)]


# -- outputs --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book() -> Gradebook:
    from netlint.grade import grade_all
    from netlint.grade.command import read_all
    from netlint.readers import ReadOptions

    guide = load_guide("default")
    linter = Linter(guide, quiet_nlp=True)
    return grade_all(linter, read_all([str(EXAMPLES)], ReadOptions()), Rubric.from_guide(guide))


def test_example_course_has_five_trainees_answering_every_scenario(book: Gradebook) -> None:
    assert len(book.drafts) == 25 and not book.unreadable
    scenarios: dict[str, set[str]] = {}
    for d in book.drafts:
        scenarios.setdefault(d.trainee, set()).add(d.scenario)
    assert len(scenarios) == 5
    assert all(len(s) == 5 for s in scenarios.values())
    assert all(d.draft.customer and d.draft.channel for d in book.drafts)


def test_table_shows_every_draft_and_a_summary_row_per_trainee(book: Gradebook) -> None:
    out = render_table(book, width=160)
    for d in book.drafts:
        assert d.label in out
    summary = out.split("Trainees", 1)[1]
    for name in ("amara", "ben", "chloe", "diego", "elif", "all trainees"):
        assert re.search(rf"^{name}\s+\d+\s+\d+\.\d\s+\d+\.\d\s+\d+%", summary, re.M), name
    assert re.search(r"Pass mark \d+", out)


def test_csv_has_a_row_per_draft_and_category_columns(book: Gradebook) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(book))))
    assert len(rows) == 25
    assert {"score", "result", "trainee", "category_grammar", "category_questions"} <= set(rows[0])
    for row, d in zip(rows, book.drafts, strict=True):
        assert float(row["score"]) == d.grade.score
        assert row["result"] in ("pass", "fail", "auto-fail")


def test_json_holds_drafts_trainees_and_rubric(book: Gradebook) -> None:
    data = json.loads(render_json(book))
    assert data["schema_version"] == 1 and len(data["drafts"]) == 25
    assert [t["trainee"] for t in data["trainees"]] == ["amara", "ben", "chloe", "diego", "elif"]
    assert data["rubric"]["categories"]["risky"]["critical"] is True
    assert data["overall"]["drafts"] == 25
    first = data["drafts"][0]
    assert set(first["categories"]) <= set(data["rubric"]["categories"])


def test_exit_status_follows_min_score(book: Gradebook) -> None:
    lowest = min(d.grade.score for d in book.drafts)
    assert exit_status(book, None) == 0
    assert exit_status(book, lowest) == 0
    assert exit_status(book, lowest + 0.1) == 1


# -- progress bar -----------------------------------------------------------------------------


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_for_big_batches_on_a_terminal() -> None:
    assert progress_for(49, _Tty()) is None
    assert progress_for(500, io.StringIO()) is None
    stream = _Tty()
    wrap = progress_for(60, stream)
    assert wrap is not None
    assert list(wrap(range(60))) == list(range(60))
    assert "Grading" in stream.getvalue()


# -- the HTML report ----------------------------------------------------------------------------

EVIL = '<script>window.__pwned = 1; document.title = "PWNED";</script><img src=x onerror="x()">'


def test_report_escapes_every_text_and_loads_nothing_from_outside() -> None:
    f = finding("netiquette", start=0, end=8, code="N001", message='bad "<b>tag</b>"')
    d = GradedDraft(Draft(EVIL + " thanks", agent="<i>mallory</i>", id='"><script>1</script>',
                          customer="</blockquote><script>2</script>", meta=(("scenario", "<x>"),)),
                    (f,), score_findings([f], rubric(), words=10, has_customer=True), "<p>.yml")
    page = render_report(Gradebook(rubric(), (d,), guide_name="<guide>"))
    assert "<script" not in page.lower()
    assert "<img" not in page and "<i>mallory" not in page and "<b>tag" not in page
    assert "&lt;script&gt;" in page and "window.__pwned = 1" in page
    assert "&lt;i&gt;mallory&lt;/i&gt;" in page
    assert "Content-Security-Policy" in page
    # Offline: no external resource of any kind.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page


def test_report_has_the_four_charts_and_every_draft(book: Gradebook) -> None:
    page = render_report(book)
    for section in ("chart-distribution", "chart-categories", "chart-trainees",
                    "chart-findings"):
        assert f'id="{section}"' in page
    assert page.count('<svg class="chart"') == 4 or not finding_counts(book.drafts)
    assert page.count('<article class="draft"') == 25


def test_highlight_marks_spans_without_nesting_and_points_with_a_caret() -> None:
    text = "Hi ur order is late"
    fs = [finding("grammar", start=3, end=5, code="G001"),
          finding("netiquette", start=3, end=14, code="N001", severity=E),
          finding("netiquette", start=0, end=0, code="N002")]
    out = highlight(text, fs)
    assert out.count("<mark") == 2  # "ur" (both) and " order is" (N001 only)
    assert '<mark class="sev-error" data-codes="G001 N001"' in out
    assert "<mark" not in out.split("</mark>", 1)[0].split("<mark", 2)[-1][1:]
    assert out.startswith('<span class="caret')
    assert re.sub(r"<[^>]+>|‸|\d", "", out).replace("&#x27;", "'") == text


def test_whole_reply_findings_are_listed_not_highlighted() -> None:
    text = "This reply is long. " * 10
    out = highlight(text, [finding("brevity", start=0, end=len(text) - 1)])
    assert "<mark" not in out


# -- the command -----------------------------------------------------------------------------------


def test_grade_command_prints_table_and_summary() -> None:
    result = CliRunner().invoke(main, ["grade", str(EXAMPLES), "--no-color"])
    assert result.exit_code == 0, result.output
    assert "Drafts" in result.output and "Trainees" in result.output
    assert "all trainees" in result.output and "late-parcel-amara" in result.output


def test_grade_command_writes_report_and_sets_exit_status(tmp_path: Path) -> None:
    ex = tmp_path / "ex.yml"
    ex.write_text("channel: chat\nagent: zoe\ndrafts:\n  - id: long\n    reply: >-\n      "
                  + "We are looking into your order and will update you soon. " * 20
                  + "\n  - id: short\n    reply: Your refund went out today.\n",
                  encoding="utf-8")
    report = tmp_path / "r.html"
    runner = CliRunner()
    result = runner.invoke(main, ["grade", str(ex), "--report", str(report), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    scores = {d["id"]: d["score"] for d in data["drafts"]}
    assert scores["long"] < scores["short"]
    assert report.read_text(encoding="utf-8").startswith("<!doctype html>")
    failing = runner.invoke(main, ["grade", str(ex), "--min-score", str(scores["short"])])
    assert failing.exit_code == 1
    missing = runner.invoke(main, ["grade", str(tmp_path / "nope")])
    assert missing.exit_code == 2


def test_grade_channel_option_applies_to_drafts_that_do_not_say(tmp_path: Path) -> None:
    ex = tmp_path / "ex.yml"
    ex.write_text("agent: zoe\nreply: Your refund went out today.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["grade", str(ex), "--channel", "sms", "--format", "json"])
    assert json.loads(result.stdout)["drafts"][0]["channel"] == "sms"


def test_guide_validate_checks_the_rubric(tmp_path: Path) -> None:
    p = tmp_path / "guide.yml"
    p.write_text("extends: default\nrubric:\n  categories:\n    grammar: {weight: -1}\n",
                 encoding="utf-8")
    result = CliRunner().invoke(main, ["guide", "validate", str(p)])
    assert result.exit_code == 2 and "rubric.categories.grammar.weight" in result.output
    assert CliRunner().invoke(main, ["guide", "validate", "default"]).exit_code == 0
