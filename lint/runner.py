"""Run rules over documents.

Data flows one way: source (`sources.Unit`) -> `Document` -> rules ->
`Diagnostic`s. A file or record that cannot be read becomes a `FileError` and
the run goes on.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
from dataclasses import dataclass, field
from typing import Iterable

from .categories import REMOVAL
from .config import Config
from .document import Document
from .fixer import MAX_PASSES, apply_fixes, fixable
from .model import Diagnostic, FileError, Hit
from .registry import matches
from .rule import Rule
from .sources import Unit, iter_files, read_units


@dataclass
class Options:
    """How a run reads its input and what it does besides reporting."""

    fix: bool = False
    unsafe_fixes: bool = False
    input_format: str | None = None  # force a format instead of guessing it from the extension
    stdin_filename: str | None = None  # the path reported for `-`, which also picks its format


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    notes: list[FileError] = field(default_factory=list)  # not failures: e.g. a non-UTF-8 encoding
    files: int = 0
    fixes_applied: int = 0
    fixed_stdin: str | None = None  # with --fix, the fixed text of `-` goes to stdout
    rules: list[Rule] = field(default_factory=list)  # the rules the run used, for reporters' rule metadata


# -- one document ---------------------------------------------------------------
def to_diagnostic(doc: Document, found: Rule, hit: Hit) -> Diagnostic:
    start = max(0, min(hit.start, len(doc.text)))
    end = max(start, min(hit.end, len(doc.text)))
    fix_spans = tuple((doc.position(e.start), doc.position(e.end)) for e in hit.fix.edits) if hit.fix else ()
    return Diagnostic(doc.path, found.code, found.name, found.category, found.severity, hit.message,
                      doc.position(start), doc.end_position(end), start, end, hit.fix, fix_spans)


def lint_document(doc: Document, rules: list[Rule], config: Config, indexes: dict | None = None,
                  label: str = "") -> tuple[list[Diagnostic], list[FileError]]:
    """Run the rules on one document. Corpus rules run only when the run's
    `indexes` are given; `label` names the document in their messages."""
    diagnostics: list[Diagnostic] = []
    errors: list[FileError] = []
    ignored = config.ignored_for(doc.path) if doc.path != "-" else []
    for active in rules:
        if any(matches(selector, active) for selector in ignored) or not active.applies_to(doc):
            continue
        options = config.rule_options.get(active.code) or config.rule_options.get(active.name)
        try:
            if active.corpus is None:
                hits = list(active.run(doc, options))
            else:
                hits = corpus_hits(doc, active, options, indexes, label) if indexes is not None else []
            diagnostics.extend(to_diagnostic(doc, active, hit) for hit in hits)
        except Exception as error:  # one broken rule must not stop the run
            errors.append(FileError(doc.path, f"rule {active.code} ({active.name}) failed: {error!r}"))
    return drop_inside_removals(diagnostics), errors


def corpus_hits(doc: Document, active: Rule, options: dict | None, indexes: dict, label: str) -> list[Hit]:
    """Add the document to the rule's run-wide index; a repeat of an earlier
    document is reported over the whole text."""
    merged = active.merged_options(options)
    if active.code not in indexes:
        indexes[active.code] = active.corpus(merged)
    message = indexes[active.code].add(label, active.corpus.signature(doc, merged))
    if message is None:
        return []
    stripped = doc.text.strip()
    start = doc.text.find(stripped[:1]) if stripped else 0
    return [Hit(start, start + len(stripped), message)]


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


def relocate(diagnostic: Diagnostic, unit: Unit) -> Diagnostic:
    """Point a diagnostic of a record or extracted page at the file on disk,
    keeping its place in the text in extra fields."""
    extra = {"record": unit.record} if unit.record is not None else {}
    if unit.record_offset is not None:
        extra["record_offset"] = unit.record_offset
    if unit.locate is None:
        return dataclasses.replace(diagnostic, extra=extra) if extra else diagnostic
    extra.update(text_line=diagnostic.start.line, text_column=diagnostic.start.column,
                 text_end_line=diagnostic.end.line, text_end_column=diagnostic.end.column)
    start = unit.locate(diagnostic.offset)
    end = unit.locate(diagnostic.end_offset)
    if (end.line, end.column) < (start.line, start.column):
        end = start
    if end.line == start.line and end.column == start.column:
        end = dataclasses.replace(end, column=end.column + max(1, diagnostic.end_offset - diagnostic.offset))
    return dataclasses.replace(diagnostic, start=start, end=end, fix=None, fix_spans=(), extra=extra)


# -- fixing -------------------------------------------------------------------
def fix_text(unit: Unit, rules: list[Rule], config: Config, unsafe: bool) -> tuple[str, int]:
    """The fixed text of a unit and the number of fixes applied: fix,
    re-lint, repeat until no fix applies."""
    text, total = unit.text, 0
    for _ in range(MAX_PASSES):
        diagnostics, _errors = lint_document(Document(text, unit.path), rules, config)
        text, applied = apply_fixes(text, fixable(diagnostics, unsafe))
        total += applied
        if not applied:
            break
    return text, total


def write_fixed(unit: Unit, text: str, report: Report) -> None:
    if unit.path == "-":
        report.fixed_stdin = text
        return
    temporary = f"{unit.path}.newslint-tmp"
    try:
        data = text.encode(unit.encoding)
        with open(temporary, "wb") as handle:
            handle.write(data)
        shutil.copymode(unit.path, temporary)
        os.replace(temporary, unit.path)  # atomic: the file is never half-written
    except (OSError, UnicodeEncodeError) as error:
        if os.path.exists(temporary):
            os.remove(temporary)
        report.errors.append(FileError(unit.path, f"cannot write fixes: {error}"))


# -- a whole run ----------------------------------------------------------------
def lint_unit(unit: Unit, rules: list[Rule], config: Config, options: Options, report: Report,
              indexes: dict) -> None:
    text = unit.text
    # Only whole text files are rewritten; records and extracted pages are reported.
    if options.fix and unit.encoding is not None:
        text, applied = fix_text(unit, rules, config, options.unsafe_fixes)
        if applied or unit.path == "-":
            write_fixed(unit, text, report)
        report.fixes_applied += applied
    label = f"{unit.path} record {unit.record}" if unit.record is not None else unit.path
    diagnostics, errors = lint_document(Document(text, unit.path), rules, config, indexes, label)
    report.diagnostics.extend(relocate(d, unit) for d in diagnostics)
    report.errors.extend(errors)
    if unit.note:
        report.notes.append(FileError(unit.path, unit.note))


def lint_paths(paths: Iterable[str], rules: list[Rule], config: Config, options: Options | None = None) -> Report:
    options = options or Options()
    report = Report(rules=rules)
    indexes: dict = {}  # corpus rule code -> its index for this run
    for path in iter_files(paths, config):
        if isinstance(path, FileError):
            report.errors.append(path)
            continue
        report.files += 1
        shown = options.stdin_filename if path == "-" and options.stdin_filename else path
        for unit in read_units(path, config, options.input_format, shown):
            if isinstance(unit, FileError):
                report.errors.append(unit)
            else:
                lint_unit(unit, rules, config, options, report, indexes)
    report.diagnostics.sort(key=lambda d: (d.sort_key, d.extra.get("text_line", 0), d.extra.get("text_column", 0)))
    return report
