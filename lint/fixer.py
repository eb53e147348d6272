"""Apply the fixes that diagnostics carry.

Edits are applied in one pass from the end of the text backwards, so earlier
offsets stay valid. A fix whose edits overlap an edit already taken is left
for the next pass; the caller re-lints and repeats until nothing changes, so
fixing twice is a no-op. Nothing outside a fix's own edits is touched, and
line breaks outside the edits keep their style.

Fixes of JSONL and WARC records never rewrite the input: `CorpusOutput`
writes the fixed corpus to the `--output` file.
"""
from __future__ import annotations

import dataclasses
import gzip
import json
import os
import shutil
from typing import IO, Iterable, Iterator

from .config import Config
from .inputs import MAX_RECORD, JsonLocator, open_stream
from .model import Applicability, Diagnostic, Edit, FileError
from .sources import Unit

MAX_PASSES = 10
COPY_PIECE = 1 << 20  # bytes: lines that are not records are copied in pieces of this size
UTF8_BOM = b"\xef\xbb\xbf"


def fixable(diagnostics: Iterable[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    return [d for d in diagnostics if d.fix is not None
            and (unsafe or d.fix.applicability is Applicability.SAFE)]


def _overlaps(edit: Edit, taken: list[Edit]) -> bool:
    return any(edit.start < other.end and other.start < edit.end
               or edit.start == other.start for other in taken)


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic]) -> tuple[str, int]:
    """(new text, number of fixes applied) for one pass over `diagnostics`."""
    taken: list[Edit] = []
    applied = 0
    for diagnostic in sorted(diagnostics, key=lambda d: d.offset):
        edits = diagnostic.fix.edits
        if any(_overlaps(edit, taken) for edit in edits):
            continue
        taken.extend(edits)
        applied += 1
    for edit in sorted(taken, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.content + text[edit.end:]
    return text, applied


# -- JSONL and WARC: --fix --output FILE ---------------------------------------------
def rewrite_record(unit: Unit, text: str) -> tuple[Unit, tuple[int, str] | None]:
    """A record with its fixed text, and (line number, JSON line) of the
    record in the output corpus; (unit, None) for a unit that has no line
    there (a WARC response skipped on purpose)."""
    locator = unit.locate
    if not isinstance(locator, JsonLocator):
        return unit, None
    if text != unit.text:
        locator = locator.with_text(unit.text, text)
        unit = dataclasses.replace(unit, text=text, locate=locator)
    return unit, (locator.line, locator.raw)


class CorpusOutput:
    """The fixed corpus of one JSONL or WARC input, written to `--output`.

    The input is never rewritten. Its records are treated as records of the
    output (`units`): a JSONL record keeps its line; a WARC HTML response
    becomes the JSONL line `{id, warc_record_offset, text}` (with the
    configured id and text field names) at its place among the responses.
    So the diagnostics left after the fixes point at the output file, where
    the fixed text is, and linting the output reports the same.

    `write` takes the run's results in input order and writes each record's
    line as it comes, so memory stays bounded. For JSONL, the input is read a
    second time alongside: a record without fixes, and every line that is not
    a record (blank, malformed), is copied byte for byte; a fixed record keeps
    its other fields, key order and line ending. The output is compressed
    by its own extension (`.gz`, `.zst`) and written to a temporary file that
    is renamed over `--output` at the end; when the input cannot be read to
    its end, nothing is written."""

    def __init__(self, source: str, fmt: str, output: str, config: Config):
        self.source, self.fmt, self.output, self.config = source, fmt, output, config
        self.temporary = f"{output}.newslint-tmp"
        self.failure: str | None = None
        self.records = self.fixed = 0
        self._lines_done = 0  # input lines copied or replaced
        self._input: IO[bytes] | None = None
        self._file: IO[bytes] | None = None
        self._sink: IO[bytes] | None = None  # the file, or a compressor writing into it
        try:
            self._file = open(self.temporary, "wb")
            self._sink = _compressor(self._file, output)
            if fmt == "jsonl":
                self._input = open_stream(source, source)
        except (OSError, FileError) as error:
            self._fail(error)

    def units(self, stream: Iterable) -> Iterator:
        """The run's stream with each record made a record of the output."""
        ordinal = 0
        for item in stream:
            if isinstance(item, Unit) and self.fmt == "warc" and item.text:  # not a response skipped on purpose
                ordinal += 1
                item = dataclasses.replace(item, locate=JsonLocator(self._warc_line(item), ordinal,
                                                                    self.config.text_field))
            if isinstance(item, Unit) and isinstance(item.locate, JsonLocator):
                item = dataclasses.replace(item, path=self.output)
            yield item

    def _warc_line(self, unit: Unit) -> str:
        fields = {self.config.id_field: unit.record, "warc_record_offset": unit.record_offset,
                  self.config.text_field: unit.text}
        return json.dumps(fields, ensure_ascii=False)

    def write(self, outcomes: Iterable) -> Iterator:
        """The run's results, passed on unchanged once their lines are written."""
        from .runner import UnitResult

        for outcome in outcomes:
            if isinstance(outcome, FileError) and outcome.path == self.source:
                self.failure = self.failure or f"{self.source} could not be read to its end"
            elif isinstance(outcome, UnitResult) and outcome.output_line is not None and self.failure is None:
                try:
                    self._write_record(*outcome.output_line, fixed=outcome.fixes_applied > 0)
                except (OSError, EOFError, ValueError, FileError) as error:
                    self._fail(error)
            yield outcome

    def _write_record(self, number: int, line: str, fixed: bool) -> None:
        self.records += 1
        self.fixed += fixed
        if self.fmt == "warc":
            self._sink.write(line.encode("utf-8") + b"\n")
            return
        while self._lines_done < number - 1:
            self._copy_line()
        original = self._input.readline(MAX_RECORD + 1)  # a record: not longer than that
        self._lines_done += 1
        self._sink.write(_replaced_line(original, line) if fixed else original)

    def _copy_line(self) -> bool:
        """Copy one input line, in pieces (it may be longer than a record
        can be); False at the end of the input."""
        copied = False
        while True:
            piece = self._input.readline(COPY_PIECE)
            if not piece:
                break
            self._sink.write(piece)
            copied = True
            if piece.endswith(b"\n"):
                break
        self._lines_done += copied
        return copied

    def _fail(self, error: Exception) -> None:
        self.failure = self.failure or (error.message if isinstance(error, FileError)
                                        else getattr(error, "strerror", None) or str(error))

    def close(self, errors: list[FileError], notes: list[FileError]) -> None:
        """Finish the output and rename it into place, or remove it and say
        why in `errors`."""
        try:
            if self.failure is None and self._input is not None:
                while self._copy_line():  # the lines after the last record
                    pass
        except (OSError, EOFError, ValueError, FileError) as error:
            self._fail(error)
        try:
            for handle in (self._sink, self._file, self._input):  # a compressor ends its stream first
                if handle is not None:
                    handle.close()
            if self.failure is None:
                if os.path.isfile(self.output):
                    shutil.copymode(self.output, self.temporary)
                os.replace(self.temporary, self.output)  # atomic: never a half-written output
        except (OSError, EOFError, ValueError, FileError) as error:
            self._fail(error)
        if self.failure is not None:
            if os.path.isfile(self.temporary):
                os.remove(self.temporary)
            errors.append(FileError(self.output, f"the fixed corpus was not written: {self.failure}"))
        else:
            notes.append(FileError(self.output, f"fixed corpus written: {self.records} record"
                                                f"{'s' if self.records != 1 else ''}, {self.fixed} with fixes"))


def _compressor(handle: IO[bytes], name: str) -> IO[bytes]:
    """A writer that compresses into `handle` as `name`'s extension says.
    gzip gets no name and no time stamp, so equal text gives equal bytes."""
    lower = name.lower()
    if lower.endswith(".gz"):
        return gzip.GzipFile(filename="", mode="wb", fileobj=handle, mtime=0)
    if lower.endswith(".zst"):
        import zstandard

        return zstandard.ZstdCompressor().stream_writer(handle, closefd=False)
    return handle


def _replaced_line(original: bytes, line: str) -> bytes:
    """`line` in place of the input line `original`, keeping its byte-order
    mark and line ending."""
    body = original.rstrip(b"\r\n")
    bom = UTF8_BOM if body.startswith(UTF8_BOM) else b""
    return bom + line.encode("utf-8") + original[len(body):]
