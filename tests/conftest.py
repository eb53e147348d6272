"""Shared test helpers: lint a string with chosen rules, the real way."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from newslint.config import Config
from newslint.registry import all_rules, select
from newslint.runner import lint_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
IN_CI = os.environ.get("CI") == "true"


def lint(text: str, *selectors: str):
    """Diagnostics for `text` from the rules matching `selectors` (all default rules if none)."""
    rules = select(all_rules(), select=list(selectors) or None)
    return lint_text(text, rules, Config())


def codes(text: str, *selectors: str) -> list[str]:
    return [d.code for d in lint(text, *selectors)]


def flagged(text: str, *selectors: str) -> list[str]:
    """The flagged substrings of `text`."""
    return [text[d.offset:d.end_offset] for d in lint(text, *selectors)]


# A substitution (safe fix) and a line rule (unsafe fix) for the fix tests.
FIX_PACK = """\
rules:
  - code: TST001
    name: test-swap
    category: spacing
    kind: substitution
    message: "{match} -> {term}"
    swap: {"wiht": "with", "teh": "the"}
  - code: TST002
    name: test-menu
    category: chrome
    kind: line
    message: "menu"
    phrases: ["Share", "Leave a Comment"]
"""


def project_with_pack(folder: Path, monkeypatch, pack: str) -> Path:
    """Make `folder` the current directory of a project whose config selects
    only the rules of the YAML pack `pack` (codes TST...)."""
    (folder / "pack.yaml").write_text(pack)
    (folder / ".newslint.yaml").write_text("rule-paths: [pack.yaml]\nselect: [TST]\n")
    monkeypatch.chdir(folder)
    return folder


def require_corpus() -> Path:
    """The shared dev corpus; in CI its absence is a failure, elsewhere a skip."""
    if not (SHARED_CORPUS / "clean_prose.jsonl").is_file():
        if IN_CI:
            pytest.fail(f"CI=true but the dev corpus is missing at {SHARED_CORPUS}")
        pytest.skip(f"dev corpus not found at {SHARED_CORPUS} (it lives outside the repo)")
    return SHARED_CORPUS
