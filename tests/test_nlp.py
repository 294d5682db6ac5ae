"""spaCy is optional: without a model, parser rules are skipped once, never a crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import needs_model

PACK_RULE = '''
from collections.abc import Iterable
from netlint import Hit, Rule, Severity

class VerbCount(Rule):
    """## What it does
    x
    ## Why
    ## Example
    ## Use instead
    ## Fix safety
    """
    code = "N960"
    name = "verb-count"
    category = "netiquette"
    severity = Severity.INFO
    needs = frozenset({"pos"})
    bad_examples = ("We shipped it.",)
    good_examples = ("Thanks.",)

    def check(self, doc, ctx) -> Iterable[Hit]:
        verbs = [t for t in doc.spacy if t.pos_ == "VERB"]
        if verbs:
            yield Hit(verbs[0].idx, verbs[0].idx + len(verbs[0].text), "verb")
'''

SCRIPT = '''
import sys
sys.path.insert(0, {folder!r})
import netlint.nlp as nlp
if {hide_models}:
    nlp.FALLBACK_MODELS = ()
from netlint import Draft, Linter, load_guide
from netlint.guide.model import Selection
from netlint.registry import Registry
import verbrule
guide = load_guide({guide!r})
registry = Registry.for_guide(guide)
registry.rules["N960"] = verbrule.VerbCount()
linter = Linter(guide, registry=registry, selection=Selection(select=("N960", "B101")))
for text in ("We shipped it.", "We shipped it again."):
    print([f.code for f in linter.check(Draft(text))])
'''


def _run(tmp_path: Path, hide_models: bool) -> subprocess.CompletedProcess[str]:
    (tmp_path / "verbrule.py").write_text(PACK_RULE, encoding="utf-8")
    guide = tmp_path / "g.yml"
    guide.write_text("extends: default\nnlp: {model: no_such_model_xx}\n", encoding="utf-8")
    script = SCRIPT.format(folder=str(tmp_path), hide_models=hide_models, guide=str(guide))
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)


def test_missing_model_falls_back_and_skips_parser_rules_once(tmp_path: Path) -> None:
    proc = _run(tmp_path, hide_models=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["[]", "[]"]
    assert proc.stderr.count("is not installed") == 1
    assert "pip install" in proc.stderr
    assert proc.stderr.count("skipped N960") == 1


@needs_model
def test_installed_model_runs_parser_rules(tmp_path: Path) -> None:
    proc = _run(tmp_path, hide_models=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["['N960']", "['N960']"]


def test_unknown_needs_are_not_spacy() -> None:
    from netlint.nlp import NLP

    assert NLP().available("sentences") is True


@pytest.mark.parametrize("need", ["pos", "lemmas", "parse", "ner"])
def test_spacy_needs_are_known(need: str) -> None:
    from netlint.nlp import COMPONENTS

    assert need in COMPONENTS


def test_pipeline_needs_come_from_enabled_rules_only() -> None:
    from netlint import Linter, load_guide
    from netlint.guide.model import Selection
    from netlint.nlp import COMPONENTS

    spacy_needs = set(COMPONENTS)
    plain = Linter(load_guide("default"), quiet_nlp=True)
    with_pos = Linter(load_guide("default"), selection=Selection(extend_select=("G131",)),
                      quiet_nlp=True)
    assert "G131" not in plain.enabled_codes()
    assert "pos" not in plain.nlp.needs & spacy_needs
    assert "pos" in with_pos.nlp.needs
