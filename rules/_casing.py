"""Shared analysis for the casing rules: which lower-case words are proper
nouns (CAS001). It is computed once per document (`doc.memo`), so that a
sentence starting with a lower-case name is reported once, by CAS001, and not
again by CAS002.

A lower-case word is a proper noun when
* it is in the gazetteer (`data/gazetteer_proper_nouns.yaml`: countries,
  nationalities, major places and institutions whose lower-case form is not an
  English word, and multi-word names such as `United States`), or
* the document itself writes it capitalised, standalone and mid-sentence,
  clearly more often than in lower case. Sentence-initial capitals, words
  inside longer names (`Defense Ministry`, `Air Force`, `Ministry of Defense`)
  and words after `the` (`the Army`) are no evidence: they say nothing about
  the word on its own. Words that are common in lower case (wordfreq) need more
  evidence, and common English words are never names on evidence alone.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from itertools import compress, filterfalse
from operator import methodcaller
from typing import Callable, Iterator, TypeVar

import yaml

from newslint.document import Document, Paragraph, Token
from newslint.packs import SAFE_LOADER

T = TypeVar("T")
GAZETTEER = "data/gazetteer_proper_nouns.yaml"
# A lower-case word after one of these is used as a common noun (`an army`).
DETERMINERS = frozenset("a an the this that these those each every some any no another such "
                        "my your his her its our their most many all few several both either neither "
                        "other whose which what".split())
# Small words inside names: `Ministry of Defense`, `Charles de Gaulle`.
NAME_CONNECTIVES = frozenset("of for de du da del della di la le van von der den al el bin ibn y".split())
# A name particle written lower case before a capitalised name: `de Gaulle`, `al Qaeda`.
MAX_PARTICLE_LENGTH = 3
# Characters that make a run of text a URL, handle, path, hashtag or code.
LINK_MARKS = ("://", "www.", "@", "/", "\\", "_", "=", "#", "`", "|")
DOMAIN_DOT = re.compile(r"\w\.\w")  # `arduino.org`, `add.wasm`
# A run of non-space characters longer than this on either side of a word is
# not prose (a URL, a path, base64, a page of text glued together): the run
# is not read further, so that many words in one endless run stay linear.
MAX_RUN_SIDE = 200
UP_TO_LAST_SPACE = re.compile(r".*\s", re.DOTALL)
NON_SPACES = re.compile(r"\S*")
# Marks of a line of code or a shell command: braces, assignments, calls,
# prompts, a final semicolon, command-line options.
CODE_LIKE = re.compile(r"[{}=]|&&|\w\(|^\s*[$>]\s|;\s*$|(?:^|\s)--?[a-z]", re.MULTILINE)
POSSESSIVE = re.compile(r"['’]s$")  # the ending `stem` removes
ENDS_POSSESSIVE = methodcaller("endswith", ("'s", "’s"))  # POSSESSIVE.search for words, in C
OPENING_QUOTES = "\"'“‘«"
CLOSING_QUOTES = "\"'”’»"
JOINING_GAPS = frozenset({" ", "-", "‑", "–"})
PHRASE_WINDOW = 20  # characters around a word searched for a set phrase (`french fries`)
# (zipf frequency below which a tier applies, standalone capitalised occurrences
# needed, and needed ratio of those to lower-case occurrences). Words at least
# as frequent as the last tier (`price`, `black`, `president`) are never
# proper nouns on the document's evidence alone.
EVIDENCE_TIERS = ((4.5, 2, 2.0), (5.5, 3, 3.0))
MIN_EVIDENCE = min(count for _, count, _ in EVIDENCE_TIERS)
MIN_RATIO = min(ratio for _, _, ratio in EVIDENCE_TIERS)
# Names are spelt alike in every language, so a name is about as frequent in
# other languages as in English, while a common English word (`army` 5.1 in
# English, at most 4.0 in these) is not. A word whose English frequency exceeds
# its highest frequency here by MAX_NAME_GAP or more is a common word.
NAME_LANGUAGES = ("fr", "es", "it", "pt")  # the fastest of wordfreq's large lists to load
MAX_NAME_GAP = 0.75
SMALL_LIST_FLOOR = 3.0  # wordfreq's small lists (fast to load) stop at this frequency
# Documents with at least this many lines of code or shell commands, making at
# least this share of their lines, write program and package names in lower
# case (`pip installs python packages`). A few lines of leftover script in a
# scraped news page do not make it technical.
MIN_CODE_LINES = 3
MIN_CODE_SHARE = 0.05


@dataclass(frozen=True)
class Gazetteer:
    canonical: dict[str, str]  # lower-case form -> canonical spelling
    # lower-case word -> (name as a tuple of canonical words, position of the word in it)
    multiword: dict[str, list[tuple[tuple[str, ...], int]]]
    lowercase_phrases: re.Pattern  # set phrases such as `french fries`

    @cached_property
    def words(self) -> frozenset[str]:
        """Every lower-case word the gazetteer looks for."""
        return frozenset(self.canonical.keys() | self.multiword.keys())


@dataclass(frozen=True)
class ProperNoun:
    """A lower-case proper noun: text[start:end] should read `replacement`."""

    start: int
    end: int
    replacement: str
    evidence: int  # standalone capitalised occurrences; 0 when from the gazetteer


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    data = yaml.load(resources.files("newslint.rules").joinpath(GAZETTEER).read_text("utf-8"), Loader=SAFE_LOADER)
    canonical: dict[str, str] = {}
    for names in data["names"].values():
        canonical.update((name.casefold(), name) for name in names)
    for names in data["pluralisable"].values():
        for name in names:
            canonical[name.casefold()] = name
            canonical[name.casefold() + "s"] = name + "s"
    multiword: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for name in data["multiword_names"]:
        words = tuple(name.split())
        for position, word in enumerate(words):
            if word[0].isupper():  # only a capitalised word can be under-capitalised
                multiword.setdefault(word.casefold(), []).append((words, position))
    phrases = "|".join(r"\s+".join(map(re.escape, p.split())) for p in data["lowercase_phrases"])
    return Gazetteer(canonical, multiword, re.compile(rf"\b(?:{phrases})\b"))


def proper_nouns(doc: Document) -> dict[int, ProperNoun]:
    """Lower-case proper nouns of the document, keyed by start offset."""
    return doc.memo("casing.proper-nouns", find_proper_nouns)


def capitalise(word: str) -> str:
    """`what` -> `What`, keeping the rest as written."""
    return word[:1].upper() + word[1:]


def stem(word: str) -> str:
    """The word without a possessive ending: `Ukraine’s` -> `Ukraine`."""
    if "'" in word or "’" in word:
        return POSSESSIVE.sub("", word)
    return word


def is_link_part(text: str, start: int, end: int) -> bool:
    """True when text[start:end] lies in a URL, e-mail address, handle,
    hashtag, file name or code: their casing is not prose casing. So does a
    word in a run of more than MAX_RUN_SIDE non-space characters either side."""
    window = max(0, start - MAX_RUN_SIDE - 1)  # room for the space before a run of MAX_RUN_SIDE
    last_space = UP_TO_LAST_SPACE.match(text, window, start)
    if last_space is None and window > 0:
        return True
    after = NON_SPACES.match(text, end, end + MAX_RUN_SIDE + 1).end()
    if after > end + MAX_RUN_SIDE:
        return True
    run = text[last_space.end() if last_space else 0:after]
    return any(mark in run for mark in LINK_MARKS) or bool(DOMAIN_DOT.search(run))


def per_paragraph(doc: Document, key: str, paragraph: Paragraph, compute: Callable[[Paragraph], T]) -> T:
    """compute(paragraph), once per paragraph and key. The casing rules ask
    about a word's paragraph for every sentence or word, and a paragraph can
    be a 5 MB line: asking afresh each time would be quadratic."""
    known = doc.memo(key, lambda d: {})
    if paragraph.index not in known:
        known[paragraph.index] = compute(paragraph)
    return known[paragraph.index]


def is_title_like(doc: Document, paragraph: Paragraph) -> bool:
    """`paragraph.is_title_like`, which reads the whole paragraph, once per paragraph."""
    return per_paragraph(doc, "casing.title-like", paragraph, lambda p: p.is_title_like)


def is_keyword_list(doc: Document, offset: int) -> bool:
    """Tags, menus and keyword lines (`Tags: ukraine, money, scheme`, `* sweden`)
    are lower case by design: a paragraph without final punctuation that lists
    comma-separated items, or is short and mostly lower-case words."""
    paragraph = doc.paragraph_at(offset)
    return paragraph is not None and per_paragraph(doc, "casing.keyword-list", paragraph,
                                                   lambda p: _is_keyword_list(doc, p))


def _is_keyword_list(doc: Document, paragraph: Paragraph) -> bool:
    if paragraph.ends_sentence:
        return False
    if paragraph.body.count(",") >= 2:
        return True
    if not is_title_like(doc, paragraph):
        return False
    indexes = doc.token_range(paragraph.body_start, paragraph.end)
    words = doc.token_texts[indexes.start:indexes.stop]
    return 2 * sum(1 for word in words if word[0].islower()) > len(words)


def is_technical(doc: Document) -> bool:
    """Is the document about code (see MIN_CODE_LINES)?"""
    def technical(d: Document) -> bool:
        code_lines = sum(1 for line in d.lines if CODE_LIKE.search(line.text))
        lines = sum(1 for line in d.lines if not line.is_blank)
        return code_lines >= max(MIN_CODE_LINES, MIN_CODE_SHARE * lines)

    return doc.memo("casing.technical", technical)


def find_proper_nouns(doc: Document) -> dict[int, ProperNoun]:
    texts = doc.token_texts
    counts = Counter(texts)  # the loops below run over distinct words, or over a few of them
    possessives = [text for text in compress(counts, map(ENDS_POSSESSIVE, counts)) if text.islower()]
    capitalised_words = _capitalised_words(counts)
    capitalised_counts = _merge_possessives(_totals(capitalised_words, counts))
    # Lower-case words are counted only where a count is needed: gazetteer
    # words, and words that are also written capitalised.
    lower_counts = _merge_possessives({text: counts[text] for text in _lower_texts(
        gazetteer().words | capitalised_counts.keys(), counts, possessives)})
    names = gazetteer().canonical
    # Standalone capitals are a subset of all capitals: drop words that cannot have enough.
    candidates = {word for word in (lower_counts.keys() & capitalised_counts.keys()) - names.keys()
                  if len(word) > 1 and capitalised_counts[word] >= max(MIN_EVIDENCE, MIN_RATIO * lower_counts[word])}
    lower = _occurrences(texts, set(_lower_texts(lower_counts.keys() & (gazetteer().words | candidates),
                                                 counts, possessives)))
    roots = _with_roots(candidates)
    capitalised = _occurrences(texts, {text for text, folded in capitalised_words.items()
                                       if _root(folded) in roots} if roots else set(), fold=str.casefold)
    found: dict[int, ProperNoun] = {}
    for word in lower.keys() & names.keys():
        found.update((noun.start, noun) for noun in _from_gazetteer(doc, lower[word], names[word]))
    evidence = {word: _standalone_spellings(doc, capitalised[word]) for word in candidates}
    for word, spellings in _sufficient(doc, evidence, lower).items():
        found.update((noun.start, noun) for noun in _from_evidence(doc, lower[word], spellings))
    multiword = _multiword_names(doc, lower)
    if multiword:  # `european Union` is one defect, reported over the whole name
        found = {start: noun for start, noun in found.items()
                 if not any(name.start <= start < name.end for name in multiword.values())}
        found.update(multiword)
    return found


def _capitalised_words(counts: Counter) -> dict[str, str]:
    """The document's distinct capitalised words, each with its lower-case form."""
    return {text: text.casefold() for text in filterfalse(str.islower, counts)
            if text[0].isupper() and not text.isupper()}  # `NATO` says nothing about `nato`


def _totals(folded: dict[str, str], counts: Counter) -> dict[str, int]:
    """Occurrences of each folded form, in order of first occurrence."""
    totals: dict[str, int] = {}
    for text, form in folded.items():
        totals[form] = totals.get(form, 0) + counts[text]
    return totals


def _root(word: str) -> str:
    """The word without any possessive endings: `x’s’s` -> `x`."""
    while ENDS_POSSESSIVE(word):
        word = stem(word)
    return word


def _with_roots(words: set[str]) -> set[str]:
    """The words and their roots: every possessive that `_merge_possessives`
    may add to one of the words has its root among them."""
    return words | set(map(_root, filter(ENDS_POSSESSIVE, words)))


def _lower_texts(words: set[str], counts: Counter, possessives: list[str]) -> list[str]:
    """The lower-case tokens that may count as one of `words`: the word
    itself (not `iPhone`, `eBay`), then its possessives (`ukraine’s`) in
    order of first occurrence, as `_merge_possessives` needs them."""
    roots = _with_roots(words)
    return [word for word in roots & counts.keys() if word.islower() and not ENDS_POSSESSIVE(word)] \
        + [text for text in possessives if _root(text) in roots]


def _occurrences(texts: list[str], wanted: set[str], fold: Callable[[str], str] = str) -> dict[str, list[int]]:
    """Token indexes of the `wanted` tokens, by word: grouped by their
    `fold`ed text in document order, then the possessives added to their
    word (`ukraine`, then `ukraine’s`)."""
    occurrences: dict[str, list[int]] = {}
    # compress() and map() pick the few wanted tokens in C, without a Python step per token.
    for index in compress(range(len(texts)), map(wanted.__contains__, texts)):
        occurrences.setdefault(fold(texts[index]), []).append(index)
    return _merge_possessives(occurrences)


def _merge_possessives(occurrences: dict[str, T]) -> dict[str, T]:
    """Possessives count as their word: the occurrences (index lists or
    counts) of `ukraine’s` are added to those of `ukraine`."""
    for word in [word for word in occurrences if "’" in word or "'" in word]:
        base = stem(word)
        if base != word:
            moved = occurrences.pop(word)
            occurrences[base] = occurrences[base] + moved if base in occurrences else moved
    return occurrences


# -- the gazetteer ---------------------------------------------------------------
def _from_gazetteer(doc: Document, indexes: list[int], canonical: str) -> Iterator[ProperNoun]:
    phrases = gazetteer().lowercase_phrases
    for index in indexes:
        token = doc.token(index)
        end = token.start + len(stem(token.text))
        if not (_in_phrase(doc.text, token, phrases) or _is_markup_or_tag(doc, token.start, end)):
            yield ProperNoun(token.start, end, canonical, 0)


def _in_phrase(text: str, token: Token, phrases: re.Pattern) -> bool:
    window = max(0, token.start - PHRASE_WINDOW)
    return any(m.start() <= token.start < m.end()
               for m in phrases.finditer(text, window, token.end + PHRASE_WINDOW))


def _is_markup_or_tag(doc: Document, start: int, end: int) -> bool:
    return is_link_part(doc.text, start, end) or is_keyword_list(doc, start)


def _multiword_names(doc: Document, lower: dict[str, list[int]]) -> dict[int, ProperNoun]:
    """Under-capitalised multi-word names (`united States`), found from their
    lower-case words; the longest name wins (`new york city` over `new york`)."""
    multiword = gazetteer().multiword
    found: dict[int, ProperNoun] = {}
    for word in lower.keys() & multiword.keys():
        for index in lower[word]:
            for name, position in multiword[word]:
                noun = _match_name(doc, index - position, name)
                if noun is not None and (noun.start not in found or found[noun.start].end < noun.end):
                    found[noun.start] = noun
    return found


def _match_name(doc: Document, first: int, name: tuple[str, ...]) -> ProperNoun | None:
    if first < 0 or first + len(name) > len(doc.token_starts):
        return None
    words = slice(first, first + len(name))
    spellings = [stem(text) for text in doc.token_texts[words]]
    if any(spelling.casefold() != part.casefold() for spelling, part in zip(spellings, name)):
        return None
    starts, ends = doc.token_starts[words], doc.token_ends[words]
    gaps = [doc.text[left_end:right_start] for left_end, right_start in zip(ends, starts[1:])]
    if not all(gap.isspace() for gap in gaps):
        return None
    start, end = starts[0], starts[-1] + len(spellings[-1])
    if _is_markup_or_tag(doc, start, end):
        return None
    replacement = "".join(part + gap for part, gap in zip(name, gaps + [""]))
    return ProperNoun(start, end, replacement, 0) if replacement != doc.text[start:end] else None


# -- evidence from the document ----------------------------------------------
def _standalone_spellings(doc: Document, indexes: list[int]) -> list[str]:
    """Spellings of the capitalised occurrences that stand on their own in mid-sentence."""
    return [stem(doc.token_texts[i]) for i in indexes if _is_standalone(doc, i)]


def _is_standalone(doc: Document, index: int) -> bool:
    start = doc.token_starts[index]
    previous = _previous_char(doc.text, start)
    if not (previous.isalnum() or previous == ","):
        # Sentence starts (after `.`, `?`, a line break) and starts after `:`,
        # `“`, `(` or a dash are capitalised whatever the word.
        return False
    paragraph = doc.paragraph_at(start)
    if paragraph is None or is_title_like(doc, paragraph):
        return False  # headings are title case
    return not _in_longer_name(doc, index)


def _previous_char(text: str, offset: int) -> str:
    index = offset - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    return text[index] if index >= 0 else ""


def _neighbour(doc: Document, index: int, step: int) -> Token | None:
    """The word next to tokens[index] (step -1 or 1) when only a space or a
    hyphen separates them."""
    other = index + step
    if not 0 <= other < len(doc.token_starts):
        return None
    left, right = min(index, other), max(index, other)
    gap = doc.text[doc.token_ends[left]:doc.token_starts[right]]
    return doc.token(other) if gap in JOINING_GAPS else None


def _gap(text: str, one: Token, other: Token) -> str:
    left, right = sorted((one, other), key=lambda token: token.start)
    return text[left.end:right.start]


def _in_longer_name(doc: Document, index: int) -> bool:
    """`Defense Ministry`, `Air Force`, `Ministry of Defense`, `the Army`, `Bug 1681331`."""
    after = _neighbour(doc, index, 1)
    if after is not None and (after.text[0].isupper() or after.text[0].isdigit()):
        return True
    before = _neighbour(doc, index, -1)
    if before is None:
        return False
    if before.text.casefold() in DETERMINERS:
        # `the Army` names an institution; `A Trump administration` (however
        # the article is cased) is the word on its own.
        return before.text.casefold() == "the"
    if before.text[0].isupper():
        return True
    if before.text in NAME_CONNECTIVES:
        name_start = _neighbour(doc, index - 1, -1)
        return name_start is not None and name_start.text[0].isupper()
    return False


def _required_evidence(zipf: float) -> tuple[int, float] | None:
    """(standalone capitalised occurrences, their ratio to lower-case ones)
    needed to call a word of this frequency a proper noun; None: never."""
    for below, count, ratio in EVIDENCE_TIERS:
        if zipf < below:
            return count, ratio
    return None


def _sufficient(doc: Document, evidence: dict[str, list[str]],
                lower: dict[str, list[int]]) -> dict[str, list[str]]:
    supported = {word: spellings for word, spellings in evidence.items()
                 if len(spellings) >= max(MIN_EVIDENCE, MIN_RATIO * len(lower[word]))}
    if not supported:
        return {}
    from wordfreq import zipf_frequency  # imported only when needed: it takes ~0.1 s

    sufficient = {}
    for word, spellings in supported.items():
        english = zipf_frequency(word, "en")
        needed = _required_evidence(english)
        if needed and len(spellings) >= max(needed[0], needed[1] * len(lower[word])) \
                and _is_name_like(word, english):
            sufficient[word] = spellings
    return sufficient if sufficient and not is_technical(doc) else {}


def _is_name_like(word: str, english: float) -> bool:
    """Is the word about as frequent in other languages as in English?
    Unknown words (`zelenskyy`) are left to the document's evidence."""
    if english == 0:
        return True
    from wordfreq import zipf_frequency

    # Small lists load in ~10 ms, large ones in ~150 ms: use them only for rare words.
    wordlist = "small" if english - MAX_NAME_GAP >= SMALL_LIST_FLOOR else "best"
    elsewhere = max(zipf_frequency(word, language, wordlist=wordlist) for language in NAME_LANGUAGES)
    return english - elsewhere < MAX_NAME_GAP


def _from_evidence(doc: Document, indexes: list[int], spellings: list[str]) -> Iterator[ProperNoun]:
    replacement = Counter(spellings).most_common(1)[0][0]
    for index in indexes:
        token = doc.token(index)
        end = token.start + len(stem(token.text))
        if not (_used_as_common_word(doc, index) or _is_mention(doc.text, token.start, end)
                or _in_code(doc, token.start) or _is_markup_or_tag(doc, token.start, end)):
            yield ProperNoun(token.start, end, replacement, len(spellings))


def _used_as_common_word(doc: Document, index: int) -> bool:
    """`an army`, `the court`; `python-django`, `wasmer-js` (package names);
    and name particles (`de Gaulle`, `al Qaeda`)."""
    token = doc.token(index)
    before, after = _neighbour(doc, index, -1), _neighbour(doc, index, 1)
    if before is not None and before.text.casefold() in DETERMINERS:
        return True
    if any(other is not None and other.text[0].islower() and _gap(doc.text, token, other) != " "
           for other in (before, after)):
        return True
    return len(stem(token.text)) <= MAX_PARTICLE_LENGTH and after is not None and after.text[0].isupper()


def _is_mention(text: str, start: int, end: int) -> bool:
    """A word quoted on its own (`“neonness”`) is mentioned, not used."""
    before, after = text[start - 1:start] if start else "", text[end:end + 1]
    return bool(before and after) and before in OPENING_QUOTES and after in CLOSING_QUOTES


def _in_code(doc: Document, offset: int) -> bool:
    """Is the word on a line of code? Asked once per line, not per word."""
    number = doc.position(offset).line
    known = doc.memo("casing.code-lines", lambda d: {})
    if number not in known:
        known[number] = bool(CODE_LIKE.search(doc.lines[number - 1].text))
    return known[number]
