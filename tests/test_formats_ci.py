"""CI formats (SARIF, GitHub annotations, JUnit, CSV) against golden files and specs.

Regenerate after an intended change: NETLINT_UPDATE_GOLDEN=1 pytest tests/test_formats_ci.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from netlint.cli import main
from netlint.draft import Draft
from netlint.engine import DraftResult
from netlint.finding import Finding, Severity
from netlint.formats import FORMATS, RenderOptions, get

from .test_formats import sample_results

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
# The official OASIS schema (Schemata/sarif-schema-2.1.0.json of oasis-tcs/sarif-spec).
SARIF_SCHEMA = HERE / "data" / "sarif-schema-2.1.0.json"
CI_FORMATS = {"sarif": "ci.sarif", "github": "ci.github", "junit": "ci.junit.xml",
              "csv": "ci.csv"}


def tricky_results() -> list[DraftResult]:
    """The spine's sample plus characters each format must escape."""
    text = "Dear [Name],\n100% sure: a, b\n"
    f = Finding("T105", "unfilled-placeholder", "templates", Severity.ERROR,
                "Unfilled placeholder '[Name]': 100% <sure>, & \"quoted\"\nsecond line",
                "macros/refund reply.md", 1, 6, 1, 12, 5, 6, "Dear [Name],", text_start=5,
                text_end=11)
    g = Finding("X100", "unused-suppression", "meta", Severity.WARNING,
                "=HYPERLINK(\"x\") looks like a formula", "macros/refund reply.md", 2, 1, 2, 5,
                13, 4, "100% sure: a, b", text_start=13, text_end=17)
    ok = Draft("Thanks!", path="macros/clean.md")
    return [*sample_results(), DraftResult(Draft(text, path="macros/refund reply.md"), [f, g],
                                           path="macros/refund reply.md"),
            DraftResult(ok, [], path="macros/clean.md")]


def render(name: str) -> str:
    return get(name)(tricky_results(), RenderOptions(tool_version="0.0-test"))


@pytest.mark.parametrize("name", sorted(CI_FORMATS))
def test_ci_format_matches_golden_file(name: str) -> None:
    out = render(name)
    path = GOLDEN / CI_FORMATS[name]
    if os.environ.get("NETLINT_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}: run with NETLINT_UPDATE_GOLDEN=1"
    assert out == path.read_text(encoding="utf-8")


def test_every_ci_format_is_registered() -> None:
    assert set(CI_FORMATS) <= set(FORMATS)


def test_sarif_is_valid_against_the_official_schema() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    log = json.loads(render("sarif"))
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)


def test_sarif_schema_check_can_fail() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(render("sarif"))
    log["runs"][0]["results"][0]["level"] = "fatal"  # not a SARIF level
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)


def test_sarif_results_point_at_their_rules() -> None:
    run = json.loads(render("sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}
    uri = run["results"][-2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "macros/refund%20reply.md"
    assert run["invocations"][0]["executionSuccessful"] is False  # img.png was unreadable


def test_github_annotations_escape_data_and_properties() -> None:
    lines = render("github").splitlines()
    t105 = next(x for x in lines if "T105" in x)
    assert t105.startswith("::error file=macros/refund reply.md,line=1,col=6,endLine=1,"
                           "endColumn=12,title=netlint T105 (unfilled-placeholder)::")
    assert "100%25 <sure>" in t105 and "%0Asecond line" in t105 and "\n" not in t105
    assert any(x.startswith("::notice ") and "N110" in x for x in lines)
    assert "title=netlint%3A unreadable input" in next(x for x in lines if "img.png" in x)


def test_junit_is_well_formed_and_counts_add_up() -> None:
    root = ET.fromstring(render("junit"))
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    assert int(root.get("tests", "-1")) == len(cases)
    assert int(root.get("failures", "-1")) == len(root.findall("./testsuite/testcase/failure"))
    assert int(root.get("errors", "-1")) == len(root.findall("./testsuite/testcase/error"))
    clean = root.find("./testsuite[@name='macros/clean.md']")
    assert clean is not None and clean.find("testcase/failure") is None
    msg = root.find("./testsuite/testcase[@name='netlint.T105']/failure")
    assert msg is not None and "<sure>, & \"quoted\"" in (msg.get("message") or "")


def test_csv_round_trips_and_defuses_formulas() -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv"))))
    t105 = next(r for r in rows if r["code"] == "T105")
    assert t105["message"].endswith("\nsecond line") and t105["path"] == "macros/refund reply.md"
    x100 = next(r for r in rows if r["code"] == "X100")
    assert x100["message"].startswith("'=HYPERLINK")
    assert any(r["name"] == "input-error" and r["path"] == "img.png" for r in rows)


def test_cli_accepts_every_registered_format(tmp_path: Path) -> None:
    (tmp_path / "macro.md").write_text("Dear [Name],\n\nYour refund is out. TODO\n")
    runner = CliRunner()
    for name in FORMATS:
        res = runner.invoke(main, ["check", "--template", "--no-cache", "--select", "T",
                                   "--format", name, str(tmp_path / "macro.md")])
        assert res.exit_code == 1, (name, res.output)
        assert "T103" in res.output, name
