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
one of them; a `line` rule also flags, on a document of another language, a
line that is exactly one of its literal `phrases` and whose own words are
not in the document's language: `Gefällt mir` on an English blog),
`max_words` (line kind) and `doc` (`what`, `why`, `example`).
Packs are loaded with a safe loader only: a pack cannot run code.

Patterns of the built-in packs run on Python's `re` (they need lookarounds to
anchor credits and prompts). Patterns of user packs (`rule-paths`) run on RE2
(google-re2), whose time is linear in the text whatever the pattern, so a
catastrophic pattern such as `(a+)+$` cannot hang a run. RE2 has no
backreferences and no lookarounds, and its `\\w`, `\\d` and `\\b` are ASCII
(write `\\pL` for any letter): a user pattern RE2 cannot compile is refused
when the pack is loaded. An existence match of a user pattern counts when
no word character touches it on either side.

Speed: a run compiles a rule's patterns on its first use, so rules of other
languages cost nothing on English documents. The `line` rules of one pack and
language set share one pass over the document's lines: a dictionary lookup of
the line for every literal phrase, and one combined pattern that picks the
few lines any pattern matches before each rule's own pattern is tried.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from itertools import count
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Protocol

import yaml

try:  # the parser of `re`, to read the literals a pattern requires (a speed-up only)
    from re import _constants as sre_constants, _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants
    import sre_parse

from .document import WORD, Document, Paragraph
from .language import stopwords
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
DEFAULT_MAX_WORDS = 12  # of a `line` rule's line
# Characters a chrome line may carry around its phrase: `» Leave a Comment:`.
LINE_TRIM = " \t\"'“”‘’«»›‹|·•:;,.!?()[]<>-–—→←#*_"


# libyaml's loader when PyYAML has it: it is as safe and about ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def line_core(body: str) -> str:
    """A line without the punctuation around its phrase; a closing bracket
    that closes one inside the phrase stays (`Comments (5)`)."""
    core = body.strip(LINE_TRIM)
    if "(" not in core and "[" not in core:  # most lines: nothing to give back
        return core
    rest = body[body.find(core) + len(core):]
    for opening, closing in ("()", "[]"):
        if core.count(opening) > core.count(closing) and rest.lstrip().startswith(closing):
            core += closing
    return core


class PackError(ValueError):
    """A malformed rule pack. The message names the file."""


# -- patterns ---------------------------------------------------------------------
class Pattern(Protocol):
    """A rule's alternation, case-insensitive."""

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, text) of every match that no word character touches."""

    def fullmatch(self, text: str) -> bool: ...


class BacktrackingPattern:
    """Python's `re`, for the built-in packs, which anchor their patterns with
    lookarounds. Compiled on first use: a run compiles only the rules that
    its documents need (the German rules never, on English text)."""

    def __init__(self, body: str):
        self.body = body

    @cached_property
    def _words(self) -> re.Pattern:
        return re.compile(rf"(?<!\w)(?:{self.body})(?!\w)", re.IGNORECASE)

    @cached_property
    def _full(self) -> re.Pattern:
        return re.compile(rf"(?:{self.body})", re.IGNORECASE)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        for match in self._words.finditer(text):
            yield match.start(), match.end(), match.group()

    def fullmatch(self, text: str) -> bool:
        return self._full.fullmatch(text) is not None


class LinearPattern:
    """RE2, for the patterns of user packs: linear time whatever the pattern
    (each pattern was checked when the pack was loaded). RE2 has no
    lookbehind: the word boundary before a match is checked here, the one
    after it is part of the pattern (so that an alternative that ends inside
    a word gives way to a longer one, as with `re`)."""

    def __init__(self, body: str):
        self.body = body

    @cached_property
    def _full(self):
        return _re2(self.body)

    @cached_property
    def _words(self):
        return _re2(rf"({self.body})(?:[^\pL\pN_]|$)")

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        for match in self._words.finditer(text):
            start, end = match.span(1)
            if start == 0 or not _is_word(text[start - 1]):
                yield start, end, match.group(1)

    def fullmatch(self, text: str) -> bool:
        return self._full.fullmatch(text) is not None


def _re2(source: str):
    import re2  # only user packs need it

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # the PackError says it, without RE2's own log line
    return re2.compile(source, options)


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


def _check_user_pattern(pattern: str, where: str) -> None:
    """Refuse, naming it, a user pattern that is malformed or that RE2 cannot
    run (a backreference, a lookaround)."""
    import re2

    try:
        re.compile(pattern)  # for its clearer syntax errors
    except re.error as error:
        raise PackError(f"{where}: bad pattern {pattern!r}: {error}") from None
    try:
        _re2(pattern)
    except re2.error as error:
        reason = error.args[0].decode() if error.args and isinstance(error.args[0], bytes) else error
        raise PackError(f"{where}: bad pattern {pattern!r}: RE2 cannot run it ({reason}). Patterns of user "
                        "packs run on RE2, in linear time: no backreferences, no lookarounds") from None


# -- line rules ---------------------------------------------------------------------
# Letters that re.IGNORECASE takes for one letter although str.lower() keeps
# them apart (CPython's re._casefix): a phrase key must match the same lines
# as the phrase's regex did.
_CASE_CLASSES = ("iı", "sſ", "µμ", "\u0345ι\u1fbe", "\u0390\u1fd3", "\u03b0\u1fe3", "βϐ", "εϵ", "θϑ", "κϰ",
                 "πϖ", "ρϱ", "σς", "φϕ", "в\u1c80", "д\u1c81", "о\u1c82", "с\u1c83", "т\u1c84\u1c85",
                 "ъ\u1c86", "ѣ\u1c87", "\u1c88\ua64b", "ṡẛ", "ﬅﬆ")
_CASE_FOLD = str.maketrans({other: letters[0] for letters in _CASE_CLASSES for other in letters[1:]})
_CASE_VARIANTS = re.compile(f"[{''.join(letters[1:] for letters in _CASE_CLASSES)}]")
_LINE_CORES = "packs.line-cores"
_INDEX_KEYS = count()
MIN_TRIGGER = 2  # a single letter occurs on nearly every line: no use as a prefilter


def phrase_key(text: str) -> str:
    """A phrase or line as the dictionary of phrases knows it: words joined by
    one space, folded as `re.IGNORECASE` compares letters. Text with
    whitespace at either end is no phrase."""
    return _key(text, fold(text))


def _key(text: str, folded: str) -> str:
    # fold() keeps whitespace as it is, so folding and joining the words commute.
    return " ".join(folded.split()) if text == text.strip() else ""


class LineCore(NamedTuple):
    paragraph: Paragraph
    core: str  # line_core() of the paragraph's body
    folded: str  # fold(core): what the literals that trigger patterns are searched in
    key: str  # phrase_key(core)


def line_cores(doc: Document, max_words: int) -> list[LineCore]:
    """Every one-line paragraph of at most `max_words` words with a core:
    what `line` rules look at, computed once per document."""
    cores = []
    for paragraph in doc.paragraphs:
        if paragraph.first_line == paragraph.last_line and paragraph.word_count <= max_words:
            core = line_core(paragraph.body)
            if core:
                folded = fold(core)
                cores.append(LineCore(paragraph, core, folded, _key(core, folded)))
    return cores


def _selectivity(literal: str) -> int:
    """How rarely a literal occurs, roughly: longer is rarer, and so is a
    character outside ASCII (`»`, `©`)."""
    return len(literal) if literal.isascii() else len(literal) + 2


def fold(text: str) -> str:
    """Text lower-cased as `re.IGNORECASE` compares letters, one character
    for one (`İ` becomes `i`), so offsets stay valid."""
    if text.isascii():
        return text.lower()
    folded = text.replace("İ", "i").lower()
    return folded.translate(_CASE_FOLD) if _CASE_VARIANTS.search(folded) else folded


def required_literals(pattern: str) -> frozenset[str] | None:
    """Folded strings of which every match of `pattern` contains at least
    one, or None when no such set of selective literals can be read from the
    pattern."""
    try:
        return _required(sre_parse.parse(pattern, re.IGNORECASE))
    except Exception:  # a private parser's surprise costs speed, never a result
        return None


def _required(items) -> frozenset[str] | None:
    """The most selective literal set that a sequence of parsed items
    requires: a run of literal characters, or the union of a branch's sets."""
    choices: list[frozenset[str]] = []
    run: list[str] = []
    for op, argument in list(items) + [(None, None)]:
        if op is sre_constants.LITERAL:
            run.append(chr(argument))
            continue
        if run:
            choices.append(frozenset({fold("".join(run))}))
            run = []
        found = _required_by(op, argument)
        if found:
            choices.append(found)
    usable = [choice for choice in choices if min(map(_selectivity, choice)) >= MIN_TRIGGER]
    return max(usable, key=lambda choice: (min(map(_selectivity, choice)), -len(choice)), default=None)


def _required_by(op, argument) -> frozenset[str] | None:
    if op is sre_constants.SUBPATTERN:
        return _required(argument[-1])
    if op is sre_constants.BRANCH:
        alternatives = [_required(alternative) for alternative in argument[1]]
        return frozenset().union(*alternatives) if all(alternatives) else None
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and argument[0] >= 1:
        return _required(argument[2])
    if op is sre_constants.IN and all(kind is sre_constants.LITERAL for kind, _ in argument):
        return frozenset(fold(chr(character)) for _, character in argument)  # `[»›]`
    return None


class LineIndex:
    """The `line` rules of one pack that apply to the same languages, matched
    together in one pass over a document's lines. Each rule then keeps the
    lines within its own `max_words`.

    A rule's patterns are tried only on the lines that hold one of the
    literals they require (`browser`, `comments`, `»`): one search of a trie
    of all those literals per line finds them."""

    def __init__(self, make_pattern, languages: tuple[str, ...] = ()):
        self.key = f"packs.lines.{next(_INDEX_KEYS)}"  # the document memo of this index's matches
        self.make_pattern = make_pattern
        self.languages = languages  # of its rules; empty: all
        # The longest line any rule of the index takes by default: longer
        # lines (most of an article's text) are not looked at.
        self.max_words = 0
        self.phrases: dict[str, list[str]] = {}  # phrase key -> codes
        self.patterns: dict[str, Pattern] = {}  # code -> the rule's patterns
        self.sources: dict[str, list[str]] = {}  # code -> the rule's patterns as written

    def add(self, code: str, phrases: list[str], patterns: list[str], max_words: int) -> None:
        self.max_words = max(self.max_words, max_words)
        for phrase in phrases:
            codes = self.phrases.setdefault(phrase_key(phrase), [])
            if code not in codes:
                codes.append(code)
        if patterns:
            self.patterns[code] = self.make_pattern("|".join(f"(?:{pattern})" for pattern in patterns))
            self.sources[code] = patterns

    @cached_property
    def triggers(self) -> dict[str, frozenset[str] | None]:
        """code -> literals one of which every match of the rule holds (read
        on first use, like the patterns are compiled)."""
        required = {code: [required_literals(pattern) for pattern in patterns]
                    for code, patterns in self.sources.items()}
        return {code: frozenset().union(*found) if all(found) else None for code, found in required.items()}

    @cached_property
    def _untriggered(self) -> list[str]:
        """Rules with a pattern that requires no literal: tried on every line."""
        return [code for code, literals in self.triggers.items() if literals is None]

    @cached_property
    def _trigger(self) -> tuple[Callable[[str], list[str]], dict[str, frozenset[str]]]:
        """A search for every literal at every position of a line (they may
        overlap: `comment`, `mention`), and the rules each found literal
        triggers. The literal found at a position is the longest one there;
        the shorter ones there are its prefixes."""
        literals = {literal for found in self.triggers.values() if found for literal in found}
        codes_of = {literal: frozenset(code for code, found in self.triggers.items()
                                       if found and any(literal.startswith(other) for other in found))
                    for literal in literals}
        return re.compile(f"(?=({_trie(literals)}))").findall if literals else (lambda text: []), codes_of

    def matches(self, doc: Document, max_words: int) -> dict[str, list[tuple[Paragraph, str]]]:
        """code -> (paragraph, core) of each line of up to `max_words` words
        (at least the index's own limit) that the rule matches."""
        limit = max(self.max_words, max_words)  # a larger configured limit makes a second pass
        return doc.memo(f"{self.key}:{limit}", partial(self._scan, limit=limit))

    def foreign_matches(self, doc: Document) -> dict[str, list[tuple[Paragraph, str]]]:
        """code -> (paragraph, core) of each line of a document in another
        language that is exactly one of the rule's literal phrases, in words
        that are not the document's language (`Gefällt mir` on an English
        blog: a widget speaks the platform's language, not the article's).
        One dictionary lookup per line; only a found line is looked at."""
        return doc.memo(f"{self.key}:foreign", self._scan_foreign)

    def _scan_foreign(self, doc: Document) -> dict[str, list[tuple[Paragraph, str]]]:
        found: dict[str, list[tuple[Paragraph, str]]] = {}
        if not self.languages or doc.language is None:
            return found
        cores = doc.memo(f"{_LINE_CORES}:{self.max_words}", partial(line_cores, max_words=self.max_words))
        for paragraph, core, _, key in cores:
            codes = self.phrases.get(key)
            if codes and any(_is_foreign(core, language, doc.language) for language in self.languages):
                for code in codes:
                    found.setdefault(code, []).append((paragraph, core))
        return found

    def _scan(self, doc: Document, limit: int) -> dict[str, list[tuple[Paragraph, str]]]:
        found: dict[str, list[tuple[Paragraph, str]]] = {}
        find_literals, codes_of = self._trigger
        cores = doc.memo(f"{_LINE_CORES}:{limit}", partial(line_cores, max_words=limit))
        for paragraph, core, folded, key in cores:
            codes = self.phrases.get(key, ())
            literals = find_literals(folded)
            if not (codes or literals or self._untriggered):
                continue  # most lines
            codes = set(codes)
            for code in (*self._untriggered, *frozenset().union(*map(codes_of.__getitem__, literals))):
                if code not in codes and self.patterns[code].fullmatch(core):
                    codes.add(code)
            for code in codes:
                found.setdefault(code, []).append((paragraph, core))
        return found


def _is_foreign(line: str, language: str, document_language: str) -> bool:
    """Whether a line's own words show `language` rather than the document's:
    no function word of the document's language, and a function word of
    `language` (`mir`, `les`) or a letter the document's language does not
    write (`Ähnliche` on an English page)."""
    words = [word.casefold() for word in WORD.findall(line)]
    own, other = stopwords().get(document_language, frozenset()), stopwords().get(language, frozenset())
    if any(word in own and word not in other for word in words):
        return False
    letters = _letters(document_language)
    return any(word in other and word not in own for word in words) or any(
        letter.isalpha() and letter not in letters for word in words for letter in word)


@lru_cache(maxsize=None)
def _letters(language: str) -> frozenset[str]:
    """The letters a language writes, as far as its function words show:
    the ASCII letters and the others its stopwords hold (`ü`, `é`)."""
    return frozenset("abcdefghijklmnopqrstuvwxyz").union(*stopwords().get(language, ()))


@dataclass(frozen=True)
class LineRule(Rule):
    """A `line` rule of a pack. One that names `languages` also applies to a
    document of another language that holds a line of its phrases in its
    language (LineIndex.foreign_matches)."""

    index: LineIndex | None = field(default=None, repr=False, compare=False)

    def applies_to(self, document: Document) -> bool:
        return super().applies_to(document) or self.code in self.index.foreign_matches(document)


def _trie(literals: Iterable[str]) -> str:
    """An alternation of literals as a trie (`co(?:mments?|okie)`): `re`
    then tests one character per position, not every literal."""
    trie: dict = {}
    for literal in literals:
        node = trie
        for character in literal:
            node = node.setdefault(character, {})
        node[""] = {}  # a literal ends here
    return _trie_source(trie)


def _trie_source(node: dict) -> str:
    branches = [re.escape(character) + _trie_source(child) for character, child in sorted(node.items()) if character]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 else f"{body}?"  # greedy: the longest literal wins


# -- loading ------------------------------------------------------------------------
class _Loader:
    """Builds the rules of pack files. Built-in packs are trusted with `re`;
    user packs get RE2. The `line` rules of all the files loaded together
    share one index per language set, so one pass over the lines serves them."""

    def __init__(self, builtin: bool):
        self.builtin = builtin
        self.make_pattern = BacktrackingPattern if builtin else LinearPattern
        self.line_indexes: dict[tuple[str, ...], LineIndex] = {}

    def load(self, path: Path) -> list[Rule]:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise PackError(f"{path}: cannot read rule pack: {error}") from None
        if not isinstance(data, dict) or set(data) != {"rules"} or not isinstance(data["rules"], list):
            raise PackError(f"{path}: a rule pack is a mapping with one key, `rules`, holding a list")
        return [self.rule(path, number, entry) for number, entry in enumerate(data["rules"], 1)]

    def rule(self, path: Path, number: int, entry: Any) -> Rule:
        where = f"{path}: rule #{number}"
        kind = _validate(entry, where)
        languages = tuple(_strings(entry, "languages", where))
        try:
            check = self._check(kind, entry, languages, where)
            make = partial(LineRule, index=check.args[0]) if kind == "line" else Rule
            return make(entry["code"], entry["name"], entry["category"], check,
                        doc=_doc(entry.get("doc", {}), where),
                        severity=Severity(entry.get("severity", "warning")),
                        default=entry.get("default", True),
                        opt_in_reason=entry.get("opt_in_reason", ""),
                        fix=entry.get("fix", DEFAULT_FIX[kind]),
                        options={"max_words": entry.get("max_words", DEFAULT_MAX_WORDS)} if kind == "line" else {},
                        languages=languages,
                        origin=str(path))
        except PackError:
            raise
        except (RuleDefinitionError, ValueError) as error:
            raise PackError(f"{where}: {error}") from None

    def _check(self, kind: str, entry: dict, languages: tuple[str, ...], where: str):
        message = entry["message"]
        if kind == "line":
            phrases, patterns = self._phrases_and_patterns(entry, where)
            index = self.line_indexes.setdefault(languages, LineIndex(self.make_pattern, languages))
            index.add(entry["code"], phrases, patterns, entry.get("max_words", DEFAULT_MAX_WORDS))
            return partial(check_line, index, entry["code"], message)
        if kind == "existence":
            body = _alternation(*self._phrases_and_patterns(entry, where))
            return partial(check_existence, self.make_pattern(body), message)
        if kind == "capitalization":
            terms = _strings(entry, "terms", where)
            return partial(check_capitalization, _Literals({term.casefold(): term for term in terms}, terms),
                           message)
        swap = entry["swap"]
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in swap.items()):
            raise PackError(f"{where}: `swap` must map strings to strings")
        return partial(check_substitution, _Literals({k.casefold(): v for k, v in swap.items()}, list(swap)),
                       message)


    def _phrases_and_patterns(self, entry: dict, where: str) -> tuple[list[str], list[str]]:
        phrases, patterns = _strings(entry, "phrases", where), _strings(entry, "patterns", where)
        if not phrases and not patterns:
            raise PackError(f"{where}: give `phrases` or `patterns`")
        if not self.builtin:
            for pattern in patterns:
                _check_user_pattern(pattern, where)
        return phrases, patterns


def load_pack(path: Path, builtin: bool = False) -> list[Rule]:
    """The rules of one pack file. `builtin` packs run on `re`, others on RE2."""
    return _Loader(builtin).load(path)


def load_pack_dir(directory: Path, builtin: bool = False) -> list[Rule]:
    loader = _Loader(builtin)
    return [found for path in sorted(directory.glob("*.y*ml")) for found in loader.load(path)]


def _validate(entry: Any, where: str) -> str:
    """The entry's kind, once its keys and their types are checked."""
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
    return kind


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


def _literal(phrase: str) -> str:
    return r"\s+".join(map(re.escape, phrase.split()))


def _alternation(phrases: list[str], patterns: list[str]) -> str:
    # Longest phrases first, so that alternation prefers the fullest match.
    literal = [_literal(p) for p in sorted(phrases, key=len, reverse=True)]
    return "|".join(literal + [f"(?:{p})" for p in patterns])


class _Literals:
    """Terms or swap keys (literal text, so `re` is safe for any pack) and
    what each one maps to, compiled on first use."""

    def __init__(self, mapping: dict[str, str], keys: list[str]):
        self.mapping = mapping  # case-folded key -> term or replacement
        self.body = _alternation(keys, [])

    @cached_property
    def pattern(self) -> re.Pattern:
        return re.compile(rf"(?<!\w)(?:{self.body})(?!\w)", re.IGNORECASE)

    def lookup(self, found: str) -> str:
        return self.mapping[re.sub(r"\s+", " ", found).casefold()]


# -- checks -------------------------------------------------------------------------
def check_existence(pattern: Pattern, message: str, doc: Document, options: dict) -> Iterator[Hit]:
    for start, end, found in pattern.finditer(doc.text):
        yield Hit(start, end, message.format(match=found))


def check_line(index: LineIndex, code: str, message: str, doc: Document, options: dict) -> Iterator[Hit]:
    in_language = not index.languages or doc.language in index.languages
    found = index.matches(doc, options["max_words"]) if in_language else index.foreign_matches(doc)
    for paragraph, core in found.get(code, ()):
        if paragraph.word_count <= options["max_words"]:
            yield Hit(paragraph.start, paragraph.end, message.format(match=core),
                      _delete_line(doc, paragraph.first_line))


def _delete_line(doc: Document, number: int) -> Fix:
    """Remove a whole line with its line break (unsafe: the line might be content)."""
    line = doc.lines[number - 1]
    end = doc.lines[number].start if number < len(doc.lines) else line.end
    return Fix.delete(line.start, end, "Remove the line", safe=False)


def check_capitalization(terms: _Literals, message: str, doc: Document, options: dict) -> Iterator[Hit]:
    for match in terms.pattern.finditer(doc.text):
        found = match.group()
        term = terms.lookup(found)
        if _under_capitalized(found, term):
            yield Hit(match.start(), match.end(), message.format(match=found, term=term),
                      Fix.replace(match.start(), match.end(), term, f"Write `{term}`", safe=True))


def _under_capitalized(found: str, term: str) -> bool:
    found_letters = [c for c in found if not c.isspace()]
    term_letters = [c for c in term if not c.isspace()]
    return any(t.isupper() and f.islower() for f, t in zip(found_letters, term_letters))


def check_substitution(swap: _Literals, message: str, doc: Document, options: dict) -> Iterator[Hit]:
    for match in swap.pattern.finditer(doc.text):
        replacement = swap.lookup(match.group())
        yield Hit(match.start(), match.end(), message.format(match=match.group(), term=replacement),
                  Fix.replace(match.start(), match.end(), replacement, f"Write `{replacement}`", safe=True))


def iter_pack_rules(paths: Iterable[Path], builtin: bool = False) -> Iterator[Rule]:
    for path in paths:
        yield from (load_pack_dir(path, builtin) if path.is_dir() else load_pack(path, builtin))
