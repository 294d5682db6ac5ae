"""The per-file result cache: hits, invalidation, atomic entries, CLI flags."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from netlint import Draft
from netlint.cache import ResultCache, run_key
from netlint.cli import main
from netlint.engine import DraftResult
from netlint.finding import Applicability, Edit, Finding, Fix, Severity
from netlint.guide.model import Guide, Selection
from netlint.readers import ReadOptions


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("NETLINT_CACHE_DIR", str(root))
    return root


def finding(path: str = "a.md") -> Finding:
    return Finding("T103", "draft-marker", "templates", Severity.ERROR, "Leftover 'TODO'.",
                   path, 2, 3, 2, 7, 10, 4, "x TODO", (Fix("Delete", (Edit(10, 14, ""),),
                                                          Applicability.UNSAFE),),
                   record="3", draft_id="t-1", text_start=10, text_end=14, excerpt_start=2)


def test_entries_round_trip_findings_exactly(tmp_path: Path) -> None:
    cache = ResultCache("k", tmp_path)
    result = DraftResult(Draft("x TODO", path="a.md", record="3", id="t-1", template=True),
                         [finding()], path="a.md:3", skipped=("G300",))
    cache.put("ab12", [result])
    [back] = cache.get("ab12") or []
    assert back.findings == result.findings
    assert back.findings[0].text_start == 10 and back.findings[0].excerpt_start == 2
    assert (back.path, back.skipped, back.draft.record, back.draft.template) == \
        ("a.md:3", ("G300",), "3", True)  # type: ignore[union-attr]
    assert not list(tmp_path.rglob(".tmp-*")), "temporary files are moved into place"
    assert (tmp_path / ".gitignore").read_text().strip().endswith("*")


def test_unreadable_entries_are_misses(tmp_path: Path) -> None:
    cache = ResultCache("k", tmp_path)
    cache.put("cd34", [DraftResult(Draft("x", path="a.md"), [], path="a.md")])
    entry = next(tmp_path.rglob("cd34.json"))
    entry.write_text("{not json")
    assert cache.get("cd34") is None


def test_key_changes_with_content_path_guide_selection_and_mode() -> None:
    g = Guide(data={"name": "a"})
    base = run_key(g, None, ReadOptions())
    assert run_key(g, None, ReadOptions()) == base
    assert run_key(Guide(data={"name": "b"}), None, ReadOptions()) != base
    assert run_key(g, Selection(select=("T",)), ReadOptions()) != base
    assert run_key(g, None, ReadOptions(template=True)) != base
    assert run_key(g, None, ReadOptions(context={"channel": "chat"})) != base
    c = ResultCache(base)
    assert c.key("a.md", b"x") != c.key("a.md", b"y") != c.key("b.md", b"y")


def test_concurrent_writers_never_leave_a_broken_entry(tmp_path: Path) -> None:
    cache = ResultCache("k", tmp_path)
    results = [DraftResult(Draft("x", path=f"f{i}.md"), [finding(f"f{i}.md")] * 50,
                           path=f"f{i}.md") for i in range(8)]
    seen_bad = []

    def write(i: int) -> None:
        for _ in range(20):
            cache.put("ef56", [results[i]])

    def read() -> None:
        for _ in range(200):
            entry = tmp_path / "v1" / "ef" / "ef56.json"
            if entry.exists():
                try:
                    json.loads(entry.read_bytes())
                except ValueError:
                    seen_bad.append(1)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    threads.append(threading.Thread(target=read))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not seen_bad
    assert cache.get("ef56") is not None
    assert not list(tmp_path.rglob(".tmp-*"))


def run(args: list[str]) -> tuple[int, str]:
    res = CliRunner().invoke(main, ["check", "--format", "concise", "--select", "T", *args])
    return res.exit_code, res.output


def test_warm_run_gives_the_same_report_without_checking_again(
        tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = tmp_path / "macros"
    d.mkdir()
    (d / "a.md").write_text("Dear [Name],\n\nTODO\n")
    (d / "b.md").write_text("Hi {{ first_name },\n\nThanks.\n")
    (d / "c.md").write_text("Hi there,\n\nThanks for waiting.\n")
    cold = run(["--template", str(d)])
    assert cold[0] == 1 and "T103" in cold[1] and "T101" in cold[1]
    assert len(list(cache_dir.rglob("*.json"))) == 3

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("a warm run must not build the linter")

    monkeypatch.setattr("netlint.engine.Linter.__init__", boom)
    assert run(["--template", str(d)]) == cold


def test_a_changed_file_or_option_is_checked_again(tmp_path: Path, cache_dir: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text("Dear [Name],\n\nTODO\n")
    assert "T103" in run(["--template", str(f)])[1]
    f.write_text("Dear [Name],\n\nAll done.\n")
    assert "T103" not in run(["--template", str(f)])[1]
    # Outside template mode the same file is a draft with an unfilled placeholder.
    assert "T105" in run([str(f)])[1]


def test_no_cache_writes_nothing_and_clean_removes_the_cache(tmp_path: Path,
                                                              cache_dir: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text("TODO\n")
    run(["--no-cache", "--template", str(f)])
    assert not cache_dir.exists()
    run(["--template", str(f)])
    assert cache_dir.exists()
    res = CliRunner().invoke(main, ["clean"])
    assert res.exit_code == 0 and "removed" in res.output and not cache_dir.exists()
    assert "no cache" in CliRunner().invoke(main, ["clean"]).output


def test_unreadable_files_keep_their_exit_status_when_cached(tmp_path: Path,
                                                             cache_dir: Path) -> None:
    f = tmp_path / "empty.md"
    f.write_text("")
    for _ in range(2):
        code, out = run([str(f)])
        assert code == 2 and "empty file" in out
    missing = run([str(tmp_path / "gone.md")])
    assert missing[0] == 2 and "no such file" in missing[1]
