"""SARIF 2.1.0: for GitHub code scanning and other SARIF viewers.

One run; each rule that produced a finding is described once under
``tool.driver.rules`` and results point at it by ``ruleId`` and ``ruleIndex``.
Files that could not be read become error notifications of the invocation.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..finding import Finding, Severity
from . import RenderOptions

if TYPE_CHECKING:
    from ..engine import DraftResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/netlint/netlint"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def uri(path: str) -> str:
    """A relative URI reference for a path as the user gave it."""
    return quote(PurePath(path).as_posix(), safe="/:@!$&'()*+,;=-._~")


def _rule(f: Finding) -> dict[str, Any]:
    return {
        "id": f.code,
        "name": f.name,
        "shortDescription": {"text": f.name.replace("-", " ")},
        "help": {"text": f"Run 'netlint explain {f.code}' for what the rule checks and why."},
        "defaultConfiguration": {"level": LEVELS[f.severity]},
        "properties": {"category": f.category},
    }


def _fixes(f: Finding) -> list[dict[str, Any]]:
    # Edits are draft offsets; they map onto the file only when each draft
    # character is one file character (not inside a JSONL/CSV record).
    if f.record is not None:
        return []
    out = []
    for fix in f.fixes:
        out.append({
            "description": {"text": fix.message},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri(f.path)},
                "replacements": [{
                    "deletedRegion": {"charOffset": f.offset + (e.start - f.text_start),
                                      "charLength": e.end - e.start},
                    "insertedContent": {"text": e.replacement},
                } for e in fix.edits],
            }],
        })
    return out


def _result(f: Finding, index: int) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": f.line, "startColumn": f.column,
        "endLine": f.end_line, "endColumn": max(f.end_column, 1),
        "charOffset": f.offset, "charLength": f.length,
    }
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(f.path)}, "region": region}
    if f.excerpt:  # the line around the finding (masked where it holds secrets)
        physical["contextRegion"] = {"startLine": f.line, "snippet": {"text": f.excerpt}}
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": physical}],
    }
    fixes = _fixes(f)
    if fixes:
        result["fixes"] = fixes
    props = {k: v for k, v in (("record", f.record), ("draftId", f.draft_id)) if v is not None}
    if props:
        result["properties"] = props
    return result


def render(results: Sequence[DraftResult], options: RenderOptions) -> str:
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    out: list[dict[str, Any]] = []
    for r in results:
        for f in r.findings:
            if f.code not in index:
                index[f.code] = len(rules)
                rules.append(_rule(f))
            out.append(_result(f, index[f.code]))
    errors = [{"level": "error", "message": {"text": r.error or "unreadable"},
               "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(r.path)}}}]}
              for r in results if not r.ok]
    driver: dict[str, Any] = {"name": "netlint", "informationUri": INFORMATION_URI,
                              "rules": rules}
    if options.tool_version:
        driver["version"] = options.tool_version
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [{"executionSuccessful": not errors,
                             "toolExecutionNotifications": errors}],
            "columnKind": "unicodeCodePoints",
            "results": out,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
