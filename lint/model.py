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


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, in Unicode code points


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

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.start.line, self.start.column, self.code, self.end.line, self.end.column)


@dataclass
class FileError(Exception):
    """A file that could not be linted (unreadable, binary, bad encoding...).
    Raised while reading, then collected in the report so the run goes on."""

    path: str
    message: str
