"""Reporters turn the diagnostic model into output. They all read the same
`Diagnostic` objects and know nothing about rules."""
from __future__ import annotations

import json
from collections import Counter
from typing import Callable

from .annotations import report_github, report_gitlab
from .html_report import report_html
from .model import Diagnostic
from .runner import Report
from .sarif import report_sarif


def _fix_json(diagnostic: Diagnostic) -> dict | None:
    fix = diagnostic.fix
    if fix is None:
        return None
    return {
        "applicability": fix.applicability.value,
        "message": fix.message,
        "edits": [
            {"content": edit.content,
             "location": {"line": start.line, "column": start.column},
             "end_location": {"line": end.line, "column": end.column}}
            for edit, (start, end) in zip(fix.edits, diagnostic.fix_spans)
        ],
    }


def diagnostic_json(diagnostic: Diagnostic) -> dict:
    record = {
        "path": diagnostic.path,
        "line": diagnostic.start.line,
        "column": diagnostic.start.column,
        "end_line": diagnostic.end.line,
        "end_column": diagnostic.end.column,
        "code": diagnostic.code,
        "name": diagnostic.name,
        "category": diagnostic.category,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "fix": _fix_json(diagnostic),
    }
    record.update(diagnostic.extra)
    if diagnostic.original is not None:
        record["original"] = diagnostic.original.to_json()
    return record


def report_json(report: Report) -> str:
    return json.dumps([diagnostic_json(d) for d in report.diagnostics],
                      ensure_ascii=False, indent=2) + "\n"


def report_text(report: Report) -> str:
    lines = [f"{d.path}:{d.start.line}:{d.start.column}: {d.code}{' [*]' if d.fix else ''} "
             f"{d.message} [{d.name}]" for d in report.diagnostics]
    count = len(report.diagnostics)
    if count:
        files = len({d.path for d in report.diagnostics})
        fixable = sum(1 for d in report.diagnostics if d.fix)
        lines.append(f"Found {count} diagnostic{'s' if count != 1 else ''} in {files} "
                     f"file{'s' if files != 1 else ''} ({fixable} with a fix, marked [*]).")
    elif not report.errors:
        lines.append(f"All checks passed ({report.files} file{'s' if report.files != 1 else ''}).")
    return "\n".join(lines) + "\n"


def statistics(report: Report) -> str:
    counts = Counter((d.code, d.name) for d in report.diagnostics)
    rows = [f"{count:>6}  {code:<8} {name}" for (code, name), count in counts.most_common()]
    return "\n".join(rows) + ("\n" if rows else "")


REPORTERS: dict[str, Callable[[Report], str]] = {
    "text": report_text,
    "json": report_json,
    "sarif": report_sarif,
    "github": report_github,
    "gitlab": report_gitlab,
    "html": report_html,
}
