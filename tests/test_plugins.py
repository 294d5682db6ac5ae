"""Third-party rules registered under the ``netlint.rules`` entry-point group."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from netlint import Draft, Hit, Linter, Rule, Severity, load_guide
from netlint import registry as reg
from netlint.document import Document
from netlint.rule import Context


class NoTicketJargon(Rule):
    """## What it does
    Flags internal jargon.
    ## Why
    Customers do not know it.
    ## Example
    Your ticket was escalated.
    ## Use instead
    We passed your question on.
    ## Fix safety
    No fix.
    """

    code = "N950"
    name = "no-ticket-jargon"
    category = "netiquette"
    severity = Severity.WARNING
    defaults = {"words": ["ticket", "escalated"]}
    bad_examples = ("Your ticket was escalated.",)
    good_examples = ("We passed your question to billing.",)

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        for w in doc.words:
            if w.text.lower() in ctx["words"]:
                yield Hit(w.start, w.end, f"Customers don't know '{w.text}'.")


class BadCode(NoTicketJargon):
    code = "netiquette-1"


BAD_RULES = [BadCode]


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """An installed distribution registering three entry points: a good rule, a
    module that fails to import, and a rule with a malformed code."""
    dist = tmp_path / "acme_netlint-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-netlint\nVersion: 1.0\n",
                                   encoding="utf-8")
    (dist / "entry_points.txt").write_text(
        f"[{reg.ENTRY_POINT_GROUP}]\n"
        "acme = tests.test_plugins:NoTicketJargon\n"
        "broken = acme_broken_rules:RULES\n"
        "bad = tests.test_plugins:BAD_RULES\n", encoding="utf-8")
    (tmp_path / "acme_broken_rules.py").write_text('raise ImportError("boom")\n', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))


def test_plugin_rule_runs_and_broken_plugins_are_reported(plugins: None,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    linter = Linter(load_guide("default"), quiet_nlp=True)
    rule = linter.registry.rules["N950"]
    assert rule.source == "plugin:acme"
    found = [f for f in linter.check(Draft("Your ticket was escalated.")) if f.code == "N950"]
    assert [f.excerpt[f.column - 1:f.end_column - 1] for f in found] == ["ticket", "escalated"]
    err = capsys.readouterr().err
    assert "plugin 'broken' failed to load: boom" in err
    assert "ignored" in err and "netiquette-1" in err


def test_no_plugin_installed_costs_no_metadata_import() -> None:
    import subprocess
    import sys

    code = ("import sys; from netlint.registry import plugin_rules; "
            "print(plugin_rules(), 'importlib.metadata' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]", "False"]


def test_plugins_can_be_turned_off(plugins: None, tmp_path: Any) -> None:
    g = tmp_path / "g.yml"
    g.write_text("extends: default\nplugins: false\n", encoding="utf-8")
    assert "N950" not in Linter(load_guide(str(g)), quiet_nlp=True).registry.rules
