"""Readers for the formats that are not plain text: HTML pages (their main
text, extracted with trafilatura), JSONL corpora (one document per record,
optionally gzip or zstd compressed) and WARC archives (each HTML response).

Input is read as a stream with bounds, so that hostile data ends with an
error instead of filling memory: the decompressed size of a compressed JSONL
file, and the HTML bodies of a WARC archive, stop at `MAX_DECOMPRESSED` (a
gzip bomb); a JSONL line stops at `MAX_RECORD` (one endless line). Both are
read when a file is opened, so they can be changed at run time.

A record that cannot be read (a JSONL line that is not a JSON object with a
string text field, a WARC response whose page cannot be decoded) is not an
error that stops the file: it becomes one INP001 diagnostic at the record's
place, and the reader goes on with the next record.
"""
from __future__ import annotations

import contextlib
import gzip
import io
import json
import re
import sys
from bisect import bisect_left, bisect_right
from html.parser import HTMLParser
from inspect import cleandoc
from typing import IO, Iterator

from .config import Config
from .model import Diagnostic, FileError, Position, Severity
from .rule import Rule
from .sources import REPLACEMENT, BinaryFile, Unit, decode, open_regular, read_bytes, skipped

MAX_DECOMPRESSED = 4 << 30  # 4 GiB per compressed JSONL file, or of HTML bodies per WARC archive
MAX_RECORD = 64 << 20  # 64 MiB per JSONL line
WORD = re.compile(r"\w+")
# JSON decoding keeps a `\\ud800` escape that has no partner as a lone
# surrogate, which no output encoding can write.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


# -- records that cannot be read ------------------------------------------------
# An engine check: no check of a text, the readers report it (`unreadable_record`).
UNREADABLE_RECORD = Rule(
    "INP001", "unreadable-record", "input", None, severity=Severity.ERROR, engine=True,
    origin=__name__, doc=cleandoc("""
        Flags a record of a JSONL or WARC input that newslint cannot read, and so did not lint.

        ## What it does
        Reports a JSONL line that is not valid JSON, is not a JSON object, has no
        text field (`text`, or the `--text-field`), or whose text field is not a
        string; a JSONL line longer than the record limit (64 MiB); and a WARC
        HTML response whose body cannot be decoded or whose main text cannot be
        extracted. The diagnostic sits on the record's line in the file (for a
        WARC response: its target URI and `record_offset`), the record is
        skipped, and the rest of the file is linted.

        INP001 is an input check, not a rule of the text: it is always on and
        cannot be selected or ignored, a baseline never records it, and any
        INP001 makes newslint exit 2, whatever else was found. A file that
        cannot be read at all (missing, truncated, not a WARC) is still an
        error on stderr.

        ## Why is this bad?
        A record that cannot be read is a document that was not checked, and
        usually the sign of a broken export: a line cut in two, a field renamed,
        a number where the text should be. Reported in the same place and
        format as the findings, it cannot scroll by unnoticed in CI.

        ## Example
        ```
        {"id": "a1", "text": "A readable record."}
        {"id": "a2", "text": "a line cut in the mid
        {"id": "a3", "body": "the text is in another field"}
        ```
        Line 2 is reported as `malformed JSON record: Unterminated string
        starting at column 22`, line 3 as ``record has no field `text` ``;
        line 1 is linted.
        """))
# Diagnostics the engine reports itself, listed and documented like rules.
ENGINE_RULES = (UNREADABLE_RECORD,)
JSON_KINDS = {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number",
              bool: "a boolean", type(None): "null"}


def unreadable_record(path: str, line: int, length: int, message: str, record: str,
                      record_offset: int | None = None) -> Diagnostic:
    """An INP001 diagnostic over the first `length` columns of `line`."""
    found = UNREADABLE_RECORD
    extra: dict = {"record": record}
    if record_offset is not None:
        extra["record_offset"] = record_offset
    return Diagnostic(path, found.code, found.name, found.category, found.severity, message,
                      Position(line, 1), Position(line, 1 + max(1, length)), 0, 0, extra=extra)


# -- compressed streams -------------------------------------------------------
class BoundedReader(io.RawIOBase):
    """A read-only stream that fails once more than `limit` bytes came out."""

    def __init__(self, inner: IO[bytes], limit: int, path: str):
        self.inner, self.limit, self.path, self.total = inner, limit, path, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            data = self.inner.read(len(buffer))
        except (OSError, EOFError):
            raise
        except Exception as error:  # a decompressor's own error type (zstd, zlib)
            raise OSError(f"corrupt compressed data: {error}") from None
        self.total += len(data)
        if self.total > self.limit:
            raise FileError(self.path, too_big(self.limit))
        buffer[:len(data)] = data
        return len(data)


def too_big(limit: int) -> str:
    return f"decompressed data exceeds the limit of {limit:,} bytes (a decompression bomb?): stopped reading"


def open_stream(path: str, shown: str, limit: int | None = None) -> IO[bytes]:
    """The bytes of `path`, decompressed by its extension (`.gz`, `.zst`) and
    bounded by `limit` (default: MAX_DECOMPRESSED)."""
    raw = sys.stdin.buffer if path == "-" else open_regular(path)
    name = shown.lower()
    if name.endswith(".gz"):
        inner: IO[bytes] = gzip.GzipFile(fileobj=raw)
    elif name.endswith(".zst"):
        import zstandard

        inner = zstandard.ZstdDecompressor().stream_reader(raw)
    else:
        return raw
    return io.BufferedReader(BoundedReader(inner, MAX_DECOMPRESSED if limit is None else limit, shown))


# -- JSONL --------------------------------------------------------------------
JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
KEY_SEPARATOR = re.compile(r"[ \t]*:[ \t]*")
JSON_ESCAPE = re.compile(r'\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.')


def json_value_start(raw: str, field: str) -> int | None:
    """Index in `raw` of the opening quote of the top-level string `field`
    (of its last occurrence, the one `json.loads` keeps)."""
    depth = 0
    position = 0
    found = None
    while position < len(raw):
        char = raw[position]
        if char == '"':
            token = JSON_STRING.match(raw, position)
            if token is None:
                return None
            separator = KEY_SEPARATOR.match(raw, token.end())
            if depth == 1 and separator and json.loads(token.group()) == field:
                found = separator.end() if raw.startswith('"', separator.end()) else None
            position = token.end()
            continue
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
        position += 1
    return found


class JsonLocator:
    """Maps offsets of a decoded JSON string value to columns of its raw line."""

    def __init__(self, raw: str, line: int, field: str):
        self.raw, self.line, self.field = raw, line, field
        self._decoded_starts: list[int] | None = None
        self._raw_starts: list[int] = []

    def _build(self) -> None:
        """Where each escape sequence sits, in decoded and in raw offsets."""
        start = json_value_start(self.raw, self.field)
        self._decoded_starts, self._raw_starts = [0], [(start or 0) + 1]
        if start is None:
            return
        end = JSON_STRING.match(self.raw, start).end() - 1
        decoded = 0
        previous = start + 1
        for escape in JSON_ESCAPE.finditer(self.raw, start + 1, end):
            decoded += escape.start() - previous
            decoded += 1
            previous = escape.end()
            self._decoded_starts.append(decoded)
            self._raw_starts.append(escape.end())

    def __call__(self, offset: int) -> Position:
        if self._decoded_starts is None:
            self._build()
        index = bisect_right(self._decoded_starts, offset) - 1
        column = self._raw_starts[index] + (offset - self._decoded_starts[index])
        return Position(self.line, column + 1)

    def with_text(self, old: str, new: str) -> "JsonLocator":
        """The locator of this line with its text `old` replaced by `new`.
        Only the stretch of the JSON string from the first to the last
        changed character is written anew, escaped as the line is (ASCII
        escapes if the line is ASCII), so the rest keeps its exact bytes."""
        prefix = _common_prefix(old, new)
        suffix = _common_prefix(old[prefix:][::-1], new[prefix:][::-1])
        start = self(prefix).column - 1
        end = self(len(old) - suffix).column - 1
        middle = json.dumps(new[prefix:len(new) - suffix], ensure_ascii=self.raw.isascii())[1:-1]
        return JsonLocator(self.raw[:start] + middle + self.raw[end:], self.line, self.field)


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix of two strings: a binary search over
    slice comparisons, which run in C."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def jsonl_units(path: str, shown: str, config: Config) -> Iterator[Unit | Diagnostic | FileError]:
    """A unit per record; an INP001 diagnostic per record that cannot be
    read; a FileError, which ends the file, when the stream itself fails."""
    number = 0
    stream = open_stream(path, shown)  # an error here names no line
    try:
        with stream:
            for number, raw_bytes in enumerate(_lines(stream), 1):
                if raw_bytes is None:
                    yield unreadable_record(shown, number, 1, f"record longer than {MAX_RECORD:,} bytes skipped",
                                            f"line {number}")
                else:
                    yield from _record(shown, number, raw_bytes, config)
    except FileError as error:  # past MAX_DECOMPRESSED
        yield FileError(shown, f"line {number + 1}: {error.message}")
    except (OSError, EOFError, ValueError) as error:  # truncated or corrupt compressed data
        yield FileError(shown, f"line {number + 1}: cannot read: {error}")


def _lines(stream: IO[bytes]) -> Iterator[bytes | None]:
    """The lines of a stream; None for a line longer than MAX_RECORD, which
    is read past in pieces instead of being held in memory."""
    limit = MAX_RECORD
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(limit)
        yield None


def _record(shown: str, number: int, raw_bytes: bytes, config: Config) -> Iterator[Unit | Diagnostic]:
    raw = raw_bytes.decode("utf-8", errors="replace").rstrip("\r\n")
    if number == 1:
        raw = raw.removeprefix("\ufeff")  # a UTF-8 BOM; editors do not count it as a column
    if not raw.strip():
        return
    record, problem = _parse(raw)
    record_id = f"line {number}"
    if isinstance(record, dict):
        record_id = _writable(str(record.get(config.id_field, record_id)))
        problem = problem or _text_problem(record, config.text_field)
    elif problem is None:
        problem = f"record is {JSON_KINDS[type(record)]}, not a JSON object"
    if problem is not None:
        yield unreadable_record(shown, number, len(raw), problem, record_id)
        return
    yield Unit(shown, _writable(record[config.text_field]), record=record_id,
               locate=JsonLocator(raw, number, config.text_field))


def _parse(raw: str) -> tuple[object, str | None]:
    """(the JSON value of a line, None) or (None, why it is not JSON)."""
    try:
        return json.loads(raw), None
    except json.JSONDecodeError as error:
        return None, f"malformed JSON record: {error.msg.removesuffix(' at')} at column {error.colno}"
    except RecursionError:
        return None, "JSON record nested too deeply"
    except ValueError as error:  # an integer of thousands of digits
        return None, f"malformed JSON record: {error}"


def _text_problem(record: dict, field: str) -> str | None:
    if field not in record:
        return f"record has no field `{field}`"
    if not isinstance(record[field], str):
        return f"record field `{field}` is {JSON_KINDS[type(record[field])]}, not a string"
    return None


def _writable(text: str) -> str:
    """`text` with each lone surrogate made U+FFFD: one character for one,
    so offsets stay right."""
    return LONE_SURROGATE.sub(REPLACEMENT, text) if LONE_SURROGATE.search(text) else text


# -- HTML ---------------------------------------------------------------------
class TextPositions(HTMLParser):
    """The words of an HTML page's text nodes, each with its source position."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.positions: list[Position] = []
        self._skip = 0

    def parse_marked_section(self, i, report=1):
        """`<![foo`, a marked section HTML does not have, makes the stdlib
        parser raise; it is read past instead."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return i + len("<![")

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if self._skip:
            return
        line, column = self.getpos()
        # Line breaks are counted as the words go by, so that a long text
        # node costs time in proportion to its length.
        newlines, line_start, counted = 0, None, 0
        for match in WORD.finditer(data):
            between = data.count("\n", counted, match.start())
            if between:
                newlines += between
                line_start = data.rfind("\n", counted, match.start()) + 1
            counted = match.start()
            word_column = match.start() - line_start if line_start is not None else column + match.start()
            self.words.append(match.group().casefold())
            self.positions.append(Position(line + newlines, word_column + 1))


class HtmlLocator:
    """Best-effort map from the extracted text back to the HTML source. Each
    extracted line is found by its first words among the page's text nodes,
    searching forward from the previous line's match; an offset then maps to
    the source position of its word, looked up within a few words of where
    the line's anchor puts it, or else to the position of the line's start."""

    PROBE = 4  # words that must match in sequence to anchor a line
    # Occurrences of a line's first word tried as its anchor: bounds the
    # search for a line that is not in the page (trafilatura rewrote it).
    MAX_CANDIDATES = 64
    DRIFT = 4  # words by which the page and the extracted line may have drifted apart

    def __init__(self, html: str, text: str):
        self.html, self.text = html, text
        self._parsed: TextPositions | None = None
        self._anchors: list[int | None] = []  # per text line: index of its first word in the page
        self._last_anchors: list[int | None] = []  # per text line: the last anchor at or before it
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self._word_starts: list[int] = []  # of the words of `text`

    def _build(self) -> TextPositions:
        parsed = TextPositions()
        parsed.feed(self.html)
        parsed.close()
        occurrences: dict[str, list[int]] = {}
        for index, word in enumerate(parsed.words):
            occurrences.setdefault(word, []).append(index)
        words = [(m.start(), m.group().casefold()) for m in WORD.finditer(self.text)]
        self._word_starts = [start for start, _ in words]
        cursor, last = 0, None
        for start, end in zip(self._line_starts, self._line_starts[1:] + [len(self.text) + 1]):
            first = bisect_left(self._word_starts, start)
            probe = [word for word_start, word in words[first:first + self.PROBE] if word_start < end]
            found = self._find(parsed.words, occurrences, probe, cursor) if probe else None
            self._anchors.append(found)
            last = found if found is not None else last
            self._last_anchors.append(last)
            cursor = found if found is not None else cursor
        return parsed

    def _find(self, words: list[str], occurrences: dict[str, list[int]], probe: list[str], start: int) -> int | None:
        """The first index at or after `start` where the page's words read `probe`."""
        candidates = occurrences.get(probe[0], [])
        first = bisect_left(candidates, start)
        for index in candidates[first:first + self.MAX_CANDIDATES]:
            if words[index:index + len(probe)] == probe:
                return index
        return None

    def __call__(self, offset: int) -> Position:
        if self._parsed is None:
            self._parsed = self._build()
        parsed = self._parsed
        line = bisect_right(self._line_starts, offset) - 1
        anchor = self._anchors[line]
        if anchor is None:  # an unmatched line: report the last matched line before it
            last = self._last_anchors[line]
            return parsed.positions[last] if last is not None else Position(1, 1)
        starts = self._word_starts
        # Words of the line before the offset (one cut by the offset included).
        before = bisect_left(starts, offset) - bisect_left(starts, self._line_starts[line])
        word = WORD.match(self.text, offset)
        if word is None:
            following = bisect_left(starts, offset)
            word = WORD.match(self.text, starts[following]) if following < len(starts) else None
        if word is not None:
            index = self._nearest(parsed.words, word.group().casefold(), anchor + before, anchor)
            if index is not None:
                return parsed.positions[index]
        return parsed.positions[anchor]

    def _nearest(self, words: list[str], word: str, index: int, anchor: int) -> int | None:
        """The index nearest `index` (within DRIFT, not before the line's
        anchor) where the page has `word`: the page may split a word the text
        has whole (`mis<b>nested</b>`), or hold one the extraction dropped."""
        for distance in range(self.DRIFT + 1):
            for candidate in (index + distance, index - distance):
                if anchor <= candidate < len(words) and words[candidate] == word:
                    return candidate
        return None


def extract_main_text(html: str, config: Config) -> str:
    import logging  # here, not at import time: start-up of a plain-text run

    import trafilatura

    # trafilatura logs every page it cannot parse; newslint reports that itself.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        return trafilatura.extract(html, output_format="txt", **config.html_extraction) or ""
    except (ValueError, RecursionError, MemoryError) as error:  # lxml on hostile markup
        raise FileError("", f"cannot extract the main text: {error!r}") from None


def html_units(path: str, shown: str, config: Config) -> Iterator[Unit | FileError]:
    try:
        html, _encoding = decode(read_bytes(path), shown)
    except BinaryFile as error:
        yield skipped(shown, error.message)
        return
    if not html.strip():  # an empty page is an empty document, as an empty .txt is
        yield Unit(shown, "", locate=HtmlLocator(html, ""))
        return
    text = extract_main_text(html, config)
    if not text.strip():
        yield FileError(shown, "no main text found in the HTML page")
        return
    yield Unit(shown, text, locate=HtmlLocator(html, text))


# -- WARC -----------------------------------------------------------------------
def warc_units(path: str, shown: str, config: Config) -> Iterator[Unit | Diagnostic | FileError]:
    with open_regular(path) as stream:
        for item in _html_records(stream, shown):
            if isinstance(item, FileError):
                yield item
            else:
                yield from _warc_units(shown, *item, config)


def _html_records(stream: IO[bytes], shown: str) -> Iterator[tuple[object, bytes, int] | FileError]:
    """(record, HTML body, byte offset) of each HTML response. An HTML body
    is bounded by MAX_RECORD, all of them together by MAX_DECOMPRESSED. A
    damaged archive is an error: one that ends inside a record, or holds data
    after its last record that is not one (warcio stops there without an
    error), or whose records do not end where their Content-Length says."""
    import logging  # here, not at import time: start-up of a plain-text run

    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    logging.getLogger("warcio").setLevel(logging.ERROR)  # its warnings are reported here instead
    budget = MAX_DECOMPRESSED
    end = 0  # where the last complete record ends
    try:
        records = ArchiveIterator(stream)
        while True:
            with contextlib.redirect_stderr(io.StringIO()):  # warcio prints warnings of its own
                record = next(records, None)
                if record is None:
                    break
                if not (record.format or "").startswith("warc"):
                    raise ArchiveLoadFailed("not a WARC record")
                # The body is read before get_record_offset, which skips it.
                html = _is_html_response(record)
                body = record.content_stream().read(min(budget, MAX_RECORD) + 1) if html else b""
                offset, length = records.get_record_offset(), records.get_record_length()
            if html:
                if len(body) > budget:
                    yield FileError(shown, too_big(MAX_DECOMPRESSED))
                    return
                budget -= len(body)
                yield record, body, offset
            if getattr(record.raw_stream, "limit", 0):
                yield FileError(shown, f"cannot read WARC: the record at byte {offset} is truncated")
                return
            end = offset + length
        if records.err_count:
            yield FileError(shown, f"cannot read WARC: {records.err_count} record(s) do not end where their "
                                   "Content-Length says")
        elif _data_after(stream, end):
            yield FileError(shown, f"cannot read WARC: the data after byte {end} is truncated or not a record")
    except (ArchiveLoadFailed, OSError, EOFError) as error:
        yield FileError(shown, f"cannot read WARC: {error}")
    except Exception as error:  # warcio fails in other ways too on a damaged archive
        yield FileError(shown, f"cannot read WARC: damaged archive ({type(error).__name__}: {error})")


def _data_after(stream: IO[bytes], end: int) -> bool:
    """Whether anything but the blank lines that close a record follows `end`."""
    stream.seek(end)
    return bool(stream.read(4096).strip())


def _is_html_response(record) -> bool:
    return (record.rec_type == "response" and record.http_headers is not None
            and "html" in (record.http_headers.get_header("Content-Type") or "").lower())


def _warc_units(shown: str, record, body: bytes, offset: int, config: Config) -> Iterator[Unit | Diagnostic]:
    """The unit of one HTML response, or an INP001 diagnostic (at line 1 of
    the text it should have had) when its page cannot be read."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"offset {offset}"
    if len(body) > MAX_RECORD:
        yield _unreadable_response(shown, uri, offset, f"HTML body longer than {MAX_RECORD:,} bytes skipped")
        return
    try:
        html, _encoding = decode(body, shown)
        text = extract_main_text(html, config)
    except BinaryFile as error:
        yield skipped(shown, error.message, record=uri)
        return
    except FileError as error:
        yield _unreadable_response(shown, uri, offset, error.message)
        return
    if text.strip():
        yield Unit(shown, text, record=uri, record_offset=offset)


def _unreadable_response(shown: str, uri: str, offset: int, problem: str) -> Diagnostic:
    """INP001 for a WARC response; the message names it, since a WARC
    diagnostic's line is a line of the text, and this response has none."""
    return unreadable_record(shown, 1, 1, f"response {uri} at byte {offset}: {problem}", uri, offset)


READERS = {"jsonl": jsonl_units, "html": html_units, "warc": warc_units}
