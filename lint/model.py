"""The diagnostic model that rules produce and every reporter reads.

Rules report `Hit`s in character offsets of the document text; the runner turns
them into `Diagnostic`s with 1-based line/column positions, so no rule has to
know about line mapping and no reporter has to know about rules.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, Enum):
    """How trustworthy a fix is, as in ruff: safe fixes run with `--fix`,
    unsafe ones only with `--unsafe-fixes`."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `content` (offsets into the document text)."""

    start: int
    end: int
    content: str = ""


@dataclass(frozen=True)
class Fix:
    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def delete(cls, start: int, end: int, message: str, *, safe: bool) -> "Fix":
        return cls(message, (Edit(start, end),), _applicability(safe))

    @classmethod
    def replace(cls, start: int, end: int, content: str, message: str, *, safe: bool) -> "Fix":
        return cls(message, (Edit(start, end, content),), _applicability(safe))


def _applicability(safe: bool) -> Applicability:
    return Applicability.SAFE if safe else Applicability.UNSAFE


@dataclass(frozen=True)
class Hit:
    """What a rule reports: a span of the document text and a message."""

    start: int
    end: int
    message: str
    fix: Fix | None = None
    # A duplicate's original: text[original[0]:original[1]] of the same
    # document, which this span repeats (DUP001).
    original: tuple[int, int] | None = None


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, in Unicode code points


def document_label(path: str, record: str | None) -> str:
    """How messages and reports name a document: `path`, or `path record ID`."""
    return f"{path} record {record}" if record is not None else path


@dataclass(frozen=True, slots=True)  # slots: DUP003 keeps one per document of a run
class Original:
    """Where the text that a duplicate repeats is: in the same document
    (DUP001) or in an earlier document of the run (DUP003).

    It is placed as a diagnostic is: `start`/`end` in the file on disk; for a
    JSONL record or an extracted page, `text_start`/`text_end` are its place
    in the linted text (a diagnostic's `text_line`...), and `record` (and for
    WARC `record_offset`) names the record."""

    path: str
    start: Position
    end: Position  # exclusive, as Diagnostic.end
    offset: int  # character offsets in the original's document text
    end_offset: int
    record: str | None = None
    record_offset: int | None = None
    text_start: Position | None = None
    text_end: Position | None = None

    @property
    def label(self) -> str:
        return document_label(self.path, self.record)

    @property
    def text_position(self) -> Position:
        """Where it starts in the linted text."""
        return self.text_start or self.start

    def to_json(self) -> dict:
        """The fields of JSON output: those a diagnostic's place has there."""
        place = {"path": self.path, "line": self.start.line, "column": self.start.column,
                 "end_line": self.end.line, "end_column": self.end.column}
        if self.record is not None:
            place["record"] = self.record
        if self.record_offset is not None:
            place["record_offset"] = self.record_offset
        if self.text_start is not None:
            place.update(text_line=self.text_start.line, text_column=self.text_start.column,
                         text_end_line=self.text_end.line, text_end_column=self.text_end.column)
        return place

    @classmethod
    def of(cls, diagnostic: "Diagnostic") -> "Original":
        """The place of a diagnostic (a document's whole text, for DUP003)."""
        extra = diagnostic.extra
        text = "text_line" in extra
        return cls(diagnostic.path, diagnostic.start, diagnostic.end, diagnostic.offset, diagnostic.end_offset,
                   extra.get("record"), extra.get("record_offset"),
                   Position(extra["text_line"], extra["text_column"]) if text else None,
                   Position(extra["text_end_line"], extra["text_end_column"]) if text else None)


@dataclass(frozen=True)
class Diagnostic:
    path: str
    code: str
    name: str
    category: str
    severity: Severity
    message: str
    start: Position
    end: Position  # end.column is exclusive, as in SARIF
    offset: int  # character offset of the span in the document text
    end_offset: int
    fix: Fix | None = None
    # Where each edit of `fix` starts and ends, aligned with `fix.edits`.
    fix_spans: tuple[tuple[Position, Position], ...] = ()
    extra: dict = field(default_factory=dict, compare=False)
    original: Original | None = None  # of a duplicate (category duplication)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.start.line, self.start.column, self.code, self.end.line, self.end.column)


@dataclass
class FileError(Exception):
    """A file that could not be linted (unreadable, binary, bad encoding...).
    Raised while reading, then collected in the report so the run goes on."""

    path: str
    message: str
