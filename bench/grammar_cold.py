"""What the grammar family adds to a cold check of one short draft.

Usage: python bench/grammar_cold.py [RUNS]

Runs `netlint check --no-cache --text DRAFT` as a fresh process RUNS times
(default 7) with the default guide: all rules, then without the grammar
family's rules (G100-G399), and a draft with one typo (which loads the
Hunspell second opinion). Prints median wall time and median CPU time (user +
system of the child: steadier than wall time on a shared machine).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

CLEAN = ("Hi Sam, thanks for waiting. Your parcel left our warehouse today and should "
         "reach you by Friday. Best regards, Tom")
TYPO = CLEAN.replace("warehouse", "warehosue")
OURS = "G100,G110,G111,G120,G130,G131,G132,G140,G141,G150,G160,G161,G162,G300"


def run(args: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env={**os.environ, "NO_COLOR": "1"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    exe = str(Path(sys.executable).parent / "netlint")
    base = [exe, "check", "--no-cache", "--channel", "chat", "--text"]
    cases = {
        "default rules, clean draft": [*base, CLEAN],
        "default rules, one typo": [*base, TYPO],
        "without grammar rules": [*base, CLEAN, "--ignore", OURS],
    }
    print(f"cores: {os.cpu_count()}, runs: {runs}")
    for label, args in cases.items():
        run(args)
        times = [run(args) for _ in range(runs)]
        print(f"{label:28s} wall median {statistics.median(t[0] for t in times) * 1000:7.1f} ms"
              f"   cpu median {statistics.median(t[1] for t in times) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
