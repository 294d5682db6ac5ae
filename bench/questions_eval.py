"""Measure question extraction and the unanswered-question rule (Q100) against
hand labels.

    .venv/bin/python bench/questions_eval.py /work/shared/data/support_pairs/dev.jsonl

The labels (bench/data/question_labels.jsonl) hold only ids, short quotes and
judgments; the texts are read from the data path at run time. Each labelled
question is matched one-to-one to an extracted one by fuzzy match on the
quote (at least 60% of the quote's words found in the extracted question, or
of a 4+-word extraction's words found in the quote; ``--threshold``).

Reported: extraction recall and precision over the labelled pairs (every
question in a labelled pair is labelled, so an extra extraction is a false
positive), and Q100's recall and precision with "unanswered" as the positive
class: a labelled question counts as flagged when its matched extraction is
flagged; a Q100 finding on something that is not a labelled question is a
false positive. ``--strict`` drops questions whose judgment the labeller
marked borderline. ``--show`` prints the misses. ``--spacy-lemmas`` measures
the optional backend: spaCy lemmas from an installed model instead of the
built-in stemmer.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from netlint import Draft, load_guide  # noqa: E402
from netlint.document import Document  # noqa: E402
from netlint.rule import Context  # noqa: E402
from netlint.rules.questions import (  # noqa: E402
    UnansweredQuestion,
    answer_settings,
    judged_language,
    question_verdicts,
)

LABELS = ROOT / "bench" / "data" / "question_labels.jsonl"
_WORD = re.compile(r"[a-z0-9']+")


def _words(s: str) -> list[str]:
    return _WORD.findall(s.lower().replace("’", "'"))


def match_score(label: str, extracted: str) -> float:
    """How well an extracted question matches a label quote (0..1)."""
    lw = [w for piece in label.split("...") for w in _words(piece)]
    ew = _words(extracted)
    if not lw or not ew:
        return 0.0
    ews, lws = set(ew), set(lw)
    label_in_extracted = sum(1 for w in lw if w in ews) / len(lw)
    # An extraction that is the question part of a longer quote ("where do I
    # go to correct it?" for "my surname is wrong where do I go to correct
    # it?") matches too, if it is not a fragment of two or three words.
    extracted_in_label = sum(1 for w in ew if w in lws) / len(ew) if len(ew) >= 4 else 0.0
    return max(label_in_extracted, extracted_in_label)


def pair_up(labels: list[dict], extracted: list[str], threshold: float) -> dict[int, int]:
    """Greedy one-to-one matching label index -> extracted index."""
    cands = sorted(((match_score(lab["text"], ex), li, ei)
                    for li, lab in enumerate(labels) for ei, ex in enumerate(extracted)), reverse=True)
    used_l: set[int] = set()
    used_e: set[int] = set()
    out: dict[int, int] = {}
    for score, li, ei in cands:
        if score < threshold or li in used_l or ei in used_e:
            continue
        out[li] = ei
        used_l.add(li)
        used_e.add(ei)
    return out


def _use_spacy_lemmas() -> None:
    """Swap the answer matcher's stems for spaCy lemmas (then the same synonym
    table), to measure whether an installed model helps."""
    import spacy

    from netlint import answers
    from netlint import text as tx
    from netlint.nlp import FALLBACK_MODELS

    nlp = None
    for name in FALLBACK_MODELS:
        try:
            nlp = spacy.load(name, disable=["parser", "ner"])
            break
        except OSError:
            continue
    if nlp is None:
        raise SystemExit("no spaCy English model installed")
    cache: dict[str, list[str]] = {}

    def lemma_terms(text: str, skip: object = ()) -> list[str]:
        masked = tx.URL_RE.sub(" ", tx.HANDLE_RE.sub(" ", text))
        if masked not in cache:
            cache[masked] = [t.lemma_.lower() for t in nlp(masked) if t.is_alpha or t.like_num]
        out = []
        for w in cache[masked]:
            if w in answers.STOPWORDS or len(w) < 2:
                continue
            s = answers.stem(w)
            if s not in answers.STOPWORDS:
                out.append(s)
        return out

    answers.content_terms = lemma_terms  # type: ignore[assignment]


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", help="support_pairs/dev.jsonl")
    ap.add_argument("--labels", default=str(LABELS))
    ap.add_argument("--strict", action="store_true", help="drop borderline judgments")
    ap.add_argument("--threshold", type=float, default=0.6, help="quote match threshold")
    ap.add_argument("--show", action="store_true", help="print misses and false positives")
    ap.add_argument("--spacy-lemmas", action="store_true",
                    help="experiment: match on spaCy lemmas (installed model), not the stemmer")
    args = ap.parse_args(argv)
    if args.spacy_lemmas:
        _use_spacy_lemmas()

    rows = {}
    with open(args.data, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rows[r["id"]] = r
    with open(args.labels, encoding="utf-8") as fh:
        labelled = [json.loads(line) for line in fh if line.strip()]

    guide = load_guide("default")
    # The rule is run on its own (not through the engine), so the bench does not
    # depend on other rule families.
    rule = UnansweredQuestion()
    ctx = Context(options=dict(rule.defaults), severity=rule.severity)
    settings = answer_settings(rule.defaults)

    n_label = n_extracted = n_matched = 0
    tp = fp = fn = tn = 0
    skipped_borderline = 0
    for entry in labelled:
        row = rows.get(entry["id"])
        if row is None:
            print(f"missing id in data: {entry['id']}", file=sys.stderr)
            continue
        channel = "chat" if row.get("channel") == "chat" else "social"
        draft = Draft(row["reply"], customer=row["customer"], channel=channel, id=row["id"])
        doc = Document(draft, guide)
        verdicts = question_verdicts(doc, settings)
        # The rule itself must agree with the library call the bench scores.
        n_findings = sum(1 for _ in rule.check(doc, ctx))
        # Q100 stays silent on text it cannot judge (not English).
        flagged = [not v.assessment.addressed and judged_language(doc) for v in verdicts]
        assert n_findings == sum(flagged), (entry["id"], n_findings, flagged)

        labels = entry["questions"]
        extracted = [v.question.text for v in verdicts]
        pairs = pair_up(labels, extracted, args.threshold)
        n_label += len(labels)
        n_extracted += len(extracted)
        n_matched += len(pairs)
        matched_e = set(pairs.values())
        for li, lab in enumerate(labels):
            border = lab.get("why", "").lower().startswith("borderline")
            if args.strict and border:
                skipped_borderline += 1
                continue  # neither credit nor blame
            unanswered = not lab["answered"]
            pred = li in pairs and flagged[pairs[li]]
            if pred and unanswered:
                tp += 1
            elif pred:
                fp += 1
                if args.show:
                    v = verdicts[pairs[li]]
                    print(f"FP {entry['id']}: {lab['text']!r} overlap={v.assessment.overlap} "
                          f"cue={v.assessment.cue} | reply: {row['reply'][:160]!r}")
            elif unanswered:
                fn += 1
                if args.show:
                    if li in pairs:
                        a = verdicts[pairs[li]].assessment
                        how = f"judged answered overlap={a.overlap} matched={a.matched} cue={a.cue}"
                    else:
                        how = "not extracted"
                    print(f"FN {entry['id']}: {lab['text']!r} ({how}) | reply: {row['reply'][:160]!r}")
            else:
                tn += 1
        for ei, v in enumerate(verdicts):
            if ei not in matched_e:
                if flagged[ei]:
                    fp += 1
                if args.show:
                    print(f"EXTRA {entry['id']}: {v.question.text!r} kind={v.question.kind} "
                          f"flagged={flagged[ei]}")
        if args.show:
            for li, lab in enumerate(labels):
                if li not in pairs:
                    print(f"MISSED-Q {entry['id']}: {lab['text']!r} kind={lab['kind']} | "
                          f"extracted={extracted}")

    print(f"pairs: {len(labelled)}  labelled questions: {n_label}  extracted: {n_extracted}"
          + (f"  (borderline dropped from Q100 scoring: {skipped_borderline})" if args.strict else ""))
    print(f"question extraction  recall {ratio(n_matched, n_label)}  "
          f"precision {ratio(n_matched, n_extracted)}")
    print(f"Q100 unanswered      recall {ratio(tp, tp + fn)}  precision {ratio(tp, tp + fp)}  "
          f"(tp={tp} fp={fp} fn={fn} tn={tn})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
