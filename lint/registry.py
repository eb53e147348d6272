"""Find every rule, and pick the ones a run uses.

Rules come from four places, none of which needs an engine change:
1. Python modules in the `newslint.rules` package (each holds `Rule` objects,
   usually made with `@rule`);
2. YAML packs in `newslint/rules/packs/`;
3. third-party packages, through the `newslint.rules` entry-point group (an
   entry point may name a module, a `Rule`, or a list of rules);
4. the user's own YAML packs, from `rule-paths` in config.

The engine's own checks (`Rule(engine=True)`: INP001, a record the readers
cannot read, declared in inputs.py) are not found here: they are listed and
explained with the rules, but no selector picks or drops them.
"""
from __future__ import annotations

import importlib
import pkgutil
from importlib import metadata, resources
from pathlib import Path
from types import ModuleType
from typing import Iterable

from .packs import iter_pack_rules
from .rule import Rule

ENTRY_POINT_GROUP = "newslint.rules"


class SelectionError(ValueError):
    pass


def _module_rules(module: ModuleType) -> list[Rule]:
    return [value for value in vars(module).values() if isinstance(value, Rule)]


def builtin_rules() -> list[Rule]:
    package = importlib.import_module("newslint.rules")
    rules: list[Rule] = []
    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("_"):
            rules.extend(_module_rules(importlib.import_module(f"newslint.rules.{info.name}")))
    packs = Path(str(resources.files("newslint.rules").joinpath("packs")))
    rules.extend(iter_pack_rules([packs], builtin=True))
    return rules


def plugin_rules() -> list[Rule]:
    rules: list[Rule] = []
    for entry_point in metadata.entry_points(group=ENTRY_POINT_GROUP):
        loaded = entry_point.load()
        if isinstance(loaded, ModuleType):
            rules.extend(_module_rules(loaded))
        elif isinstance(loaded, Rule):
            rules.append(loaded)
        else:
            rules.extend(loaded)
    return rules


def all_rules(rule_paths: Iterable[Path] = ()) -> list[Rule]:
    """Every known rule, sorted by code. Two rules with one code is an error."""
    rules = builtin_rules() + plugin_rules() + list(iter_pack_rules(rule_paths))
    seen: dict[str, Rule] = {}
    for candidate in rules:
        for key in (candidate.code, candidate.name):
            other = seen.get(key)
            if other is not None:
                raise SelectionError(f"rule {key} is defined twice: in {other.origin} and {candidate.origin}")
            seen[key] = candidate
    return sorted(rules, key=lambda r: r.code)


def matches(selector: str, candidate: Rule) -> bool:
    """A selector is ALL, a code or code prefix (`CHR`, `CHR1`, `CHR101`), a
    category (`chrome`) or a rule name (`breadcrumb-trail`)."""
    return (selector == "ALL" or candidate.code.startswith(selector.upper())
            or selector.lower() in (candidate.category, candidate.name))


def select(rules: list[Rule], *, select: list[str] | None = None, extend_select: Iterable[str] = (),
           ignore: Iterable[str] = ()) -> list[Rule]:
    """ruff's semantics: `select` replaces the default set, `extend_select`
    adds to it, `ignore` removes from it."""
    for selector in [*(select or []), *extend_select, *ignore]:
        if not any(matches(selector, candidate) for candidate in rules):
            raise SelectionError(f"unknown rule selector {selector!r}: not a code, prefix, category or name")
    base = [r for r in rules if any(matches(s, r) for s in select)] if select is not None else \
        [r for r in rules if r.default]
    extra = [r for r in rules if any(matches(s, r) for s in extend_select) and r not in base]
    return [r for r in base + extra if not any(matches(s, r) for s in ignore)]


def find_rule(rules: list[Rule], key: str) -> Rule | None:
    for candidate in rules:
        if key.upper() == candidate.code or key.lower() == candidate.name:
            return candidate
    return None
