"""Shared by the markup rules: one diagnostic per leftover piece of markup,
or one for the whole line when the line holds nothing else; whether a piece
of markup is quoted, i.e. written about rather than left over; and where the
closing tags are, so that "is this element closed later on its line?" is a
lookup rather than a scan to the end of the line for every opening tag.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import groupby
from typing import Callable, Iterable, Iterator

from newslint.document import Document, Line
from newslint.model import Fix, Hit
from newslint.rules._blocks import delete_lines

Span = tuple[int, int]
# Quotes and backticks around markup mean it is being written about: "`<br>`".
QUOTES = {"`": "`", '"': '"', "'": "'", "“": "”", "‘": "’"}
NEWLINE = re.compile("\n")


def _only_markup(line: Line, spans: list[Span]) -> bool:
    """Whether the spans are all the line holds, apart from spaces."""
    gaps = zip([line.start] + [end for _, end in spans], [start for start, _ in spans] + [line.end])
    return not "".join(line.text[low - line.start:high - line.start] for low, high in gaps).strip()


def markup_hits(doc: Document, spans: Iterable[Span], describe: Callable[[str], str], noun: str) -> Iterator[Hit]:
    """Hits for markup `spans` (in text order, each within one line), with
    unsafe fixes: remove the span, or the whole line when it is all markup."""
    for number, group in groupby(spans, key=lambda span: doc.position(span[0]).line):
        line_spans = list(group)
        first, last = line_spans[0][0], line_spans[-1][1]
        if _only_markup(doc.lines[number - 1], line_spans):
            message = describe(doc.text[first:last]) if len(line_spans) == 1 else \
                f"Line of leftover markup ({len(line_spans)} {noun}s)"
            yield Hit(first, last, message, delete_lines(doc, number, number, "Remove the line", safe=False))
            continue
        for start, end in line_spans:
            yield Hit(start, end, describe(doc.text[start:end]),
                      Fix.delete(start, end, f"Remove the {noun}", safe=False))


def shorten(found: str, length: int = 60) -> str:
    return found if len(found) <= length else found[:length] + "…"


def is_quoted(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] sits between a matching pair of quotes or backticks."""
    closing = QUOTES.get(text[start - 1]) if start > 0 else None
    return closing is not None and text[end:end + 1] == closing


class ClosingTags:
    """The closing tags of a document (the matches of a pattern whose group 1
    is the element name), by line and name. A line ends at `\\n` only, as
    `[^\\n]` and `.` do in the patterns this replaces. Building it is one
    pass over the text, and each question a binary search: a long line of
    opening tags that are never closed stays linear."""

    def __init__(self, text: str, pattern: re.Pattern, fold: Callable[[str], str]):
        self.fold = fold
        self.spans: dict[tuple[int, str], list[tuple[int, int]]] = {}
        found = list(pattern.finditer(text))
        self.newlines = [m.start() for m in NEWLINE.finditer(text)] if found else []
        for match in found:  # in text order, so each list is sorted
            key = (bisect_left(self.newlines, match.start()), fold(match[1]))
            self.spans.setdefault(key, []).append(match.span())

    def first_after(self, name: str, offset: int) -> tuple[int, int] | None:
        """The span of the first closing tag of `name` that starts at or after
        `offset` on the same line, if any."""
        spans = self.spans.get((bisect_left(self.newlines, offset), self.fold(name)))
        index = bisect_left(spans, (offset,)) if spans else 0
        return spans[index] if spans and index < len(spans) else None


def closing_tags(doc: Document, pattern: re.Pattern, fold: Callable[[str], str] = str) -> ClosingTags:
    """The document's ClosingTags for `pattern`, built once per document;
    names are compared after `fold` (by default, exactly)."""
    return doc.memo(f"markup.closing:{pattern.pattern}", lambda d: ClosingTags(d.text, pattern, fold))
