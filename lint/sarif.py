"""SARIF 2.1.0 output (`--format sarif`), shaped for GitHub code scanning.

Beyond the schema, GitHub wants:
- `tool.driver.rules` describing every rule that has a result, and results
  pointing at them by `ruleIndex` (`_rule_descriptors`);
- file locations relative to the repository root, under `%SRCROOT%`
  (`SourceRoot`);
- `partialFingerprints.primaryLocationLineHash`, so that an alert survives
  edits elsewhere in the file (`line_fingerprints`);
- at most 25,000 results per run (`_most_severe`).

A duplicate's original is a `relatedLocations` entry, linked from the
result's message with SARIF's embedded-link syntax, `[the original](1)`,
which GitHub renders as a link to it.

`SourceRoot` is shared with the CI annotation formats in annotations.py;
fingerprints come from fingerprints.py.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import click

from . import __version__
from .fingerprints import STDIN, line_fingerprints
from .model import Diagnostic, Original, Position, Severity, document_label
from .rule import Rule
from .runner import Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/newslint/newslint"  # [project.urls] Homepage in pyproject.toml
# docs/rules.md is `newslint --explain ALL`; anchors are by code, which never changes (names might).
RULE_HELP_URI = INFORMATION_URI + "/blob/main/docs/rules.md#{anchor}"
# "category/": GitHub takes the part up to the last slash as the analysis
# category, so every newslint upload replaces the previous newslint analysis.
AUTOMATION_ID = "newslint/"
SRCROOT = "%SRCROOT%"
MAX_RESULTS = 25_000  # GitHub rejects a run with more results
MAX_DESCRIPTION = 1024  # GitHub's limit for shortDescription and fullDescription
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
HEADING = re.compile(r"^#+[ \t]*", re.MULTILINE)
SECTION_TITLE = re.compile(r"^##[ \t]+(.+?)[ \t]*$", re.MULTILINE)
# Square brackets are literal in a message with embedded links only when escaped.
LINK_SYNTAX = re.compile(r"[\[\]]")
ORIGINAL_ID = 1  # the id of a duplicate's original among its result's relatedLocations


# -- locations ------------------------------------------------------------------
def repository_root(path: str) -> Path:
    """The git top-level holding `path` (the nearest folder with a `.git`
    entry, a file in worktrees and submodules), else the current directory."""
    start = Path(os.path.abspath(path))
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return Path.cwd()


@dataclass(frozen=True)
class SourceRoot:
    """The folder that report paths are made relative to: the repository
    root of the first linted file, so paths stay the same whatever folder
    newslint runs from."""

    path: Path

    @classmethod
    def of(cls, paths: list[str]) -> "SourceRoot":
        first = next((path for path in paths if path != STDIN), ".")
        return cls(repository_root(first))

    @property
    def uri(self) -> str:
        uri = self.path.as_uri()
        return uri if uri.endswith("/") else uri + "/"

    def _relative(self, path: str) -> str | None:
        try:
            return Path(os.path.abspath(path)).relative_to(self.path).as_posix()
        except ValueError:
            return None

    def display_path(self, path: str) -> str:
        """`path` relative to the root; absolute when outside it; `-` for stdin."""
        if path == STDIN:
            return path
        return self._relative(path) or os.path.abspath(path)

    def artifact_location(self, path: str) -> dict:
        relative = None if path == STDIN else self._relative(path)
        if relative is not None:
            # quote() also escapes ":", which would otherwise read as a URI scheme.
            return {"uri": quote(relative), "uriBaseId": SRCROOT}
        return {"uri": path if path == STDIN else Path(os.path.abspath(path)).as_uri()}


# -- rules ----------------------------------------------------------------------
def _clip(text: str, limit: int = MAX_DESCRIPTION) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _plain(markdown: str) -> str:
    return HEADING.sub("", markdown)


def _section(doc: str, title: str) -> str:
    parts = SECTION_TITLE.split(doc)  # [preamble, title, body, title, body, ...]
    return dict(zip(parts[1::2], parts[2::2])).get(title, "").strip()


def _documentation(found: Rule) -> tuple[str, str]:
    """(summary, Markdown doc) of a rule; an undocumented rule (a pack entry
    without `doc`) points at --explain, which shows its code and settings."""
    if found.doc:
        return found.summary, found.doc
    pointer = (f"{found.name} ({found.category}). "
               f"Run `newslint --explain {found.code}` for its settings.")
    return pointer, pointer


def _descriptor(found: Rule) -> dict:
    summary, doc = _documentation(found)
    return {
        "id": found.code,
        "name": found.name,
        "shortDescription": {"text": _clip(summary)},
        "fullDescription": {"text": _clip(_plain(_section(doc, "What it does") or summary))},
        "help": {"text": _plain(doc), "markdown": doc},
        "helpUri": RULE_HELP_URI.format(anchor=found.code.lower()),
        "defaultConfiguration": {"level": LEVELS[found.severity]},
        "properties": {"tags": [found.category]},
    }


def _rule_descriptors(diagnostics: list[Diagnostic], selected: list[Rule]) -> tuple[list[dict], dict[str, int]]:
    """Descriptors of the rules that have results, sorted by code, and each
    code's index among them."""
    codes = sorted({diagnostic.code for diagnostic in diagnostics})
    by_code = {found.code: found for found in selected}
    descriptors = [_descriptor(by_code[code]) for code in codes]
    return descriptors, {code: index for index, code in enumerate(codes)}


# -- results --------------------------------------------------------------------
def standalone_sentence(text: str) -> str:
    """`text` ending as a sentence: GitHub shows only a message's first
    sentence where space is short, so it has to stand alone."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _region(start: Position, end: Position) -> dict:
    return {"startLine": start.line, "startColumn": start.column,
            "endLine": end.line, "endColumn": end.column}


def _fix(diagnostic: Diagnostic, artifact: dict) -> dict:
    fix = diagnostic.fix
    replacements = [{"deletedRegion": _region(start, end), "insertedContent": {"text": edit.content}}
                    for edit, (start, end) in zip(fix.edits, diagnostic.fix_spans)]
    return {"description": {"text": standalone_sentence(fix.message)},
            "artifactChanges": [{"artifactLocation": artifact, "replacements": replacements}],
            "properties": {"applicability": fix.applicability.value}}


def _related_original(original: Original, root: SourceRoot) -> dict:
    """A duplicate's original as a related location; a record's id and the
    place in its text go in the properties, as they do for a result."""
    label = document_label(root.display_path(original.path), original.record)
    related = {"id": ORIGINAL_ID,
               "physicalLocation": {"artifactLocation": root.artifact_location(original.path),
                                    "region": _region(original.start, original.end)},
               "message": {"text": f"The original, in {label}."}}
    properties = {key: value for key, value in original.to_json().items() if key.startswith(("record", "text_"))}
    if properties:
        related["properties"] = properties
    return related


def _message(diagnostic: Diagnostic) -> str:
    """The message as a standalone sentence; a duplicate's links to its original."""
    sentence = standalone_sentence(diagnostic.message)
    if diagnostic.original is None:
        return sentence
    escaped = LINK_SYNTAX.sub(r"\\\g<0>", sentence)
    return f"{escaped} See [the original]({ORIGINAL_ID})."


def _result(diagnostic: Diagnostic, rule_index: int, fingerprint: str, artifact: dict, root: SourceRoot) -> dict:
    result = {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": _message(diagnostic)},
        "locations": [{"physicalLocation": {"artifactLocation": artifact,
                                            "region": _region(diagnostic.start, diagnostic.end)}}],
        "partialFingerprints": {"primaryLocationLineHash": fingerprint},
    }
    if diagnostic.original is not None:
        result["relatedLocations"] = [_related_original(diagnostic.original, root)]
    if diagnostic.fix is not None:
        result["fixes"] = [_fix(diagnostic, artifact)]
    if diagnostic.extra:
        result["properties"] = dict(diagnostic.extra)
    return result


def _most_severe(diagnostics: list[Diagnostic], limit: int) -> list[int]:
    """Indices of the `limit` most severe diagnostics, in report order (GitHub
    also favours severity when it trims what it displays)."""
    by_severity = sorted(range(len(diagnostics)), key=lambda i: SEVERITY_RANK[diagnostics[i].severity])
    return sorted(by_severity[:limit])


def _invocation(report: Report, notes: list[str], root: SourceRoot) -> dict:
    notifications = [{"level": "warning", "message": {"text": note}} for note in notes]
    notifications += [{"level": "error", "message": {"text": f"{root.display_path(error.path)}: {error.message}"}}
                      for error in report.errors]
    return {"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}


def _within_limit(diagnostics: list[Diagnostic], fingerprints: list[str]) -> tuple[list, list, list[str]]:
    """At most MAX_RESULTS diagnostics with their fingerprints, the most
    severe first, and a note (also printed as a warning) if some are left out."""
    if len(diagnostics) <= MAX_RESULTS:
        return diagnostics, fingerprints, []
    kept = _most_severe(diagnostics, MAX_RESULTS)
    note = (f"{len(diagnostics):,} results are more than the {MAX_RESULTS:,} GitHub code scanning accepts "
            f"in one run: the SARIF report keeps the {MAX_RESULTS:,} most severe and leaves out "
            f"{len(diagnostics) - MAX_RESULTS:,}.")
    click.echo(f"newslint: warning: {note}", err=True)
    return [diagnostics[i] for i in kept], [fingerprints[i] for i in kept], [note]


def report_sarif(report: Report) -> str:
    # Fingerprints first: their numbering counts every diagnostic in a file.
    diagnostics, fingerprints, notes = _within_limit(report.diagnostics, line_fingerprints(report.diagnostics))
    rules, rule_index = _rule_descriptors(diagnostics, report.rules)
    root = SourceRoot.of([d.path for d in diagnostics])
    artifacts = {path: root.artifact_location(path) for path in {d.path for d in diagnostics}}
    run = {
        "tool": {"driver": {"name": "newslint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI, "rules": rules}},
        "automationDetails": {"id": AUTOMATION_ID},
        "originalUriBaseIds": {SRCROOT: {"uri": root.uri}},
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(report, notes, root)],
        "results": [_result(d, rule_index[d.code], fingerprint, artifacts[d.path], root)
                    for d, fingerprint in zip(diagnostics, fingerprints)],
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    # Compact: indenting would switch json to its pure-Python encoder, several
    # times slower on a 25,000-result log, and GitHub limits the upload size.
    return json.dumps(log, ensure_ascii=False, separators=(",", ":")) + "\n"
