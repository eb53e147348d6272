from __future__ import annotations

import math
from dataclasses import dataclass
from operator import itemgetter, methodcaller
from zlib import crc32

from newslint.document import Document, Paragraph
from newslint.model import Hit
from newslint.rule import rule

from ._blocks import consecutive_runs, delete_lines, looks_like_code

# Quote marks that count as the same: typographic ones become ASCII.
QUOTES = (("‘", "'"), ("’", "'"), ("‚", "'"), ("‛", "'"), ("′", "'"),
          ("“", '"'), ("”", '"'), ("„", '"'), ("‟", '"'), ("″", '"'), ("«", '"'), ("»", '"'))
# How many earlier copies of a paragraph are tried as the start of the
# original, and how many near-duplicate candidates are verified: both bound
# the work per paragraph, so the rule stays linear on pages where a widget
# line repeats a hundred times.
MAX_EXACT_CANDIDATES = 3
MAX_NEAR_CANDIDATES = 16


def pair_hashes(words: list[str]) -> frozenset[int]:
    """The hashes of a paragraph's adjacent word pairs. CRC-32 is the same in
    every process (Python's `hash` of a str is salted per process), so which
    candidates are kept, and so the output, never depends on the process:
    --jobs and the cache replay it. And map() over C functions makes no
    Python-level call per pair (a cryptographic hash cost 1 µs a pair)."""
    pairs = map(methodcaller("encode", "utf-8", "surrogatepass"), map(" ".join, zip(words, words[1:])))
    return frozenset(map(crc32, pairs))


@dataclass(frozen=True)
class Run:
    """Paragraphs copy..copy+length-1 repeat original..original+length-1."""

    original: int
    copy: int
    length: int
    exact: bool


@rule("DUP001", "duplicate-block", category="duplication", fix="sometimes",
      options={"min_words": 8, "near_min_words": 20, "near_similarity": 0.9})
def check(doc: Document, options: dict):
    """Flags a block of paragraphs that repeats an earlier block of the same text.

    ## What it does
    Finds each maximal run of paragraphs (or lines, in one-paragraph-per-line
    scrapes) that repeats an earlier run, and reports the later copy as one
    diagnostic, from its first line to its last, naming the lines of the
    original (which reports also point at: `original` in JSON,
    `relatedLocations` in SARIF, a link in the HTML report). Paragraphs are
    compared after case-folding, collapsing whitespace and unifying quote
    marks, by hashing, in linear time.

    A copy is reported only if it holds at least one paragraph of prose with
    `min_words` words (default 8; numbers do not count): short lines that
    repeat on their own (`Share`, `Comments`, an outlet's name) are site
    chrome, which the chrome rules report, not a duplicated body, and repeated
    code or table rows (`SELECT *`, `400 │ 24`) are examples shown again. Short
    lines inside a longer copy belong to it. A copy of a list item is not
    reported when the copy is not a list item itself: the list is a menu or a
    "recent posts" box linking to the article, whose headline comes later.

    Paragraphs of at least `near_min_words` words (default 20) also match a
    near-duplicate: the same paragraph with a word or two changed, when their
    sets of adjacent word pairs overlap by `near_similarity` (Jaccard,
    default 0.9, which one changed word meets in a paragraph of 40 words). A
    shorter copy whose words all lie inside the original (`Blog` + headline,
    then the headline) is the clean text and is not reported.

    ## Why is this bad?
    Scrapers paste an article twice, or pick up the headline again from a
    teaser or a "read more" box. The repeated text inflates the document,
    skews word counts and n-gram statistics, and teaches a model to repeat
    itself.

    ## Example
    ```
    Russia on Friday dismissed any meeting between the two leaders.
    Lavrov told NBC that no meeting was planned.
    Comments
    Russia on Friday dismissed any meeting between the two leaders.
    Lavrov told NBC that no meeting was planned.
    Comments
    ```
    Lines 4-6 duplicate lines 1-3. The fix deletes the later copy with its
    line breaks; it is safe for an exact copy and unsafe for a near-duplicate,
    whose differences a person should look at first.
    """
    paragraphs = doc.paragraphs
    keys = _normalised(doc)
    near_min_words = options["near_min_words"]
    # A paragraph of n words has at least 2n - 1 characters: the length test
    # spares counting the words of every short line.
    words = [key.split() if len(key) >= 2 * near_min_words - 1 and paragraph.word_count >= near_min_words
             else None for paragraph, key in zip(paragraphs, keys)]
    matcher = _Matcher(keys, words, options["near_similarity"])
    free = 0  # paragraphs before this one already belong to a reported copy
    for stretch in consecutive_runs(matcher.repeats()):
        # A run lies within a stretch of consecutive repeated paragraphs, so
        # a stretch without prose (a repeated `Share` line) needs no search.
        if not any(_is_substantial(doc, paragraphs[index], options["min_words"]) for index in stretch):
            continue
        for copy in stretch:
            if copy < free:
                continue
            run = matcher.longest_run(copy)
            if (any(_is_substantial(doc, p, options["min_words"]) for p in paragraphs[copy:copy + run.length])
                    and not _links_to_the_copy(paragraphs, run)):
                yield _hit(doc, run)
                free = copy + run.length


def _links_to_the_copy(paragraphs: list[Paragraph], run: Run) -> bool:
    """An original made of list items and a copy without any: the list is a
    menu, breadcrumb or "recent posts" box linking to the article, and the
    copy is the article's own headline, which is not the one to delete."""
    original = paragraphs[run.original:run.original + run.length]
    copy = paragraphs[run.copy:run.copy + run.length]
    return all(p.is_list_item for p in original) and not any(p.is_list_item for p in copy)


def _is_substantial(doc: Document, paragraph: Paragraph, min_words: int) -> bool:
    """At least `min_words` words of letters (numbers do not count), and no
    code: a repeated `SELECT ... FROM` block in a tutorial is an example shown
    again, not a scraping error."""
    if paragraph.word_count < min_words:
        return False
    indexes = doc.token_range(paragraph.start, paragraph.end)
    first_letters = map(itemgetter(0), doc.token_texts[indexes.start:indexes.stop])
    words = sum(map(str.isalpha, first_letters))
    return words >= min_words and not looks_like_code(paragraph)


def _fold(text: str) -> str:
    text = text.casefold()
    for quote, plain in QUOTES:
        if quote in text:
            text = text.replace(quote, plain)
    return text


def _normalised(doc: Document) -> list[str]:
    """Each paragraph's text (after any list marker), case-folded, with
    unified quotes and collapsed whitespace. The whole text is folded in one
    go unless folding changes its length (`ß` becomes `ss`)."""
    folded = _fold(doc.text)
    if len(folded) == len(doc.text):
        bodies = [folded[p.body_start:p.end] for p in doc.paragraphs]
    else:
        bodies = [_fold(p.body) for p in doc.paragraphs]
    return [" ".join(body.split()) for body in bodies]


class _Matcher:
    """Finds, for a paragraph, the longest run that repeats earlier text.

    Exact repeats are found by hashing the normalised paragraphs. Long
    paragraphs (those with `words`) are also compared as sets of adjacent
    word pairs; candidates for a Jaccard similarity of at least `similarity`
    are found by prefix filtering, so no paragraph is compared with all the
    others."""

    def __init__(self, keys: list[str], words: list[list[str] | None], similarity: float):
        self.keys = keys
        self.similarity = similarity
        self.first: dict[str, int] = {}
        self.occurrences: dict[str, list[int]] = {}  # only for keys that repeat
        for index, key in enumerate(keys):
            first = self.first.setdefault(key, index)
            if first != index:
                self.occurrences.setdefault(key, [first]).append(index)
        self.padded = [f" {' '.join(w)} " if w else "" for w in words]
        self.pairs = [pair_hashes(w) if w else None for w in words]
        self.prefixes = [self._prefix(pairs) if pairs else () for pairs in self.pairs]
        self.near_index: dict[int, list[int]] = {}
        for index, prefix in enumerate(self.prefixes):
            for element in prefix:
                self.near_index.setdefault(element, []).append(index)

    def _prefix(self, pairs: frozenset[int]) -> list[int]:
        """Two sets with Jaccard >= t share at least one of their
        `size - ceil(t * size) + 1` smallest elements."""
        return sorted(pairs)[:len(pairs) - math.ceil(self.similarity * len(pairs)) + 1]

    def repeats(self) -> list[int]:
        """The paragraphs that may repeat an earlier one, in order: those
        with an earlier exact copy or an earlier near-duplicate candidate."""
        later_copies = (index for indexes in self.occurrences.values() for index in indexes[1:])
        near = (index for index, prefix in enumerate(self.prefixes)
                if prefix and any(self.near_index[element][0] < index for element in prefix))
        return sorted(set(later_copies).union(near))

    def _near(self, original: int, copy: int) -> bool:
        first, second = self.pairs[original], self.pairs[copy]
        if not first or not second or self.padded[copy] in self.padded[original]:
            # A copy whose words all lie inside the original is the clean
            # text, and the original carries something extra (`Blog` before
            # a headline, `He said:` before a quote): the copy is not the
            # one to delete.
            return False
        shared = len(first & second)
        return shared >= self.similarity * (len(first) + len(second) - shared)

    def _matches(self, original: int, copy: int) -> bool | None:
        """True for an exact repeat, False for a near-duplicate, None otherwise."""
        if self.keys[original] == self.keys[copy]:
            return True
        return False if self._near(original, copy) else None

    def _candidates(self, copy: int) -> list[int]:
        key = self.keys[copy]
        exact = [i for i in self.occurrences.get(key, ())[:MAX_EXACT_CANDIDATES] if i < copy]
        if not self.prefixes[copy]:
            return exact
        near = {i for element in self.prefixes[copy] for i in self.near_index[element] if i < copy}
        near_sorted = sorted(near.difference(exact))[:MAX_NEAR_CANDIDATES]
        return exact + [i for i in near_sorted if self._near(i, copy)]

    def longest_run(self, copy: int) -> Run:
        """The longest run starting at `copy` (a paragraph from `repeats`)
        that repeats earlier paragraphs; its length is 0 if there is none."""
        best = Run(copy, copy, 0, True)
        for original in self._candidates(copy):
            length, exact = 0, True
            # The original must end before the copy starts.
            while copy + length < len(self.keys) and original + length < copy:
                matched = self._matches(original + length, copy + length)
                if matched is None:
                    break
                exact = exact and matched
                length += 1
            if length > best.length:
                best = Run(original, copy, length, exact)
        return best


def _line_range(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _hit(doc: Document, run: Run) -> Hit:
    paragraphs = doc.paragraphs
    original = _line_range(paragraphs[run.original].first_line,
                           paragraphs[run.original + run.length - 1].last_line)
    first, last = paragraphs[run.copy], paragraphs[run.copy + run.length - 1]
    what = "block" if run.length > 1 else "paragraph"
    if run.exact:
        message = f"This {what} duplicates {original}"
        fix_message = "Delete the repeated copy"
    else:
        message = f"This {what} nearly duplicates {original} (a few words differ)"
        fix_message = "Delete the near-duplicate copy (check the differences first)"
    original_end = paragraphs[run.original + run.length - 1].end
    return Hit(first.start, last.end, message,
               delete_lines(doc, first.first_line, last.last_line, fix_message, safe=run.exact),
               original=(paragraphs[run.original].start, original_end))
