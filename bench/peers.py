"""netlint against peer prose linters, on the same texts, in one run.

Usage:
    bash ../shared/bench/peers-setup.sh        # once: proselint, write-good, alex, textlint,
                                               # harper.js into /tmp/peers
    .venv/bin/python bench/peers.py DATA.jsonl [--big 100000] [--runs 5] [--peers /tmp/peers/bin]

DATA.jsonl holds real replies (field ``reply``, optional ``customer`` and ``channel``),
e.g. ../shared/data/support_pairs/dev.jsonl. Nothing is copied into the repository: the
texts are written to a temporary folder for the run.

It measures, and prints with ratios and the machine's core count:

1. one short draft, cold process (median of ``--runs``), netlint with the default
   guide and each peer on a one-line file; and whether netlint imported spaCy;
2. the same draft through a warm ``netlint serve`` (request latency, keep-alive), and
   a whole ``netlint check --server`` process;
3. every reply of DATA (netlint reads the JSONL; peers get one file per reply), and
   netlint's peak memory from a separate run;
4. 1,000 short files (the first 1,000 replies as .txt files), every tool in one process;
   3 and 4 take the median of ``--batch-runs`` runs of each tool, timed without
   polling memory (reading /proc every 50 ms takes CPU from the tool being timed);
5. generated JSONL batches (``--scale``, default 10,000 and ``--big``) for netlint:
   drafts/s and the peak memory of the whole process tree (workers included).

CI does not run this; the figures go in the closing notes. Linux only (peak memory
is read from /proc).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

DRAFT = ("Hi Sam, thanks for waiting. Your parcel left our warehouse today and should "
         "reach you by Friday. Best regards, Tom")
PEERS = ("proselint", "write-good", "alex", "textlint", "harper-js")
NETLINT = str(Path(sys.executable).parent / "netlint")
# As installed (pip writes bytecode): this environment may set PYTHONDONTWRITEBYTECODE,
# which makes every process compile netlint's sources again. Bytecode goes to /tmp.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "NO_COLOR": "1", "PYTHONPYCACHEPREFIX": os.path.join(tempfile.gettempdir(),
                                                            "netlint-bench-pycache")}


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# -- measuring ------------------------------------------------------------------------


def _tree_rss(root: int) -> int:
    """Memory of ``root`` and all its descendants (proportional set size), in bytes."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree = {root}
    changed = True
    while changed:
        changed = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                changed = True
    total = 0
    for pid in tree:
        # PSS: pages shared by forked workers count once in total, not once each.
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                total += next(int(ln.split()[1]) * 1024 for ln in fh if ln.startswith("Pss:"))
            continue
        except (OSError, StopIteration, ValueError):
            pass
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total


def run(args: list[str], *, stdout: int | None = subprocess.DEVNULL, memory: bool = False,
        env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """Wall time (s), peak tree RSS (bytes, when ``memory``), exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=stdout, stderr=subprocess.DEVNULL, env=env or ENV)
    peak = 0
    if memory:
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)
    proc.wait()
    return time.perf_counter() - start, peak, proc.returncode


def peer_cmd(peers: Path, tool: str, files: list[str]) -> list[str]:
    exe = str(peers / tool)
    return [exe, "check", *files] if tool == "proselint" else [exe, *files]


def median_run(args: list[str], runs: int) -> float:
    run(args)  # warm the OS file cache
    return statistics.median(run(args)[0] for _ in range(runs))


def batch_time(args: list[str], runs: int) -> float:
    """Median wall time of ``runs`` runs, without memory polling: reading /proc every
    50 ms for the peak takes CPU from the tool being timed."""
    return statistics.median(run(args)[0] for _ in range(runs))


# -- data -------------------------------------------------------------------------------


def load_rows(path: Path) -> list[dict[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if isinstance(rec.get("reply"), str):
                    rows.append(rec)
    return rows


def write_files(rows: list[dict[str, str]], folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, rec in enumerate(rows):
        p = folder / f"r{i:05d}.txt"
        p.write_text(rec["reply"] + "\n", encoding="utf-8")
        paths.append(str(p))
    return paths


def generate(rows: list[dict[str, str]], n: int, path: Path, seed: int = 7) -> Path:
    """``n`` drafts made by recombining the sentences of real replies (with their
    customers' messages), so that the texts vary like real ones do."""
    rnd = random.Random(seed)
    sents = [s for r in rows for s in re.split(r"(?<=[.!?])\s+", r["reply"]) if s.strip()]
    customers = [r.get("customer") or "" for r in rows]
    channels = ("chat", "email", "social")
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            k = rnd.choice((1, 2, 2, 3, 3, 4, 6))
            reply = " ".join(rnd.choice(sents) for _ in range(k))
            rec = {"id": f"g{i}", "reply": reply, "channel": channels[i % 3]}
            if i % 2:
                rec["customer"] = rnd.choice(customers)
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


# -- warm server --------------------------------------------------------------------------


def server_latency(requests: int) -> tuple[float, float, float, float]:
    """(ready s, median ms, p95 ms, median ``check --server`` process s)."""
    start = time.perf_counter()
    proc = subprocess.Popen([NETLINT, "serve", "--port", "0"], stderr=subprocess.PIPE,
                            text=True, env=ENV)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        m = re.search(r"http://([\d.]+):(\d+)", line)
        if not m:
            raise RuntimeError(f"netlint serve did not start: {line}")
        ready = time.perf_counter() - start
        threading.Thread(target=proc.stderr.read, daemon=True).start()
        conn = http.client.HTTPConnection(m.group(1), int(m.group(2)), timeout=60)
        body = json.dumps({"text": DRAFT, "channel": "chat"}).encode()
        times = []
        for i in range(requests + 5):
            t = time.perf_counter()
            conn.request("POST", "/v1/check", body=body)
            conn.getresponse().read()
            if i >= 5:
                times.append((time.perf_counter() - t) * 1000)
        conn.close()
        url = f"http://{m.group(1)}:{m.group(2)}"
        client = median_run([NETLINT, "check", "--server", url, "--channel", "chat",
                             "--text", DRAFT], 5)
        times.sort()
        return ready, statistics.median(times), times[int(len(times) * 0.95) - 1], client
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# -- report ---------------------------------------------------------------------------------


def line(label: str, value: str, note: str = "") -> None:
    print(f"  {label:38s} {value:>14s}  {note}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path, help="JSONL of real replies (field 'reply')")
    ap.add_argument("--peers", type=Path, default=Path("/tmp/peers/bin"))
    ap.add_argument("--runs", type=int, default=5, help="cold runs per tool (median)")
    ap.add_argument("--batch-runs", type=int, default=3,
                    help="runs per tool of the replies and files batches (median)")
    ap.add_argument("--scale", type=int, nargs="*", default=[10_000],
                    help="generated batch sizes measured before --big")
    ap.add_argument("--big", type=int, default=100_000, help="largest generated batch")
    ap.add_argument("--jobs", type=int, default=0, help="netlint --jobs (0: default)")
    ap.add_argument("--requests", type=int, default=200, help="warm-server requests")
    ap.add_argument("--scale-args", default="",
                    help="extra netlint options for part 5, e.g. '--select B101,N100' to "
                         "measure the batch machinery apart from the rules' own cost")
    ap.add_argument("--skip", nargs="*", default=[],
                    help="parts to skip: cold server replies files scale")
    args = ap.parse_args()

    peers = [t for t in PEERS if (args.peers / t).exists()]
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    rows = load_rows(args.data)
    tmp = Path(tempfile.mkdtemp(prefix="netlint-bench-"))
    print(f"netlint benchmark: {cores()} cores, load average "
          f"{os.getloadavg()[0]:.2f}, Python {sys.version.split()[0]}, "
          f"peers: {', '.join(peers) or 'none (run peers-setup.sh)'}")
    try:
        if "cold" not in args.skip:
            print(f"\n1. One short draft, cold process (median of {args.runs})")
            one = tmp / "one.txt"
            one.write_text(DRAFT + "\n", encoding="utf-8")
            ours = median_run([NETLINT, "check", "--channel", "chat", "--text", DRAFT],
                              args.runs)
            line("netlint (default guide)", f"{ours:.3f} s", "target <= 0.6 s")
            nocache = statistics.median(run(
                [NETLINT, "check", "--channel", "chat", "--text", DRAFT],
                env={**ENV, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": ""})[0]
                for _ in range(args.runs))
            line("netlint, no bytecode cache", f"{nocache:.3f} s", "(PYTHONDONTWRITEBYTECODE=1)")
            floor = median_run([sys.executable, "-c", "pass"], args.runs)
            line("python -c pass (floor)", f"{floor:.3f} s")
            probe = subprocess.run(
                [sys.executable, "-c",
                 "import sys\nfrom netlint.cli import main\n"
                 f"sys.argv=['netlint','check','--channel','chat','--text',{DRAFT!r}]\n"
                 "try:\n    main()\nexcept SystemExit:\n    pass\n"
                 "print('SPACY', 'spacy' in sys.modules, file=sys.stderr)"],
                capture_output=True, text=True, check=False, env=ENV)
            imported = "SPACY True" in probe.stderr
            line("spaCy imported on this path", "yes" if imported else "no")
            for tool in peers:
                t = median_run(peer_cmd(args.peers, tool, [str(one)]), args.runs)
                line(tool, f"{t:.3f} s", f"netlint/{tool} = {ours / t:.2f}x the time")

        if "server" not in args.skip:
            print(f"\n2. The same draft through a warm server ({args.requests} requests)")
            ready, med, p95, client = server_latency(args.requests)
            line("netlint serve: ready after", f"{ready:.2f} s")
            line("request latency, median", f"{med:.1f} ms", "target <= 30 ms")
            line("request latency, p95", f"{p95:.1f} ms")
            line("netlint check --server (process)", f"{client:.3f} s")

        if "replies" not in args.skip:
            n = len(rows)
            print(f"\n3. {n} replies from {args.data.name}")
            ours = [NETLINT, "check", "--format", "concise", "--exit-zero", *jobs, "--no-cache",
                    str(args.data)]
            _, peak, _ = run(ours, memory=True)  # also warms the OS file cache
            t = batch_time(ours, args.batch_runs)
            ours_rate = n / t
            line("netlint (JSONL, default guide)", f"{ours_rate:.0f} /s",
                 f"{t:.1f} s (median of {args.batch_runs}), peak {peak / 2**20:.0f} MB; "
                 "target >= 500/s")
            files = write_files(rows, tmp / "replies")
            for tool in peers:
                pt = batch_time(peer_cmd(args.peers, tool, files), args.batch_runs)
                line(tool, f"{n / pt:.0f} /s",
                     f"{pt:.1f} s; netlint is {ours_rate / (n / pt):.2f}x its rate")

        if "files" not in args.skip:
            print("\n4. 1,000 short files, one process each tool")
            files = write_files(rows[:1000], tmp / "files")
            t = batch_time([NETLINT, "check", "--format", "concise", "--exit-zero", *jobs,
                            "--no-cache", *files], args.batch_runs)
            ours_rate = len(files) / t
            line("netlint", f"{ours_rate:.0f} files/s", f"{t:.1f} s (median of {args.batch_runs})")
            for tool in peers:
                pt = batch_time(peer_cmd(args.peers, tool, files), args.batch_runs)
                line(tool, f"{len(files) / pt:.0f} files/s",
                     f"{pt:.1f} s; netlint is {ours_rate / (len(files) / pt):.2f}x its rate")

        if "scale" not in args.skip:
            sizes = sorted({*args.scale, args.big})
            print(f"\n5. Generated JSONL batches (recombined real sentences), "
                  f"netlint {' '.join(jobs) or '--jobs default'} {args.scale_args}")
            for n in sizes:
                batch = generate(rows, n, tmp / f"gen{n}.jsonl")
                t, peak, _ = run([NETLINT, "check", "--format", "jsonl", "--exit-zero", *jobs,
                                  "--no-cache", *args.scale_args.split(), str(batch)],
                                 memory=True)
                line(f"{n:,} drafts", f"{n / t:.0f} /s",
                     f"{t:.1f} s, peak memory {peak / 2**20:.0f} MB (target <= 400 MB, flat)")
                batch.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
