"""Apply the fixes that diagnostics carry.

Edits are applied in one pass from the end of the text backwards, so earlier
offsets stay valid. A fix whose edits overlap an edit already taken is left
for the next pass; the caller re-lints and repeats until nothing changes, so
fixing twice is a no-op. Nothing outside a fix's own edits is touched, and
line breaks outside the edits keep their style.
"""
from __future__ import annotations

from typing import Iterable

from .model import Applicability, Diagnostic, Edit

MAX_PASSES = 10


def fixable(diagnostics: Iterable[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    return [d for d in diagnostics if d.fix is not None
            and (unsafe or d.fix.applicability is Applicability.SAFE)]


def _overlaps(edit: Edit, taken: list[Edit]) -> bool:
    return any(edit.start < other.end and other.start < edit.end
               or edit.start == other.start for other in taken)


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic]) -> tuple[str, int]:
    """(new text, number of fixes applied) for one pass over `diagnostics`."""
    taken: list[Edit] = []
    applied = 0
    for diagnostic in sorted(diagnostics, key=lambda d: d.offset):
        edits = diagnostic.fix.edits
        if any(_overlaps(edit, taken) for edit in edits):
            continue
        taken.extend(edits)
        applied += 1
    for edit in sorted(taken, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.content + text[edit.end:]
    return text, applied
