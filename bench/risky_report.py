"""Every risky-statement (R) and sensitive-data (P) finding on a set of real replies.

Usage: python bench/risky_report.py DATA.jsonl [--guide default] [--all] [--model]

DATA is a JSONL file of support pairs (fields ``id``, ``reply``, ``customer``,
``channel``), e.g. ../shared/data/support_pairs/dev.jsonl. The script runs the
guide over every reply and prints each error-severity finding of the R and P
families (``--all``: warnings and info too) with its sentence, so that each can
be judged by hand; then a count per rule. ``--model`` adds a rule-free parser
so that the negation check also uses spaCy's dependency parse.

Findings are printed masked (the engine masks card numbers, IBANs and SSNs),
so the report itself never repeats a secret.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from netlint import Draft, Linter, load_guide
from netlint.document import Document
from netlint.finding import Severity
from netlint.guide.model import Selection
from netlint.negation import sentence_at
from netlint.nlp import NLP
from netlint.redact import redact

CHANNELS = {"twitter": "social", "facebook": "social", "chat": "chat", "email": "email",
            "sms": "sms"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--guide", default="default")
    ap.add_argument("--all", action="store_true", help="warnings and info too")
    ap.add_argument("--field", default="reply",
                    help="the field to lint (default reply; 'customer' stress-tests the rules "
                         "on text nobody edited for policy)")
    ap.add_argument("--model", action="store_true",
                    help="give the negation check a dependency parse (needs a spaCy model)")
    args = ap.parse_args()

    guide = load_guide(args.guide)
    linter = Linter(guide, selection=Selection(select=("R1", "P1")), quiet_nlp=True)
    if args.model:
        linter._nlp = NLP(model=guide.nlp_model, needs=frozenset({"parse"}), quiet=True)
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    counts: Counter[str] = Counter()
    shown = 0
    start = time.perf_counter()
    for i, row in enumerate(rows):
        channel = CHANNELS.get(str(row.get("channel", "")).lower())
        text = row.get(args.field)
        if not isinstance(text, str) or not text.strip():
            continue
        draft = Draft(text, path=str(args.data), record=str(i + 1), id=row.get("id"),
                      channel=channel, customer=row.get("customer"))
        findings = linter.check(draft)
        doc = Document(draft, guide)
        for f in findings:
            counts[f"{f.code} {f.name} ({f.severity.value})"] += 1
            if f.severity is not Severity.ERROR and not args.all:
                continue
            shown += 1
            sent = sentence_at(doc, f.text_start)
            print(f"[{shown}] {row.get('id')} {f.code} {f.name}: {f.message}")
            print(f"    sentence: {redact(sent.text)!r}")
    elapsed = time.perf_counter() - start
    print()
    print(f"{len(rows)} replies, {elapsed:.2f} s; findings of the R and P families:")
    for key, n in sorted(counts.items()):
        print(f"  {n:4d}  {key}")
    print(f"  {sum(counts.values()):4d}  total; {shown} printed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
