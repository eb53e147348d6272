"""Run rules over files: find the files, read them, lint each one.

Data flows one way: source text -> `Document` -> rules -> `Diagnostic`s.
A file that cannot be read becomes a `FileError` and the run goes on.
"""
from __future__ import annotations

import os
import shutil
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .categories import REMOVAL
from .config import Config
from .document import Document
from .fixer import MAX_PASSES, apply_fixes, fixable
from .model import Diagnostic, FileError, Hit
from .registry import matches
from .rule import Rule

TEXT_SUFFIXES = (".txt", ".md")
SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages"}
BINARY_SNIFF = 8192


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    files: int = 0
    fixes_applied: int = 0
    fixed_stdin: str | None = None  # with --fix, the fixed text of `-` goes to stdout


# -- finding files ----------------------------------------------------------
def _skip_dir(entry: os.DirEntry) -> bool:
    return (entry.name.startswith(".") or entry.name in SKIPPED_DIRS
            or os.path.exists(os.path.join(entry.path, "pyvenv.cfg")))


def _walk(directory: str) -> Iterator[str]:
    """Files under `directory` in sorted order; hidden folders, virtual
    environments and node_modules are skipped, symlinked folders not followed."""
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as error:
        raise FileError(directory, f"cannot list directory: {error.strerror or error}") from None
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if not _skip_dir(entry):
                yield from _walk(entry.path)
        elif entry.name.endswith(TEXT_SUFFIXES) and entry.is_file():
            yield os.path.normpath(entry.path)  # "./a.txt" is reported as "a.txt"


def iter_files(paths: Iterable[str], config: Config) -> Iterator[str | FileError]:
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            try:
                yield from (f for f in _walk(path) if not config.is_excluded(f))
            except FileError as error:
                yield error
        elif os.path.lexists(path):
            yield path
        else:
            yield FileError(path, "no such file or directory")


# -- reading ------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    path: str
    text: str
    encoding: str  # the codec to write the text back with, BOM included


BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


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


def read_source(path: str) -> Source:
    try:
        if path == "-":
            return Source(path, *decode(sys.stdin.buffer.read(), path))
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise FileError(path, "not a regular file (FIFO, socket or device) skipped")
        with open(path, "rb") as handle:
            return Source(path, *decode(handle.read(), path))
    except OSError as error:
        raise FileError(path, f"cannot read: {error.strerror or error}") from None


# -- linting ------------------------------------------------------------------
def to_diagnostic(doc: Document, found: Rule, hit: Hit) -> Diagnostic:
    start = max(0, min(hit.start, len(doc.text)))
    end = max(start, min(hit.end, len(doc.text)))
    fix_spans = tuple((doc.position(e.start), doc.position(e.end)) for e in hit.fix.edits) if hit.fix else ()
    return Diagnostic(doc.path, found.code, found.name, found.category, found.severity, hit.message,
                      doc.position(start), doc.end_position(end), start, end, hit.fix, fix_spans)


def lint_document(doc: Document, rules: list[Rule], config: Config) -> tuple[list[Diagnostic], list[FileError]]:
    diagnostics: list[Diagnostic] = []
    errors: list[FileError] = []
    ignored = config.ignored_for(doc.path) if doc.path != "-" else []
    for active in rules:
        if any(matches(selector, active) for selector in ignored) or not active.applies_to(doc):
            continue
        options = config.rule_options.get(active.code) or config.rule_options.get(active.name)
        try:
            diagnostics.extend(to_diagnostic(doc, active, hit) for hit in active.run(doc, options))
        except Exception as error:  # one broken rule must not stop the run
            errors.append(FileError(doc.path, f"rule {active.code} ({active.name}) failed: {error!r}"))
    return drop_inside_removals(diagnostics), errors


def drop_inside_removals(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop diagnostics that lie wholly inside text another diagnostic marks
    for removal (see `categories.REMOVAL`)."""
    removals = [(d.offset, d.end_offset) for d in diagnostics if d.category in REMOVAL]
    if not removals:
        return diagnostics
    return [d for d in diagnostics if d.category in REMOVAL
            or not any(start <= d.offset and d.end_offset <= end for start, end in removals)]


def lint_text(text: str, rules: list[Rule], config: Config | None = None, path: str = "-") -> list[Diagnostic]:
    """Lint a string; the Python API's entry point."""
    diagnostics, errors = lint_document(Document(text, path), rules, config or Config())
    if errors:
        raise RuntimeError("; ".join(error.message for error in errors))
    return sorted(diagnostics, key=lambda d: d.sort_key)


def fix_source(source: Source, rules: list[Rule], config: Config, unsafe: bool) -> tuple[str, int]:
    """The fixed text of a source and the number of fixes applied: fix,
    re-lint, repeat until no fix applies."""
    text, total = source.text, 0
    for _ in range(MAX_PASSES):
        diagnostics, _errors = lint_document(Document(text, source.path), rules, config)
        text, applied = apply_fixes(text, fixable(diagnostics, unsafe))
        total += applied
        if not applied:
            break
    return text, total


def write_fixed(source: Source, text: str, report: Report) -> None:
    if source.path == "-":
        report.fixed_stdin = text
        return
    try:
        data = text.encode(source.encoding)
        temporary = f"{source.path}.newslint-tmp"
        with open(temporary, "wb") as handle:
            handle.write(data)
        shutil.copymode(source.path, temporary)
        os.replace(temporary, source.path)  # atomic: the file is never half-written
    except (OSError, UnicodeEncodeError) as error:
        report.errors.append(FileError(source.path, f"cannot write fixes: {error}"))


def lint_paths(paths: Iterable[str], rules: list[Rule], config: Config, *,
               fix: bool = False, unsafe_fixes: bool = False) -> Report:
    report = Report()
    for item in iter_files(paths, config):
        if isinstance(item, FileError):
            report.errors.append(item)
            continue
        try:
            source = read_source(item)
        except FileError as error:
            report.errors.append(error)
            continue
        report.files += 1
        text = source.text
        if fix:
            text, applied = fix_source(source, rules, config, unsafe_fixes)
            if applied or source.path == "-":
                write_fixed(source, text, report)
            report.fixes_applied += applied
        diagnostics, errors = lint_document(Document(text, item), rules, config)
        report.diagnostics.extend(diagnostics)
        report.errors.extend(errors)
    report.diagnostics.sort(key=lambda d: d.sort_key)
    return report
