"""CHR201 micro-line-run: menus and link lists, recognised by their shape."""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from itertools import takewhile
from typing import Iterator

from newslint.document import Document, Paragraph
from newslint.model import Fix, Hit
from newslint.rule import rule

# A line made only of menu separators: `|`, `»`, `·`, `•`, `/`. Section
# breaks such as `* * *` or `---` are article structure and do not count.
SEPARATOR_LINE = re.compile(r"[|¦»«›‹·•/>~]{1,3}")
# Items of a one-line menu, `News | Sport | Weather`: separators with spaces
# around them, so that `and/or` or `24/7` do not split.
MENU_SEPARATOR = re.compile(r"\s+[|¦»›·•/]\s+")
# A menu item: one to four words, the first capitalised.
MENU_ITEM = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’.&+-]*(?:\s+[\w'’.&+-]+){0,3}")
# The first letter of a menu entry is a capital: `Home`, `World News`, `⌂Home`.
CAPITALISED = re.compile(r"[^\w]*[A-ZÀ-ÖØ-Þ]")
# Digits, brackets and code punctuation mark table cells, code and list data,
# which come in runs of short lines too but are article content.
NOT_A_MENU_ENTRY = re.compile(r"[\d{}\[\]()<>=;$#@│\\`_+]")
# A word of five letters or more in lower case: not a title-case line.
LOWER_LONG_WORD = re.compile(r"(?<![\w'’-])[a-zß-ÿ][^\W\d_]{4,}")
# The count after an archive or category link: `* WebGL (39)`, `► May (1)`.
ITEM_COUNT = re.compile(r"\s*\(\d[\d,.]*\)$")
# A line ending like a sentence or a clause is prose, a label introducing a
# list (`Possible values are:`) or a list item of prose, not a menu entry.
CLAUSE_END = re.compile(r"[.!?…:;,]['\"”’)\]]*$")
# A dateline under a headline: `December 4, 2018`, `4 December 2018 | 10:15`.
DATE_LINE = re.compile(r"(?:\w+,? )?(?:\w+ \d{1,2}|\d{1,2} \w+),? \d{4}\b.{0,30}")
# A teaser list under a widget heading: bulleted (`*`, `•`, `-`), not
# numbered, TEASER_MIN_ITEMS or more headlines of TEASER_MIN_WORDS or more
# words; a headline does not end in `.`, `;`, `:` or `,` (`?` and `!` may end one).
BULLET = re.compile(r"[*•\-–·▪◦‣]\s")
HEADLINE_END = re.compile(r"[.;:,]['\"”’)\]]*$")
TEASER_MIN_ITEMS = 2
TEASER_MIN_WORDS = 6
# Lines at least this long, or ending a sentence with this many words, are prose.
PROSE_WORDS = 15
SENTENCE_WORDS = 6


class Shape(Enum):
    MICRO = "micro"  # a few capitalised words, no sentence punctuation: `World News`
    SEPARATOR = "separator"  # only menu separators: `|`, `·`
    MENU = "menu"  # short items joined by separators on one line: `News | Sport | Weather`
    CLAIMED = "claimed"  # reported by a chrome phrase rule: `Subscribe`, `Source: NBC News`
    PROSE = "prose"  # a sentence of article text
    OTHER = "other"  # anything else: a long heading, a list item of prose, a table cell


@dataclass(frozen=True)
class Entry:
    paragraph: Paragraph
    shape: Shape

    @property
    def is_structural(self) -> bool:
        """A list item, separator or menu line: a line that cannot be a heading."""
        return self.paragraph.is_list_item or self.shape in (Shape.SEPARATOR, Shape.MENU)


RUN_SHAPES = frozenset({Shape.MICRO, Shape.SEPARATOR, Shape.MENU, Shape.CLAIMED})


@rule("CHR201", "micro-line-run", category="chrome", fix="unsafe", late=True,
      options={"max_words": 4, "max_title_words": 14, "min_lines": 3, "min_menu_items": 3})
def check(doc: Document, options: dict):
    """Flags runs of very short lines that are menus, link lists or teaser lists.

    ## What it does
    Flags a run of consecutive menu-like lines: micro lines of at most
    `max_words` capitalised words without digits or sentence punctuation
    (`Home`, `* World`, `Sport`, `* WebGL (39)`), bulleted titles in title
    case of at most `max_title_words` words (`* How to Build a Terrarium With
    Succulent Plants`), lines made only of separators (`|`, `»`, `·`), and
    one-line menus of `min_menu_items` or more short items joined by
    separators (`News | Sport | Weather`, flagged even on its own). A run is
    flagged when it holds at least `min_lines` micro lines, or a separator
    line, or a one-line menu. Blank lines do not break a run.

    It also flags a teaser list under a line that a chrome phrase rule
    reports (`Related Stories`, `Most Popular`, `Recent Posts`): two or more
    bulleted headlines of 6 to `max_title_words` words, in any case, that do
    not end in `.`, `;`, `:` or `,` (`* Do masks protect you? It depends`).

    Lines that a chrome phrase rule reports (`Subscribe`, `Source: NBC News`)
    are left to that rule but count towards the run. Article structure is
    protected:
    * the first line of the document is its title, not a menu entry;
    * a heading followed by prose is not flagged: when prose follows a run,
      the run's last lines after its last list item or separator are taken
      for the headline, dek or section heading of that prose;
    * a list introduced by a line ending in `:`, or lying between two
      paragraphs of prose, is a list of the article unless it holds a
      separator, a menu line or a chrome phrase;
    * a list whose entries come back further down as section headings is
      the article's table of contents;
    * a single short line, or a pair such as `Source:` / `NBC News`, is
      never a run;
    * a numbered list under a widget heading is a ranking, not a teaser list.

    ## Why is this bad?
    A whole-page scrape keeps the site's navigation menus, section lists and
    link lists, each entry on a line of its own. They are not article text
    and they dwarf the article in word counts and n-gram statistics.

    ## Example
    ```
    Kremlin is in no rush for a leaders' summit as U.S., allies talk security guarantees
    NBC News
    ·
    Source: NBC News
    LONDON — The Kremlin signaled Wednesday ...
    ```
    Lines 2-3 (`NBC News` and the `·` separator) are flagged as one run;
    line 4 is reported by CHR103.
    """
    entries = [Entry(p, _shape(doc, p, options)) for p in doc.paragraphs]
    headings = _headings(entries)
    in_runs: set[int] = set()
    for start, end in _runs(entries):
        kept = _without_headings(entries, start, end)
        if kept and _is_chrome_run(entries, start, end, headings, options):
            in_runs.update(entry.paragraph.index for entry in kept)
            yield from _unclaimed_pieces(doc, kept)
    for teasers in _teaser_lists(entries, options):
        yield from _unclaimed_pieces(doc, [entry for entry in teasers if entry.paragraph.index not in in_runs])


def _shape(doc: Document, paragraph: Paragraph, options: dict) -> Shape:
    if paragraph.first_line in doc.claimed_lines:
        return Shape.CLAIMED
    body = paragraph.body.strip()
    if paragraph.first_line != paragraph.last_line:
        return Shape.PROSE if paragraph.word_count >= SENTENCE_WORDS else Shape.OTHER
    if SEPARATOR_LINE.fullmatch(body):
        return Shape.SEPARATOR
    if _is_menu_line(body, options):
        return Shape.MENU
    words = paragraph.word_count
    if _is_menu_entry(paragraph) and (0 < words <= options["max_words"] or _is_teaser(paragraph, options)):
        return Shape.MICRO
    if words >= PROSE_WORDS or (words >= SENTENCE_WORDS and paragraph.ends_sentence):
        return Shape.PROSE
    return Shape.OTHER


def _is_menu_entry(paragraph: Paragraph) -> bool:
    """Capitalised, without data or code characters. Menus are bulleted,
    not numbered (`1. Ray Gillen` is a ranking), but an archive or category
    entry may end in a count: `* WebGL (39)`."""
    text = ITEM_COUNT.sub("", paragraph.text)
    body = text[paragraph.body_start - paragraph.start:].strip()
    return bool(CAPITALISED.match(body)) and not NOT_A_MENU_ENTRY.search(text) and not CLAUSE_END.search(body)


def _is_teaser(paragraph: Paragraph, options: dict) -> bool:
    """A bulleted title in title case (`* How to Build a Terrarium With
    Succulent Plants`): a link to another article. Every longer word is
    capitalised, which sentence-case list items of the article are not."""
    return (paragraph.is_list_item and paragraph.word_count <= options["max_title_words"]
            and not LOWER_LONG_WORD.search(paragraph.body))


def _is_menu_line(body: str, options: dict) -> bool:
    items = MENU_SEPARATOR.split(body)
    return (len(items) >= options["min_menu_items"]
            and all(MENU_ITEM.fullmatch(item) and not NOT_A_MENU_ENTRY.search(item) for item in items))


def _runs(entries: list[Entry]) -> Iterator[tuple[int, int]]:
    """(start, end) index ranges of maximal runs of menu-like entries."""
    start = None
    for index, entry in enumerate(entries + [None]):
        if entry is not None and entry.shape in RUN_SHAPES:
            start = index if start is None else start
        elif start is not None:
            yield start, index
            start = None


def _without_headings(entries: list[Entry], start: int, end: int) -> list[Entry]:
    """The run minus the lines that may be headings: the document's first
    line (its title), and the lines that may head the prose that follows the
    run (the unstructured lines after its last list item, separator or menu line)."""
    run = entries[start:end]
    if start == 0 and run[0].shape is Shape.MICRO and not run[0].is_structural:
        run = run[1:]
    if end == len(entries) or not _may_follow_heading(entries[end]):
        return run
    last_structural = max((i for i, entry in enumerate(run) if entry.is_structural), default=-1)
    return run[:last_structural + 1]


def _may_follow_heading(entry: Entry) -> bool:
    """Prose, or what opens an article under its headline: a dek sentence or
    a dateline (`December 4, 2018`)."""
    paragraph = entry.paragraph
    if entry.shape is Shape.PROSE:
        return True
    return entry.shape is Shape.OTHER and not paragraph.is_list_item and (
        paragraph.ends_sentence or bool(DATE_LINE.fullmatch(paragraph.body.strip())))


def _headings(entries: list[Entry]) -> dict[str, int]:
    """The text of each line that heads a paragraph of prose, with the index
    of its last such line."""
    return {_key(entry): index for index, (entry, following) in enumerate(zip(entries, entries[1:]))
            if following.shape is Shape.PROSE and not entry.paragraph.is_list_item}


def _key(entry: Entry) -> str:
    return entry.paragraph.body.strip().casefold()


def _is_chrome_run(entries: list[Entry], start: int, end: int, headings: dict[str, int], options: dict) -> bool:
    """A one-line menu, or enough menu-like lines that are not an article list."""
    shapes = [entry.shape for entry in entries[start:end]]
    if Shape.MENU in shapes:
        return True
    has_separator = Shape.SEPARATOR in shapes
    if _is_table_of_contents(entries, start, end, headings):
        return False
    if _is_article_list(entries, start, end) and not (has_separator or Shape.CLAIMED in shapes):
        return False
    return (has_separator and len(shapes) >= 2) or shapes.count(Shape.MICRO) >= options["min_lines"]


def _is_table_of_contents(entries: list[Entry], start: int, end: int, headings: dict[str, int]) -> bool:
    """Most entries of a table of contents come back further down as section headings."""
    items = [index for index in range(start, end) if entries[index].shape is Shape.MICRO]
    recurring = sum(headings.get(_key(entries[index]), -1) > index for index in items)
    return 2 * recurring >= len(items) > 0


def _is_article_list(entries: list[Entry], start: int, end: int) -> bool:
    """A list the article introduces (`... the following components:`) or
    holds between two paragraphs of prose."""
    first = start
    while first > 0 and entries[first - 1].paragraph.is_list_item and entries[first - 1].shape is not Shape.CLAIMED:
        first -= 1
    before = entries[first - 1] if first > 0 else None
    after = entries[end] if end < len(entries) else None
    if before is None:
        return False
    introduced = before.shape is not Shape.CLAIMED and before.paragraph.text.rstrip().endswith(":")
    enclosed = before.shape is Shape.PROSE and after is not None and after.shape is Shape.PROSE
    return introduced or enclosed


def _teaser_lists(entries: list[Entry], options: dict) -> Iterator[list[Entry]]:
    """Bulleted headlines under a line that a chrome phrase rule reports
    (`Related Stories`, `Most Popular`, `Recent Posts`): at least two items,
    each of TEASER_MIN_WORDS to `max_title_words` words and without sentence
    punctuation at its end, in any case (`* Do masks offer protection? It
    depends`). A list under a line ending in `:` is the article's; a
    numbered list is a ranking."""
    for index, heading in enumerate(entries):
        if heading.shape is not Shape.CLAIMED or heading.paragraph.is_list_item:
            continue
        if heading.paragraph.text.rstrip().endswith(":"):
            continue
        # A generator, not a slice: copying the tail for every heading was quadratic.
        following = (entries[position] for position in range(index + 1, len(entries)))
        items = list(takewhile(lambda entry: _is_teaser_headline(entry, options), following))
        if len(items) >= TEASER_MIN_ITEMS:
            yield items


def _is_teaser_headline(entry: Entry, options: dict) -> bool:
    paragraph = entry.paragraph
    return (entry.shape is not Shape.CLAIMED and paragraph.is_list_item and BULLET.match(paragraph.text) is not None
            and TEASER_MIN_WORDS <= paragraph.word_count <= options["max_title_words"]
            and not HEADLINE_END.search(paragraph.body))


def _unclaimed_pieces(doc: Document, run: list[Entry]) -> Iterator[Hit]:
    """One hit per stretch of the run that no phrase rule reports."""
    piece: list[Paragraph] = []
    for entry in run + [None]:
        if entry is not None and entry.shape is not Shape.CLAIMED:
            piece.append(entry.paragraph)
        elif piece:
            yield _hit(doc, piece)
            piece = []


def _hit(doc: Document, piece: list[Paragraph]) -> Hit:
    lines = doc.lines
    last = lines[piece[-1].last_line - 1]
    fix_end = lines[last.number].start if last.number < len(lines) else last.end
    fix = Fix.delete(lines[piece[0].first_line - 1].start, fix_end, "Remove the lines", safe=False)
    count = f"{len(piece)} lines" if len(piece) > 1 else "1 line"
    return Hit(piece[0].start, piece[-1].end,
               f"Menu or link list ({count}): short menu-like lines are site navigation, not article text", fix)
