"""How precise and how useful the grammar and spelling rules are, on real sentences.

Usage:
    python bench/grammar_eval.py DATA_DIR [--backend builtin|harper] [--no-model]
                                 [--limit N] [--show N]

DATA_DIR holds ``cweb_dev.jsonl`` and ``jfleg_dev.jsonl`` (e.g.
../shared/data/grammar). Prints:

- CWEB, sentences no annotator changed: grammar/spelling findings per 100
  sentences (false alarms: the text is clean);
- JFLEG, sentences with errors (no reference equals the source): the share
  with at least one finding, and the same share on their references;
- throughput in sentences per second, with the spaCy-backed rule (G131) and
  without it (as on a machine without a model).

Each sentence is one chat draft (chat does not require a final full stop or a
greeting); only grammar-category findings count (codes G100-G399).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

from netlint import Draft, Linter
from netlint.guide.model import Guide, Selection
from netlint.registry import Registry
from netlint.rule import Rule


def load(path: Path) -> list[dict]:  # type: ignore[type-arg]
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def grammar_registry() -> Registry:
    """Only the grammar family's rules (other families do not count here)."""
    from netlint.rules import grammar, grammar_engine, spelling

    rules = [obj() for mod in (grammar, grammar_engine, spelling) for obj in vars(mod).values()
             if isinstance(obj, type) and issubclass(obj, Rule) and obj.__module__ == mod.__name__
             and obj.code]
    return Registry({r.code: r for r in rules})


def make_linter(backend: str, model: bool) -> Linter:
    # A bare guide: the family's rules with their defaults, nothing else.
    guide = Guide({"name": "grammar eval", "default-channel": "chat"})
    ignore = () if model else ("G131",)
    return Linter(guide, selection=Selection(select=("G1", "G3"), ignore=ignore),
                  registry=grammar_registry(),
                  rule_options={"G300": {"backend": backend}}, quiet_nlp=True)


def count(linter: Linter, texts: list[str]) -> tuple[list[int], collections.Counter[str], float,
                                                       list[tuple[str, str, str]]]:
    per_text: list[int] = []
    by_code: collections.Counter[str] = collections.Counter()
    examples: list[tuple[str, str, str]] = []
    start = time.perf_counter()
    for text in texts:
        found = [f for f in linter.check(Draft(text, channel="chat"))
                 if f.category == "grammar" and "G100" <= f.code <= "G399"]
        per_text.append(len(found))
        for f in found:
            by_code[f.code] += 1
            examples.append((f.code, text[f.text_start:f.text_end], f.message))
    return per_text, by_code, time.perf_counter() - start, examples


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--backend", default="builtin", choices=("builtin", "harper"))
    ap.add_argument("--no-model", action="store_true", help="only the no-model run")
    ap.add_argument("--limit", type=int, default=0, help="at most N sentences per set")
    ap.add_argument("--show", type=int, default=0, help="print N false alarms on clean CWEB")
    args = ap.parse_args()

    cweb = [r["source"] for r in load(args.data_dir / "cweb_dev.jsonl")
            if not r["changed_by_any_annotator"]]
    jfleg = [r for r in load(args.data_dir / "jfleg_dev.jsonl")
             if r["source_detok"] not in r["references_detok"]]
    if args.limit:
        cweb, jfleg = cweb[:args.limit], jfleg[:args.limit]
    sources = [r["source_detok"] for r in jfleg]
    refs = [ref for r in jfleg for ref in r["references_detok"]]

    print(f"backend: {args.backend}")
    runs = [False] if args.no_model else [False, True]
    for model in runs:
        linter = make_linter(args.backend, model)
        label = "with spaCy model (G131 on)" if model else "without spaCy model"
        if model and not linter.nlp.available("pos"):
            print(f"\n== {label}: no model installed, skipped")
            continue
        linter.check(Draft("Warm up the engine and the word list.", channel="chat"))
        print(f"\n== {label}")
        per, codes, secs, examples = count(linter, cweb)
        print(f"CWEB clean sentences: {len(cweb)}; findings {sum(per)} = "
              f"{100 * sum(per) / max(1, len(cweb)):.2f} per 100 sentences; sentences flagged "
              f"{sum(1 for n in per if n)} ({100 * sum(1 for n in per if n) / max(1, len(cweb)):.1f}%)")
        print("  by rule:", dict(codes.most_common()))
        total_n, total_s = len(cweb), secs
        for code, span, msg in examples[:args.show]:
            print(f"  {code} {span!r}: {msg}")
        per_src, codes_src, secs, _ = count(linter, sources)
        hit = sum(1 for n in per_src if n)
        print(f"JFLEG sentences with errors: {len(sources)}; with >= 1 finding: {hit} "
              f"({100 * hit / max(1, len(sources)):.1f}%)")
        print("  by rule:", dict(codes_src.most_common()))
        total_n, total_s = total_n + len(sources), total_s + secs
        per_ref, codes_ref, secs, _ = count(linter, refs)
        hit = sum(1 for n in per_ref if n)
        print(f"JFLEG references (corrected): {len(refs)}; with >= 1 finding: {hit} "
              f"({100 * hit / max(1, len(refs)):.1f}%)")
        print("  by rule:", dict(codes_ref.most_common()))
        total_n, total_s = total_n + len(refs), total_s + secs
        print(f"throughput: {total_n / total_s:.0f} sentences/s ({total_n} sentences, "
              f"{total_s:.1f} s, one draft at a time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
