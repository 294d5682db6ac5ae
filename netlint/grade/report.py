"""The HTML grading report: one self-contained file that opens offline.

Charts are inline SVG drawn here (no script, no CDN, no web font). Every piece
of text that comes from a draft, a customer message, a file name or a guide is
escaped, and the page also carries a Content-Security-Policy that forbids
scripts, so a draft holding ``<script>`` is shown as text and never runs.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from ..finding import Finding
from ..redact import redact
from .grader import Gradebook, GradedDraft
from .output import verdict
from .scoring import Rubric
from .summary import TraineeSummary, by_trainee, finding_counts, overall

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
PASS_COLOUR = "#2e7d32"
FAIL_COLOUR = "#c62828"
BAR_COLOUR = "#1565c0"
AXIS_COLOUR = "#555"
# A finding whose span covers this much of the reply is about the whole reply:
# listed, not highlighted (highlighting everything shows nothing).
WHOLE_REPLY = 0.8


def e(value: object) -> str:
    """Escape text for HTML content and attribute values."""
    return html.escape(str(value), quote=True)


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


# -- charts ---------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str = BAR_COLOUR
    note: str = ""


def hbar_chart(title: str, bars: Sequence[Bar], *, max_value: float, marker: float | None = None,
               marker_label: str = "", width: int = 880, label_width: int = 200,
               unit: str = "") -> str:
    """Horizontal bars with labels on the left and values (and notes) at the bar ends."""
    bar_h, gap, top, bottom = 22, 8, 10, 28
    plot_w = width - label_width - 180
    height = top + bottom + max(1, len(bars)) * (bar_h + gap)
    out = [f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}"><title>{e(title)}</title>']
    scale = plot_w / max_value if max_value > 0 else 0.0
    x0 = label_width
    for i, b in enumerate(bars):
        y = top + i * (bar_h + gap)
        w = max(1.0, b.value * scale) if b.value > 0 else 0.0
        out.append(f'<text x="{x0 - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" '
                   f'class="lbl">{e(b.label)}</text>')
        out.append(f'<rect class="bar" x="{x0}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                   f'fill="{b.colour}"><title>{e(b.label)}: {e(_fmt(b.value))}{e(unit)}'
                   f'{" — " + e(b.note) if b.note else ""}</title></rect>')
        out.append(f'<text x="{x0 + w + 6:.1f}" y="{y + bar_h * 0.7:.1f}" class="val">'
                   f'{e(_fmt(b.value))}{e(unit)}{" " + e(b.note) if b.note else ""}</text>')
    axis_y = height - bottom + 4
    out.append(f'<line x1="{x0}" y1="{top - 4}" x2="{x0}" y2="{axis_y}" '
               f'stroke="{AXIS_COLOUR}"/>')
    if marker is not None and max_value > 0:
        mx = x0 + marker * scale
        out.append(f'<line class="marker" x1="{mx:.1f}" y1="{top - 4}" x2="{mx:.1f}" '
                   f'y2="{axis_y}" stroke="{FAIL_COLOUR}" stroke-dasharray="4 3"/>')
        out.append(f'<text x="{mx:.1f}" y="{axis_y + 16}" text-anchor="middle" '
                   f'class="axis">{e(marker_label)}</text>')
    out.append("</svg>")
    return "".join(out)


def histogram(title: str, scores: Sequence[float], pass_mark: float, *, width: int = 880,
              height: int = 240) -> str:
    """Drafts per 10-point score band, bands at or above the pass mark in green."""
    bins = [0] * 10
    for s in scores:
        bins[min(9, int(s // 10))] += 1
    left, right, top, bottom = 40, 10, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(bins) or 1
    slot = plot_w / 10
    out = [f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}"><title>{e(title)}</title>']
    for k in range(peak + 1):
        if peak > 8 and k % max(1, peak // 4):
            continue
        y = top + plot_h - k * plot_h / peak
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                   f'stroke="#e0e0e0"/><text x="{left - 6}" y="{y + 4:.1f}" '
                   f'text-anchor="end" class="axis">{k}</text>')
    for i, n in enumerate(bins):
        lo = i * 10
        x = left + i * slot + 3
        h = n * plot_h / peak
        colour = PASS_COLOUR if lo >= pass_mark else FAIL_COLOUR
        label = f"{lo}–{lo + 9 if i < 9 else 100}"
        if n:
            out.append(f'<rect class="bar" x="{x:.1f}" y="{top + plot_h - h:.1f}" '
                       f'width="{slot - 6:.1f}" height="{h:.1f}" fill="{colour}">'
                       f'<title>{label}: {n} draft{"s" if n != 1 else ""}</title></rect>')
            out.append(f'<text x="{x + (slot - 6) / 2:.1f}" y="{top + plot_h - h - 4:.1f}" '
                       f'text-anchor="middle" class="val">{n}</text>')
        out.append(f'<text x="{x + (slot - 6) / 2:.1f}" y="{height - bottom + 16}" '
                   f'text-anchor="middle" class="axis">{label}</text>')
    mx = left + pass_mark / 100 * plot_w
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" '
               f'y2="{top + plot_h}" stroke="{AXIS_COLOUR}"/>')
    out.append(f'<line class="marker" x1="{mx:.1f}" y1="{top - 6}" x2="{mx:.1f}" '
               f'y2="{top + plot_h}" stroke="{AXIS_COLOUR}" stroke-dasharray="4 3"/>'
               f'<text x="{mx + 4:.1f}" y="{top + 4}" class="axis">pass mark '
               f'{_fmt(pass_mark)}</text>')
    out.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" text-anchor="middle" '
               f'class="axis">score</text></svg>')
    return "".join(out)


# -- highlighting ---------------------------------------------------------------


def _is_whole_reply(f: Finding, text: str) -> bool:
    body = len(text.strip()) or 1
    return f.text_end - f.text_start >= WHOLE_REPLY * body


def highlight(text: str, findings: Sequence[Finding]) -> str:
    """The reply as escaped HTML with each finding's span in a ``<mark>``.

    Overlapping spans are cut at every boundary, so marks never nest; a
    zero-width finding (something missing at a point) gets a caret marker.
    Finding numbers (1-based, as in the list under the draft) follow each span.
    """
    spans: list[tuple[int, int, int, Finding]] = []
    points: dict[int, list[tuple[int, Finding]]] = {}
    for n, f in enumerate(findings, 1):
        start, end = max(0, min(f.text_start, len(text))), max(0, min(f.text_end, len(text)))
        if _is_whole_reply(f, text):
            continue
        if end <= start:
            points.setdefault(start, []).append((n, f))
        else:
            spans.append((start, end, n, f))
    cuts = sorted({0, len(text), *points, *(s for s, *_ in spans), *(t for _, t, *_ in spans)})
    out: list[str] = []
    for a, b in zip(cuts, [*cuts[1:], None], strict=True):
        for n, f in points.get(a, []):
            out.append(f'<span class="caret sev-{f.severity.value}" title="{e(_tip(f))}">‸'
                       f'<sup>{n}</sup></span>')
        if b is None:
            break
        piece = e(text[a:b])
        active = [(n, f) for s, t, n, f in spans if s <= a and t >= b]
        if active:
            worst = max(active, key=lambda nf: nf[1].severity.rank)[1].severity
            tip = "\n".join(_tip(f) for _, f in active)
            codes = " ".join(f.code for _, f in active)
            out.append(f'<mark class="sev-{worst.value}" data-codes="{e(codes)}" '
                       f'title="{e(tip)}">{piece}</mark>')
        else:
            out.append(piece)
        ending = [n for s, t, n, _ in spans if t == b]
        if ending:
            out.append(f'<sup class="ref">{",".join(map(str, ending))}</sup>')
    return "".join(out)


def _tip(f: Finding) -> str:
    return f"{f.code} {f.name}: {f.message}"


# -- page -------------------------------------------------------------------------

STYLE = """
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0;
       color: #1d1d1d; background: #f6f7f9; }
main { max-width: 980px; margin: 0 auto; padding: 24px; }
h1 { margin: 0 0 4px; font-size: 26px; } h2 { margin: 32px 0 8px; font-size: 20px; }
.meta { color: #555; margin: 0 0 16px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 10px 16px;
        min-width: 120px; }
.card b { display: block; font-size: 24px; }
section.panel { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 12px 16px;
                margin-top: 12px; overflow-x: auto; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg .lbl, svg .val, svg .axis { font: 12px system-ui, sans-serif; fill: #333; }
svg .axis { fill: #666; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.pass { color: #2e7d32; font-weight: 600; } .fail { color: #c62828; font-weight: 600; }
article.draft { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 12px 16px;
                margin: 12px 0; }
article.draft header { display: flex; justify-content: space-between; gap: 12px;
                       align-items: baseline; flex-wrap: wrap; }
article.draft h3 { margin: 0; font-size: 16px; word-break: break-all; }
.score { font-size: 20px; font-weight: 700; }
blockquote.customer { margin: 8px 0; padding: 6px 12px; border-left: 4px solid #bbb;
                      background: #fafafa; white-space: pre-wrap; color: #444; }
pre.reply { white-space: pre-wrap; word-wrap: break-word; font: 14px/1.5 ui-monospace,
            SFMono-Regular, Menlo, Consolas, monospace; background: #fcfcfc; padding: 8px 12px;
            border: 1px solid #eee; border-radius: 6px; margin: 8px 0; }
mark { border-radius: 3px; padding: 0 1px; }
mark.sev-error { background: #ffcdd2; } mark.sev-warning { background: #ffe9a8; }
mark.sev-info { background: #d6e9ff; }
sup, .caret sup { font-size: 10px; color: #666; }
.caret { color: #c62828; font-weight: 700; }
ol.findings { margin: 4px 0; padding-left: 24px; } ol.findings li { margin: 2px 0; }
.sev { font-size: 12px; padding: 0 6px; border-radius: 8px; background: #eee; }
.sev.error { background: #ffcdd2; } .sev.warning { background: #ffe9a8; }
.sev.info { background: #d6e9ff; }
.cats { font-size: 13px; color: #444; } .muted { color: #777; }
"""


def _verdict_html(d: GradedDraft) -> str:
    v = verdict(d)
    cls = "pass" if v == "pass" else "fail"
    why = f" ({', '.join(d.grade.auto_fail)})" if d.grade.auto_fail else ""
    return f'<span class="{cls}">{e(v)}{e(why)}</span>'


def _draft_html(i: int, d: GradedDraft, rubric: Rubric) -> str:
    # Card numbers, IBANs and SSNs are masked (same length: highlights still line up).
    text = redact(d.draft.text)
    head = [f'<article class="draft" id="draft-{i}"><header><h3>{e(d.label)}</h3>'
            f'<span><span class="score">{e(f"{d.grade.score:.1f}")}</span> '
            f'{_verdict_html(d)}</span></header>']
    facts = [f"trainee <b>{e(d.trainee)}</b>"]
    if d.scenario:
        facts.append(f"scenario <b>{e(d.scenario)}</b>")
    if d.channel:
        facts.append(f"channel {e(d.channel)}")
    facts.append(f"{d.grade.words} words")
    facts.append(f"<span class=\"muted\">{e(d.path)}</span>")
    head.append(f'<p class="meta">{" · ".join(facts)}</p>')
    if d.draft.customer:
        head.append(f'<blockquote class="customer">{e(redact(d.draft.customer.strip()))}</blockquote>')
    head.append(f'<pre class="reply">{highlight(text, d.findings)}</pre>')
    if d.findings:
        items = []
        for f in d.findings:
            whole = " (whole reply)" if _is_whole_reply(f, text) else ""
            items.append(f'<li><span class="sev {f.severity.value}">{e(f.severity.value)}</span> '
                         f'<b>{e(f.code)}</b> {e(f.name)} <span class="muted">[{e(f.category)}, '
                         f'line {f.line}:{f.column}{e(whole)}]</span> — {e(f.message)}</li>')
        head.append(f'<ol class="findings">{"".join(items)}</ol>')
    else:
        head.append('<p class="muted">No findings.</p>')
    cats = []
    for c in d.grade.categories:
        spec = rubric.category(c.name)
        title = spec.title if spec else c.name
        lost = f", −{_fmt(c.loss)} pts" if c.loss else ""
        cats.append(f"{e(title)} {_fmt(c.score)}{e(lost)}")
    reasons: dict[str, list[str]] = {}
    for name, why in d.grade.excluded:
        reasons.setdefault(why, []).append(name)
    for why, names in reasons.items():
        cats.append(f"left out ({e(why)}): {e(', '.join(names))}")
    head.append(f'<p class="cats">{"; ".join(cats)}</p></article>')
    return "".join(head)


def _trainee_table(rows: Sequence[TraineeSummary], rubric: Rubric) -> str:
    out = ['<table><thead><tr><th>trainee</th><th class="num">drafts</th><th class="num">mean'
           '</th><th class="num">median</th><th class="num">pass rate</th><th class="num">'
           'auto-fails</th><th>weakest category</th></tr></thead><tbody>']
    for s in rows:
        cat = rubric.category(s.weakest) if s.weakest else None
        out.append(f'<tr><td>{e(s.trainee)}</td><td class="num">{s.drafts}</td>'
                   f'<td class="num">{s.mean:.1f}</td><td class="num">{s.median:.1f}</td>'
                   f'<td class="num">{s.pass_rate:.0%}</td><td class="num">{s.auto_fails}</td>'
                   f'<td>{e(cat.title if cat else "—")}</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


def render_report(book: Gradebook, *, title: str = "netlint grading report") -> str:
    """The whole report as one HTML string."""
    rubric = book.rubric
    drafts = book.drafts
    trainees = by_trainee(drafts, rubric)
    total = overall(drafts, rubric) if drafts else None
    parts = ['<!doctype html><html lang="en"><head><meta charset="utf-8">',
             f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{e(title)}</title><style>{STYLE}</style></head><body><main>",
             f"<h1>{e(title)}</h1>",
             f'<p class="meta">Guide: {e(book.guide_name)} · {len(drafts)} drafts by '
             f'{len(trainees)} trainees · pass mark {_fmt(rubric.pass_mark)}</p>']
    if total:
        parts.append('<div class="cards">'
                     f'<div class="card">mean score<b>{total.mean:.1f}</b></div>'
                     f'<div class="card">median<b>{total.median:.1f}</b></div>'
                     f'<div class="card">pass rate<b>{total.pass_rate:.0%}</b></div>'
                     f'<div class="card">auto-fails<b>{total.auto_fails}</b></div></div>')
    parts.append('<h2>Score distribution</h2><section class="panel" id="chart-distribution">')
    parts.append(histogram("Drafts per score band", [d.grade.score for d in drafts],
                           rubric.pass_mark))
    parts.append("</section>")

    parts.append('<h2>Average per category</h2><section class="panel" id="chart-categories">')
    cat_bars = []
    for name, mean in (total.category_means if total else ()):
        c = rubric.category(name)
        n = sum(1 for d in drafts if d.grade.category(name))
        cat_bars.append(Bar(c.title if c else name, mean,
                            PASS_COLOUR if mean >= rubric.pass_mark else FAIL_COLOUR,
                            f"({n} draft{'s' if n != 1 else ''})"))
    parts.append(hbar_chart("Average category score", cat_bars, max_value=100))
    never = [c.title for c in rubric.categories
             if total and c.name not in dict(total.category_means)]
    if never:
        parts.append(f'<p class="muted">Not graded in any draft: {e(", ".join(never))}.</p>')
    parts.append("</section>")

    parts.append('<h2>Trainees</h2><section class="panel" id="chart-trainees">')
    parts.append(hbar_chart(
        "Mean score per trainee",
        [Bar(s.trainee, s.mean, PASS_COLOUR if s.mean >= rubric.pass_mark else FAIL_COLOUR,
             f"· {s.pass_rate:.0%} passed") for s in trainees],
        max_value=100, marker=rubric.pass_mark, marker_label=f"pass {_fmt(rubric.pass_mark)}"))
    parts.append(_trainee_table([*trainees, *([total] if total else [])], rubric))
    parts.append("</section>")

    counts = finding_counts(drafts)[:12]
    parts.append('<h2>Most frequent findings</h2><section class="panel" id="chart-findings">')
    if counts:
        parts.append(hbar_chart(
            "Findings per rule",
            [Bar(f"{c.code} {c.name}", c.count, BAR_COLOUR,
                 f"in {c.drafts} draft{'s' if c.drafts != 1 else ''}") for c in counts],
            max_value=max(c.count for c in counts), label_width=260))
    else:
        parts.append('<p class="muted">No findings.</p>')
    parts.append("</section>")

    parts.append("<h2>Drafts</h2>")
    for i, d in enumerate(drafts, 1):
        parts.append(_draft_html(i, d, rubric))
    if book.unreadable:
        parts.append("<h2>Not graded</h2><ul>")
        parts.extend(f"<li>{e(u.path)}: {e(u.message)}</li>" for u in book.unreadable)
        parts.append("</ul>")
    parts.append("</main></body></html>\n")
    return "".join(parts)

