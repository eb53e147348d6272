"""What a rule is, and the `@rule` decorator that declares one.

A rule module in `newslint.rules` (or in a plug-in package) looks like::

    from newslint.rule import rule
    from newslint.model import Hit

    @rule("XYZ001", "my-rule", category="chrome", options={"min_words": 3})
    def check(doc, options):
        \"\"\"## What it does ... ## Why is this bad? ... ## Example ...\"\"\"
        yield Hit(start, end, "message")

The check function's docstring is the rule's documentation (`--explain`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from textwrap import dedent
from typing import Any, Callable, Iterable

from .document import Document
from .model import Hit, Severity

CODE = re.compile(r"[A-Z]{1,4}\d{3}")
NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

Check = Callable[[Document, dict], Iterable[Hit]]


class RuleDefinitionError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    check: Check = field(repr=False, compare=False)
    doc: str = ""
    severity: Severity = Severity.WARNING
    default: bool = True
    # Why a rule is off by default, shown by --list-rules.
    opt_in_reason: str = ""
    fix: str | None = None  # None, "safe", "unsafe" or "sometimes"
    options: dict[str, Any] = field(default_factory=dict, compare=False)
    # ISO 639-1 codes of the languages the rule applies to; empty means all.
    languages: tuple[str, ...] = ()
    origin: str = ""  # module or YAML file that defined it

    def __post_init__(self) -> None:
        where = f" in {self.origin}" if self.origin else ""
        if not CODE.fullmatch(self.code):
            raise RuleDefinitionError(f"rule code {self.code!r}{where} must look like ABC123")
        if not NAME.fullmatch(self.name):
            raise RuleDefinitionError(f"rule name {self.name!r}{where} must be kebab-case")
        if self.fix not in (None, "safe", "unsafe", "sometimes"):
            raise RuleDefinitionError(f"rule {self.code}{where}: fix must be safe, unsafe or sometimes")
        if not self.default and not self.opt_in_reason:
            raise RuleDefinitionError(f"rule {self.code}{where} is opt-in but gives no opt_in_reason")

    @property
    def summary(self) -> str:
        """The first line of the "What it does" section."""
        for line in self.doc.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                return line.strip()
        return self.name

    def applies_to(self, document: Document) -> bool:
        return not self.languages or document.language in self.languages

    def run(self, document: Document, overrides: dict | None = None) -> Iterable[Hit]:
        return self.check(document, {**self.options, **(overrides or {})})


def rule(code: str, name: str, *, category: str, **settings: Any) -> Callable[[Check], Rule]:
    """Declare a rule. Returns a `Rule`; the registry collects every `Rule`
    object found at module level in the rule packages."""

    def declare(check: Check) -> Rule:
        return Rule(code, name, category, check, doc=dedent(check.__doc__ or "").strip(),
                    origin=check.__module__, **settings)

    return declare
