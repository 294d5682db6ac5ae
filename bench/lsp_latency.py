"""How fast ``netlint lsp`` answers an editor: cold start and warm didChange latency.

Usage: python bench/lsp_latency.py [--changes 20] [--cold-runs 5] [--data DEV.jsonl]

Drives ``python -m netlint lsp`` over stdio exactly as tests/test_lsp.py does
(Content-Length framed JSON-RPC) and prints:

* cold: from starting the process to the first publishDiagnostics, when the
  client sends initialize, initialized and didOpen straight away (median of
  ``--cold-runs`` fresh processes), and from didOpen alone;
* warm: from writing a didChange to reading the publishDiagnostics for that
  version, median over ``--changes`` edits of an 80-word reply, with the
  default debounce (200 ms: what an editor sees after the agent stops typing)
  and with ``debounce_ms: 0`` (the check and the transport alone).

The reply texts are built in (an 80-word reply and small edits of it), or, with
``--data``, the replies nearest 80 words long from a JSONL file with a ``reply`` field
(for example ../shared/data/support_pairs/dev.jsonl). CI does not run this.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.lsp_client import LspClient

SERVER = [sys.executable, "-m", "netlint", "lsp"]
REPLY = ("Hi Sam,\n\nThanks for getting in touch, and I'm sorry your order arrived late. "
         "I've checked with our warehouse team and the parcel was held at the depot because "
         "the label was damaged. It left again this morning and should reach you by Friday. "
         "I've added a tracking link to your account so you can follow it. If it has not "
         "arrived by Monday, reply to this email and we will send a replacement straight "
         "away.\n\nBest regards,\nTom\n")
EDITS = ["by Friday", "by Thursday", "tomorrow", "by Friday afternoon", "this week",
         "by Fridya", "on Friday", "before the weekend", "by Saturday", "by Firday"]


def texts(n: int, data: str | None) -> list[str]:
    if data:
        with open(data, encoding="utf-8") as fh:
            replies = [r for line in fh if (r := json.loads(line).get("reply"))]
        if len(replies) < n:
            raise SystemExit(f"{data}: only {len(replies)} replies")
        # The n replies whose length is nearest 80 words.
        return sorted(replies, key=lambda r: abs(len(r.split()) - 80))[:n]
    return [REPLY.replace("by Friday", EDITS[i % len(EDITS)]) + (" " * (i // len(EDITS)))
            for i in range(n)]


def cold_run(root: Path) -> tuple[float, float]:
    """(process start -> first diagnostics, didOpen -> first diagnostics) in seconds."""
    client = LspClient(SERVER, cwd=root, env={**os.environ})
    try:
        client.initialize(root)
        uri = (root / "reply.md").as_uri()
        sent = client.open(uri, REPLY)
        at, _ = client.diagnostics(uri, 1, timeout=60)
        return at - client.started, at - sent
    finally:
        client.close()


def warm_run(root: Path, replies: list[str], debounce_ms: int | None) -> list[float]:
    client = LspClient(SERVER, cwd=root)
    try:
        client.initialize(root, {} if debounce_ms is None else {"debounce_ms": debounce_ms})
        uri = (root / "reply.md").as_uri()
        client.open(uri, REPLY)
        client.diagnostics(uri, 1, timeout=60)
        for v in range(2, 5):  # settle: the first checks of new texts load lazy data
            client.change(uri, replies[v % len(replies)], v)
            client.diagnostics(uri, v, timeout=60)
        out = []
        for i, text in enumerate(replies):
            version = 10 + i
            sent = client.change(uri, text, version)
            at, _ = client.diagnostics(uri, version, timeout=60)
            out.append(at - sent)
        return out
    finally:
        client.close()


def ms(values: list[float]) -> str:
    return (f"median {statistics.median(values) * 1000:.1f} ms, min {min(values) * 1000:.1f}, "
            f"max {max(values) * 1000:.1f} (n={len(values)})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--changes", type=int, default=20)
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--data", help="JSONL with a 'reply' field: use its replies nearest 80 words")
    args = ap.parse_args()
    replies = texts(args.changes, args.data)
    words = statistics.median(len(t.split()) for t in replies)
    print(f"netlint lsp, {os.cpu_count()} cores, default guide, replies of ~{words:.0f} words")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "netlint.yml").write_text("extends: default\n", encoding="utf-8")
        cold = [cold_run(root) for _ in range(args.cold_runs)]
        print(f"cold, process start -> first diagnostics: {ms([c[0] for c in cold])}")
        print(f"cold, didOpen -> first diagnostics:       {ms([c[1] for c in cold])}")
        started = time.perf_counter()
        default = warm_run(root, replies, None)
        print(f"warm didChange -> diagnostics, 200 ms debounce: {ms(default)}")
        zero = warm_run(root, replies, 0)
        print(f"warm didChange -> diagnostics, no debounce:     {ms(zero)}")
        print(f"(warm runs took {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
