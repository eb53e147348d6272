"""`--format html`: one self-contained HTML file to triage a run in a browser.

The page holds everything it needs (CSS, JavaScript and SVG charts inline; a
Content-Security-Policy forbids any fetch), so it works offline and can be
mailed around. The top is a summary drawn here in Python: counts by category
and by rule as SVG bar charts, the documents with the most diagnostics, and
the share of each input file's text that each category covers. Below, every
document gets a section with its text and each diagnostic's span highlighted;
those sections are drawn by `data/report/report.js`, page by page and only
when scrolled near, from the documents kept as JSON in a
`<script type="application/json">` block, so that a run of 10,000 documents
opens without freezing the browser.

The text comes from `Report.documents` (the runner keeps it when
`Options.keep_text` is set, which the CLI does for this format). A report
without kept text (the Python API with default options) still lists each
document's diagnostics, without the text around them.

Everything taken from the run (paths, record ids, text, messages) is
hostile: the HTML parts are escaped here, the JSON block has `<`, `>`, `&`,
U+2028/2029 and lone surrogates escaped so no `</script>` or `<!--` can end
it, and report.js only ever inserts it as text nodes.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib.resources import files
from typing import Iterable

from .categories import CATEGORIES
from .model import Diagnostic, document_label
from .runner import Report

PAGE_SIZE = 50  # documents per page of the document list (report.js reads it from the data)
TOP_RULES = 20  # bars in the by-rule chart
TOP_DOCUMENTS = 10
MAX_CORPUS_ROWS = 50  # rows of the coverage table, largest files first
TEXT_COLOUR = "#111827"  # of the document text, on every highlight


@dataclass(frozen=True)
class Style:
    """How a category looks. Colour is never the only signal: each has an
    underline style and a badge with its code prefix, shown before each span."""

    background: str  # of highlighted text; TEXT_COLOUR on it passes WCAG AA (tested)
    accent: str  # underline and bar colour
    underline: str  # a CSS text-decoration-style
    badge: str


CATEGORY_STYLES = {
    "duplication": Style("#dbe4ff", "#1d4ed8", "double", "DUP"),
    "chrome": Style("#e5e7eb", "#4b5563", "dotted", "CHR"),
    "casing": Style("#ffe3c2", "#b45309", "solid", "CAS"),
    "prompt": Style("#f8d7fb", "#a21caf", "dashed", "PRM"),
    "truncation": Style("#ffd5d5", "#b91c1c", "wavy", "TRN"),
    "spacing": Style("#c9f2f8", "#0e7490", "dotted", "SPC"),
    "encoding": Style("#fdf0a6", "#854d0e", "wavy", "ENC"),
    "markup": Style("#e4dcff", "#6d28d9", "dashed", "MKP"),
    "structure": Style("#d2f5e3", "#047857", "double", "STR"),
    "consistency": Style("#fcd9ea", "#be185d", "solid", "CON"),
    "language": Style("#d8ecfb", "#0369a1", "dashed", "LNG"),
}
OTHER_STYLE = Style("#ececec", "#374151", "solid", "")  # a category the engine or a rule pack adds

# What must not appear raw inside the JSON block: `<` starts `</script>` and
# `<!--`, U+2028/2029 end a line in older JavaScript, a lone surrogate has no
# UTF-8, and C1 controls are HTML parse errors.
JSON_UNSAFE = re.compile("[<>&\u2028\u2029\ud800-\udfff\x7f-\x9f]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def style_of(category: str) -> Style:
    return CATEGORY_STYLES.get(category, OTHER_STYLE)


def _badges(categories: list[str], diagnostics: list[Diagnostic]) -> list[str]:
    """Each category's badge; an unknown category's is its first code's prefix."""
    first_code = {}
    for diagnostic in diagnostics:
        first_code.setdefault(diagnostic.category, diagnostic.code)
    return [style_of(c).badge or re.sub("[^A-Z]", "", first_code[c])[:3] for c in categories]


def _text(value: str) -> str:
    """Escaped for HTML text and attribute values; lone surrogates (from
    undecodable file names) become U+FFFD, which UTF-8 can write."""
    return escape(LONE_SURROGATE.sub("\ufffd", value), quote=True)


def _json_for_script(data: object) -> str:
    dumped = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return files("newslint").joinpath(f"data/report/{name}").read_text(encoding="utf-8")


# -- the documents ----------------------------------------------------------------
@dataclass
class Shown:
    """A document as the report shows it: kept text, or (without
    Options.keep_text) just its diagnostics."""

    label: str
    path: str
    text: str | None
    deletions: tuple[tuple[int, int], ...]
    diagnostics: list[Diagnostic]


def shown_documents(report: Report) -> list[Shown]:
    """The run's documents with the diagnostics the report holds (a
    baseline may have filtered some), in input order."""
    reported = {id(d) for d in report.diagnostics}
    documents = [Shown(kept.label, kept.path, kept.text, kept.deletions,
                       sorted((d for d in kept.diagnostics if id(d) in reported), key=_text_order))
                 for kept in report.documents]
    placed = {id(d) for document in documents for d in document.diagnostics}
    orphans: dict[tuple[str, str | None], list[Diagnostic]] = defaultdict(list)
    for diagnostic in report.diagnostics:
        if id(diagnostic) not in placed:
            orphans[diagnostic.path, diagnostic.extra.get("record")].append(diagnostic)
    for (path, record), diagnostics in orphans.items():
        documents.append(Shown(document_label(path, record), path, None, (), diagnostics))
    return documents


def _text_order(diagnostic: Diagnostic) -> tuple:
    return diagnostic.offset, diagnostic.end_offset, diagnostic.code, diagnostic.message


def _within(start: int, end: int, ranges: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether [start, end) lies inside one of the sorted, disjoint `ranges`
    (`starts`: their start offsets)."""
    index = bisect_right(starts, start) - 1
    return index >= 0 and end <= ranges[index][1]


def _merged(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _original(diagnostic: Diagnostic, index: int, label: str, labels: dict[str, int]) -> str | None:
    """The element id a duplicate links to: the first line of its original
    in the same text (DUP001), or the earlier document's section (DUP003)."""
    original = diagnostic.original
    if original is None:
        return None
    if original.label == label:
        return f"doc-{index}-L{original.text_position.line}"
    other = labels.get(original.label)
    return f"doc-{other}" if other is not None else None


def _text_position(diagnostic: Diagnostic) -> tuple[int, int]:
    """Line and column in the linted text (records and pages carry them in extra)."""
    extra = diagnostic.extra
    if "text_line" in extra:
        return extra["text_line"], extra["text_column"]
    return diagnostic.start.line, diagnostic.start.column


def _document_json(document: Shown, index: int, rule_index: dict[str, int], labels: dict[str, int]) -> dict:
    cuts = _merged(document.deletions)
    cut_starts = [start for start, _ in cuts]
    entries = []
    for diagnostic in document.diagnostics:
        line, column = _text_position(diagnostic)
        span = (document.text or "")[diagnostic.offset:diagnostic.end_offset]
        trimmed_start = diagnostic.offset + len(span) - len(span.lstrip())
        trimmed_end = max(trimmed_start, diagnostic.offset + len(span.rstrip()))
        removed = _within(trimmed_start, trimmed_end, cuts, cut_starts)
        entries.append([diagnostic.offset, diagnostic.end_offset, rule_index[diagnostic.code], diagnostic.message,
                        line, column, int(removed), _original(diagnostic, index, document.label, labels)])
    return {"l": document.label, "t": document.text, "d": entries, "x": cuts}


# -- the summary --------------------------------------------------------------------
def _bar_chart(title: str, rows: list[tuple[str, int, str]], chart_id: str) -> str:
    """A horizontal bar chart: one (label, count, colour) per row, labels
    and counts written out, so the chart reads without its colours."""
    if not rows:
        return ""
    # Room for the longest label, at about 7.4 px a character of 13 px sans-serif.
    label_width = 16 + round(7.4 * max(len(label) for label, _, _ in rows))
    bar_width, row_height = 220, 24
    most = max(count for _, count, _ in rows)
    height = row_height * len(rows) + 8
    bars = []
    for position, (label, count, colour) in enumerate(rows):
        y = 4 + position * row_height
        width = max(2, round(bar_width * count / most))
        bars.append(
            f'<g><title>{_text(label)}: {count}</title>'
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end">{_text(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="{row_height - 8}" rx="3" fill="{colour}"/>'
            f'<text x="{label_width + width + 6}" y="{y + 16}">{count}</text></g>')
    return (f'<figure class="chart"><figcaption id="{chart_id}">{_text(title)}</figcaption>'
            f'<svg role="img" aria-labelledby="{chart_id}" viewBox="0 0 {label_width + bar_width + 60} {height}" '
            f'width="{label_width + bar_width + 60}" height="{height}">{"".join(bars)}</svg></figure>')


def _ranked(counts: Counter) -> list[tuple[str, int]]:
    """Most frequent first; ties in name order, so the output is stable."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _charts(diagnostics: list[Diagnostic], rules: dict[str, tuple[str, str]]) -> str:
    by_category = Counter(d.category for d in diagnostics)
    by_rule = Counter(d.code for d in diagnostics)
    category_rows = [(category, count, style_of(category).accent) for category, count in _ranked(by_category)]
    rule_rows = [(f"{code} {rules[code][0]}", count, style_of(rules[code][1]).accent)
                 for code, count in _ranked(by_rule)[:TOP_RULES]]
    more = len(by_rule) - TOP_RULES
    rule_title = "Diagnostics by rule" + (f" (the {TOP_RULES} most frequent of {len(by_rule)})" if more > 0 else "")
    return ('<div class="charts">' + _bar_chart("Diagnostics by category", category_rows, "chart-categories")
            + _bar_chart(rule_title, rule_rows, "chart-rules") + "</div>")


def _top_documents(documents: list[Shown]) -> str:
    ranked = sorted(((len(d.diagnostics), index) for index, d in enumerate(documents) if d.diagnostics),
                    key=lambda item: (-item[0], item[1]))[:TOP_DOCUMENTS]
    if not ranked:
        return ""
    most = ranked[0][0]
    items = "".join(f'<li><span class="count">{count}</span>'
                    f'<span class="meter" style="width:{max(1, round(80 * count / most))}px"></span>'
                    f'<a href="#doc-{index}">{_text(documents[index].label)}</a></li>' for count, index in ranked)
    return f'<h2 id="top-documents">Documents with the most diagnostics</h2><ol class="top">{items}</ol>'


def _covered(document: Shown) -> Counter:
    """Characters of the document's text inside each category's spans
    (overlapping spans of one category counted once)."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for diagnostic in document.diagnostics:
        spans[diagnostic.category].append((diagnostic.offset, diagnostic.end_offset))
    return Counter({category: sum(end - start for start, end in _merged(ranges))
                    for category, ranges in spans.items()})


def _coverage(documents: list[Shown], categories: list[str], badges: list[str]) -> str:
    """The share of each input file's text (a JSONL or WARC file: all its
    records) that each category covers, and of the whole run's."""
    kept = [d for d in documents if d.text is not None]
    if not kept or not categories:
        return ""
    sizes: Counter = Counter()
    covered: dict[str, Counter] = defaultdict(Counter)
    for document in kept:
        sizes[document.path] += len(document.text)
        covered[document.path].update(_covered(document))
    total = Counter()
    for counts in covered.values():
        total.update(counts)
    rows = [(f"All {len(kept)} document{'s' if len(kept) != 1 else ''}", sum(sizes.values()), total)]
    largest = sorted(sizes, key=lambda path: (-sizes[path], path))
    rows += [(path, sizes[path], covered[path]) for path in largest[:MAX_CORPUS_ROWS]] if len(sizes) > 1 else []
    head = "".join(f'<th scope="col"><span class="badge k{index}">{_text(badge)}</span><br>{_text(category)}</th>'
                   for index, (category, badge) in enumerate(zip(categories, badges)))
    body = []
    for label, size, counts in rows:
        cells = []
        for index, category in enumerate(categories):
            share = 100 * counts.get(category, 0) / size if size else 0.0
            cells.append(f'<td><span class="meter k{index}" '
                         f'style="width:{max(1, round(0.4 * share)) if share else 0}px"></span>'
                         f'{"&lt;0.1" if 0 < share < 0.05 else f"{share:.1f}"}%</td>')
        body.append(f'<tr><th scope="row">{_text(label)}</th><td>{size:,}</td>{"".join(cells)}</tr>')
    omitted = len(sizes) - MAX_CORPUS_ROWS
    note = f"<p>The {MAX_CORPUS_ROWS} largest files of {len(sizes)} are shown.</p>" if omitted > 0 else ""
    return ('<h2 id="coverage">Share of the text each category covers</h2>'
            '<p class="hint">Per input file (for JSONL and WARC: all its records together), '
            'in characters of the linted text.</p>'
            f'<div class="scroll"><table class="coverage"><thead><tr><th scope="col">Corpus</th>'
            f'<th scope="col">Characters</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>{note}')


def _problems(report: Report) -> str:
    parts = []
    for title, element_id, entries in (("Errors", "errors", report.errors), ("Notes", "notes", report.notes)):
        if entries:
            items = "".join(f"<li><code>{_text(e.path)}</code>: {_text(e.message)}</li>" for e in entries)
            parts.append(f'<h2 id="{element_id}">{title} ({len(entries)})</h2><ul class="{element_id}">{items}</ul>')
    return "".join(parts)


def _category_css(categories: list[str], badges: list[str]) -> str:
    """Per-category rules, by index (class names never come from data)."""
    rules = []
    for index, (category, badge) in enumerate(zip(categories, badges)):
        style = style_of(category)
        rules.append(
            f".k{index}{{--bg:{style.background};--accent:{style.accent};--line:{style.underline}}}"
            f'mark.k{index}.head::before{{content:"{badge}"}}')
    return "".join(rules)


def _filters(categories: list[str], diagnostics: list[Diagnostic], rules: list[tuple[str, str, str]]) -> str:
    by_category = Counter(d.category for d in diagnostics)
    by_rule = Counter(d.code for d in diagnostics)
    category_boxes = "".join(
        f'<label class="filter"><input type="checkbox" checked data-category="{index}"> '
        f'<mark class="hl k{index} head sample">{_text(category)}</mark> '
        f'<span class="count">{by_category[category]}</span>'
        f'</label>' for index, category in enumerate(categories))
    rule_boxes = "".join(
        f'<label class="filter"><input type="checkbox" checked data-rule="{index}"> '
        f'<code>{_text(code)}</code> {_text(name)} <span class="count">{by_rule[code]}</span></label>'
        for index, (code, name, _category) in enumerate(rules))
    return (
        '<div class="toolbar" role="region" aria-label="Filters">'
        f'<fieldset><legend>Categories</legend>{category_boxes}</fieldset>'
        f'<details class="rules"><summary>Rules ({len(rules)})</summary>'
        '<p><button type="button" id="rules-all">All</button> <button type="button" id="rules-none">None</button></p>'
        f'<fieldset><legend class="sr-only">Rules</legend>{rule_boxes}</fieldset></details>'
        '<div class="options"><label><input type="checkbox" id="hide-clean"> Hide documents without shown '
        'diagnostics</label> <label>Order <select id="order"><option value="most">most diagnostics first</option>'
        '<option value="input">input order</option></select></label></div>'
        '<p class="keys">Keys: <kbd>n</kbd>/<kbd>p</kbd> next/previous diagnostic, '
        '<kbd>j</kbd>/<kbd>k</kbd> next/previous document, <kbd>Esc</kbd> hides the tooltip.</p>'
        '</div>')


# -- the page -----------------------------------------------------------------------------
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _headline(diagnostics: int, documents: int, files: int) -> str:
    if not documents:
        return f"No documents linted ({_plural(files, 'file')})"
    if not diagnostics:
        return f"All checks passed: {_plural(documents, 'document')}, no diagnostics"
    return f"{_plural(diagnostics, 'diagnostic')} in {_plural(documents, 'document')} ({_plural(files, 'file')})"


def _page_data(documents: list[Shown], categories: list[str], badges: list[str],
               rules: list[tuple[str, str, str]]) -> dict:
    """What report.js draws the documents from."""
    rule_index = {code: index for index, (code, _name, _category) in enumerate(rules)}
    labels: dict[str, int] = {}
    for index, document in enumerate(documents):
        labels.setdefault(document.label, index)
    return {
        "pageSize": PAGE_SIZE,
        "categories": [[c, badge, CATEGORIES.get(c, "")] for c, badge in zip(categories, badges)],
        "rules": [[code, name, categories.index(category)] for code, name, category in rules],
        "docs": [_document_json(document, index, rule_index, labels) for index, document in enumerate(documents)],
    }


def report_html(report: Report) -> str:
    documents = shown_documents(report)
    diagnostics = [d for document in documents for d in document.diagnostics]
    used = {d.category for d in diagnostics}
    categories = [c for c in CATEGORIES if c in used] + sorted(used - set(CATEGORIES))
    badges = _badges(categories, diagnostics)
    rule_meta = {d.code: (d.name, d.category) for d in diagnostics}
    rules = [(code, *rule_meta[code]) for code in sorted(rule_meta)]
    headline = _headline(len(diagnostics), len(documents), report.files)
    summary = (_charts(diagnostics, rule_meta) + _top_documents(documents)
               + _coverage(documents, categories, badges) + _problems(report))
    data = _page_data(documents, categories, badges, rules)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="newslint">'
        '<title>newslint report</title>'
        f'<style>{_asset("report.css")}{_category_css(categories, badges)}</style></head><body>'
        '<a class="skip" href="#documents">Skip to the documents</a>'
        f'<header><h1>newslint report</h1><p class="headline">{_text(headline)}</p></header>'
        f'<main><section id="summary" aria-label="Summary">{summary}</section>'
        '<section id="documents" aria-labelledby="documents-title"><h2 id="documents-title">Documents</h2>'
        f'{_filters(categories, diagnostics, rules) if documents else ""}'
        '<p id="status" role="status" aria-live="polite"></p>'
        '<nav class="pager" aria-label="Pages"></nav><div id="doc-list"></div>'
        '<nav class="pager" aria-label="Pages (bottom)"></nav>'
        '<noscript><p>The documents need JavaScript to be shown.</p></noscript></section></main>'
        '<div id="tip" role="tooltip" hidden></div>'
        f'<script type="application/json" id="newslint-data">{_json_for_script(data)}</script>'
        f'<script>{_asset("report.js")}</script></body></html>\n')


def written_note(report: Report, output: str, output_file: str | None) -> str:
    """What `--format html` says on stderr: where the report went, its size
    and how many documents it holds."""
    size = len(output.encode("utf-8"))
    where = f"wrote {output_file}" if output_file else "wrote the HTML report to stdout"
    return f"{where} ({human_size(size)}, {_plural(len(shown_documents(report)), 'document')})"


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    return f"{size / 1000:.1f} kB" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"
