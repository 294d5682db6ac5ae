"""What the word tables cost: the serial start of a batch, one cold draft, a batch.

    .venv/bin/python bench/word_tables.py prefork /tmp/f1000 --before /tmp/before
    .venv/bin/python bench/word_tables.py cold --before /tmp/before --runs 15
    .venv/bin/python bench/word_tables.py batch /tmp/f1000/*.txt --before /tmp/before

``prefork`` checks the first 32 drafts in one process as a batch does before its
workers fork (word tables, lexicons and patterns load here) and prints the CPU
and wall time of that; ``cold`` pipes one draft into ``netlint check -``;
``batch`` runs ``netlint check`` on the paths (and prints the peak memory of the
process and of its largest worker). With ``--before TREE`` each run alternates
with the same run of the netlint in the source tree TREE (a git worktree of an
older commit): medians of both and their ratio. Timings on a shared machine are
noisy: compare the interleaved medians, CPU first. CI does not run this.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
DRAFT = "Thanks for reaching out, we recieved your order."
NETLINT = [sys.executable, "-c", "import sys; from netlint.cli import main; sys.exit(main())"]
# Runs a command and reports the peak memory of it and its descendants (workers).
WRAP = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
        "print('MAXRSS', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
        "sys.exit(code)")


def _prefork(paths: list[str], n: int) -> dict[str, float]:
    from netlint import Linter, datacache, load_guide
    from netlint.draft import Draft
    from netlint.readers import ReadOptions, read_paths

    drafts = [d for d in read_paths(paths, ReadOptions()) if isinstance(d, Draft)][:n]
    linter = Linter(load_guide(None))
    if hasattr(datacache, "expect_batch"):  # an older tree: large tables read whole in a batch
        datacache.expect_batch()
    cpu, wall = time.process_time(), time.perf_counter()
    results = list(linter.check_many(drafts))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"cpu_ms": cpu * 1000, "wall_ms": wall * 1000, "drafts": len(results)}


def _run(tree: Path, argv: list[str], stdin: str | None = None) -> dict[str, float]:
    """Run ``argv`` with netlint imported from ``tree``: wall, CPU (its own and its
    children's) and peak memory (the largest of the process and its workers)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAP, *argv], input=stdin, capture_output=True,
                          text=True, env=env, cwd="/tmp", check=False)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{argv} failed in {tree}:\n{done.stderr}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    peak_kb = int(done.stderr.rsplit("MAXRSS", 1)[1])
    figures = {"wall_ms": wall * 1000, "cpu_ms": cpu * 1000, "peak_mb": peak_kb / 1024}
    if argv[1:3] == [__file__, "--one"]:
        figures.update(json.loads(done.stdout))
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("what", choices=("prefork", "cold", "batch"))
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--before", type=Path, help="an older source tree to alternate with")
    ap.add_argument("--now", type=Path, default=HERE, help="the source tree measured (this one)")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("-v", "--verbose", action="store_true", help="print every run's figures")
    ap.add_argument("--drafts", type=int, default=32, help="prefork: drafts checked (32)")
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(_prefork(args.paths, args.drafts)))
        return 0
    if args.what == "prefork":
        command = [sys.executable, __file__, "--one", "prefork", *map(os.path.abspath, args.paths),
                   "--drafts", str(args.drafts)]
        stdin = None
    elif args.what == "cold":
        command, stdin = [*NETLINT, "check", "-"], DRAFT + "\n"
    else:
        command = [*NETLINT, "check", "--format", "concise", "--exit-zero", "--no-cache",
                   *map(os.path.abspath, args.paths)]
        stdin = None
    trees = {"now": args.now, **({"before": args.before} if args.before else {})}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for tree in trees.values():
        _run(tree, command, stdin)  # warm the page cache, bytecode and the table files
    for _ in range(args.runs):
        for name, tree in trees.items():
            runs[name].append(_run(tree, command, stdin))
    keys = [k for k in runs["now"][0] if k != "drafts"]
    for key in keys:
        medians = {name: statistics.median(r[key] for r in rs) for name, rs in runs.items()}
        line = "  ".join(f"{name} {value:8.1f}" for name, value in medians.items())
        if medians.get("before"):
            line += f"  ratio now/before {medians['now'] / medians['before']:.2f}"
        print(f"{args.what} {key:8} median of {args.runs}: {line}")
        if args.verbose:
            for name, rs in runs.items():
                print(f"    {name:6}", " ".join(f"{r[key]:.0f}" for r in rs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
