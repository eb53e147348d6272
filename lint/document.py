"""The document model every rule reads.

A `Document` holds the text of one article and computes its lines,
paragraphs, sentences and word tokens once, lazily, so no rule re-splits the
text. All spans are character offsets into `Document.text`; `position()` maps an
offset to a 1-based line and code-point column.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, islice, repeat
from typing import Callable, NamedTuple, TypeVar

from .language import SAMPLE_TOKENS, identify
from .model import Position
from .sentences import split_sentences

T = TypeVar("T")

LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A list marker: bullet characters, or "1." / "1)" numbering, then a space.
LIST_MARKER = re.compile(r"[ \t]*(?:[*•\-–·▪◦‣]|\d{1,3}[.)])[ \t]+")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
WORD_SPLIT = re.compile(f"({WORD.pattern})")  # WORD as a group: split() keeps the words
SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*\s*$""")
# A blank line with a line of text above and below it: paragraphs are blocks.
BLANK_LINE_BETWEEN = re.compile(r"\S[^\S\r\n]*(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)\s*\S")
PROSE_WORDS = 10  # paragraphs this long sample the document's language...
MIN_PROSE_SAMPLE = 40  # ...when they hold at least this many words


class Line(NamedTuple):  # a tuple: documents have many lines, and tuples are cheap to make
    number: int  # 1-based
    start: int
    end: int  # exclusive, before the line break
    text: str

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


class Token(NamedTuple):
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph, list item or heading: one line of scraped text, or one
    blank-line separated block when the document is hard-wrapped."""

    index: int
    start: int  # first non-space character
    end: int  # after the last non-space character
    body_start: int  # after a list marker, if any
    first_line: int
    last_line: int
    text: str  # text[start:end]
    is_list_item: bool

    @property
    def body(self) -> str:
        return self.text[self.body_start - self.start:]

    @cached_property
    def word_count(self) -> int:
        return len(WORD.findall(self.text))

    @property
    def ends_sentence(self) -> bool:
        return bool(SENTENCE_END.search(self.text))

    @property
    def is_title_like(self) -> bool:
        """Short and without sentence-final punctuation: a heading, label or
        menu entry rather than prose."""
        return self.word_count <= 14 and not self.ends_sentence


class Sentence(NamedTuple):
    start: int
    end: int
    paragraph: int  # index into Document.paragraphs
    text: str


class Document:
    def __init__(self, text: str, path: str = "-"):
        self.text = text
        self.path = path
        self._memo: dict[str, object] = {}
        # Set by the runner before late rules run: lines wholly inside text
        # that earlier rules report for removal (chrome, duplication, markup).
        self.claimed_lines: frozenset[int] = frozenset()

    # -- positions -------------------------------------------------------
    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in LINE_BREAK.finditer(self.text)]

    def position(self, offset: int) -> Position:
        line_index = bisect_right(self._line_starts, offset) - 1
        return Position(line_index + 1, offset - self._line_starts[line_index] + 1)

    def end_position(self, end_offset: int) -> Position:
        """Position of an exclusive end offset. A span that ends right after a
        line break ends at the end of that line, not at column 1 of the next."""
        if end_offset > 0 and self.text[end_offset - 1:end_offset] in ("\n", "\r"):
            end_offset -= 1
            if self.text[end_offset - 1:end_offset + 1] == "\r\n":
                end_offset -= 1
        return self.position(end_offset)

    # -- structure -------------------------------------------------------
    @cached_property
    def lines(self) -> list[Line]:
        starts = self._line_starts
        ends = [m.start() for m in LINE_BREAK.finditer(self.text)] + [len(self.text)]
        return [Line(i + 1, s, e, self.text[s:e]) for i, (s, e) in enumerate(zip(starts, ends))]

    @cached_property
    def is_hard_wrapped(self) -> bool:
        """True when paragraphs are blank-line separated blocks whose lines are
        wrapped mid-sentence (Markdown style), rather than one paragraph per line.
        Without a blank line between two lines of text there are no such
        blocks: a scraped page's lower-case lines (a glossary, a menu) are
        lines of their own."""
        if not BLANK_LINE_BETWEEN.search(self.text):
            return False
        pairs = continuations = 0
        for above, below in zip(self.lines, self.lines[1:]):
            if above.is_blank or below.is_blank:
                continue
            pairs += 1
            first = below.text.lstrip()[:1]
            if not SENTENCE_END.search(above.text) and first.islower():
                continuations += 1
        return pairs >= 3 and continuations / pairs >= 0.3

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        paragraphs: list[Paragraph] = []
        group: list[Line] = []

        def flush() -> None:
            if group:
                paragraphs.append(self._paragraph(len(paragraphs), group))
                group.clear()

        for line in self.lines:
            if line.is_blank:
                flush()
                continue
            if group and (not self.is_hard_wrapped or LIST_MARKER.match(line.text)):
                flush()
            group.append(line)
        flush()
        return paragraphs

    def _paragraph(self, index: int, lines: list[Line]) -> Paragraph:
        first, last = lines[0], lines[-1]
        start = first.start + (len(first.text) - len(first.text.lstrip()))
        end = last.start + len(last.text.rstrip())
        marker = LIST_MARKER.match(self.text, start, end)
        # A "1." numbering only makes a list item when text follows it.
        body_start = marker.end() if marker and marker.end() < end else start
        return Paragraph(index, start, end, body_start, first.number, last.number,
                         self.text[start:end], body_start != start)

    @cached_property
    def sentences(self) -> list[Sentence]:
        sentences: list[Sentence] = []
        for paragraph in self.paragraphs:
            for start, end in split_sentences(self.text, paragraph.body_start, paragraph.end):
                sentences.append(Sentence(start, end, paragraph.index, self.text[start:end]))
        return sentences

    @cached_property
    def _token_columns(self) -> tuple[array, array, list[str]]:
        # Splitting on the word pattern gives gaps and words alternately; the
        # running sum of their lengths gives every offset. No Python-level
        # loop and no object per word: a third of the cost of `tokens`.
        # Memory is a fifth of lists of ints and strings (23 bytes per byte of
        # text): offsets are 8-byte machine integers (an int in a list takes
        # 40), and each distinct word is kept once (words repeat ~10 times).
        parts = WORD_SPLIT.split(self.text)
        offsets = array("q", accumulate(map(len, parts), initial=0))
        words = parts[1::2]
        del parts  # the gaps
        distinct: dict[str, str] = {}
        return offsets[1:-1:2], offsets[2::2], list(map(distinct.setdefault, words, words))

    @property
    def token_starts(self) -> array:
        """The start offset of every word token (an array of ints): with
        `token_ends` and `token_texts`, a cheaper view of `tokens` for rules
        that loop over every word."""
        return self._token_columns[0]

    @property
    def token_ends(self) -> array:
        return self._token_columns[1]

    @property
    def token_texts(self) -> list[str]:
        return self._token_columns[2]

    @cached_property
    def tokens(self) -> list[Token]:
        # tuple.__new__ fills each Token without calling Python code.
        return list(map(tuple.__new__, repeat(Token), zip(*self._token_columns)))

    def token_range(self, start: int, end: int) -> range:
        """Indexes of the word tokens that start inside text[start:end]."""
        starts = self.token_starts
        return range(bisect_left(starts, start), bisect_left(starts, end))

    def token(self, index: int) -> Token:
        """tokens[index], made from the columns: rules that need a few tokens
        do not pay for building `tokens`."""
        return Token(self.token_starts[index], self.token_ends[index], self.token_texts[index])

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """The word tokens that start inside text[start:end] (made from the
        columns, as `token`)."""
        indexes = self.token_range(start, end)
        span = slice(indexes.start, indexes.stop)
        return list(map(tuple.__new__, repeat(Token), zip(*(column[span] for column in self._token_columns))))

    def words_between(self, start: int, end: int) -> list[str]:
        """The texts of the word tokens that start inside text[start:end]:
        for rules that read words only, without building tokens."""
        indexes = self.token_range(start, end)
        return self.token_texts[indexes.start:indexes.stop]

    @cached_property
    def language(self) -> str | None:
        """ISO 639-1 code of the document's language (None if unknown), from
        a bounded sample of its words. The sample is taken from prose-length
        paragraphs first: a page dump often opens with menus in another
        language than its article."""
        texts = self.token_texts
        prose = (self.token_range(p.start, p.end) for p in self.paragraphs if p.word_count >= PROSE_WORDS)
        sample = list(islice((texts[index] for indexes in prose for index in indexes), SAMPLE_TOKENS))
        if len(sample) < MIN_PROSE_SAMPLE:
            sample = texts[:SAMPLE_TOKENS]
        return identify(self.text, sample)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [paragraph.start for paragraph in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        index = bisect_right(self._paragraph_starts, offset) - 1
        if index >= 0 and offset < self.paragraphs[index].end:
            return self.paragraphs[index]
        return None

    def memo(self, key: str, compute: Callable[["Document"], T]) -> T:
        """Share a derived analysis between rules (e.g. casing evidence), so
        that it is computed once per document."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]  # type: ignore[return-value]
