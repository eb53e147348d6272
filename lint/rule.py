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
from inspect import cleandoc
from typing import Any, Callable, Iterable, NamedTuple, Protocol

from .document import Document
from .model import Hit, Original, Severity

CODE = re.compile(r"[A-Z]{1,4}\d{3}")
NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

Check = Callable[[Document, dict], Iterable[Hit]]


class RuleDefinitionError(ValueError):
    pass


class Repeat(NamedTuple):
    """What a corpus index says of a document that repeats an earlier one."""

    message: str
    original: Original  # the earlier document, as `add` received it


class CorpusIndex(Protocol):
    """A rule that compares documents across a run (cross-file duplicates).

    `signature` is pure and sees one document, so it can run in a worker
    process and be cached; one index instance per run receives the
    signatures in input order and says which document repeats an earlier one.
    """

    def __init__(self, options: dict) -> None: ...

    @staticmethod
    def signature(doc: Document, options: dict) -> Any: ...

    def add(self, document: Original, signature: Any) -> Repeat | None:
        """Record a document (its place: `document.label` names it in
        messages); return a `Repeat` if it repeats an earlier one."""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    check: Check | None = field(repr=False, compare=False)
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
    corpus: type[CorpusIndex] | None = field(default=None, repr=False, compare=False)
    # A late rule runs after the others and reads `doc.claimed_lines`: the
    # lines they already report for removal (so a structural rule can leave
    # them to the phrase rules instead of reporting them twice).
    late: bool = False
    # An engine check: a diagnostic the engine reports itself, not a check of
    # a text (INP001, a record the readers cannot read). It has neither check
    # nor corpus index; it is listed, explained and described in SARIF like
    # a rule, but always on: selectors never pick or drop it.
    engine: bool = False

    def __post_init__(self) -> None:
        where = f" in {self.origin}" if self.origin else ""
        if not CODE.fullmatch(self.code):
            raise RuleDefinitionError(f"rule code {self.code!r}{where} must look like ABC123")
        if not NAME.fullmatch(self.name):
            raise RuleDefinitionError(f"rule name {self.name!r}{where} must be kebab-case")
        if self.fix not in (None, "safe", "unsafe", "sometimes"):
            raise RuleDefinitionError(f"rule {self.code}{where}: fix must be safe, unsafe or sometimes")
        if self.engine and (self.check is not None or self.corpus is not None):
            raise RuleDefinitionError(f"engine check {self.code}{where} is reported by the engine: "
                                      "it takes no check or corpus index")
        if not self.engine and (self.check is None) == (self.corpus is None):
            raise RuleDefinitionError(f"rule {self.code}{where} needs either a check or a corpus index")
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

    def merged_options(self, overrides: dict | None) -> dict:
        return {**self.options, **(overrides or {})}

    def run(self, document: Document, overrides: dict | None = None) -> Iterable[Hit]:
        return self.check(document, self.merged_options(overrides))


def rule(code: str, name: str, *, category: str, **settings: Any) -> Callable[[Check], Rule]:
    """Declare a rule. Returns a `Rule`; the registry collects every `Rule`
    object found at module level in the rule packages."""

    def declare(check: Check) -> Rule:
        return Rule(code, name, category, check, doc=cleandoc(check.__doc__ or ""),
                    origin=check.__module__, **settings)

    return declare


def corpus_rule(code: str, name: str, *, category: str, **settings: Any) -> Callable[[type], Rule]:
    """Declare a rule over the whole run from a `CorpusIndex` class; its
    docstring is the rule's documentation."""

    def declare(index: type) -> Rule:
        return Rule(code, name, category, None, doc=cleandoc(index.__doc__ or ""),
                    origin=index.__module__, corpus=index, **settings)

    return declare
