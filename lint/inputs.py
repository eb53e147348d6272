"""Readers for the formats that are not plain text: HTML pages (their main
text, extracted with trafilatura), JSONL corpora (one document per record,
optionally gzip or zstd compressed) and WARC archives (each HTML response).

Compressed input is decompressed as a stream, with a bound on the
decompressed size, so a gzip bomb ends with an error instead of filling memory.
"""
from __future__ import annotations

import gzip
import io
import json
import logging
import re
import sys
from bisect import bisect_right
from html.parser import HTMLParser
from typing import IO, Iterator

from .config import Config
from .model import FileError, Position
from .sources import Unit, decode, read_bytes

MAX_DECOMPRESSED = 4 << 30  # 4 GiB per compressed file
WORD = re.compile(r"\w+")


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
        except Exception as error:  # a decompressor's own error type (zstd)
            raise OSError(f"corrupt compressed data: {error}") from None
        self.total += len(data)
        if self.total > self.limit:
            raise FileError(self.path, f"decompressed size exceeds the limit of {self.limit} bytes")
        buffer[:len(data)] = data
        return len(data)


def open_stream(path: str, shown: str, limit: int = MAX_DECOMPRESSED) -> IO[bytes]:
    raw = sys.stdin.buffer if path == "-" else open(path, "rb")
    name = shown.lower()
    if name.endswith(".gz"):
        inner: IO[bytes] = gzip.GzipFile(fileobj=raw)
    elif name.endswith(".zst"):
        import zstandard

        inner = zstandard.ZstdDecompressor().stream_reader(raw)
    else:
        return raw
    return io.BufferedReader(BoundedReader(inner, limit, shown))


# -- JSONL --------------------------------------------------------------------
JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
JSON_ESCAPE = re.compile(r'\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.')


def json_value_start(raw: str, field: str) -> int | None:
    """Index in `raw` of the opening quote of the top-level string `field`."""
    depth = 0
    position = 0
    key = json.dumps(field)
    while position < len(raw):
        char = raw[position]
        if char == '"':
            token = JSON_STRING.match(raw, position)
            if token is None:
                return None
            after = raw[token.end():].lstrip()
            if depth == 1 and after.startswith(":") and json.loads(token.group()) == json.loads(key):
                value = token.end() + (len(raw[token.end():]) - len(after)) + 1
                while raw[value] in " \t":
                    value += 1
                return value if raw[value] == '"' else None
            position = token.end()
            continue
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
        position += 1
    return None


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


def jsonl_units(path: str, shown: str, config: Config) -> Iterator[Unit | FileError]:
    number = 0
    try:
        with open_stream(path, shown) as stream:
            for number, raw_bytes in enumerate(stream, 1):
                yield from _record(shown, number, raw_bytes, config)
    except (OSError, EOFError, ValueError) as error:  # truncated or corrupt compressed data
        yield FileError(shown, f"cannot read past line {number}: {error}")


def _record(shown: str, number: int, raw_bytes: bytes, config: Config) -> Iterator[Unit | FileError]:
    raw = raw_bytes.decode("utf-8", errors="replace").rstrip("\r\n")
    if not raw.strip():
        return
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as error:
        yield FileError(shown, f"line {number}: malformed JSON record ({error.msg} at column {error.colno})")
        return
    text = record.get(config.text_field) if isinstance(record, dict) else None
    if not isinstance(text, str):
        yield FileError(shown, f"line {number}: record has no string field `{config.text_field}`")
        return
    record_id = record.get(config.id_field, f"line {number}")
    yield Unit(shown, text, record=str(record_id), locate=JsonLocator(raw, number, config.text_field))


# -- HTML ---------------------------------------------------------------------
class TextPositions(HTMLParser):
    """The words of an HTML page's text nodes, each with its source position."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.positions: list[Position] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if self._skip:
            return
        line, column = self.getpos()
        for match in WORD.finditer(data):
            before = data[:match.start()]
            newlines = before.count("\n")
            word_column = match.start() - before.rfind("\n") - 1 if newlines else column + match.start()
            self.words.append(match.group().casefold())
            self.positions.append(Position(line + newlines, word_column + 1))


class HtmlLocator:
    """Best-effort map from the extracted text back to the HTML source. Each
    extracted line is found by its first words among the page's text nodes,
    searching forward from the previous line's match; an offset then maps to
    the source position of its word, or of its line when the words diverge."""

    PROBE = 4  # words that must match in sequence to anchor a line

    def __init__(self, html: str, text: str):
        self.html, self.text = html, text
        self._parsed: TextPositions | None = None
        self._anchors: list[int | None] = []  # per text line: index of its first word in the page
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def _build(self) -> TextPositions:
        parsed = TextPositions()
        parsed.feed(self.html)
        parsed.close()
        cursor = 0
        for start, end in zip(self._line_starts, self._line_starts[1:] + [len(self.text) + 1]):
            probe = [w.casefold() for w in WORD.findall(self.text[start:end])[:self.PROBE]]
            found = _find_sequence(parsed.words, probe, cursor) if probe else None
            self._anchors.append(found)
            cursor = found if found is not None else cursor
        return parsed

    def __call__(self, offset: int) -> Position:
        if self._parsed is None:
            self._parsed = self._build()
        parsed = self._parsed
        line = bisect_right(self._line_starts, offset) - 1
        anchors = [a for a in self._anchors[:line + 1] if a is not None]
        if not anchors:
            return Position(1, 1)
        anchor = self._anchors[line]
        if anchor is None:  # an unmatched line: report the last matched line before it
            return parsed.positions[anchors[-1]]
        before = WORD.findall(self.text[self._line_starts[line]:offset])
        word = WORD.match(self.text, offset) or WORD.search(self.text, offset)
        index = anchor + len(before)
        if word and index < len(parsed.words) and parsed.words[index] == word.group().casefold():
            return parsed.positions[index]
        return parsed.positions[anchor]


def _find_sequence(words: list[str], probe: list[str], start: int) -> int | None:
    first = probe[0]
    for index in range(start, len(words) - len(probe) + 1):
        if words[index] == first and words[index:index + len(probe)] == probe:
            return index
    return None


def extract_main_text(html: str, config: Config) -> str:
    import trafilatura

    # trafilatura logs every page it cannot parse; newslint reports that itself.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    return trafilatura.extract(html, output_format="txt", **config.html_extraction) or ""


def html_units(path: str, shown: str, config: Config) -> Iterator[Unit | FileError]:
    html, _encoding = decode(read_bytes(path), shown)
    text = extract_main_text(html, config)
    if not text.strip():
        yield FileError(shown, "no main text found in the HTML page")
        return
    yield Unit(shown, text, locate=HtmlLocator(html, text))


# -- WARC -----------------------------------------------------------------------
def warc_units(path: str, shown: str, config: Config) -> Iterator[Unit | FileError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if not record.format.startswith("warc"):
                    raise ArchiveLoadFailed("not a WARC record")
                if not _is_html_response(record):
                    continue
                body = record.content_stream().read()  # before get_record_offset, which skips the body
                unit = _warc_unit(shown, record, body, records.get_record_offset(), config)
                if unit is not None:
                    yield unit
    except (ArchiveLoadFailed, OSError, EOFError) as error:
        yield FileError(shown, f"cannot read WARC: {error}")


def _is_html_response(record) -> bool:
    return (record.rec_type == "response" and record.http_headers is not None
            and "html" in (record.http_headers.get_header("Content-Type") or "").lower())


def _warc_unit(shown: str, record, body: bytes, offset: int, config: Config) -> Unit | FileError | None:
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"offset {offset}"
    try:
        html, _encoding = decode(body, shown)
    except FileError as error:
        return FileError(shown, f"record {uri}: {error.message}")
    text = extract_main_text(html, config)
    if not text.strip():
        return None
    return Unit(shown, text, record=uri, record_offset=offset)


READERS = {"jsonl": jsonl_units, "html": html_units, "warc": warc_units}
