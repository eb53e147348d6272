"""Fingerprints that identify a diagnostic across edits elsewhere in its
file: GitHub's `primaryLocationLineHash`, GitLab's fingerprint, baselines."""
from __future__ import annotations

from collections import Counter
from hashlib import sha256
from itertools import groupby

from .document import Document
from .model import Diagnostic, FileError
from .sources import decode, read_bytes

STDIN = "-"


def _from_extracted_text(diagnostic: Diagnostic) -> bool:
    """Whether a diagnostic is about text taken out of its file (a JSONL
    record, an HTML page's main text, a WARC response; see runner.relocate)
    rather than about the file's own lines."""
    return "record" in diagnostic.extra or "text_line" in diagnostic.extra


def _file_lines(path: str, diagnostics: list[Diagnostic]) -> list[str] | None:
    """The lines of a plain-text file, read again because a Diagnostic does
    not carry the text of its line. None for stdin, which cannot be read
    twice, for files that documents were extracted from (their lines are not
    the linted text, and a JSONL corpus may be gigabytes), and for a file
    that can no longer be read."""
    if path == STDIN or any(_from_extracted_text(d) for d in diagnostics):
        return None
    try:
        return [line.text for line in Document(decode(read_bytes(path), path)[0], path).lines]
    except FileError:
        return None


def _flagged_content(diagnostic: Diagnostic, lines: list[str] | None) -> str:
    index = diagnostic.start.line - 1
    if lines is not None and index < len(lines):
        return " ".join(lines[index].split())
    # No line to read: the message names what it flags, the record where.
    return f"{diagnostic.extra.get('record', '')}\0{diagnostic.message}"


def line_fingerprints(diagnostics: list[Diagnostic]) -> list[str]:
    """A fingerprint per diagnostic that does not change when lines are added
    or removed elsewhere in the file: a hash of the rule code and the flagged
    line's text (whitespace normalised), then `:n` numbering the diagnostics
    with that hash in the file (GitHub's `primaryLocationLineHash` form).
    Where there is no line to read (stdin, records), the message stands in.
    `diagnostics` are grouped by path, as a Report keeps them."""
    fingerprints: list[str] = []
    for path, grouped in groupby(diagnostics, key=lambda d: d.path):
        group = list(grouped)
        lines = _file_lines(path, group)
        seen: Counter[str] = Counter()
        for diagnostic in group:
            content = _flagged_content(diagnostic, lines)
            digest = sha256(f"{diagnostic.code}\0{content}".encode()).hexdigest()[:16]
            seen[digest] += 1
            fingerprints.append(f"{digest}:{seen[digest]}")
    return fingerprints
