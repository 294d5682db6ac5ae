"""Compare spelling libraries on real sentences: quality and speed.

Usage: python bench/spelling_compare.py DATA_DIR [--sample N]

DATA_DIR holds ``cweb_dev.jsonl`` and ``jfleg_dev.jsonl``. For each candidate
(pyspellchecker, spylls with its bundled Hunspell en_US, symspellpy with its
bundled frequency list, and netlint's combination) it prints:

- load time (cold, in this process);
- false alarms: lower-case words flagged per 100 clean CWEB sentences;
- recall: share of JFLEG words that JFLEG's own spell-corrected version
  changes (``source`` vs ``source_spellchecked``, same token count) that are
  flagged, and how often the first suggestion is that correction;
- time per known-word lookup and per suggestion.

Only lower-case alphabetic words of three letters or more are judged, as the
spelling rule does (capitalised words are names unless clearly a typo).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

WORD = re.compile(r"^[a-z][a-z']{2,}$")


def words(text: str) -> list[str]:
    return [w for w in text.split() if WORD.match(w)]


def load_data(data_dir: Path, sample: int) -> tuple[list[str], list[tuple[str, str]]]:
    clean = []
    with (data_dir / "cweb_dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if not r["changed_by_any_annotator"]:
                clean.append(r["source"])
    pairs = []
    with (data_dir / "jfleg_dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            a, b = r["source"].split(), r["source_spellchecked"].split()
            if len(a) == len(b):
                pairs.extend((x, y) for x, y in zip(a, b, strict=True) if x != y
                             and WORD.match(x)
                             and y.isalpha())
    return clean[:sample] if sample else clean, pairs


def candidates() -> dict[str, Callable[[], tuple[Callable[[str], bool],
                                                 Callable[[str], str | None]]]]:
    def pyspell():  # type: ignore[no-untyped-def]
        from spellchecker import SpellChecker

        sc = SpellChecker()
        return (lambda w: w in sc), (lambda w: sc.correction(w))

    def spylls():  # type: ignore[no-untyped-def]
        from importlib import resources

        from spylls.hunspell import Dictionary

        d = Dictionary.from_files(str(resources.files("spylls") / "hunspell/data/en/en_US"))
        return d.lookup, (lambda w: next(iter(d.suggest(w)), None))

    def symspell():  # type: ignore[no-untyped-def]
        from importlib import resources

        from symspellpy import SymSpell, Verbosity

        ss = SymSpell(max_dictionary_edit_distance=2)
        ss.load_dictionary(str(resources.files("symspellpy")
                               / "frequency_dictionary_en_82_765.txt"), 0, 1)
        known = ss.words

        def suggest(w: str) -> str | None:
            found = ss.lookup(w, Verbosity.TOP, max_edit_distance=2)
            return found[0].term if found else None
        return (lambda w: w in known), suggest

    def netlint():  # type: ignore[no-untyped-def]
        from netlint.grammar.lexicon import english

        lex = english()
        lex.known("warmup")  # the Hunspell second opinion loads on the first unknown word

        def flag(w: str) -> bool:
            return lex.known(w) or not lex.suggest(w, 1)
        return flag, (lambda w: next(iter(lex.suggest(w, 1)), None))

    return {"pyspellchecker": pyspell, "spylls+hunspell en_US": spylls,
            "symspellpy": symspell, "netlint (pyspellchecker+hunspell)": netlint}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--sample", type=int, default=0, help="clean CWEB sentences to use")
    ap.add_argument("--suggest-sample", type=int, default=60,
                    help="misspellings to time suggestions on (spylls takes ~1 s each)")
    args = ap.parse_args()
    clean, pairs = load_data(args.data_dir, args.sample)
    clean_words = [w for s in clean for w in words(s)]
    print(f"clean CWEB sentences {len(clean)} ({len(clean_words)} words); "
          f"JFLEG misspellings {len(pairs)}")
    for name, make in candidates().items():
        t = time.perf_counter()
        known, suggest = make()
        load = time.perf_counter() - t
        t = time.perf_counter()
        false_alarms = sum(1 for w in clean_words if not known(w))
        per_lookup = (time.perf_counter() - t) / max(1, len(clean_words))
        flagged = [(w, fix) for w, fix in pairs if not known(w)]
        timed = flagged[:args.suggest_sample]
        t = time.perf_counter()
        right = sum(1 for w, fix in timed if suggest(w) == fix)
        per_suggest = (time.perf_counter() - t) / max(1, len(timed))
        print(f"{name:36s} load {load:5.2f} s | false alarms {100 * false_alarms / len(clean):5.2f}"
              f" per 100 sentences | recall {100 * len(flagged) / max(1, len(pairs)):5.1f}% | "
              f"top-1 right {100 * right / max(1, len(timed)):5.1f}% | lookup "
              f"{per_lookup * 1e6:6.1f} us | suggest {per_suggest * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
