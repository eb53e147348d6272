"""Where documents come from: files found on disk, decoded, and split into
`Unit`s — one per text file, per JSONL record, per HTML page, per WARC response.

A unit carries the text to lint and, when that text is not the file itself
(a record, an extracted page), a `locate` function that maps a position in
the text back to the file on disk, so that diagnostics point at the file.
"""
from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from .config import Config
from .model import FileError, Position

BINARY_SNIFF = 8192
SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages"}
FORMATS = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html",
           ".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".jsonl.zst": "jsonl",
           ".warc": "warc", ".warc.gz": "warc"}
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))

Locate = Callable[[int], Position]  # text offset -> position in the file on disk


@dataclass(frozen=True)
class Unit:
    path: str
    text: str
    # Set when the unit is a whole text file, so --fix can write it back.
    encoding: str | None = None
    # For records and extracted pages: the record id, and text -> file positions.
    record: str | None = None
    locate: Locate | None = None
    record_offset: int | None = None  # WARC: byte offset of the record in the archive
    note: str | None = None  # e.g. the encoding, when it is not UTF-8


def format_of(path: str, forced: str | None = None) -> str | None:
    if forced:
        return forced
    name = path.lower()
    return next((fmt for suffix, fmt in FORMATS.items() if name.endswith(suffix)), None)


# -- finding files ----------------------------------------------------------
def _skip_dir(entry: os.DirEntry) -> bool:
    return (entry.name.startswith(".") or entry.name in SKIPPED_DIRS
            or os.path.exists(os.path.join(entry.path, "pyvenv.cfg")))


def _walk(directory: str) -> Iterator[str | FileError]:
    """Files under `directory` in sorted order; hidden folders, virtual
    environments and node_modules are skipped, symlinked folders not followed."""
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as error:
        yield FileError(directory, f"cannot list directory: {error.strerror or error}")
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if not _skip_dir(entry):
                yield from _walk(entry.path)
        elif format_of(entry.name) and entry.is_file():
            yield os.path.normpath(entry.path)  # "./a.txt" is reported as "a.txt"


def iter_files(paths: Iterable[str], config: Config) -> Iterator[str | FileError]:
    """Paths to lint, in command-line order, directories walked in sorted order."""
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            yield from (f for f in _walk(path) if isinstance(f, FileError) or not config.is_excluded(f))
        elif os.path.lexists(path):
            yield path
        else:
            yield FileError(path, "no such file or directory")


# -- reading ------------------------------------------------------------------
def decode(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding) of file bytes: BOM first, then strict UTF-8, then a
    detected encoding. Binary data (NUL bytes) is refused."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as error:
                raise FileError(path, f"cannot decode: invalid {codec} after its BOM ({error.reason})") from None
    if b"\x00" in data[:BINARY_SNIFF]:
        raise FileError(path, "binary file skipped (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        guess = from_bytes(data).best()
        if guess is None:
            raise FileError(path, "cannot decode: not UTF-8 and no text encoding fits") from None
        return str(guess), guess.encoding


def read_bytes(path: str) -> bytes:
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise FileError(path, "not a regular file (FIFO, socket or device) skipped")
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise FileError(path, f"cannot read: {error.strerror or error}") from None


def text_units(path: str, data: bytes, config: Config) -> Iterator[Unit]:
    text, encoding = decode(data, path)
    note = None if encoding in ("utf-8", "utf-8-sig") else f"decoded as {encoding}"
    yield Unit(path, text, encoding=encoding, note=note)


def read_units(path: str, config: Config, forced_format: str | None = None,
               display_path: str | None = None) -> Iterator[Unit | FileError]:
    """The units of one path. Errors are yielded, not raised, so that a bad
    record does not hide the good ones after it."""
    shown = display_path or path
    fmt = format_of(shown, forced_format) or "text"
    try:
        if fmt == "text":
            yield from text_units(shown, read_bytes(path), config)
        else:
            # Imported here: trafilatura and friends cost start-up time that a
            # run over plain text files should not pay.
            from .inputs import READERS

            yield from READERS[fmt](path, shown, config)
    except FileError as error:
        yield FileError(shown, error.message)
