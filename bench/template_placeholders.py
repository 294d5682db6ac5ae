"""Placeholder detection against hand labels of real canned replies.

Usage: python bench/template_placeholders.py DATA.jsonl [LABELS.jsonl]

DATA is the templates file (records with ``id`` and ``body``, e.g.
``../shared/data/templates/dev.jsonl``); LABELS defaults to
``bench/data/template_labels.jsonl`` (placeholders, draft markers and traps
given as ``body`` offsets). Prints placeholder recall (exact span), the false
positives (detections that overlap no labelled placeholder or marker, with the
traps they hit), and draft-marker recall of the T103 detector.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from netlint.guide.loader import load_guide
from netlint.placeholders import find_placeholders
from netlint.rules.templates import find_markers

DEFAULT_LABELS = Path(__file__).parent / "data" / "template_labels.jsonl"


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    data = {json.loads(line)["id"]: json.loads(line)
            for line in Path(argv[0]).read_text(encoding="utf-8").splitlines() if line.strip()}
    labels_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_LABELS
    labels = [json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines()
              if line.strip()]
    pattern = load_guide("default").placeholder_pattern

    found_by_syntax: Counter[str] = Counter()
    total_by_syntax: Counter[str] = Counter()
    missed: list[str] = []
    false_pos: list[str] = []
    detections = 0
    markers_total = markers_found = 0
    marker_fp: list[str] = []
    clean_records = clean_records_with_fp = 0
    for lab in labels:
        body = data[lab["id"]]["body"]
        got = find_placeholders(body, pattern)
        detections += len(got)
        got_spans = {(s.start, s.end) for s in got}
        for p in lab["placeholders"]:
            assert body[p["start"]:p["end"]] == p["text"], lab["id"]
            total_by_syntax[p["syntax"]] += 1
            if (p["start"], p["end"]) in got_spans:
                found_by_syntax[p["syntax"]] += 1
            else:
                missed.append(f"{lab['id']}: {p['text']!r} ({p['syntax']})")
        labelled = [(p["start"], p["end"]) for p in lab["placeholders"] + lab["markers"]]
        fps_here = 0
        for s in got:
            if not any(_overlaps((s.start, s.end), lb) for lb in labelled):
                traps = [t["why"] for t in lab["traps"] if _overlaps((s.start, s.end),
                                                                    (t["start"], t["end"]))]
                false_pos.append(f"{lab['id']}: {s.text!r} as {s.kind}"
                                 + (f" (trap: {traps[0]})" if traps else ""))
                fps_here += 1
        marks = find_markers(body, template=True, placeholders=got)
        mark_spans = [(m.start, m.end) for m in marks]
        for mk in lab["markers"]:
            markers_total += 1
            markers_found += any(_overlaps(ms, (mk["start"], mk["end"])) for ms in mark_spans)
        for m in marks:
            if not any(_overlaps((m.start, m.end), lb) for lb in labelled):
                marker_fp.append(f"{lab['id']}: marker {m.text!r}")
        if not lab["placeholders"] and not lab["markers"]:
            clean_records += 1
            clean_records_with_fp += bool(fps_here)

    total = sum(total_by_syntax.values())
    found = sum(found_by_syntax.values())
    # One label is a slash-separated choice of phrases that no syntax can find.
    regexable = total - sum(1 for m in missed if " / " in m)
    print(f"records: {len(labels)}  labelled placeholders: {total}  detections: {detections}")
    print(f"placeholder recall (exact span): {found}/{total} = {found / total:.1%}")
    print(f"  excluding unmarked choice lists: {found}/{regexable} = {found / regexable:.1%}")
    for syntax in sorted(total_by_syntax):
        print(f"  {syntax:10s} {found_by_syntax[syntax]}/{total_by_syntax[syntax]}")
    print(f"false positives: {len(false_pos)}  "
          f"(clean records with any: {clean_records_with_fp}/{clean_records})")
    for line in false_pos:
        print(f"  FP {line}")
    for line in missed:
        print(f"  missed {line}")
    print(f"draft markers (T103): {markers_found}/{markers_total} found; "
          f"{len(marker_fp)} outside labelled placeholders/markers")
    for line in marker_fp:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
