"""Checking 1,000 template files cold and with a warm cache.

Usage: python bench/template_cache.py [N_FILES] [WARM_RUNS]

Writes N_FILES (default 1000) generated canned replies (Liquid, Help Scout,
osTicket and bracket placeholders; some with TODO / XXX left in) to a temporary
folder, then times ``netlint check --template DIR --format concise`` as a fresh
process: once with an empty cache (cold), then WARM_RUNS times (default 5) with
the cache filled by the cold run. The cache lives in the temporary folder
(NETLINT_CACHE_DIR). Also prints the floor: starting Python and importing the CLI.
CI does not run this; the figures go in the closing notes.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GREETINGS = ("Hi {{ticket.requester.first_name}},", "Dear [Customer Name],",
             "Hello %{ticket.name.first},", "Hi {%customer.firstName,fallback=there%},",
             "Hi {{ customer.first_name | default: \"there\" }},")
SENTENCES = (
    "Thanks for reaching out about order {{ticket.id}}.",
    "Your refund has been issued and should reach your account within five working days.",
    "We are sorry for the delay; the parcel left our warehouse this morning.",
    "You can reset your password from the sign-in page by choosing Forgot password.",
    "Our team has looked into the issue and a fix is planned for the next release.",
    "If anything is still unclear, reply to this e-mail and we will help.",
    "The tracking link is [tracking link].",
    "TODO add the returns policy link.",
    "It looks like a question about usage because XXX",
)
SIGNOFFS = ("Best regards,\n{{current_user.name}}", "Kind regards,\n%{signature}",
            "Thanks,\n[Your name]")


def generate(folder: Path, n: int) -> None:
    rng = random.Random(7)
    for i in range(n):
        body = " ".join(rng.sample(SENTENCES, 3))
        text = f"{rng.choice(GREETINGS)}\n\n{body}\n\n{rng.choice(SIGNOFFS)}\n"
        (folder / f"macro-{i:04d}.md").write_text(text, encoding="utf-8")


def timed(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    return time.perf_counter() - start, proc.stdout


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 1000
    warm_runs = int(argv[1]) if len(argv) > 1 else 5
    netlint = str(Path(sys.executable).parent / "netlint")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "macros"
        folder.mkdir()
        generate(folder, n)
        env = {**os.environ, "NO_COLOR": "1", "NETLINT_CACHE_DIR": str(Path(tmp) / "cache")}
        # As after `pip install`: Python's own bytecode cache is on (kept out of the repo).
        env_pyc = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env_pyc["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        args = [netlint, "check", "--template", str(folder), "--format", "concise", "-q"]
        cold, cold_out = timed(args, env)
        entries = sum(1 for _ in (Path(tmp) / "cache").rglob("*.json"))
        print(f"files: {n}  findings lines: {cold_out.count(chr(10))}  "
              f"cache entries after the cold run: {entries}  cores: {os.cpu_count()}  "
              f"load average: {os.getloadavg()[0]:.1f}")
        print(f"cold (empty cache):  {cold:7.2f} s")
        for label, e in (("warm", env), ("warm, bytecode cached", env_pyc)):
            timed(args, e)  # let the bytecode cache fill
            floor = min(timed([sys.executable, "-c", "import netlint.cli"], e)[0]
                        for _ in range(3))
            warm = []
            same = True
            for _ in range(warm_runs):
                t, out = timed(args, e)
                warm.append(t)
                same = same and out == cold_out
            print(f"{label:22s} {warm_runs} runs: median {statistics.median(warm):6.3f} s  "
                  f"best {min(warm):6.3f} s  output identical to cold: {same}  "
                  f"(floor: python + import netlint.cli {floor:5.3f} s)")
        recomputed = sum(1 for _ in (Path(tmp) / "cache").rglob("*.json")) - entries
        if recomputed:
            print(f"note: {recomputed} entries were written after the cold run: netlint's own "
                  "files changed during the bench (the cache key covers them)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
