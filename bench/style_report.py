"""Style rules over real support replies: findings per 100 replies, and samples to check by hand.

    .venv/bin/python bench/style_report.py ../shared/data/support_pairs/dev.jsonl
    .venv/bin/python bench/style_report.py DATA --sample 30 --seed 1   # findings to read

Runs the default guide (brevity, netiquette and emoticons rules unless
``--select`` says otherwise) over every reply of a JSONL file with fields
``reply``, ``customer``, ``channel`` and ``id``. Twitter replies are checked as
the ``social`` channel. The data stays outside the repository: the path is an
argument.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from netlint import Draft, Linter, load_guide
from netlint.draft import CHANNELS
from netlint.finding import Finding
from netlint.guide.model import Selection

CHANNEL_ALIASES = {"twitter": "social", "facebook": "social", "instagram": "social",
                   "web": "chat", "livechat": "chat", "mail": "email", "text": "sms"}


def read_drafts(path: Path, force_channel: str | None = None) -> list[Draft]:
    drafts = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if not line.strip():
                continue
            rec = json.loads(line)
            channel = str(rec.get("channel") or "social").lower()
            channel = CHANNEL_ALIASES.get(channel, channel)
            if channel not in CHANNELS:
                channel = "social"
            channel = force_channel or channel
            drafts.append(Draft(text=rec["reply"], customer=rec.get("customer"), channel=channel,
                                id=str(rec.get("id", i)), record=str(i), path=path.name))
    return drafts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="JSONL file of replies (e.g. support_pairs/dev.jsonl)")
    ap.add_argument("--select", default="B1,N1,E1",
                    help="rule codes/prefixes (default: B1,N1,E1, the style rules)")
    ap.add_argument("--sample", type=int, default=0,
                    help="print N random findings per family (brevity, netiquette, emoticons)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rule", default=None, help="print every finding of this rule code")
    ap.add_argument("--channel", choices=CHANNELS, default=None,
                    help="check every reply as this channel (e.g. email, to exercise the "
                         "e-mail policies on the same texts)")
    args = ap.parse_args(argv)

    drafts = read_drafts(args.data, args.channel)
    select = tuple(s.strip() for s in args.select.split(",") if s.strip())
    linter = Linter(load_guide("default"), selection=Selection(select=select), quiet_nlp=True)
    t0 = time.perf_counter()
    per_rule: Counter[str] = Counter()
    names: dict[str, str] = {}
    by_family: dict[str, list[tuple[Draft, Finding]]] = defaultdict(list)
    errors = 0
    for draft in drafts:
        for f in linter.check(draft):
            if f.message.startswith("internal error"):
                errors += 1
                print(f"INTERNAL ERROR {draft.id}: {f.message}", file=sys.stderr)
                continue
            per_rule[f.code] += 1
            names[f.code] = f.name
            by_family[f.category].append((draft, f))
    elapsed = time.perf_counter() - t0

    n = len(drafts)
    channels = Counter(d.channel for d in drafts)
    print(f"{n} replies ({', '.join(f'{c} {k}' for k, c in channels.most_common())}) "
          f"checked in {elapsed:.1f}s; internal errors: {errors}")
    print(f"{'code':<6} {'name':<28} {'findings':>8} {'per 100':>8}")
    for code in sorted(set(per_rule) | {r.code for r in linter.active_rules("social")}):
        count = per_rule.get(code, 0)
        name = names.get(code) or linter.registry.rules[code].name
        print(f"{code:<6} {name:<28} {count:>8} {100 * count / n:>8.1f}")
    for family, items in sorted(by_family.items()):
        print(f"{family}: {len(items)} findings, {100 * len(items) / n:.1f} per 100 replies")

    if args.sample or args.rule:
        rng = random.Random(args.seed)
        for family, items in sorted(by_family.items()):
            chosen = ([x for x in items if x[1].code == args.rule] if args.rule
                      else rng.sample(items, min(args.sample, len(items))))
            if not chosen:
                continue
            print(f"\n=== {family}: {len(chosen)} findings ===")
            for draft, f in chosen:
                span = draft.text[f.text_start:f.text_end]
                print(f"- {f.code} {f.name} [{draft.id}] {span[:80]!r}\n    {f.message}\n"
                      f"    reply: {draft.text[:300]!r}")
                if f.code.startswith("E1") and draft.customer:
                    print(f"    customer: {draft.customer[:200]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
