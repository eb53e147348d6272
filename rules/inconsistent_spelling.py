from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from newslint.document import Document
from newslint.model import Fix, Hit
from newslint.rule import rule

POSSESSIVE = re.compile(r"['’]s?$")
# Transliteration endings that name one sound: -y, -i, -iy, -ii, -yy, -ey/-ei.
FINAL_I_SOUND = re.compile(r"[iy]+$")
DOUBLED_LETTER = re.compile(r"(.)\1+")
# `Arrrr`/`Arrrrrrrr` is emphasis, not spelling.
TRIPLED_LETTER = re.compile(r"(.)\1\1")
# Shorter names collide too often by accident (`Alan`/`Allan`, `Yuri`/`Yury`
# may be two people; `Hal`/`Hall` are two names).
MIN_LETTERS = 5
MIN_LONGEST = 6
# Languages in which a capital marks a name. German capitalises every noun,
# and Finnish or Polish inflect names (`Haaviston`/`Haavistoon`).
LANGUAGES = ("en", "fr", "es", "it", "nl", "pt")
# Zipf frequency (wordfreq) from which a spelling is an established word or
# name of its own rather than a misspelling: `cornel` 2.35, `daren` 2.39,
# `camila` 2.95; against `tallon` 2.0, `kenedy` 2.03, `gadafi` 0.
ESTABLISHED = 2.3


@dataclass
class Spelling:
    """One spelling of a name: where it occurs, and how it is cased."""

    folded: str
    indexes: list[int] = field(default_factory=list)  # into doc.token_texts
    title_case: Counter = field(default_factory=Counter)  # surface -> count
    lower_case: int = 0
    # The capitalised words right before and right after it (`Michelle` ->
    # after {`Obama`}), or None once it occurs without one.
    before: set[str] | None = field(default_factory=set)
    after: set[str] | None = field(default_factory=set)

    @property
    def surface(self) -> str:
        """The spelling as the document usually writes it with a capital."""
        return self.title_case.most_common(1)[0][0]

    @property
    def is_name(self) -> bool:
        """Written with a capital, and more often with one than without:
        `Later` at the start of a sentence is the word `later`."""
        return bool(self.title_case) and sum(self.title_case.values()) > self.lower_case

    def is_other_person(self, other: "Spelling") -> bool:
        """Both spellings always stand next to another name, never the same
        one: `Michele Rossi` and `Michelle Obama`, `Hugo Cosio` and `Alberto
        Cossio` are two people; `Sergei Lavrov` and `Sergey Lavrov` are one."""
        return any(mine is not None and theirs is not None and not mine & theirs
                   for mine, theirs in ((self.before, other.before), (self.after, other.after)))

    def is_other_name(self, other: "Spelling", language: str) -> bool:
        """Both spellings are established words or names of their own, and
        they differ by more than a transliterated ending: `Philip`/`Phillip`,
        `Camila`/`Camilla`, `Cornel`/`Cornell` are different names, where
        `Sergei`/`Sergey` is one name transliterated two ways."""
        if FINAL_I_SOUND.sub("i", self.folded) == FINAL_I_SOUND.sub("i", other.folded):
            return False
        return min(_frequency(self.folded, language), _frequency(other.folded, language)) >= ESTABLISHED


@rule("CON001", "inconsistent-name-spelling", category="consistency", fix="unsafe", languages=LANGUAGES)
def check(doc: Document, options: dict) -> Iterator[Hit]:
    """Flags a name spelled two ways in one document.

    ## What it does
    Flags each occurrence of the less frequent spelling of a proper name
    when the same document also spells it another way, and names the other
    spelling and how often it occurs. Two spellings are variants when they
    differ only by doubled letters (`Zelenskyy`/`Zelensky`,
    `Gaddafi`/`Gadafi`) or by a transliterated `-y`/`-i`/`-iy`/`-ey` ending
    (`Sergey`/`Sergei`, `Dmitry`/`Dmitri`, `Zelenskiy`). Possessives
    (`Zelenskyy’s`) count with the name, lower-case occurrences with their
    spelling, and the parts of a hyphenated compound (`Putin-Zelensky`) as
    words of their own. When both spellings are equally frequent, the one
    that appears later is flagged.

    Not flagged:
    * different words: `Russia`/`Russian`, `Austria`/`Australia`,
      `Iran`/`Iraq`, `Trump`/`Trumps`, a name and its possessive;
    * spellings that differ only in case (`zelenskyy` is CAS001's business)
      or in accents (`Erdoğan`/`Erdogan` may be a house style, and
      `Mutter`/`Mütter` are two words);
    * words more often lower-case than capitalised in the document (`Later`
      at the start of a sentence), and names shorter than 5 letters;
    * two people: spellings that always stand next to other names, never
      the same one (`Michele Rossi`, `Michelle Obama`; `Sergei Shoigu`,
      `Sergey Lavrov`), and two established spellings of different names
      (`Philip`/`Phillip`, `Camila`/`Camilla`: both frequent in wordfreq);
    * spellings in different documents.

    The rule runs on English, French, Spanish, Italian, Dutch and Portuguese
    documents: German capitalises every noun, and languages that inflect
    names make endings that look like variants.

    ## Why is this bad?
    Articles stitched together from several sources, or rewritten by a
    model, mix the house styles of their sources. To a reader the mix looks
    careless; to search, entity linking and deduplication the two spellings
    are two different people. The fix (unsafe: the two spellings might, rarely,
    be two people) writes the majority spelling.

    ## Example
    ```
    No Plans for Putin-Zelensky Summit
    Putin has no plans to meet Volodymyr Zelenskyy, and Zelenskyy said ...
    ```
    `Zelensky` is flagged: the document spells it `Zelenskyy` twice.
    """
    for spellings in _variant_groups(doc):
        ranked = sorted(spellings, key=lambda s: (-len(s.indexes), s.indexes[0]))
        majority = ranked[0]
        for minority in ranked[1:]:
            if not (minority.is_other_person(majority) or minority.is_other_name(majority, doc.language or "en")):
                yield from _report(doc, minority, majority)


def _report(doc: Document, minority: Spelling, majority: Spelling) -> Iterator[Hit]:
    preferred, times = majority.surface, len(majority.indexes)
    count = f"{times} time{'s' if times > 1 else ''}"
    for index in minority.indexes:
        start = doc.token_starts[index]
        name = POSSESSIVE.sub("", doc.token_texts[index])
        end = start + len(name)
        replacement = preferred.upper() if name.isupper() else preferred
        yield Hit(start, end, f"`{name}` is spelled `{preferred}` elsewhere in this document ({count})",
                  Fix.replace(start, end, replacement, f"Write `{replacement}`", safe=False))


def _variant_groups(doc: Document) -> list[list[Spelling]]:
    """Groups of two or more spellings of one name. Capitalised words are
    bucketed by a normalised key, so no pair of words is ever compared; only
    the rare buckets with two spellings get a second look."""
    words = set(doc.token_texts)  # each distinct word once: names repeat
    buckets: dict[str, set[str]] = defaultdict(set)
    for word in words:
        if word[0].isupper():
            name = _name(word)
            if name:
                buckets[_key(name.casefold())].add(name.casefold())
    variants = {spelling: key for key, spellings in buckets.items() if len(spellings) > 1
                for spelling in spellings}
    if not variants:
        return []
    wanted = {word for word in words if _name(word).casefold() in variants}
    groups: dict[str, dict[str, Spelling]] = defaultdict(dict)
    for index, word in enumerate(doc.token_texts):
        if word in wanted:
            name = _name(word)
            folded = name.casefold()
            _count(doc, index, name, groups[variants[folded]].setdefault(folded, Spelling(folded)))
    return [list(spellings.values()) for spellings in groups.values()
            if max(map(len, spellings)) >= MIN_LONGEST and all(s.is_name for s in spellings.values())]


@lru_cache(maxsize=65536)  # names repeat within and across documents
def _name(word: str) -> str:
    """The word without a possessive ending, or "" if it cannot be a name."""
    name = POSSESSIVE.sub("", word)
    return name if len(name) >= MIN_LETTERS and name.isalpha() and not TRIPLED_LETTER.search(name) else ""


def _count(doc: Document, index: int, name: str, spelling: Spelling) -> None:
    spelling.indexes.append(index)
    if name.islower():
        spelling.lower_case += 1
        return
    if not name.isupper():
        spelling.title_case[name] += 1
    before, after = _neighbour_name(doc, index, -1), _neighbour_name(doc, index, 1)
    spelling.before = None if before is None or spelling.before is None else spelling.before | {before}
    spelling.after = None if after is None or spelling.after is None else spelling.after | {after}


def _neighbour_name(doc: Document, index: int, step: int) -> str | None:
    """The capitalised word one space before (step -1) or after (step 1)
    token `index`, or None."""
    other = index + step
    texts = doc.token_texts
    if not 0 <= other < len(texts):
        return None
    first, second = sorted((index, other))
    gap = doc.text[doc.token_ends[first]:doc.token_starts[second]]
    return texts[other] if gap in (" ", "\u00a0") and texts[other][0].isupper() else None


@lru_cache(maxsize=4096)
def _frequency(word: str, language: str) -> float:
    from wordfreq import zipf_frequency  # loads its word lists: only when needed

    return zipf_frequency(word, language)


@lru_cache(maxsize=65536)
def _key(folded: str) -> str:
    """A spelling with the transliterated `i` sound at the end written `i`
    and doubled letters made single: `zelenskyy`, `zelenskiy` and `zelensky`
    all give `zelenski`. Accents are kept: `Mutter`/`Mütter` are two words."""
    return DOUBLED_LETTER.sub(r"\1", FINAL_I_SOUND.sub("i", folded))
