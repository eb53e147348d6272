"""YAML rule packs: rules that are data, in the manner of Vale.

A pack is a YAML file with a top-level `rules:` list. Each entry names a check
`kind` and its word lists:

* `existence`: flag every occurrence of `phrases` (literal, case-insensitive,
  whole words) or `patterns` (regular expressions).
* `line`: flag a whole line when, apart from a list marker and surrounding
  punctuation, it *is* one of the `phrases` or fully matches one of `patterns`.
  Chrome such as `Leave a Comment` is recognised as a line of its own, so the
  same words inside a sentence are not flagged.
* `capitalization`: flag `terms` written with a lower-case letter where the
  term has a capital (`united States` for `United States`); fixable.
* `substitution`: flag each key of `swap` and offer its value; fixable.

Every entry has `code`, `name`, `category`, `kind` and `message` (which may
use `{match}`), and may set `severity`, `default`, `opt_in_reason`, `fix`,
`languages` (ISO 639-1 codes: the rule runs only on documents identified as
one of them), `max_words` (line kind) and `doc` (`what`, `why`, `example`).
Packs are loaded with a safe loader only: a pack cannot run code.
"""
from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from .document import Document
from .model import Fix, Hit, Severity
from .rule import Rule, RuleDefinitionError

COMMON_KEYS = {"code": str, "name": str, "category": str, "kind": str, "message": str,
               "severity": str, "default": bool, "opt_in_reason": str, "fix": str, "doc": dict,
               "languages": list}
KIND_KEYS = {
    "existence": {"phrases": list, "patterns": list},
    "line": {"phrases": list, "patterns": list, "max_words": int},
    "capitalization": {"terms": list},
    "substitution": {"swap": dict},
}
DOC_KEYS = ("what", "why", "example")
# What each kind offers as a fix unless the entry says otherwise.
DEFAULT_FIX = {"existence": None, "line": "unsafe", "capitalization": "safe", "substitution": "safe"}
# Characters a chrome line may carry around its phrase: `» Leave a Comment:`.
LINE_TRIM = " \t\"'“”‘’«»›‹|·•:;,.!?()[]<>-–—→←#*_"


# libyaml's loader when PyYAML has it: it is as safe and about ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def line_core(body: str) -> str:
    """A line without the punctuation around its phrase; a closing bracket
    that closes one inside the phrase stays (`Comments (5)`)."""
    core = body.strip(LINE_TRIM)
    rest = body[body.find(core) + len(core):] if core else ""
    for opening, closing in ("()", "[]"):
        if core.count(opening) > core.count(closing) and rest.lstrip().startswith(closing):
            core += closing
    return core


class PackError(ValueError):
    """A malformed rule pack. The message names the file."""


def load_pack(path: Path) -> list[Rule]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise PackError(f"{path}: cannot read rule pack: {error}") from None
    if not isinstance(data, dict) or set(data) != {"rules"} or not isinstance(data["rules"], list):
        raise PackError(f"{path}: a rule pack is a mapping with one key, `rules`, holding a list")
    return [_rule(path, number, entry) for number, entry in enumerate(data["rules"], 1)]


def load_pack_dir(directory: Path) -> list[Rule]:
    rules: list[Rule] = []
    for path in sorted(directory.glob("*.y*ml")):
        rules.extend(load_pack(path))
    return rules


def _rule(path: Path, number: int, entry: Any) -> Rule:
    where = f"{path}: rule #{number}"
    if not isinstance(entry, dict):
        raise PackError(f"{where}: each rule is a mapping")
    kind = entry.get("kind")
    if kind not in KIND_KEYS:
        raise PackError(f"{where}: `kind` must be one of {', '.join(KIND_KEYS)}, not {kind!r}")
    allowed = {**COMMON_KEYS, **KIND_KEYS[kind]}
    for key, value in entry.items():
        if key not in allowed:
            raise PackError(f"{where}: unknown key `{key}` for kind {kind}")
        if not isinstance(value, allowed[key]):
            raise PackError(f"{where}: `{key}` must be a {allowed[key].__name__}")
    for key in ("code", "name", "category", "message"):
        if key not in entry:
            raise PackError(f"{where}: missing required key `{key}`")
    try:
        check = partial(CHECKS[kind], _compile(kind, entry, where), entry["message"])
        return Rule(entry["code"], entry["name"], entry["category"], check,
                    doc=_doc(entry.get("doc", {}), where),
                    severity=Severity(entry.get("severity", "warning")),
                    default=entry.get("default", True),
                    opt_in_reason=entry.get("opt_in_reason", ""),
                    fix=entry.get("fix", DEFAULT_FIX[kind]),
                    options={"max_words": entry.get("max_words", 12)} if kind == "line" else {},
                    languages=tuple(_strings(entry, "languages", where)),
                    origin=str(path))
    except (RuleDefinitionError, ValueError) as error:
        raise PackError(f"{where}: {error}") from None


def _doc(doc: dict, where: str) -> str:
    unknown = set(doc) - set(DOC_KEYS)
    if unknown:
        raise PackError(f"{where}: unknown key `{sorted(unknown)[0]}` in doc")
    titles = ("What it does", "Why is this bad?", "Example")
    return "\n\n".join(f"## {title}\n{str(doc[key]).strip()}"
                       for key, title in zip(DOC_KEYS, titles) if key in doc)


def _strings(entry: dict, key: str, where: str) -> list[str]:
    values = entry.get(key, [])
    if not all(isinstance(value, str) and value for value in values):
        raise PackError(f"{where}: `{key}` must be a list of non-empty strings")
    return values


def _alternation(phrases: list[str], patterns: list[str], where: str) -> str:
    if not phrases and not patterns:
        raise PackError(f"{where}: give `phrases` or `patterns`")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise PackError(f"{where}: bad pattern {pattern!r}: {error}") from None
    # Longest phrases first, so that alternation prefers the fullest match.
    literal = [r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True)]
    return "|".join(literal + [f"(?:{p})" for p in patterns])


def _compile(kind: str, entry: dict, where: str) -> Any:
    if kind == "existence":
        body = _alternation(_strings(entry, "phrases", where), _strings(entry, "patterns", where), where)
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    if kind == "line":
        body = _alternation(_strings(entry, "phrases", where), _strings(entry, "patterns", where), where)
        return re.compile(rf"(?:{body})", re.IGNORECASE)
    if kind == "capitalization":
        terms = _strings(entry, "terms", where)
        canonical = {term.casefold(): term for term in terms}
        body = _alternation(terms, [], where)
        return canonical, re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    swap = entry["swap"]
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in swap.items()):
        raise PackError(f"{where}: `swap` must map strings to strings")
    body = _alternation(list(swap), [], where)
    return {k.casefold(): v for k, v in swap.items()}, re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def check_existence(pattern: re.Pattern, message: str, doc: Document, options: dict) -> Iterator[Hit]:
    for match in pattern.finditer(doc.text):
        yield Hit(match.start(), match.end(), message.format(match=match.group()))


def check_line(pattern: re.Pattern, message: str, doc: Document, options: dict) -> Iterator[Hit]:
    for paragraph in doc.paragraphs:
        if paragraph.first_line != paragraph.last_line or paragraph.word_count > options["max_words"]:
            continue
        body = paragraph.body
        core = line_core(body)
        if core and pattern.fullmatch(core):
            yield Hit(paragraph.start, paragraph.end, message.format(match=core),
                      _delete_line(doc, paragraph.first_line))


def _delete_line(doc: Document, number: int) -> Fix:
    """Remove a whole line with its line break (unsafe: the line might be content)."""
    line = doc.lines[number - 1]
    end = doc.lines[number].start if number < len(doc.lines) else line.end
    return Fix.delete(line.start, end, "Remove the line", safe=False)


def check_capitalization(compiled: tuple, message: str, doc: Document, options: dict) -> Iterator[Hit]:
    canonical, pattern = compiled
    for match in pattern.finditer(doc.text):
        found = match.group()
        term = canonical[re.sub(r"\s+", " ", found).casefold()]
        if _under_capitalized(found, term):
            yield Hit(match.start(), match.end(), message.format(match=found, term=term),
                      Fix.replace(match.start(), match.end(), term, f"Write `{term}`", safe=True))


def _under_capitalized(found: str, term: str) -> bool:
    found_letters = [c for c in found if not c.isspace()]
    term_letters = [c for c in term if not c.isspace()]
    return any(t.isupper() and f.islower() for f, t in zip(found_letters, term_letters))


def check_substitution(compiled: tuple, message: str, doc: Document, options: dict) -> Iterator[Hit]:
    swap, pattern = compiled
    for match in pattern.finditer(doc.text):
        replacement = swap[re.sub(r"\s+", " ", match.group()).casefold()]
        yield Hit(match.start(), match.end(), message.format(match=match.group(), term=replacement),
                  Fix.replace(match.start(), match.end(), replacement, f"Write `{replacement}`", safe=True))


CHECKS = {"existence": check_existence, "line": check_line,
          "capitalization": check_capitalization, "substitution": check_substitution}


def iter_pack_rules(paths: Iterable[Path]) -> Iterator[Rule]:
    for path in paths:
        yield from (load_pack_dir(path) if path.is_dir() else load_pack(path))
