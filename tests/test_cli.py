"""The command line end to end: exit codes, formats, bad input, fixes, the installed script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from netlint.cli import main

LONG = ("We have checked your account and can see that the payment was taken on Monday but "
        "because of a delay with our payment provider the order was not confirmed at all.\n")
PACK = ("rules:\n  - code: B950\n    name: in-order-to\n    kind: substitution\n"
        "    swap: {in order to: to, please be advised that: ''}\n"
        "    doc: x\n")


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with its own guide (so the tester's own netlint.yml is not found)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "netlint.yml").write_text("extends: default\nselect: [B]\n", encoding="utf-8")
    return tmp_path


def test_clean_draft_exits_0_findings_exit_1(work: Path) -> None:
    (work / "ok.txt").write_text("Hi Sam, your parcel ships today.\n", encoding="utf-8")
    (work / "long.txt").write_text(LONG, encoding="utf-8")
    assert run("check", "ok.txt").exit_code == 0
    result = run("check", "long.txt", "--no-color")
    assert result.exit_code == 1
    assert "long.txt:1:1: B101" in result.output
    assert "^^^^" in result.output
    assert "0 errors, 1 warning, 0 info in 1 draft" in result.output


def test_fail_on_and_exit_zero(work: Path) -> None:
    (work / "long.txt").write_text(LONG, encoding="utf-8")
    assert run("check", "long.txt", "--fail-on", "error").exit_code == 0
    assert run("check", "long.txt", "--fail-on", "info").exit_code == 1
    assert run("check", "long.txt", "--fail-on", "never").exit_code == 0
    assert run("check", "long.txt", "--exit-zero").exit_code == 0


def test_json_output_parses_and_has_positions(work: Path) -> None:
    (work / "long.txt").write_text("Hi.\n" + LONG, encoding="utf-8")
    result = run("check", "long.txt", "--format", "json")
    doc = json.loads(result.output)
    assert doc["schema_version"] == 1
    [f] = doc["findings"]
    assert (f["code"], f["line"], f["column"], f["offset"]) == ("B101", 2, 1, 4)
    assert doc["summary"]["warnings"] == 1


def test_jsonl_and_concise(work: Path) -> None:
    (work / "long.txt").write_text(LONG, encoding="utf-8")
    lines = run("check", "long.txt", "--format", "jsonl").output.splitlines()
    assert json.loads(lines[0])["type"] == "finding"
    concise = run("check", "long.txt", "--format", "concise").output
    assert concise.startswith("long.txt:1:1: B101 Sentence is")


def test_text_and_stdin(work: Path) -> None:
    assert run("check", "--text", LONG).exit_code == 1
    result = run("check", "-", "--format", "concise", input=LONG)
    assert "<stdin>:1:1: B101" in result.output


def test_statistics_quiet_and_no_color(work: Path) -> None:
    (work / "long.txt").write_text(LONG + "\n" + LONG, encoding="utf-8")
    stats = run("check", "long.txt", "--statistics", "--format", "concise").output
    assert "    2  B101  sentence-too-long" in stats
    quiet = run("check", "long.txt", "--quiet", "--format", "concise").output
    assert "draft" not in quiet and quiet.count("B101") == 2
    colored = run("check", "long.txt", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).output
    assert "\x1b[" not in colored


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (None, ["check", "missing.txt"], "missing.txt: input error: no such file or directory"),
        ("emptydir", ["check", "emptydir"], "no drafts found"),
        ("bin", ["check", "bin.txt"], "binary file"),
        ("latin1", ["check", "latin1.txt"], "not valid UTF-8"),
        ("empty", ["check", "empty.txt"], "empty file"),
        ("badguide", ["check", "--guide", "bad.yml", "--text", "x"], "bad.yml:3: invalid YAML"),
        ("cycle", ["check", "--guide", "a.yml", "--text", "x"], "cycle"),
        ("schema", ["check", "--guide", "s.yml", "--text", "x"], "key 'default-channel'"),
        (None, ["check", "--select", "Z123", "--text", "x"], "unknown rule code"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(work: Path, setup: str | None, args: list[str],
                                          message: str) -> None:
    if setup == "emptydir":
        (work / "emptydir").mkdir()
    elif setup == "bin":
        (work / "bin.txt").write_bytes(b"\x00\x01PK\x03")
    elif setup == "latin1":
        (work / "latin1.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    elif setup == "empty":
        (work / "empty.txt").write_text("", encoding="utf-8")
    elif setup == "badguide":
        (work / "bad.yml").write_text("name: x\nrules: {a: [\n", encoding="utf-8")
    elif setup == "cycle":
        (work / "a.yml").write_text("extends: ./b.yml\n", encoding="utf-8")
        (work / "b.yml").write_text("extends: ./a.yml\n", encoding="utf-8")
    elif setup == "schema":
        (work / "s.yml").write_text("default-channel: fax\n", encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_one_bad_file_in_a_batch_does_not_stop_the_rest(work: Path) -> None:
    (work / "drafts").mkdir()
    (work / "drafts" / "a.txt").write_text(LONG, encoding="utf-8")
    (work / "drafts" / "b.txt").write_bytes(b"\xff\xfe\x00bad")
    (work / "drafts" / "c.txt").write_text(LONG, encoding="utf-8")
    result = run("check", "drafts", "--format", "concise")
    assert result.exit_code == 2
    assert result.output.count("B101") == 2
    assert "b.txt: error: binary file" in result.output


def test_fix_diff_and_unsafe(work: Path) -> None:
    (work / "packs").mkdir()
    (work / "packs" / "p.yml").write_text(PACK, encoding="utf-8")
    (work / "netlint.yml").write_text("extends: default\npacks: [./packs]\n", encoding="utf-8")
    draft = work / "d.txt"
    original = "Hi Sam,\n\nPlease be advised that in order to reset it, tap Forgot.\n"
    draft.write_text(original, encoding="utf-8")
    diff = run("check", "d.txt", "--diff")
    assert "-Please be advised that in order to reset it" in diff.output
    assert "+To reset it, tap Forgot." in diff.output
    assert draft.read_text(encoding="utf-8") == original
    result = run("check", "d.txt", "--fix")
    assert draft.read_text(encoding="utf-8") == "Hi Sam,\n\nTo reset it, tap Forgot.\n"
    assert result.exit_code == 0


def test_rules_explain_and_guide_commands(work: Path) -> None:
    table = run("rules").output
    assert "B101" in table and "sentence-too-long" in table
    listed = json.loads(run("rules", "--format", "json").output)
    assert {"code", "name", "category", "severity", "fixable"} <= set(listed[0])
    text = run("explain", "B101").output
    for section in ("What it does", "Why", "Example", "Use instead", "Fix safety"):
        assert section in text
    assert run("explain", "Z999").exit_code == 2
    assert "max_words" in run("guide", "show", "--guide", "strict-email").output
    assert run("guide", "validate", "netlint.yml").exit_code == 0
    (work / "broken.yml").write_text("rules:\n  B101:\n    severity: meh\n", encoding="utf-8")
    bad = CliRunner().invoke(main, ["guide", "validate", "broken.yml"])
    assert bad.exit_code == 2 and "broken.yml:3" in bad.output


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def test_installed_script_runs_as_a_real_process(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(LONG, encoding="utf-8")
    proc = subprocess.run([_bin("netlint"), "check", str(draft), "--format", "concise",
                           "--select", "B"], capture_output=True, text=True, cwd=tmp_path,
                          timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert f"{draft}:1:1: B101" in proc.stdout
    mod = subprocess.run([sys.executable, "-m", "netlint", "--version"], capture_output=True,
                         text=True, timeout=60)
    assert mod.returncode == 0 and "netlint" in mod.stdout


def test_short_draft_with_plain_rules_does_not_import_spacy(tmp_path: Path) -> None:
    """The cold path: rules that need no spaCy never import it."""
    script = (
        "import sys\n"
        "from netlint import Linter, Draft, load_guide\n"
        "from netlint.nlp import COMPONENTS\n"
        "from netlint.guide.model import Selection\n"
        "probe = Linter(load_guide('default'), quiet_nlp=True)\n"
        "plain = tuple(c for c, r in probe.registry.rules.items()\n"
        "              if not (set(r.needs) & set(COMPONENTS)))\n"
        "linter = Linter(load_guide('default'), selection=Selection(select=plain),\n"
        "                quiet_nlp=True)\n"
        "linter.check(Draft('Hi Sam, thanks for waiting. Your parcel ships today.',\n"
        "                   channel='chat'))\n"
        "from netlint.cli import main\n"
        "try:\n"
        "    main(['check', '--text', 'Hi Sam, your parcel ships today.'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('spacy' in sys.modules)\n"
    )
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120, env=env)
    assert proc.stdout.strip().splitlines()[-1] == "False", proc.stdout + proc.stderr
