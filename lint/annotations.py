"""CI annotation formats: GitHub Actions workflow commands (`--format github`)
and GitLab Code Quality JSON (`--format gitlab`).

Both name files relative to the repository root, as SARIF does (see
`sarif.SourceRoot`), so that CI can link an annotation to the file whatever
folder newslint ran from.
"""
from __future__ import annotations

import json
from hashlib import sha256

from .model import Diagnostic, Severity
from .runner import Report
from .fingerprints import STDIN, line_fingerprints
from .sarif import SourceRoot

GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# Scrape noise makes text worse but breaks nothing: `critical` and `blocker`
# are left to tools whose findings do.
GITLAB_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


# -- GitHub workflow commands -------------------------------------------------------
def escape_data(text: str) -> str:
    """Escape a workflow command's message: a line break would end the command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value, where `:` ends the
    properties and `,` separates them."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(level: str, properties: dict[str, object], message: str) -> str:
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{level}{' ' + listed if listed else ''}::{escape_data(message)}"


def _display_paths(report: Report) -> tuple[SourceRoot, dict[str, str]]:
    """The source root of a report, and the path to show for each file."""
    root = SourceRoot.of([d.path for d in report.diagnostics])
    return root, {path: root.display_path(path) for path in {d.path for d in report.diagnostics}}


def _github_annotation(diagnostic: Diagnostic, path: str) -> str:
    properties: dict[str, object] = {}
    if diagnostic.path != STDIN:
        properties["file"] = path
    properties.update(line=diagnostic.start.line, endLine=diagnostic.end.line)
    if diagnostic.start.line == diagnostic.end.line:  # GitHub takes columns on one line only
        properties.update(col=diagnostic.start.column, endColumn=diagnostic.end.column)
    properties["title"] = f"{diagnostic.code} {diagnostic.name}"
    return workflow_command(GITHUB_LEVELS[diagnostic.severity], properties, diagnostic.message)


def report_github(report: Report) -> str:
    """One `::error`/`::warning`/`::notice` line per diagnostic, then one
    `::error` line per file that could not be linted."""
    root, paths = _display_paths(report)
    lines = [_github_annotation(d, paths[d.path]) for d in report.diagnostics]
    lines += [workflow_command("error", {"file": root.display_path(error.path), "title": "newslint"},
                               error.message) for error in report.errors]
    return "".join(line + "\n" for line in lines)


# -- GitLab Code Quality ------------------------------------------------------------
def _gitlab_issue(diagnostic: Diagnostic, path: str, line_fingerprint: str) -> dict:
    return {
        "description": f"{diagnostic.code} ({diagnostic.name}): {diagnostic.message}",
        "check_name": diagnostic.code,
        # The line fingerprint is unique within a file only; GitLab wants one
        # unique in the report.
        "fingerprint": sha256(f"{path}\0{line_fingerprint}".encode()).hexdigest(),
        "severity": GITLAB_SEVERITIES[diagnostic.severity],
        "location": {"path": path, "lines": {"begin": diagnostic.start.line, "end": diagnostic.end.line}},
    }


def report_gitlab(report: Report) -> str:
    _root, paths = _display_paths(report)
    issues = [_gitlab_issue(d, paths[d.path], fingerprint)
              for d, fingerprint in zip(report.diagnostics, line_fingerprints(report.diagnostics))]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
