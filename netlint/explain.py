"""``netlint explain``: a rule's own documentation, with its identity and examples."""

from __future__ import annotations

from .rule import Rule


def explain_text(rule: Rule) -> str:
    lines = [f"{rule.code} {rule.name}", "",
             f"Category: {rule.category}    Default severity: {rule.severity.value}    "
             f"Fixable: {'yes' if rule.fixable else 'no'}    Source: {rule.source}", ""]
    doc = rule.doc.strip()
    lines.append(doc if doc else "(no documentation)")
    bad, good = rule.examples
    if bad or good:
        lines.append("")
        lines.append("## Examples from the rule's tests")
        lines.extend(f"  flagged:  {_short(e.text)}" for e in bad[:3])
        lines.extend(f"  accepted: {_short(e.text)}" for e in good[:3])
    if rule.defaults:
        lines.append("")
        lines.append("## Options (set under rules.<code>.options in the guide)")
        lines.extend(f"  {k}: {v!r}" for k, v in rule.defaults.items())
    return "\n".join(lines) + "\n"


def _short(text: str, width: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
