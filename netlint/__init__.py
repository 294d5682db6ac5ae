"""netlint: a writing-quality linter for customer-service replies.

Library API::

    from netlint import Draft, Linter, load_guide
    linter = Linter(load_guide("default"))
    for finding in linter.check(Draft("hi can u help??", channel="chat")):
        print(finding.code, finding.message)
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .draft import Draft
    from .engine import DraftResult, Linter
    from .finding import Edit, Finding, Fix, Hit, Severity
    from .guide.loader import load_guide
    from .rule import Context, Example, Rule

# Imported on first use, so that `import netlint.cli` (and a CI rerun served from
# the cache) does not pay for the engine, the rules and their regexes.
_LAZY = {
    "Draft": "draft", "DraftResult": "engine", "Linter": "engine", "Edit": "finding",
    "Finding": "finding", "Fix": "finding", "Hit": "finding", "Severity": "finding",
    "load_guide": "guide.loader", "Context": "rule", "Example": "rule", "Rule": "rule",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Context",
    "Draft",
    "DraftResult",
    "Edit",
    "Example",
    "Finding",
    "Fix",
    "Hit",
    "Linter",
    "Rule",
    "Severity",
    "__version__",
    "load_guide",
]
