"""netlint: a writing-quality linter for customer-service replies.

Library API::

    from netlint import Draft, Linter, load_guide
    linter = Linter(load_guide("default"))
    for finding in linter.check(Draft("hi can u help??", channel="chat")):
        print(finding.code, finding.message)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .draft import Draft
from .engine import DraftResult, Linter
from .finding import Edit, Finding, Fix, Hit, Severity
from .guide.loader import load_guide
from .rule import Context, Example, Rule

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
