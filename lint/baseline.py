"""Baselines: record today's diagnostics, then report only new ones.

An entry is (path, code, fingerprint), the fingerprint being the one SARIF
uses (`fingerprints.line_fingerprints`), so a recorded diagnostic stays
recorded when lines are added or removed elsewhere in its file.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .fingerprints import line_fingerprints
from .model import Diagnostic

FORMAT_VERSION = 1


class BaselineError(ValueError):
    pass


def _keys(diagnostics: list[Diagnostic]) -> list[tuple[str, str, str]]:
    return [(d.path, d.code, fingerprint) for d, fingerprint in zip(diagnostics, line_fingerprints(diagnostics))]


def write(path: Path, diagnostics: list[Diagnostic]) -> None:
    entries = [{"path": p, "code": c, "fingerprint": f} for p, c, f in _keys(diagnostics)]
    path.write_text(json.dumps({"newslint_baseline": FORMAT_VERSION, "diagnostics": entries}, indent=1) + "\n",
                    encoding="utf-8")


def load(path: Path) -> Counter:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["diagnostics"] if data.get("newslint_baseline") == FORMAT_VERSION else None
        return Counter((e["path"], e["code"], e["fingerprint"]) for e in entries)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise BaselineError(f"{path}: not a newslint baseline ({error})") from None


def new_diagnostics(diagnostics: list[Diagnostic], known: Counter) -> list[Diagnostic]:
    """The diagnostics that the baseline does not hold (each entry absorbs one)."""
    remaining = Counter(known)
    fresh = []
    for diagnostic, key in zip(diagnostics, _keys(diagnostics)):
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            fresh.append(diagnostic)
    return fresh
