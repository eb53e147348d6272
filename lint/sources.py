"""Where documents come from: files found on disk, decoded, and split into
`Unit`s — one per text file, per JSONL record, per HTML page, per WARC response.

A unit carries the text to lint and, when that text is not the file itself
(a record, an extracted page), a `locate` function that maps a position in
the text back to the file on disk, so that diagnostics point at the file.
"""
from __future__ import annotations

import codecs
import os
import stat
import sys
from dataclasses import dataclass
from functools import partial
from typing import BinaryIO, Callable, Iterable, Iterator

from .config import Config
from .model import FileError, Position

BINARY_SNIFF = 8192
SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages"}
FORMATS = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html",
           ".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".jsonl.zst": "jsonl",
           ".warc": "warc", ".warc.gz": "warc"}
# UTF-32 marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32-le-bom"), (b"\x00\x00\xfe\xff", "utf-32-be-bom"),
        (b"\xff\xfe", "utf-16-le-bom"), (b"\xfe\xff", "utf-16-be-bom"))
REPLACEMENT = "\ufffd"
# The legacy encodings browsers support (the WHATWG Encoding Standard), as
# Python codecs, most used on the web first: scraped text was served in one.
WEB_ENCODINGS = ("cp1252", "cp1251", "cp932", "euc_jp", "cp949", "gb18030", "cp1250", "iso8859_2", "cp1256",
                 "cp1253", "cp1254", "iso8859_15", "big5", "cp1257", "cp874", "koi8_r", "cp1255", "iso8859_7",
                 "iso8859_5", "cp1258", "iso8859_4", "iso8859_13", "iso8859_3", "iso8859_10", "iso8859_14",
                 "iso8859_16", "iso8859_6", "iso8859_8", "koi8_u", "cp866", "mac_roman", "mac_cyrillic",
                 "iso2022_jp")
# Language coherence (in points) below the best guess's that still counts as a tie.
COHERENCE_MARGIN = 5.0

Locate = Callable[[int], Position]  # text offset -> position in the file on disk


@dataclass(frozen=True)
class Unit:
    path: str
    text: str
    # Set when the unit is a whole text file whose text encodes back to the
    # file's very bytes, so that --fix can write it back.
    encoding: str | None = None
    # For records and extracted pages: the record id, and text -> file positions.
    record: str | None = None
    locate: Locate | None = None
    record_offset: int | None = None  # WARC: byte offset of the record in the archive
    note: str | None = None  # e.g. the encoding, when it is not UTF-8, or why a binary file was skipped
    skipped: bool = False  # skipped on purpose (binary data): there is no text, only the note


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
    """Files under `directory` in sorted order. Hidden files and folders,
    virtual environments and node_modules are skipped, and symlinked folders
    are not followed, so a symlink loop cannot trap the walk. FIFOs, sockets
    and devices are skipped without being opened: reading a FIFO blocks until
    something writes to it."""
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as error:
        yield FileError(directory, f"cannot list directory: {_reason(error)}")
        return
    for entry in entries:
        path = os.path.normpath(entry.path)  # "./a.txt" is reported as "a.txt"
        try:
            if entry.is_dir(follow_symlinks=False):
                if not _skip_dir(entry):
                    yield from _walk(entry.path)
            elif entry.name.startswith(".") or not format_of(entry.name):
                continue  # hidden (editor lock files `.#a.txt`, macOS `._a.txt`) or not a format we read
            elif entry.is_file():
                yield path
            elif entry.is_symlink() and not os.path.exists(entry.path):
                yield FileError(path, "broken symbolic link: its target does not exist")
        except OSError as error:  # a symlink loop: `is_file()` follows links
            yield FileError(path, f"cannot read: {_reason(error)}")


def iter_files(paths: Iterable[str], config: Config) -> Iterator[str | FileError]:
    """Paths to lint, in command-line order, directories walked in sorted order."""
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            # `exclude` silences the errors of excluded paths too (a broken link in an excluded folder).
            yield from (f for f in _walk(path) if not config.is_excluded(f.path if isinstance(f, FileError) else f))
        else:
            try:
                os.lstat(path)
            except OSError as error:  # missing, a parent that is a file, a name too long...
                yield FileError(path, _reason(error))
                continue
            yield path


def _reason(error: OSError) -> str:
    """`No such file or directory` -> `no such file or directory`."""
    reason = error.strerror or str(error)
    return reason[:1].lower() + reason[1:]


# -- reading ------------------------------------------------------------------
class BinaryFile(FileError):
    """Raised by `decode` for data that is not text (it holds NUL bytes)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    note: str | None = None  # said to the user: the encoding, when it is not UTF-8
    exact: bool = True  # re-encoding the text gives the file's bytes back, so --fix may write it


def decode(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding) of file bytes: BOM first, then strict UTF-8, then a
    detected encoding. Binary data (NUL bytes) is refused with `BinaryFile`."""
    decoded = decode_file(data, path)
    return decoded.text, decoded.encoding


def decode_file(data: bytes, path: str, binary_ok: bool = False) -> Decoded:
    """Decode file bytes, saying how (see `decode`). With `binary_ok`, data
    with NUL bytes is read as UTF-8 instead of refused."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            name = codec.removesuffix("-bom").removesuffix("-sig")
            try:
                return Decoded(data.decode(codec), codec,
                               None if name == "utf-8" else f"decoded as {name}, from its byte-order mark")
            except UnicodeDecodeError as error:
                raise FileError(path, f"cannot decode: invalid {name} after its BOM ({error.reason})") from None
    binary = b"\x00" in data[:BINARY_SNIFF]
    if binary and not binary_ok:
        raise BinaryFile(path, "binary file skipped (it contains NUL bytes; "
                               "--input-format text lints it anyway)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if binary or _mostly_utf8(data):
        return _lenient_utf8(data)
    return _detected(data, path)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few damaged bytes, rather than a legacy encoding: at
    least as many valid multi-byte UTF-8 characters as invalid sequences.
    (In cp1252 or Latin-1 text an accented letter is one byte, invalid in
    UTF-8, and a valid multi-byte sequence is mojibake such as `Ã©`.)"""
    lenient = data.decode("utf-8", errors="replace")
    non_ascii = len(lenient) - len(lenient.encode("ascii", errors="ignore"))
    invalid = lenient.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    return non_ascii - invalid >= invalid


def _lenient_utf8(data: bytes) -> Decoded:
    """UTF-8 with each invalid byte sequence shown as U+FFFD, one character
    each, so columns stay right. The text no longer gives the bytes back."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    return Decoded(text, "utf-8", f"not valid UTF-8: {invalid} invalid byte sequence{'s' if invalid != 1 else ''} "
                                  "read as U+FFFD; --fix leaves this file alone", exact=False)


def _detected(data: bytes, path: str) -> Decoded:
    """The legacy encoding charset-normalizer finds most plausible. Short
    texts fit several encodings about equally well, so among the guesses
    with the least chaos and nearly the best language coherence, the one
    most used on the web wins (`Bogotá mañana` is cp1252, not cp1250)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=list(WEB_ENCODINGS)))
    least_chaos = min((match.percent_chaos for match in matches), default=None)
    calm = [match for match in matches if match.percent_chaos == least_chaos]
    coherence = max((match.percent_coherence for match in calm), default=0.0)
    # could_be_from_charset: the encodings that decode these bytes to the same text.
    tied = {encoding for match in calm if match.percent_coherence >= coherence - COHERENCE_MARGIN
            for encoding in (match.encoding, *match.could_be_from_charset)}
    for encoding in sorted(tied, key=_web_rank):
        try:
            text = data.decode(encoding)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    else:
        raise FileError(path, "cannot decode: not UTF-8 and no text encoding fits")
    exact = _encodes_back(text, encoding, data)
    note = f"decoded as {encoding}" + ("" if exact else "; it does not encode back to the same bytes, "
                                                        "so --fix leaves this file alone")
    return Decoded(text, encoding, note, exact)


def _web_rank(encoding: str) -> tuple[int, str]:
    return (WEB_ENCODINGS.index(encoding) if encoding in WEB_ENCODINGS else len(WEB_ENCODINGS), encoding)


def _encodes_back(text: str, encoding: str, data: bytes) -> bool:
    try:
        return text.encode(encoding) == data
    except UnicodeEncodeError:
        return False


def open_regular(path: str) -> BinaryIO:
    """Open a regular file for reading. Anything else (a FIFO, socket or
    device) is refused without blocking: it is opened non-blocking and
    checked on the open descriptor, so it cannot be swapped in between."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise FileError(path, _cannot_read(path, error)) from None
    handle = os.fdopen(descriptor, "rb")
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        handle.close()
        raise FileError(path, "not a regular file (FIFO, socket or device) skipped")
    return handle


def _cannot_read(path: str, error: OSError) -> str:
    if isinstance(error, FileNotFoundError) and os.path.islink(path):
        return "broken symbolic link: its target does not exist"
    return f"cannot read: {_reason(error)}"


def read_bytes(path: str) -> bytes:
    if path == "-":
        if sys.stdin is None:  # started with stdin closed
            raise FileError(path, "cannot read: standard input is closed")
        return sys.stdin.buffer.read()
    with open_regular(path) as handle:
        try:
            return handle.read()
        except OSError as error:
            raise FileError(path, _cannot_read(path, error)) from None


def skipped(path: str, reason: str, record: str | None = None) -> Unit:
    """A file or record that is skipped on purpose (binary data): a unit with
    no text and a note, so the run reports it without failing."""
    return Unit(path, "", record=record, note=reason, skipped=True)


def text_units(path: str, data: bytes, config: Config, forced: bool = False) -> Iterator[Unit]:
    """The unit of a text file. Binary data is skipped with a note unless
    the format was forced (`--input-format text`). The encoding is kept for
    --fix only when the decoded text encodes back to the very same bytes."""
    try:
        decoded = decode_file(data, path, binary_ok=forced)
    except BinaryFile as error:
        yield skipped(path, error.message)
        return
    yield Unit(path, decoded.text, encoding=decoded.encoding if decoded.exact else None, note=decoded.note)


def read_units(path: str, config: Config, forced_format: str | None = None,
               display_path: str | None = None) -> Iterator[Unit | FileError]:
    """The units of one path. Errors are yielded, not raised, so that a bad
    record does not hide the good ones after it."""
    shown = display_path or path
    fmt = format_of(shown, forced_format) or "text"
    try:
        if fmt == "text":
            yield from text_units(shown, read_bytes(path), config, forced=forced_format == "text")
        else:
            # Imported here: trafilatura and friends cost start-up time that a
            # run over plain text files should not pay.
            from .inputs import READERS

            yield from READERS[fmt](path, shown, config)
    except FileError as error:
        yield FileError(shown, error.message)


# -- codecs that keep a byte-order mark --------------------------------------------
def _bom_codec(name: str) -> codecs.CodecInfo | None:
    """`utf-16-le-bom` and friends: UTF-16/32 in one byte order, written back
    with its byte-order mark, so that --fix keeps a file's BOM and byte order
    (Python's `utf-16` codec writes the machine's order)."""
    for bom, codec in BOMS[1:]:
        if name == codec.replace("-", "_"):
            base = codec[:-len("-bom")]
            return codecs.CodecInfo(name=codec, encode=partial(_encode_with_bom, bom, base),
                                    decode=partial(_decode_after_bom, bom, base))
    return None


def _encode_with_bom(bom: bytes, base: str, text: str, errors: str = "strict") -> tuple[bytes, int]:
    return bom + codecs.encode(text, base, errors), len(text)


def _decode_after_bom(bom: bytes, base: str, data: bytes, errors: str = "strict") -> tuple[str, int]:
    payload = bytes(data)
    if payload.startswith(bom):
        payload = payload[len(bom):]
    return codecs.decode(payload, base, errors), len(data)


codecs.register(_bom_codec)
