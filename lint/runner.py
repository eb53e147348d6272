"""Run rules over documents.

Data flows one way: source (`sources.Unit`) -> `Document` -> rules ->
`Diagnostic`s. A file or record that cannot be read becomes a `FileError` and
the run goes on.
"""
from __future__ import annotations

import dataclasses
import difflib
from bisect import bisect_right
from itertools import accumulate
import os
import shutil
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Iterator

from .categories import REMOVAL
from .config import Config
from .document import Document
from .fixer import MAX_PASSES, CorpusOutput, apply_fixes, fixable, rewrite_record
from .inputs import ENGINE_RULES
from .model import Diagnostic, FileError, Hit, Original, Position
from .progress import Progress
from .registry import matches
from .rule import Rule
from .sources import Unit, format_of, iter_files, read_units

if TYPE_CHECKING:
    from .cache import Cache


@dataclass
class Options:
    """How a run reads its input and what it does besides reporting."""

    fix: bool = False
    unsafe_fixes: bool = False
    input_format: str | None = None  # force a format instead of guessing it from the extension
    stdin_filename: str | None = None  # the path reported for `-`, which also picks its format
    jobs: int = 1  # worker processes
    diff: bool = False  # with fix: print a unified diff instead of writing
    dask_scheduler: str | None = None  # run on a Dask cluster: an address, or "local"
    output: str | None = None  # with fix: write the fixed corpus of the one JSONL/WARC input here
    keep_text: bool = False  # keep each document's linted text in the report (`--format html` shows it)


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    notes: list[FileError] = field(default_factory=list)  # not failures: e.g. a non-UTF-8 encoding
    files: int = 0
    fixes_applied: int = 0
    fixed_stdin: str | None = None  # with --fix, the fixed text of `-` goes to stdout
    diffs: list[str] = field(default_factory=list)  # with --diff, one unified diff per changed file
    rules: list[Rule] = field(default_factory=list)  # the rules the run used, for reporters' rule metadata
    documents: list["LintedText"] = field(default_factory=list)  # with Options.keep_text, in input order


@dataclass(frozen=True)
class LintedText:
    """A document's linted text and its diagnostics, kept (with
    `Options.keep_text`) for reporters that show the text in place."""

    label: str  # `path` or `path record ID`, as in corpus rules' messages
    path: str
    record: str | None
    text: str
    # Text ranges whose fixes only delete (chrome lines, duplicated copies):
    # what `--fix --unsafe-fixes` removes. Kept here because records and
    # extracted pages report their diagnostics without fixes.
    deletions: tuple[tuple[int, int], ...]
    diagnostics: tuple[Diagnostic, ...]  # the same objects as in Report.diagnostics


# -- one document ---------------------------------------------------------------
def to_diagnostic(doc: Document, found: Rule, hit: Hit) -> Diagnostic:
    start, end = _within_text(doc, hit.start, hit.end)
    fix_spans = tuple((doc.position(e.start), doc.position(e.end)) for e in hit.fix.edits) if hit.fix else ()
    return Diagnostic(doc.path, found.code, found.name, found.category, found.severity, hit.message,
                      doc.position(start), doc.end_position(end), start, end, hit.fix, fix_spans,
                      original=_original_in(doc, *hit.original) if hit.original else None)


def _within_text(doc: Document, start: int, end: int) -> tuple[int, int]:
    start = max(0, min(start, len(doc.text)))
    return start, max(start, min(end, len(doc.text)))


def _original_in(doc: Document, start: int, end: int) -> Original:
    start, end = _within_text(doc, start, end)
    return Original(doc.path, doc.position(start), doc.end_position(end), start, end)


def active_rules(doc: Document, rules: list[Rule], config: Config) -> Iterator[tuple[Rule, dict | None]]:
    """The rules that apply to a document, with their configured options."""
    ignored = config.ignored_for(doc.path) if doc.path != "-" else []
    for active in rules:
        if any(matches(selector, active) for selector in ignored) or not active.applies_to(doc):
            continue
        yield active, config.rule_options.get(active.code) or config.rule_options.get(active.name)


def lint_document(doc: Document, rules: list[Rule], config: Config) -> tuple[list[Diagnostic], list[FileError]]:
    """Run the per-document rules on one document (corpus rules need a run);
    late rules run last and see the lines the others claimed."""
    diagnostics: list[Diagnostic] = []
    errors: list[FileError] = []
    applicable = [(r, o) for r, o in active_rules(doc, rules, config) if r.corpus is None]
    for active, options in applicable:
        if not active.late:
            _run_rule(doc, active, options, diagnostics, errors)
    late_rules = [(r, o) for r, o in applicable if r.late]
    if late_rules:
        # A line is claimed when one diagnostic covers it, so the claims of
        # each late rule are added to the others' (CHR202 sees CHR201's runs).
        doc.claimed_lines = claimed_lines(doc, diagnostics)
        for active, options in late_rules:
            found = len(diagnostics)
            _run_rule(doc, active, options, diagnostics, errors)
            if len(diagnostics) > found:
                doc.claimed_lines |= claimed_lines(doc, diagnostics[found:])
    return drop_inside_removals(diagnostics), errors


def _run_rule(doc: Document, active: Rule, options: dict | None, diagnostics: list[Diagnostic],
              errors: list[FileError]) -> None:
    try:
        diagnostics.extend(to_diagnostic(doc, active, hit) for hit in active.run(doc, options))
    except Exception as error:  # one broken rule must not stop the run
        errors.append(FileError(doc.path, f"rule {active.code} ({active.name}) failed: {error!r}"))


def claimed_lines(doc: Document, diagnostics: list[Diagnostic]) -> frozenset[int]:
    """Lines whose text lies wholly inside one removal diagnostic's span.

    Linear: each line that a removal touches is stripped once, and tested
    with a sorted search (as in `drop_inside_removals`), however many
    diagnostics cover it."""
    removals = sorted((d.offset, d.end_offset, d.start.line, d.end.line)
                      for d in diagnostics if d.category in REMOVAL)
    if not removals:
        return frozenset()
    starts = [start for start, *_ in removals]
    reach = list(accumulate((end for _, end, *_ in removals), max))
    claimed: set[int] = set()
    next_line = 1  # the removals come in order, so each line is looked at once
    for _, _, first, last in removals:
        for number in range(max(first, next_line), last + 1):
            line = doc.lines[number - 1]
            stripped = line.text.lstrip()
            text_start = line.start + (len(line.text) - len(stripped) if stripped else 0)
            text_end = text_start + len(stripped.rstrip())
            index = bisect_right(starts, text_start) - 1
            if index >= 0 and reach[index] >= text_end:
                claimed.add(number)
        next_line = max(next_line, last + 1)
    return frozenset(claimed)


def corpus_signatures(doc: Document, rules: list[Rule], config: Config) -> dict[str, object]:
    """Each corpus rule's signature of the document: the part of a corpus
    rule that sees one document, so it runs where the document is linted."""
    return {active.code: active.corpus.signature(doc, active.merged_options(options))
            for active, options in active_rules(doc, rules, config) if active.corpus is not None}


def whole_text_hit(text: str, message: str) -> Hit:
    stripped = text.strip()
    start = text.find(stripped[:1]) if stripped else 0
    return Hit(start, start + len(stripped), message)


def drop_inside_removals(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop diagnostics that lie wholly inside text another diagnostic marks
    for removal (see `categories.REMOVAL`)."""
    removals = sorted((d.offset, d.end_offset) for d in diagnostics if d.category in REMOVAL)
    if not removals:
        return diagnostics
    # A span lies inside some removal iff the removals starting at or before
    # it reach its end: a sorted search, so a page of many removals stays linear.
    starts = [start for start, _ in removals]
    reach = list(accumulate((end for _, end in removals), max))

    def inside(diagnostic: Diagnostic) -> bool:
        index = bisect_right(starts, diagnostic.offset) - 1
        return index >= 0 and reach[index] >= diagnostic.end_offset

    return [d for d in diagnostics if d.category in REMOVAL or not inside(d)]


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
    original = _relocated_original(diagnostic.original, unit) if diagnostic.original else None
    if unit.locate is None:
        return dataclasses.replace(diagnostic, extra=extra, original=original) if extra else diagnostic
    extra.update(text_line=diagnostic.start.line, text_column=diagnostic.start.column,
                 text_end_line=diagnostic.end.line, text_end_column=diagnostic.end.column)
    start, end = _located(unit, diagnostic.offset, diagnostic.end_offset)
    return dataclasses.replace(diagnostic, start=start, end=end, fix=None, fix_spans=(), extra=extra,
                               original=original)


def _located(unit: Unit, offset: int, end_offset: int) -> tuple[Position, Position]:
    """Where a span of a unit's text is in the file on disk (never empty)."""
    start = unit.locate(offset)
    end = unit.locate(end_offset)
    if (end.line, end.column) < (start.line, start.column):
        end = start
    if end.line == start.line and end.column == start.column:
        end = dataclasses.replace(end, column=end.column + max(1, end_offset - offset))
    return start, end


def _relocated_original(original: Original, unit: Unit) -> Original:
    """A duplicate's original in the same unit, placed as the diagnostic is."""
    placed = dataclasses.replace(original, record=unit.record, record_offset=unit.record_offset)
    if unit.locate is None:
        return placed
    start, end = _located(unit, original.offset, original.end_offset)
    return dataclasses.replace(placed, start=start, end=end, text_start=original.start, text_end=original.end)


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


def write_fixed(unit: Unit, text: str, errors: list[FileError]) -> None:
    temporary = f"{unit.path}.newslint-tmp"
    try:
        data = text.encode(unit.encoding)
        with open(temporary, "wb") as handle:
            handle.write(data)
        shutil.copymode(unit.path, temporary)
        os.replace(temporary, unit.path)  # atomic: the file is never half-written
    except (OSError, UnicodeEncodeError) as error:
        if os.path.isfile(temporary):
            os.remove(temporary)
        errors.append(FileError(unit.path, f"cannot write fixes: {error}"))


# -- a whole run ----------------------------------------------------------------
@dataclass
class UnitResult:
    """What linting one unit produced: small and picklable, so that a worker
    process can send it back and the cache can keep it."""

    label: str  # names the unit in other units' messages: `path` or `path record ID`
    note: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    signatures: dict[str, object] = field(default_factory=dict)
    # A diagnostic over the whole text, for corpus rules to reuse with their
    # own code and message (set only when there are signatures).
    whole_text: Diagnostic | None = None
    fixes_applied: int = 0
    fixed_stdin: str | None = None
    diff: str = ""
    output_line: tuple[int, str] | None = None  # with Options.output: (line number, JSON line) of the record
    linted: LintedText | None = None  # with Options.keep_text; its diagnostics are set by Run.add


@dataclass(frozen=True)
class FileDone:
    """Marks the end of a file's units in the stream, so its results can be cached."""

    path: str
    cache_key: str | None


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def lint_unit(unit: Unit, rules: list[Rule], config: Config, options: Options) -> UnitResult:
    """Everything about one unit that needs no other unit: fixes, per-document
    rules, corpus signatures. Runs in a worker process under --jobs."""
    label = f"{unit.path} record {unit.record}" if unit.record is not None else unit.path
    result = UnitResult(label, unit.note)
    text = unit.text
    # Only whole text files are rewritten in place; JSONL and WARC records go
    # to the --output corpus; extracted HTML pages are only reported.
    if (options.fix or options.diff) and unit.encoding is not None:
        text, result.fixes_applied = fix_text(unit, rules, config, options.unsafe_fixes)
        if options.diff:
            result.diff = unified_diff(unit.path, unit.text, text)
        elif unit.path == "-":
            result.fixed_stdin = text
        elif result.fixes_applied:
            write_fixed(unit, text, result.errors)
    elif (options.output or options.diff) and unit.record is not None:
        # A JSONL or WARC record: its fixes go to the --output corpus, or to a diff.
        text, result.fixes_applied = fix_text(unit, rules, config, options.unsafe_fixes)
        if options.diff:
            result.diff = unified_diff(f"{unit.path} (record {unit.record})", unit.text, text)
        else:
            unit, result.output_line = rewrite_record(unit, text)
    doc = Document(text, unit.path)
    diagnostics, errors = lint_document(doc, rules, config)
    result.errors.extend(errors)
    result.diagnostics = [relocate(d, unit) for d in diagnostics]
    if options.keep_text:
        result.linted = LintedText(label, unit.path, unit.record, text, deletion_ranges(diagnostics), ())
    result.signatures = {code: s for code, s in corpus_signatures(doc, rules, config).items() if s is not None}
    if result.signatures:
        corpus_rule = next(r for r in rules if r.code in result.signatures)
        result.whole_text = relocate(to_diagnostic(doc, corpus_rule, whole_text_hit(text, "")), unit)
    return result


def deletion_ranges(diagnostics: list[Diagnostic]) -> tuple[tuple[int, int], ...]:
    """The text ranges deleted by fixes that only delete."""
    return tuple((edit.start, edit.end) for d in diagnostics
                 if d.fix is not None and all(not edit.content for edit in d.fix.edits) for edit in d.fix.edits)


class Run:
    """One run: reads the input into a stream of work in input order, and
    collects the results, joining corpus rules' signatures across documents."""

    def __init__(self, rules: list[Rule], config: Config, cache: "Cache | None" = None,
                 progress: "Progress | None" = None):
        self.rules_by_code = {r.code: r for r in rules}
        self.config = config
        self.cache = cache
        self.progress = progress
        self.indexes: dict[str, object] = {}
        self.report = Report(rules=[*rules, *ENGINE_RULES])  # INP001 and co. have results too
        self._file_outcomes: list[UnitResult | FileError] = []

    def _corpus_diagnostics(self, result: UnitResult) -> list[Diagnostic]:
        found = []
        document = Original.of(result.whole_text) if result.signatures else None  # what the indexes keep
        for code, signature in result.signatures.items():
            active = self.rules_by_code[code]
            options = active.merged_options(self.config.rule_options.get(code)
                                            or self.config.rule_options.get(active.name))
            index = self.indexes.setdefault(code, active.corpus(options))
            repeat = index.add(document, signature)
            if repeat is not None:
                found.append(dataclasses.replace(result.whole_text, code=active.code, name=active.name,
                                                 category=active.category, severity=active.severity,
                                                 message=repeat.message, original=repeat.original))
        return found

    def add(self, outcome: "UnitResult | FileError | FileDone") -> None:
        if isinstance(outcome, FileDone):
            if self.cache is not None and outcome.cache_key is not None:
                self.cache.put(outcome.cache_key, self._file_outcomes)
            self._file_outcomes = []
            if self.progress is not None:
                self.progress.file()
            return
        if self.cache is not None:  # kept for the cache only: without one, memory stays flat on a huge file
            self._file_outcomes.append(outcome)
        if isinstance(outcome, FileError):
            self.report.errors.append(outcome)
            return
        if isinstance(outcome, Diagnostic):  # a record that could not be read (INP001)
            self.report.diagnostics.append(outcome)
            return
        if self.progress is not None:
            self.progress.document()
        corpus = self._corpus_diagnostics(outcome)
        diagnostics = drop_inside_removals(outcome.diagnostics + corpus) if corpus else outcome.diagnostics
        self.report.diagnostics.extend(diagnostics)
        if outcome.linted is not None:
            self.report.documents.append(dataclasses.replace(outcome.linted, diagnostics=tuple(diagnostics)))
        self.report.errors.extend(outcome.errors)
        self.report.fixes_applied += outcome.fixes_applied
        if outcome.fixed_stdin is not None:
            self.report.fixed_stdin = outcome.fixed_stdin
        if outcome.diff:
            self.report.diffs.append(outcome.diff)
        if outcome.note:
            self.report.notes.append(FileError(outcome.label, outcome.note))

    def stream(self, paths: Iterable[str], options: Options) -> Iterator[Unit | UnitResult | FileError | FileDone]:
        """The work of the run in input order: units to lint, and what needs
        no linting (errors, results replayed from the cache, end-of-file marks)."""
        for path in iter_files(paths, self.config):
            if isinstance(path, FileError):
                yield path
                continue
            self.report.files += 1
            key = self.cache.key_for(path) if self.cache is not None else None
            cached = self.cache.get(key) if key is not None else None
            if cached is not None:
                yield from cached
            else:
                shown = options.stdin_filename if path == "-" and options.stdin_filename else path
                yield from read_units(path, self.config, options.input_format, shown)
            yield FileDone(path, key if cached is None else None)

    def units(self, paths: Iterable[str], options: Options) -> Iterator[Unit]:
        """Just the units (for --show-text); the rest goes to the report."""
        for item in self.stream(paths, options):
            if isinstance(item, Unit):
                yield item
            elif isinstance(item, FileError):
                self.report.errors.append(item)
            elif isinstance(item, Diagnostic):  # a record that could not be read (INP001)
                self.report.diagnostics.append(item)


def lint_paths(paths: Iterable[str], rules: list[Rule], config: Config, options: Options | None = None,
               cache: "Cache | None" = None, progress: bool = False) -> Report:
    """Lint files and directories. With `progress`, a progress line is shown
    on stderr when it is a terminal (the files are counted first for the ETA)."""
    options = options or Options()
    paths = list(paths)
    meter = Progress.on_terminal(lambda: sum(1 for _ in iter_files(paths, config))) if progress else None
    run = Run(rules, config, cache, meter)
    stream = run.stream(paths, options)
    output = CorpusOutput(paths[0], format_of(paths[0], options.input_format), options.output, config) \
        if options.output else None
    if output is not None:
        stream = output.units(stream)
    if options.dask_scheduler is not None:
        from . import dask

        outcomes = dask.map_stream(stream, rules, config, options, options.dask_scheduler)
    elif options.jobs > 1:
        from .parallel import map_stream

        outcomes = map_stream(stream, rules, config, options)
    else:
        outcomes = (lint_unit(item, rules, config, options) if isinstance(item, Unit) else item for item in stream)
    if output is not None:
        outcomes = output.write(outcomes)
    for outcome in outcomes:
        run.add(outcome)
    if output is not None:
        output.close(run.report.errors, run.report.notes)
    if meter is not None:
        meter.close()
    report = run.report
    report.diagnostics.sort(key=lambda d: (d.sort_key, d.extra.get("text_line", 0), d.extra.get("text_column", 0)))
    return report
