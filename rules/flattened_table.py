from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from newslint.document import Document, Line
from newslint.language import stopwords
from newslint.model import Hit
from newslint.rule import rule

# Cells separated by a tab, or by two or more spaces that do not follow
# sentence punctuation (old-style double spacing between sentences is prose).
DELIMITER = re.compile(r"\t+|(?<![.!?:;,]) {2,}")
# A numeric cell: 12, -3, 4.5, 1,200, 45%, $3.2, €10. Not `22,` (a date in
# running text) and not `0471` (a group of a telephone number).
NUMBER = re.compile(r"[-+−±]?[$€£¥]?(?:0|[1-9][\d.,]*\d|[1-9]|0[.,]\d+)%?")
# Words of a header line: capitalised words, numbers, `&`, `(unit)`, and the
# few lower-case words column titles of numbers use (`Cost per Unit`).
HEADER_WORD = re.compile(r"[A-Z0-9][\w’'&%./-]*|&|\(\w+\)")
CONNECTORS = frozenset({"of", "and", "per", "vs", "vs.", "in", "the", "for", "to"})
# A label word: capitalised, two letters at least (`Muller P et al.` opens a
# reference, not a row).
TITLE_WORD = re.compile(r"[A-Z][\w’'&-]+")
# A cell boundary inside a run-together row: sentence punctuation, then a
# capitalised word that starts the next cell.
# A digit before the point is an ordinal date (`am 22. November`), not a break.
CELL_BREAK = re.compile(r"(?<=[^\d\s][.!?])\s+(?=[\"“]?[A-Z])")
SENTENCE_PUNCTUATION = ".!?:;,"
# A row whose cells are text must be short: cells are fragments, not prose.
MAX_CELL_WORDS = 12
MAX_LABEL_WORDS = 4
MAX_ROW_WORDS = 40
MAX_HEADER_WORDS = 12
MAX_NUMERIC_LABEL_WORDS = 6


@dataclass(frozen=True)
class Shape:
    """What a line looks like as a table row: its kind (`delimited`,
    `numeric` or `text`) and its number of columns, which must repeat."""

    kind: str
    columns: int


@rule("STR001", "flattened-table", category="structure",
      options={"min_rows": 3})
def check(doc: Document, options: dict) -> Iterator[Hit]:
    """Flags a table whose cells were flattened into lines of plain text.

    ## What it does
    Flags a run of consecutive lines that are the rows of a table rendered
    as plain text. One diagnostic spans the whole table, header included. A run counts as a table when every line has the same shape:

    * cells separated by tabs or by runs of spaces, the same number on every
      line (`min_rows` lines, default 3, header included);
    * a short label followed only by numbers, the same count of numbers on
      every line (`min_rows` rows, or a header and one row fewer);
    * a header line of column names (capitalised words, no punctuation, no
      function words such as `The` or `of`), then rows that each start with
      a capitalised label run straight into short cell fragments
      (`Territorial Integrity Accepts annexation of Crimea. Full restoration
      of all territories.`), the same number of fragments in every row:
      `min_rows` rows, or two in a block set off by blank lines in a text
      whose paragraphs are separated by blank lines.

    Not flagged: consecutive prose paragraphs (their sentences are longer
    than table cells), list items (`Security Guarantees: Robust guarantees
    from ...` is a label-colon list, not a table), a heading followed by
    prose, navigation menus (no cells, no numbers), and sentences separated
    by two spaces.

    ## Why is this bad?
    A scraper that renders each table row as one line runs the cells
    together: the column boundaries are gone, and the line reads as a
    garbled sentence (`Security Guarantees Seeks assurances against NATO
    expansion. Desires robust security guarantees`). A model trained on it
    learns broken syntax, and facts from different columns are fused; even
    with tabs kept, rows of cells are not prose. Drop the table or
    re-extract it as a table.

    ## Example
    ```
    Key Factor Russia’s Position Ukraine’s Position
    Territorial Integrity Accepts annexation of Crimea. Full restoration of all territories.
    Security Guarantees Seeks assurances against NATO expansion. Desires robust security guarantees.
    Negotiation Readiness Willing to meet with agenda. Willing to negotiate.
    ```
    One diagnostic covers the four lines.
    """
    lines = [line for line in doc.lines if not line.is_blank]
    shapes = [_shape(line.text.strip()) for line in lines]
    index = 0
    while index < len(lines):
        shape = shapes[index]
        end = index + 1
        while shape is not None and end < len(lines) and shapes[end] == shape:
            end += 1
        if shape is not None:
            has_header = index > 0 and _is_header(lines[index - 1].text.strip(), shape)
            first, last = lines[index - has_header], lines[end - 1]
            if _is_table(shape, end - index, has_header, _is_set_off(doc, first, last), options["min_rows"]):
                yield Hit(first.start + _indent(first), last.start + len(last.text.rstrip()),
                          _message(shape, first, last))
        index = end


def _is_table(shape: Shape, rows: int, has_header: bool, set_off: bool, min_rows: int) -> bool:
    if shape.kind == "delimited":  # the header has the same cells as the rows
        return rows >= min_rows
    if shape.kind == "numeric":
        return rows + has_header >= min_rows and rows >= 2
    # Rows of text look most like prose: a header, and either `min_rows`
    # rows or a block set off from paragraphs separated by blank lines.
    return has_header and (rows >= min_rows or (rows >= 2 and set_off))


def _is_set_off(doc: Document, first: Line, last: Line) -> bool:
    """The lines form one block with no blank line inside, and a blank line
    separates it from the text around it: the layout of a table in a text
    whose paragraphs are separated by blank lines."""
    lines = doc.lines
    before = lines[first.number - 2] if first.number > 1 else None
    after = lines[last.number] if last.number < len(lines) else None
    inside = lines[first.number - 1:last.number]
    return not any(line.is_blank for line in inside) and any(
        line is not None and line.is_blank for line in (before, after))


def _shape(text: str) -> Shape | None:
    """The row shape of one stripped line, or None if it is not row-like."""
    if "\t" in text or "  " in text:
        cells = [cell for cell in DELIMITER.split(text) if cell]
        # A stray double space in a prose paragraph makes long "cells".
        if len(cells) >= 2 and all(len(cell.split()) <= MAX_CELL_WORDS for cell in cells):
            return Shape("delimited", len(cells))
    words = text.split()
    if len(words) > MAX_ROW_WORDS or text[:1] in "*•-–·":
        return None
    numbers = _trailing_numbers(words)
    label = words[:len(words) - numbers]
    # `Tel.: 0471 80 60` and `Fax: ...` are label-colon items, not table rows.
    if numbers >= 2 and 1 <= len(label) <= MAX_NUMERIC_LABEL_WORDS and not any(
            word[-1] in SENTENCE_PUNCTUATION for word in label):
        return Shape("numeric", numbers + 1)
    fragments = _text_cells(text, words)
    # The first fragment holds the label and the first cell.
    return Shape("text", fragments + 1) if fragments >= 2 else None


def _trailing_numbers(words: list[str]) -> int:
    count = 0
    for word in reversed(words):
        if not NUMBER.fullmatch(word):
            break
        count += 1
    return count


def _text_cells(text: str, words: list[str]) -> int:
    """Number of cell fragments in a row that starts with a title-case label
    run straight into a capitalised cell (`Security Guarantees Seeks ...`),
    or 0 when the line is not such a row."""
    leading = 0
    while leading < len(words) and TITLE_WORD.fullmatch(words[leading]):
        leading += 1
    # The label (1-4 words) plus the first word of the first cell, and no
    # punctuation after them: `Security Guarantees:` is a list item. A line
    # that starts with a function word (`The`, `Die`) is a sentence.
    if not 2 <= leading <= MAX_LABEL_WORDS + 1 or leading == len(words) or _is_function_word(words[0]):
        return 0
    fragments = [fragment.split() for fragment in CELL_BREAK.split(text)]
    if len(fragments[0]) > MAX_CELL_WORDS + MAX_LABEL_WORDS or any(
            len(cell) > MAX_CELL_WORDS or _is_function_word(cell[0]) for cell in fragments[1:]):
        return 0  # prose: long sentences, or a sentence that starts `He said` / `The ...`
    return len(fragments)


def _is_function_word(word: str) -> bool:
    return word.casefold() in _function_words()


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """The stopwords of every language the engine knows."""
    return frozenset().union(*stopwords().values())


def _is_header(text: str, shape: Shape) -> bool:
    """A line of column names for rows of `shape`: title-case words, no
    sentence punctuation, at least one word per column. Column names are
    nouns: a capitalised function word (`From`, `The`) makes a headline, and
    text tables take no `of` or `and` either (`References and Reading`)."""
    if shape.kind == "delimited":
        return False
    words = text.split()
    if not shape.columns <= len(words) <= MAX_HEADER_WORDS or text[-1] in SENTENCE_PUNCTUATION:
        return False
    connectors = CONNECTORS if shape.kind == "numeric" else frozenset()
    if any(c in text for c in ",;:!?") or not all(HEADER_WORD.fullmatch(w) or w in connectors for w in words):
        return False
    # Single letters are abbreviated column names (`W L D Pts`), whatever
    # they mean in Polish.
    return not any(len(w) > 1 and _is_function_word(w) and w not in connectors for w in words)


def _indent(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip())


def _message(shape: Shape, first: Line, last: Line) -> str:
    lines = f"lines {first.number}-{last.number}"
    if shape.kind == "delimited":
        return f"Flattened table: {lines} are table rows of {shape.columns} cells separated by tabs or spaces"
    if shape.kind == "numeric":
        return f"Flattened table: {lines} are table rows, each a label and {shape.columns - 1} numbers"
    return f"Flattened table: {lines} are a table header and rows whose {shape.columns} cells run together"
