"""Shared by the markup rules: one diagnostic per leftover piece of markup,
or one for the whole line when the line holds nothing else; and whether a
piece of markup is quoted, i.e. written about rather than left over."""
from __future__ import annotations

from itertools import groupby
from typing import Callable, Iterable, Iterator

from newslint.document import Document, Line
from newslint.model import Fix, Hit
from newslint.rules._blocks import delete_lines

Span = tuple[int, int]
# Quotes and backticks around markup mean it is being written about: "`<br>`".
QUOTES = {"`": "`", '"': '"', "'": "'", "“": "”", "‘": "’"}


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
