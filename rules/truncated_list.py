"""TRN003 short-list: a list that announces N items and holds fewer."""
from __future__ import annotations

import re
from typing import Iterator

from newslint.document import Document, Paragraph
from newslint.model import Hit
from newslint.rule import rule

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
# A count of things: `five ways`, `10 best films`, `3 things`, `the three suspects`.
# The number is not a share of a larger set (`two of the`, `of the 12
# candidates`) or a measure (`3 days`, `10 percent`); the counted noun is
# a plural within three words of it.
COUNT = re.compile(
    r"(?<!\bof the )(?<!\bof )(?<![\w$£€.,/:-])(?P<number>\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
    r"(?![\w%.,/:])(?!\s+(?:of|percent|per|times|more|or|to|and|out|in|at|on|by)\b)"
    r"(?!\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b)"
    r"(?:\s+[\w'’-]+){0,3}?\s+(?P<noun>[^\W\d_][\w'’-]*[^\W\d_s'’]s)\b",
    re.IGNORECASE)
# A lead-in that announces a partial list or a subset: `including:`, `such
# as:`, `the first three`, `some of`.
PARTIAL = re.compile(
    r"\b(?:includ(?:e|es|ed|ing)|such as|among|e\.g\.|for (?:example|instance)|like|first|next|last|"
    r"remaining|other|more|some|few|highlights?|excerpts?|selection|sample)\b",
    re.IGNORECASE)
# A title that opens with its count: `10 Ways to Save`, `The 10 Best Hikes`,
# `Top 10 Films of 2019`, `Here Are the 5 Best Phones`.
TITLE_OPENING = re.compile(r"(?:(?:here\s+are|these\s+are)\s+)?(?:(?:the|our|my|these)\s+)?(?:top\s+)?", re.IGNORECASE)
# A list item's own number: `1. `, `2) `, `#3 `, `4 - `, and `3.Name` as
# scraped; not `3.5 million` or `2:30 pm`.
ITEM_NUMBER = re.compile(r"\s*#?(\d{1,2})(?:[.):]\s*(?=[^\W\d_]|[\"“‘(])|\s+[-–—]\s)")
# Pagination of the page the list was scraped from: `Page 1 of 3`, `1 / 3`, `Next page`.
PAGINATION = re.compile(r"(?im)^[ \t*]*(?:(?:page\s+)?\d{1,3}\s*(?:of|/)\s*\d{1,3}|next\s+page\b.*)[ \t]*$")
# A closing colon, maybe followed by closing quotes or brackets.
COLON_END = re.compile(r":[\"'”’)\]]*$")
# Candidate lead-in lines in the whole text: a colon at the end, a count at the start.
COLON_LINE_END = re.compile(r":[\"'”’)\]]*[ \t]*\r?$", re.MULTILINE)
COUNT_LINE_START = re.compile(
    r"^[ \t]*(?:(?:here|these)[ \t]+are[ \t]+)?(?:(?:the|our|my|these)[ \t]+)?(?:top[ \t]+)?(?:\d{1,2}|"
    + "|".join(NUMBER_WORDS) + r")[ \t]", re.MULTILINE | re.IGNORECASE)
# Bulleted items may each be followed by a few paragraphs of prose (a
# listicle); the list ends after more than this many paragraphs without an
# item. Numbered items are followed until their numbering breaks.
MAX_GAP = 3
# A title's numbered items start within this many paragraphs (an intro).
MAX_INTRO = 6
# A colon lead-in has at least this many words: `The 3 suspects:`.
MIN_LEAD_IN_WORDS = 3
# At most this many paragraphs after the lead-in are looked at.
SCAN = 400


@rule("TRN003", "short-list", category="truncation", languages=("en",), options={"max_words": 40})
def check(doc: Document, options: dict):
    """Flags a list that announces more items than it holds.

    ## What it does
    Flags a lead-in that announces a number of items when the list under it
    holds fewer:
    * a line of at most `max_words` words ending in a colon, with a count
      (`Here are five ways to cut your energy bill:`, `The 3 suspects are:`),
      followed directly by a bulleted or numbered list;
    * a title that opens with its count (`10 Ways to Save`, `The 10 Best
      Hikes in Scotland`, `Top 5 Phones`), followed by numbered items
      (`1. Ben Nevis`, each maybe followed by paragraphs of prose).

    Counts are digits or number words (`two` to `twenty`, `thirty`, `forty`,
    `fifty`). Bulleted items may each be followed by up to three paragraphs
    of prose; numbered items are counted for as long as their numbering runs
    on, up or down (a countdown from 10 that stops at 6 holds five of ten).

    Not flagged:
    * a share or a measure, not a count: `two of the suspects`, `of the 12
      candidates, five ...`, `3 days`, `10 percent`;
    * a lead-in that announces a partial list: `including:`, `such as:`,
      `the first three`, `some of`, `highlights`;
    * a colon lead-in followed by prose rather than a list (`He gave three
      reasons: ...`), and a title whose items are not numbered;
    * a list with as many items as announced, or more.

    When the page shows pagination (`Page 1 of 3`, `Next page`), the message
    says that the rest of the list is probably on the other pages: the text
    still lacks it.

    ## Why is this bad?
    A list cut short is a sure sign of truncated text: the scraper stopped
    at a character limit or a paywall, or the list was split over pages and
    only the first was fetched. Readers and models are promised items that
    never come.

    ## Example
    ```
    Here are five ways to cut your energy bill:
    * Turn the thermostat down by one degree.
    * Wash clothes at 30 degrees.
    Subscribe to our newsletter
    ```
    The lead-in is flagged: it announces five items and the list holds two.
    There is no fix: the missing items have to be fetched again.
    """
    paginated = None
    for lead_in, announced, is_title in _lead_ins(doc, options["max_words"]):
        held = _items_held(doc, lead_in, announced, is_title)
        if held is not None and 0 < held < announced:
            if paginated is None:
                paginated = bool(PAGINATION.search(doc.text))
            yield Hit(lead_in.start, lead_in.end, _message(announced, held, paginated))


def _message(announced: int, held: int, paginated: bool) -> str:
    item = "item" if held == 1 else "items"
    where = ("; the page is paginated, so the rest is probably on the other pages" if paginated
             else ": the rest was cut off")
    return f"Short list: it announces {announced} items but holds {held} {item}{where}"


def _lead_ins(doc: Document, max_words: int) -> Iterator[tuple[Paragraph, int, bool]]:
    """(paragraph, announced count, whether it is a title) of each lead-in.
    Two cheap searches over the text find the candidate lines (a colon at
    a line's end, a count at its start); the count is looked for in those
    lines only."""
    candidates = {doc.paragraph_at(match.start()) for pattern in (COLON_LINE_END, COUNT_LINE_START)
                  for match in pattern.finditer(doc.text)}
    for paragraph in sorted(filter(None, candidates), key=lambda p: p.index):
        if paragraph.is_list_item or paragraph.word_count > max_words:
            continue
        match = COUNT.search(paragraph.text)
        if match is None or PARTIAL.search(paragraph.text) or not 2 <= _number(match.group("number")) <= 50:
            continue
        announced = _number(match.group("number"))
        if COLON_END.search(paragraph.text):
            # A bare `24 comments:` labels a widget; a lead-in says what it counts.
            if paragraph.word_count >= MIN_LEAD_IN_WORDS:
                yield paragraph, announced, False
        elif _opens_title(paragraph, match):
            yield paragraph, announced, True


def _number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text.casefold()]


def _opens_title(paragraph: Paragraph, match: re.Match) -> bool:
    """A title line (no sentence punctuation at its end) whose count comes
    first: `10 Ways to Save`, `The 10 Best Hikes`."""
    opening = TITLE_OPENING.match(paragraph.text)
    return paragraph.is_title_like and paragraph.start + opening.end() == match.start()


def _items_held(doc: Document, lead_in: Paragraph, announced: int, is_title: bool) -> int | None:
    """How many items the list under the lead-in holds, or None when no list
    of the right kind follows it."""
    following = doc.paragraphs[lead_in.index + 1:lead_in.index + 1 + SCAN]
    if not is_title:
        if not following or not following[0].is_list_item:
            return None
        if _item_number(following[0]) is None:
            return _bullets(following)
        return _numbered(following, announced)
    start = next((i for i, p in enumerate(following[:MAX_INTRO]) if _item_number(p) is not None), None)
    return None if start is None else _numbered(following[start:], announced)


def _item_number(paragraph: Paragraph) -> int | None:
    match = ITEM_NUMBER.match(paragraph.text)
    return int(match.group(1)) if match else None


def _bullets(following: list[Paragraph]) -> int:
    """Bulleted items, each maybe followed by a few paragraphs of prose."""
    held = gap = 0
    for paragraph in following:
        if paragraph.is_list_item:
            held, gap = held + 1, 0
        else:
            gap += 1
            if gap > MAX_GAP:
                break
    return held


def _numbered(following: list[Paragraph], announced: int) -> int | None:
    """Numbered items whose numbering runs on from the first one, up from 1
    or down from the announced count; None if it starts elsewhere."""
    numbers = (n for n in map(_item_number, following) if n is not None)
    first = next(numbers)
    if first not in (1, announced):
        return None
    step = 1 if first == 1 else -1
    held, expected = 1, first + step
    for number in numbers:  # lazily: the scan stops where the numbering breaks
        if number != expected:
            break
        held, expected = held + 1, expected + step
    return held
