"""Where a batch check spends its time: milliseconds per rule, over real drafts.

    .venv/bin/python bench/rule_times.py ../shared/data/support_pairs/dev.jsonl [--guide NAME] [--top 25]

Reads the file as ``netlint check`` does (JSONL/CSV records, folders, text files),
checks every draft once to warm caches and load word lists, then checks them again
timing each rule's ``check`` call. An analysis shared by several rules (sentences,
the customer's questions) is memoised on the draft: its cost is charged to the first
rule that asks for it. Prints total ms per rule, ms per 1,000 drafts, findings, and
the share of the whole. CI does not run this.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from netlint import Linter, load_guide
from netlint.document import Document
from netlint.draft import Draft
from netlint.readers import ReadOptions, read_paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--guide", default=None, help="guide file or built-in name (default: default)")
    ap.add_argument("--top", type=int, default=25, help="rules to list (default 25)")
    args = ap.parse_args(argv)

    drafts = [d for d in read_paths([str(p) for p in args.paths], ReadOptions()) if isinstance(d, Draft)]
    linter = Linter(load_guide(args.guide) if args.guide else load_guide(None))
    t0 = time.perf_counter()
    for d in drafts:  # warm: word lists, lexicons, compiled patterns
        linter.check(d)
    warm_first = time.perf_counter() - t0

    spent: dict[str, float] = defaultdict(float)
    hits: dict[str, int] = defaultdict(int)
    clock = time.perf_counter
    t0 = clock()
    for d in drafts:
        plan = linter._plan(d.channel or linter.guide.default_channel, d.path)
        doc = Document(d, linter.guide, linter.nlp)
        for rule, ctx in plan.rules:
            s = clock()
            n = len(list(rule.check(doc, ctx)))
            spent[rule.code] += clock() - s
            hits[rule.code] += n
    total = clock() - t0
    ruled = sum(spent.values())
    n = len(drafts)
    print(f"{n} drafts; first pass {warm_first:.2f} s (loads included), second pass {total:.2f} s "
          f"= {n / total:.0f} drafts/s on one core ({total / n * 1000:.2f} ms a draft, "
          f"{ruled / n * 1000:.2f} ms in rules)")
    print(f"{'rule':6} {'ms total':>9} {'ms/1k':>8} {'share':>6} {'found':>6}")
    for code, secs in sorted(spent.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"{code:6} {secs * 1000:9.1f} {secs / n * 1e6:8.1f} {secs / ruled:6.1%} {hits[code]:6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
