"""Declarative rule kinds, loaded from a pack the way a support lead writes one."""

from __future__ import annotations

from pathlib import Path

import pytest

from netlint import Draft, Linter, load_guide
from netlint.errors import GuideError
from netlint.fixes import apply_edits

PACK = """\
pack: acme
rules:
  - code: N900
    name: banned-phrase
    kind: existence
    severity: error
    message: "Do not write '{match}'."
    tokens: [no worries, my bad]
    exceptions: [no worries at all]
  - code: B900
    name: preferred-wording
    kind: substitution
    swap: {"in order to": "to", "please be advised that": ""}
  - code: N901
    name: one-sorry
    kind: occurrence
    tokens: [sorry]
    max: 1
    message: "'{match}' appears {count} times; once is enough."
  - code: B901
    name: hard-to-read
    kind: metric
    formula: flesch_kincaid_grade
    max: 9
    min-sentences: 2
  - code: N902
    name: needs-greeting
    kind: required
    regex: ["(hi|hello|dear)\\\\b"]
    first-lines: 1
    message: "Start with a greeting."
  - code: N903
    name: refund-needs-timeline
    kind: conditional
    if-tokens: [refund]
    then-regex: ["\\\\d+\\\\s*(business\\\\s+)?days"]
    message: "Say when the refund arrives."
"""


@pytest.fixture(scope="module")
def linter(tmp_path_factory: pytest.TempPathFactory) -> Linter:
    root = tmp_path_factory.mktemp("pack")
    (root / "packs").mkdir()
    (root / "packs" / "acme.yml").write_text(PACK, encoding="utf-8")
    (root / "g.yml").write_text("extends: default\npacks: [./packs]\n", encoding="utf-8")
    return Linter(load_guide(str(root / "g.yml")), quiet_nlp=True)


def found(linter: Linter, text: str, code: str) -> list[str]:
    return [f.message for f in linter.check(Draft(text)) if f.code == code]


def test_existence_whole_word_with_exceptions(linter: Linter) -> None:
    assert found(linter, "Hi Sam, no worries, it happens.", "N900") == [
        "Do not write 'no worries'."]
    assert not found(linter, "Hi Sam, no worries at all.", "N900")
    assert not found(linter, 'Hi Sam, you said "no worries" earlier.', "N900")


def test_substitution_carries_a_safe_fix(linter: Linter) -> None:
    text = "Hi Sam, please be advised that in order to reset it, tap Forgot."
    findings = [f for f in linter.check(Draft(text)) if f.code == "B900"]
    assert len(findings) == 2
    fixed, n, _ = apply_edits(text, findings, unsafe=False)
    assert fixed == "Hi Sam, to reset it, tap Forgot." and n == 2


def test_occurrence_limit(linter: Linter) -> None:
    assert found(linter, "Hi. Sorry for this. Sorry again.", "N901")
    assert not found(linter, "Hi. Sorry for this.", "N901")


def test_metric_needs_enough_sentences(linter: Linter) -> None:
    hard = ("Notwithstanding the aforementioned considerations, reimbursement eligibility "
            "necessitates comprehensive documentation. Administrative verification "
            "procedures subsequently determine authorization.")
    assert found(linter, "Hi. " + hard, "B901")
    assert not found(linter, "Hi. We sent it. It comes Monday.", "B901")


def test_required_within_first_line(linter: Linter) -> None:
    assert found(linter, "Thanks for writing.\nHi there.", "N902")
    assert not found(linter, "Hello Sam,\nThanks for writing.", "N902")


def test_conditional(linter: Linter) -> None:
    assert found(linter, "Hi, your refund is on its way.", "N903")
    assert not found(linter, "Hi, your refund arrives in 5 business days.", "N903")


def test_pack_rules_are_listed_with_their_source(linter: Linter) -> None:
    rule = linter.registry.rules["N900"]
    assert rule.source.endswith("acme.yml") and rule.category == "netiquette"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("rules:\n  - code: N950\n    name: x\n    kind: existance\n", 4, "one of existence"),
        ("rules:\n  - code: N950\n    name: x\n    kind: existence\n    tokns: [a]\n", 5,
         "unknown key"),
        ("rules:\n  - code: n1\n    name: x\n    kind: existence\n", 2, "letter and three digits"),
        ("rules:\n  - code: N950\n    name: x\n    kind: metric\n    formula: import os\n", 5,
         "bad formula"),
        ("rules:\n  - code: N950\n    name: x\n    kind: substitution\n", 2, "needs 'swap'"),
    ],
)
def test_pack_errors_point_at_the_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    (tmp_path / "bad.yml").write_text(body, encoding="utf-8")
    (tmp_path / "g.yml").write_text("extends: default\npacks: [./bad.yml]\n", encoding="utf-8")
    with pytest.raises(GuideError, match=message) as err:
        Linter(load_guide(str(tmp_path / "g.yml")))
    assert err.value.line == line


def test_duplicate_code_between_pack_and_builtin(tmp_path: Path) -> None:
    (tmp_path / "dup.yml").write_text(
        "rules:\n  - {code: B101, name: dup, kind: existence, tokens: [x]}\n", encoding="utf-8")
    (tmp_path / "g.yml").write_text("extends: default\npacks: [./dup.yml]\n", encoding="utf-8")
    with pytest.raises(GuideError, match="already used"):
        Linter(load_guide(str(tmp_path / "g.yml")))
