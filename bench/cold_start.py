"""Cold-start time of one short draft, as an agent pasting a draft would see it.

Usage: python bench/cold_start.py [RUNS]

Runs `netlint check --text ...` as a fresh process RUNS times (default 10) with
the default guide and prints the median and best wall time, and whether spaCy
was imported. CI does not run this; the figures go in the closing notes.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

DRAFT = ("Hi Sam, thanks for waiting. Your parcel left our warehouse today and should "
         "reach you by Friday. Best regards, Tom")


def netlint_bin() -> str:
    return str(Path(sys.executable).parent / "netlint")


def time_once(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env={**os.environ, "NO_COLOR": "1"})
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    cases = {
        "default guide, full format": [netlint_bin(), "check", "--channel", "chat",
                                       "--text", DRAFT],
        "default guide, concise": [netlint_bin(), "check", "--channel", "chat",
                                   "--format", "concise", "--text", DRAFT],
        "python -c pass (floor)": [sys.executable, "-c", "pass"],
    }
    print(f"cores: {os.cpu_count()}, runs: {runs}")
    for label, args in cases.items():
        time_once(args)  # warm the OS file cache
        times = [time_once(args) for _ in range(runs)]
        print(f"{label:32s} median {statistics.median(times) * 1000:7.1f} ms   "
              f"best {min(times) * 1000:7.1f} ms")
    probe = subprocess.run(
        [sys.executable, "-c",
         "import sys\nfrom netlint.cli import main\n"
         f"sys.argv=['netlint','check','--channel','chat','--text',{DRAFT!r}]\n"
         "try:\n    main()\nexcept SystemExit:\n    pass\n"
         "print('SPACY_IMPORTED', 'spacy' in sys.modules, file=sys.stderr)"],
        capture_output=True, text=True, check=False)
    line = [ln for ln in probe.stderr.splitlines() if ln.startswith("SPACY_IMPORTED")]
    print("spaCy imported on the default path:", line[0].split()[-1] if line else "unknown")


if __name__ == "__main__":
    main()
