"""netlint's emoji matcher against ``emoji.emoji_list``: same answers, and what it costs.

    python bench/emoji_matcher.py DATA_DIR [--before CHECKOUT [--now CHECKOUT]] [--runs N]

DATA_DIR is the folder of the development data (``emoji/emoji-test-17.0.txt``,
``emoji/emoticons.jsonl`` and the ``*/*.jsonl`` sets). It prints:

1. equivalence: ``netlint.emoticons.emoji_spans`` against ``emoji.emoji_list``
   on every sequence of Unicode's emoji-test file (alone, in a sentence, and
   each whole line of the file), on the emoticons list and on every string of
   the dev sets; the mismatches are printed (there should be none);
2. per-call cost (warm, this process) on texts with emoji and without;
3. with ``--before`` (a checkout of netlint before the matcher, e.g. a git
   worktree): the first call in a fresh process (import of
   ``netlint.emoticons`` + the first ``find_emoji`` on a reply with emoji) and a
   cold ``netlint check -`` of one short reply, before and after interleaved,
   medians of ``--runs`` runs (CPU time of the process and wall time).

Run it with ``PYTHONDONTWRITEBYTECODE`` unset so that both checkouts run from
bytecode, as an installed netlint does.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import emoji  # noqa: E402

from netlint.emoticons import emoji_spans, find_emoji  # noqa: E402

REPLY = "Thanks so much! 🎉🙏"


def expected(text: str) -> list[tuple[int, int]]:
    return [(d["match_start"], d["match_end"]) for d in emoji.emoji_list(text)]


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def corpora(data: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    test_file = data / "emoji" / "emoji-test-17.0.txt"
    seqs, lines = [], []
    for line in test_file.read_text(encoding="utf-8").splitlines():
        lines.append(line)
        if line and not line.startswith("#") and ";" in line:
            codes = line.split(";", 1)[0].split()
            seqs.append("".join(chr(int(c, 16)) for c in codes))
    out["emoji-test: sequences alone"] = seqs
    out["emoji-test: sequences in a sentence"] = [f"Done {s}, thanks{s}!" for s in seqs]
    out["emoji-test: whole lines"] = lines
    out["emoji-test: whole file"] = [test_file.read_text(encoding="utf-8")]
    for path in sorted([data / "emoji" / "emoticons.jsonl", *data.glob("*/*.jsonl")]):
        texts: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.extend(strings(json.loads(line)))
        out[str(path.relative_to(data))] = list(dict.fromkeys(texts))
    return out


def equivalence(data: Path) -> list[str]:
    print("== equivalence with emoji.emoji_list")
    with_emoji: list[str] = []
    total_bad = 0
    for name, texts in corpora(data).items():
        bad = [t for t in texts if emoji_spans(t) != expected(t)]
        hits = sum(len(expected(t)) for t in texts)
        with_emoji += [t for t in texts if len(t) < 2000 and expected(t)]
        total_bad += len(bad)
        print(f"{name:42} {len(texts):7} texts {hits:7} emoji  mismatches: {len(bad)}")
        for t in bad[:5]:
            print("   ", ascii(t[:120]))
    print(f"mismatches in all: {total_bad}")
    return with_emoji


def per_call(with_emoji: list[str], data: Path) -> None:
    print("== per call, warm (µs per text, best of 5)")
    support = data / "support_pairs" / "dev.jsonl"
    replies = [json.loads(x)["reply"] for x in support.read_text(encoding="utf-8").splitlines() if x]
    no_emoji = [t for t in replies if not expected(t)]
    non_ascii = [t for t in no_emoji if not t.isascii()]
    wrapped_before = _find_emoji_before
    sets = {
        f"texts with emoji ({len(with_emoji)})": with_emoji,
        f"replies without emoji ({len(no_emoji)})": no_emoji,
        f"  of them not ASCII ({len(non_ascii)})": non_ascii,
    }
    funcs = {"emoji.emoji_list": emoji.emoji_list, "emoji_spans": emoji_spans,
             "find_emoji before": wrapped_before, "find_emoji now": find_emoji}
    for label, texts in sets.items():
        row = []
        for fname, fn in funcs.items():
            best = min(_loop(fn, texts) for _ in range(5))
            row.append(f"{fname} {best / len(texts) * 1e6:7.1f}")
        print(f"{label:34}", " | ".join(row))


_OLD_CHARS = frozenset(ch for seq in emoji.EMOJI_DATA for ch in seq if ord(ch) > 127)


def _find_emoji_before(text: str) -> list[Any]:
    """find_emoji as it was: a set as the pre-check, then the package's emoji_list."""
    from netlint.emoticons import TEXT_SYMBOLS, Emoticon

    if text.isascii():
        return []
    if not any(ch in _OLD_CHARS for ch in text if ord(ch) > 127):
        return []
    out = []
    for item in emoji.emoji_list(text):
        s, e = item["match_start"], item["match_end"]
        chunk = text[s:e]
        out.append(Emoticon(s, e, chunk, "emoji", text_symbol=len(chunk) == 1 and chunk in TEXT_SYMBOLS))
    return out


def _loop(fn: Any, texts: list[str]) -> float:
    t = time.perf_counter()
    for text in texts:
        fn(text)
    return time.perf_counter() - t


FIRST_CALL = f"""
import sys, time
c0, w0 = time.process_time(), time.perf_counter()
from netlint.emoticons import find_emoji
c1, w1 = time.process_time(), time.perf_counter()
found = find_emoji({REPLY!r})
c2, w2 = time.process_time(), time.perf_counter()
assert len(found) == 2, found
print(c1 - c0, c2 - c1, w2 - w1, 'emoji' in sys.modules)
"""


def fresh_processes(before: Path, now: Path, runs: int) -> None:
    print(f"== fresh processes, interleaved, median of {runs} (ms)")
    trees = {"before": before, "now": now}
    first: dict[str, list[tuple[float, ...]]] = {k: [] for k in trees}
    imported: dict[str, set[bool]] = {k: set() for k in trees}
    cli: dict[str, list[tuple[float, float]]] = {k: [] for k in trees}
    netlint = Path(sys.executable).with_name("netlint")
    for _ in range(runs):
        for name, tree in trees.items():
            env = {**os.environ, "PYTHONPATH": str(tree)}
            out = subprocess.run([sys.executable, "-c", FIRST_CALL], cwd="/tmp", env=env,
                                 capture_output=True, text=True, check=True).stdout.split()
            first[name].append(tuple(float(x) * 1e3 for x in out[:3]))
            imported[name].add(out[3] == "True")
            r0, w0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
            subprocess.run([str(netlint), "check", "-"], input=REPLY + "\n", cwd="/tmp", env=env,
                           capture_output=True, text=True, check=False)
            w1, r1 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
            cli[name].append((cpu * 1e3, (w1 - w0) * 1e3))
    for name in trees:
        imp, call, wall = (statistics.median(x[i] for x in first[name]) for i in range(3))
        print(f"{name:7} import netlint.emoticons {imp:6.1f} CPU | first find_emoji {call:6.1f} CPU"
              f" {wall:6.1f} wall | emoji imported: {sorted(imported[name])}")
    for name in trees:
        cpu, wall = (statistics.median(x[i] for x in cli[name]) for i in range(2))
        print(f"{name:7} echo {REPLY!r} | netlint check -   {cpu:6.1f} CPU {wall:6.1f} wall")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--before", type=Path)
    ap.add_argument("--now", type=Path, default=REPO,
                    help="the checkout to compare with --before (default: this one)")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    with_emoji = equivalence(args.data)
    per_call(with_emoji, args.data)
    if args.before:
        fresh_processes(args.before, args.now, args.runs)


if __name__ == "__main__":
    main()
