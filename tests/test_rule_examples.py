"""Every rule proves itself: its bad examples are flagged, its good ones are not.

A rule without examples fails here, so no rule ships untested.
"""

from __future__ import annotations

import pytest

from netlint import Draft, Linter, load_guide
from netlint.finding import Finding
from netlint.guide.model import Selection
from netlint.nlp import COMPONENTS
from netlint.registry import Registry
from netlint.rule import DOC_SECTIONS, Example, Rule, validate_rule

from .conftest import HAS_MODEL

GUIDE = load_guide("default")
REGISTRY = Registry.for_guide(GUIDE)
ALL_RULES = REGISTRY.sorted()


def _linter_for(rule: Rule, options: dict) -> Linter:  # type: ignore[type-arg]
    return Linter(GUIDE, selection=Selection(select=(rule.code,)), registry=REGISTRY,
                  rule_options={rule.code: options} if options else None, quiet_nlp=True)


def _skip_without_model(rule: Rule) -> None:
    if not HAS_MODEL and any(n in COMPONENTS for n in rule.needs):
        pytest.skip(f"{rule.code} needs a spaCy model")


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_rule_is_declared_properly(rule: Rule) -> None:
    assert validate_rule(rule) == []
    bad, good = rule.examples
    assert bad, f"{rule.code} has no bad examples"
    assert good, f"{rule.code} has no good examples"
    for section in DOC_SECTIONS:
        assert f"## {section}" in rule.doc, f"{rule.code} docs lack '## {section}'"


def _found(rule: Rule, ex: Example) -> list[Finding]:
    linter = _linter_for(rule, dict(ex.options))
    draft = Draft(ex.text, channel=ex.channel, customer=ex.customer,
                  customer_name=ex.customer_name, template=ex.template)
    return [f for f in linter.check(draft) if f.code == rule.code]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_bad_examples_are_flagged(rule: Rule) -> None:
    _skip_without_model(rule)
    for ex in rule.examples[0]:
        assert _found(rule, ex), f"{rule.code} did not flag: {ex.text!r}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_good_examples_pass(rule: Rule) -> None:
    _skip_without_model(rule)
    for ex in rule.examples[1]:
        found = _found(rule, ex)
        assert not found, f"{rule.code} flagged a good example: {found[0].message} in {ex.text!r}"
