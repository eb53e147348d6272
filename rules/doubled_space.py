"""SPC003: two or more spaces between words inside a line."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from newslint.document import Document, Line
from newslint.model import Fix, Hit
from newslint.rule import rule

# A run of two or more spaces, ordinary or no-break. Only runs between two
# visible characters count (not indentation, not trailing space); that is
# checked in Python, as lookarounds would slow the pattern down.
SPACE_RUN = re.compile(r"[ \u00a0]{2,}")
# Sentence-final punctuation and closing quotes before the run: two spaces
# after a full stop are a typing convention, not a scrape defect.
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
# How far back to look for the end of a sentence: `.` and a few closers.
SENTENCE_END_REACH = 6
# A preformatted line: indented code, or tab / pipe separated columns.
PREFORMATTED = re.compile(r"^(?: {4}|\t)|[\t|]")


def _cell_columns(line: Line, runs: list[re.Match]) -> set[int]:
    """The columns where text resumes after each run. A line that shares one
    with the line above or below is a row of a space-aligned table."""
    return {run.end() - line.start for run in runs}


def _ends_sentence(text: str, line: Line, offset: int) -> bool:
    return bool(SENTENCE_END.search(text, max(line.start, offset - SENTENCE_END_REACH), offset))


def _runs_by_line(doc: Document) -> dict[int, list[re.Match]]:
    runs: dict[int, list[re.Match]] = defaultdict(list)
    text = doc.text
    for match in SPACE_RUN.finditer(text):
        start, end = match.span()
        if start == 0 or end == len(text) or text[start - 1].isspace() or text[end].isspace():
            continue
        runs[doc.position(match.start()).line].append(match)
    return runs


@rule("SPC003", "doubled-space", category="spacing", fix="safe", options={"after_sentence": False})
def check(doc: Document, options: dict) -> Iterator[Hit]:
    """Flags two or more spaces in a row between words of a line.

    ## What it does
    Flags a run of spaces (or no-break spaces) between two words, as in
    `the  talks`, and replaces it with one space. Indentation and trailing
    spaces are not flagged, nor are preformatted lines (indented by four
    spaces or a tab, or holding tabs or `|`) and rows of a space-aligned
    table (a run ends at the same column as one on the line above or below,
    where the next column starts). Two spaces after
    a full stop, `?` or `!` are a typing convention and are only flagged with
    the option `after_sentence: true` (`rule-options: {SPC003: {after_sentence: true}}`).

    ## Why is this bad?
    HTML collapses whitespace, so a doubled space in scraped text usually
    marks an element the scraper dropped (a link, an image, an inline ad)
    and left its surrounding spaces behind. It also breaks exact-match
    deduplication and n-gram statistics.

    ## Example
    `Both sides  maintained firm positions` becomes `Both sides maintained
    firm positions`.
    """
    runs = _runs_by_line(doc)
    columns = {number: _cell_columns(doc.lines[number - 1], matches) for number, matches in runs.items()}
    for number, matches in runs.items():
        line = doc.lines[number - 1]
        aligned = columns[number] & (columns.get(number - 1, set()) | columns.get(number + 1, set()))
        if PREFORMATTED.search(line.text) or aligned:
            continue
        for match in matches:
            if not options["after_sentence"] and _ends_sentence(doc.text, line, match.start()):
                continue
            single = "\u00a0" if set(match.group()) == {"\u00a0"} else " "
            yield Hit(match.start(), match.end(), f"{len(match.group())} spaces in a row",
                      Fix.replace(match.start(), match.end(), single, "Replace with one space", safe=True))
