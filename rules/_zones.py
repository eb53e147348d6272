"""Page zones of a whole-page scrape, for CHR202: where the article body
lies, which lines around it are its headline and lead, and which are the
site furniture before and after it.

A naive scraper renders a web page one block per line: the site's
navigation, then the headline, byline and article, then share widgets,
teasers for other articles, comments and the footer. Each line gets a kind
(prose, menu entry, timestamp, code or table cell, ...) and a weight:
positive for prose, negative for the shapes of site furniture, most
negative for lines that a chrome phrase rule already reports. The body is
the stretch of maximum total weight (Kadane's algorithm), widened over
further stretches of prose that are nearly as heavy (an article split by a
photo gallery or an advertisement). Everything is one pass or a bounded
window over the lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import Iterator

import yaml

from newslint.document import WORD, Document, Paragraph
from newslint.language import stopwords
from newslint.packs import SAFE_LOADER
from newslint.rules.chrome_line_run import CAPITALISED, CLAUSE_END, LOWER_LONG_WORD


class Kind(Enum):
    PROSE = "prose"  # a sentence or more: enough words, function words, final punctuation
    RUN_ON = "run-on"  # as long as prose but without final punctuation: a dek, a teaser blurb
    ITEM = "item"  # a list item in sentence case: a point the article makes
    TEASER = "teaser"  # a long list item in title case: a link to another article
    MENU = "menu"  # a few capitalised words, or a short list item: a menu entry, a label
    TITLE = "title"  # five or more capitalised words without punctuation: a heading or a link
    HEADING = "heading"  # a menu or title line followed by prose: a section heading
    DATA = "data"  # digits, code or table characters, or a lower-case start
    STAMP = "stamp"  # a short line with a date or a time
    OTHER = "other"  # a short line ending in punctuation: a label, a question
    CLAIMED = "claimed"  # reported by a chrome phrase rule or the menu-run rule
    CONTENTS = "contents"  # a list entry that comes back as a section heading
    LISTED = "listed"  # a list item under a line ending in `:`
    THREAD = "thread"  # a line of a comment thread


# Weights of the non-prose kinds. Article structure (headings, lists, code,
# tables) costs little, so that the body reaches across it; the shapes of
# site furniture cost more, and lines the phrase rules claim cost most.
WEIGHT = {
    Kind.ITEM: 0.1, Kind.CONTENTS: 0.0, Kind.LISTED: -0.1, Kind.DATA: -0.15, Kind.HEADING: -0.2,
    Kind.OTHER: -0.3, Kind.TITLE: -0.5, Kind.TEASER: -0.5, Kind.MENU: -1.0, Kind.STAMP: -1.0,
    Kind.THREAD: -1.0, Kind.CLAIMED: -2.0,
}
PROSE_KINDS = frozenset({Kind.PROSE, Kind.RUN_ON})
# A prose line weighs its word count over these; capped, so that one huge
# line (a cookie notice, a pasted licence) does not make a body on its own.
WORDS_PER_POINT = 10
RUN_ON_WORDS_PER_POINT = 20
WEIGHT_CAP_WORDS = 50

# The body: its stretch must weigh at least MIN_BODY_SCORE (some 200
# words of prose) and hold MIN_SHARE of the weight of the page's stretches
# (a listing page of many teasers has no body); other stretches weighing
# HULL_SHARE of it and at least MIN_PART_SCORE belong to the body too. A
# stretch ends where its running sum falls STRETCH_DROP below its best.
MIN_BODY_SCORE = 20.0
MIN_SHARE = 0.4
HULL_SHARE = 0.15
MIN_PART_SCORE = 5.0
STRETCH_DROP = 15.0
# A stretch of prose outside the body with two prose lines and this weight
# may be a part of the article (a box, a recipe card): it is not reported.
SECONDARY_SCORE = 5.0
SECONDARY_PROSE = 2
SECONDARY_KEPT = frozenset({Kind.PROSE, Kind.RUN_ON, Kind.ITEM, Kind.HEADING, Kind.LISTED})

# Headline and lead: looked for this many unreported lines above the body; a title
# line is the headline if it is the nearest one, or shares TITLE_OVERLAP of
# its content words (or TITLE_SHARED words) with the first LEAD_LINES lines
# of the body; a prose line there is a dek or the lead.
TITLE_WINDOW = 60
LEAD_LINES = 6
# ... and the fragments of prose among the LEAD_ABOVE lines just above it
# (a lead split over lines: `is coddling criminals`), but not the site's
# name or menu entries there.
LEAD_ABOVE = 2
LEAD_FRAGMENT_KINDS = frozenset({Kind.PROSE, Kind.RUN_ON, Kind.DATA, Kind.OTHER})
TITLE_OVERLAP = 0.2
TITLE_SHARED = 2
TITLE_WORDS = (3, 20)
# Beyond TITLE_WINDOW, a title is the headline only if it shares this share
# of its content words with the body's first lines.
FAR_TITLE_OVERLAP = 0.5
# The kinds a headline has; a line of another kind (`Erstellt: vor 4
# Stunden`, `Share this:`) is never taken for the headline for being nearest.
HEADLINE_KINDS = frozenset({Kind.TITLE, Kind.HEADING, Kind.MENU})
# Between the body and the nearest claimed line, only these kinds are
# reported: the rest may be the byline block, a dek, a caption or the
# article's end.
GAP_REPORTED = frozenset({Kind.MENU, Kind.TITLE, Kind.TEASER, Kind.STAMP})

# A comment thread: at least THREAD_MIN timestamp lines, each followed by
# prose within two lines, at most THREAD_GAP lines apart.
THREAD_MIN = 3
THREAD_GAP = 15
# Six or more lines without prose, 40% of them data: a table, whose name
# and label cells are data too.
TABLE_ROWS = 6
TABLE_DATA_SHARE = 0.4

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
CJK_SENTENCE = re.compile(r"[，。！？、；：]")
DATA_CHARACTERS = re.compile(r"[\d{}\[\]()<>=;$#@│\\`_+%|/]")
TABLE_RULE = re.compile(r"[│|┃]")
LETTERS = re.compile(r"[^\W\d_]+")
STEM = 5
SHORT_LINE_WORDS = 4
PROSE_MIN_WORDS = 6
STAMP_MAX_WORDS = 12


@lru_cache(maxsize=1)
def _stamp_pattern() -> re.Pattern[str]:
    """A date or a time: `10:25 pm`, `14.09 Uhr`, `2h00`, `28.06.2015`,
    `March 11th`, `11 March`, `5. November`, with the month names of
    data/chrome_zone_months.yaml."""
    data = yaml.load(resources.files("newslint.rules").joinpath("data/chrome_zone_months.yaml")
                     .read_text("utf-8"), Loader=SAFE_LOADER)
    names = sorted({name for names in data.values() for name in names}, key=len, reverse=True)
    month = r"\b(?:" + "|".join(map(re.escape, names)) + r")\b\.?"
    return re.compile(
        r"\b\d{1,2}:\d{2}\b|\b\d{1,2}[.h]\d{2}\s*(?:uhr|h)\b|\b\d{1,2}h\d{2}\b"
        r"|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th|\.)?\s*{month}|{month}\s*\d{{1,2}}\b",
        re.IGNORECASE)


@dataclass(frozen=True)
class Layout:
    """Where a page's article body lies, and the lines around it that are
    not reported: its headline, lead and whatever may belong to it."""

    kinds: list[Kind]
    first: int  # paragraph index of the body's first line
    last: int  # ... and of its last line
    kept: frozenset[int]  # paragraph indexes outside the body that are not chrome

    def chrome_runs(self) -> Iterator[tuple[int, int]]:
        """(first, last) paragraph indexes of each run of reported lines
        before and after the body; a claimed or kept line ends a run."""
        for side in (range(self.first), range(self.last + 1, len(self.kinds))):
            run: list[int] = []
            for index in side:
                if self.kinds[index] is not Kind.CLAIMED and index not in self.kept:
                    run.append(index)
                elif run:
                    yield run[0], run[-1]
                    run = []
            if run:
                yield run[0], run[-1]


def claimed_paragraphs(doc: Document) -> frozenset[int]:
    """Paragraphs that another chrome rule reports: the lines the runner
    says are claimed, which include the menu runs of CHR201 (the runner
    adds each late rule's claims before the next late rule runs)."""
    lines = doc.claimed_lines
    return frozenset(p.index for p in doc.paragraphs if p.first_line in lines)


def layout(doc: Document, min_claimed: int, min_prose: int) -> Layout | None:
    """The page's layout, or None when the text does not look like a
    whole-page scrape with one clear article in it."""
    claimed = claimed_paragraphs(doc)
    if len(claimed) < min_claimed:
        return None  # an article on its own, or a page the phrase rules see nothing of
    kinds, sizes = line_kinds(doc, claimed)
    found = stretches(weights(doc.paragraphs, kinds, sizes))
    body = body_span(found, kinds)
    if body is None:
        return None
    first, last = body
    if sum(kind is Kind.PROSE for kind in kinds[first:last + 1]) < min_prose:
        return None
    return Layout(kinds, first, last, frozenset(kept_lines(doc, kinds, sizes, found, first, last)))


# -- line kinds --------------------------------------------------------------------------
def line_kinds(doc: Document, claimed: frozenset[int]) -> tuple[list[Kind], list[float]]:
    """The kind and the size in words of every paragraph (line)."""
    stops = stopwords().get(doc.language or "", _all_stopwords())
    paragraphs = doc.paragraphs
    words = [doc.words_between(p.body_start, p.end) for p in paragraphs]
    sized = [_size(p.body, tokens) for p, tokens in zip(paragraphs, words)]
    kinds = [Kind.CLAIMED if p.index in claimed else _kind(p, tokens, size, cjk, stops)
             for p, tokens, (size, cjk) in zip(paragraphs, words, sized)]
    _mark_tables(kinds, paragraphs)
    _mark_contents(kinds, paragraphs)
    _mark_headings(kinds, paragraphs)
    _mark_threads(kinds, paragraphs, sized)
    _mark_introduced_lists(kinds, paragraphs)
    return kinds, [size for size, _ in sized]


@lru_cache(maxsize=1)
def _all_stopwords() -> frozenset[str]:
    return frozenset().union(*stopwords().values())


def _size(text: str, words: list[str]) -> tuple[float, int]:
    """(words, CJK characters); two CJK characters count as a word."""
    if not CJK.search(text):
        return len(words), 0
    cjk = len(CJK.findall(text))
    return len(WORD.findall(CJK.sub(" ", text))) + cjk / 2, cjk


def _kind(paragraph: Paragraph, words: list[str], size: float, cjk: int, stops: frozenset[str]) -> Kind:
    """The kind of a line from its own text; the _mark_ functions then
    refine it from its neighbours."""
    body = paragraph.body.strip()
    if size == 0:
        return Kind.DATA
    prose = _prose_kind(paragraph, body, words, size, cjk, stops)
    if prose is not None:
        return prose
    if _is_stamp(body, size):
        return Kind.STAMP
    if paragraph.is_list_item:
        return Kind.ITEM if size >= 5 and not cjk and LOWER_LONG_WORD.search(body) else Kind.MENU
    if DATA_CHARACTERS.search(body) or not (cjk or CAPITALISED.match(body)):
        return Kind.DATA
    if CLAUSE_END.search(body):
        return Kind.OTHER
    return Kind.MENU if size <= SHORT_LINE_WORDS else Kind.TITLE


def _is_stamp(body: str, size: float) -> bool:
    return size <= STAMP_MAX_WORDS and bool(_stamp_pattern().search(body)) and not TABLE_RULE.search(body)


def _prose_kind(paragraph: Paragraph, body: str, words: list[str], size: float, cjk: int,
                stops: frozenset[str]) -> Kind | None:
    """PROSE, RUN_ON, ITEM or TEASER for a line long enough to be prose;
    None otherwise. Function words (stopwords of the page's language) tell
    a sentence from a list of names of the same length."""
    if size < PROSE_MIN_WORDS:
        return None
    ends = paragraph.ends_sentence
    if cjk:
        sentence = not paragraph.is_list_item and ((size >= 8 and CJK_SENTENCE.search(body)) or cjk >= 20)
        return Kind.PROSE if sentence else None
    function_share = sum(word.casefold() in stops for word in words) / len(words)
    if not ((size >= 8 and function_share >= 0.15 and (ends or size >= 15))
            or (ends and function_share > 0) or size >= 20):
        return None
    if ends or body.endswith(":"):
        return Kind.PROSE
    if not paragraph.is_list_item:
        return Kind.RUN_ON
    return Kind.ITEM if LOWER_LONG_WORD.search(body) else Kind.TEASER


def _mark_tables(kinds: list[Kind], paragraphs: list[Paragraph]) -> None:
    """In a stretch without prose that is mostly data rows, the name and
    label cells are data too (a table of names and figures is not a menu)."""
    hard = PROSE_KINDS | {Kind.CLAIMED, Kind.TEASER, Kind.ITEM}
    start = 0
    while start < len(kinds):
        end = start
        while end < len(kinds) and kinds[end] not in hard:
            end += 1
        stretch = range(start, end)
        data = sum(kinds[i] is Kind.DATA for i in stretch)
        if (len(stretch) >= TABLE_ROWS and data >= TABLE_DATA_SHARE * len(stretch)
                and not any(paragraphs[i].is_list_item for i in stretch)):
            for i in stretch:
                if kinds[i] in (Kind.MENU, Kind.TITLE, Kind.STAMP):
                    kinds[i] = Kind.DATA
        start = end + 1


def _mark_contents(kinds: list[Kind], paragraphs: list[Paragraph]) -> None:
    """List entries that come back further down as headings of prose: a
    table of contents."""
    headings = {_key(paragraphs[i]): i for i in range(len(kinds) - 1)
                if kinds[i + 1] in PROSE_KINDS and not paragraphs[i].is_list_item}
    for i, paragraph in enumerate(paragraphs):
        if paragraph.is_list_item and kinds[i] is not Kind.CLAIMED and headings.get(_key(paragraph), -1) > i:
            kinds[i] = Kind.CONTENTS


def _key(paragraph: Paragraph) -> str:
    return paragraph.body.strip().casefold()


def _mark_headings(kinds: list[Kind], paragraphs: list[Paragraph]) -> None:
    """A menu or title line followed by prose or list points heads them."""
    follows = PROSE_KINDS | {Kind.ITEM, Kind.LISTED}
    for i in range(len(kinds) - 1):
        if kinds[i] in (Kind.MENU, Kind.TITLE) and not paragraphs[i].is_list_item and kinds[i + 1] in follows:
            kinds[i] = Kind.HEADING


def _mark_threads(kinds: list[Kind], paragraphs: list[Paragraph], sized: list[tuple[float, int]]) -> None:
    """Timestamp lines each followed by prose, over and over: a comment
    thread (`Armanox June 28, 2015 at 10:25 pm` / `Really, no Shagrath?`).
    A timestamp that a phrase rule reports (`December 10, 2020 at 3:15
    pm`) heads a comment too."""
    heads = [i for i, kind in enumerate(kinds)
             if (kind is Kind.STAMP or (kind is Kind.CLAIMED and _is_stamp(paragraphs[i].body, sized[i][0])))
             and any(k in PROSE_KINDS for k in kinds[i + 1:i + 3])]
    threads: list[list[int]] = []
    for head in heads:
        if threads and head - threads[-1][-1] <= THREAD_GAP:
            threads[-1].append(head)
        else:
            threads.append([head])
    for thread in threads:
        if len(thread) < THREAD_MIN:
            continue
        end = thread[-1] + 1
        while end < len(kinds) and (kinds[end] in PROSE_KINDS or kinds[end] is Kind.ITEM):
            end += 1
        for i in range(thread[0], end):
            if kinds[i] is not Kind.CLAIMED:
                kinds[i] = Kind.THREAD


def _mark_introduced_lists(kinds: list[Kind], paragraphs: list[Paragraph]) -> None:
    """Short list items under a line ending in `:` are the article's list
    (`What You'll Need:` / `* Ruler`)."""
    introduced = False
    for i, paragraph in enumerate(paragraphs):
        if not paragraph.is_list_item:
            introduced = kinds[i] is not Kind.CLAIMED and paragraph.text.rstrip().endswith(":")
        elif introduced and kinds[i] in (Kind.MENU, Kind.OTHER, Kind.DATA, Kind.TITLE, Kind.TEASER):
            kinds[i] = Kind.LISTED


# -- the body ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Stretch:
    score: float
    first: int
    last: int


def weights(paragraphs: list[Paragraph], kinds: list[Kind], sizes: list[float]) -> list[float]:
    return [_weight(paragraph, kind, size) for paragraph, kind, size in zip(paragraphs, kinds, sizes)]


def _weight(paragraph: Paragraph, kind: Kind, size: float) -> float:
    if kind not in PROSE_KINDS:
        return WEIGHT[kind]
    halved = kind is Kind.RUN_ON or paragraph.is_list_item
    return min(size, WEIGHT_CAP_WORDS) / (RUN_ON_WORDS_PER_POINT if halved else WORDS_PER_POINT)


def stretches(scores: list[float]) -> list[Stretch]:
    """The stretches of positive total weight, in page order (Kadane's
    algorithm, linear): a stretch ends where the running sum falls to zero,
    or falls STRETCH_DROP below its best, as it does over a long table
    between two parts of an article; the stretch is its best prefix."""
    found: list[Stretch] = []
    running = best = 0.0
    start = 0
    best_end = None
    for index, score in enumerate(scores):
        if running <= 0 or running < best - STRETCH_DROP:
            if best_end is not None:
                found.append(Stretch(best, start, best_end))
            running, best, start, best_end = 0.0, 0.0, index, None
        running += score
        if running > best:
            best, best_end = running, index
    if best_end is not None:
        found.append(Stretch(best, start, best_end))
    return found


def body_span(found: list[Stretch], kinds: list[Kind]) -> tuple[int, int] | None:
    """(first, last) paragraph index of the body: the heaviest stretch,
    widened to the other stretches nearly as heavy (an article split by a
    photo gallery), but not downwards across a comment thread: comments
    follow the article, and what comes after them (a privacy notice, a
    sign-up box) is not article."""
    top = max((stretch.score for stretch in found), default=0.0)
    if top < MIN_BODY_SCORE or top < MIN_SHARE * sum(stretch.score for stretch in found):
        return None
    parts = [s for s in found if s.score >= max(HULL_SHARE * top, MIN_PART_SCORE)]
    last = next(i for i, part in enumerate(parts) if part.score == top)
    while last + 1 < len(parts) and not _thread_between(kinds, parts[last], parts[last + 1]):
        last += 1
    return parts[0].first, parts[last].last


def _thread_between(kinds: list[Kind], before: Stretch, after: Stretch) -> bool:
    return any(kinds[i] is Kind.THREAD for i in range(before.last + 1, after.first))


# -- what is kept outside the body ----------------------------------------------------------------
def kept_lines(doc: Document, kinds: list[Kind], sizes: list[float], found: list[Stretch],
               first: int, last: int) -> set[int]:
    """Paragraph indexes outside the body that are not reported: they may
    belong to the article."""
    paragraphs = doc.paragraphs
    kept = set(headline_and_lead(doc, kinds, sizes, first))
    if not paragraphs[0].is_list_item and _is_title(paragraphs[0], kinds[0], sizes[0]):
        kept.add(0)  # the document's first line is its title
    claimed = [i for i, kind in enumerate(kinds) if kind is Kind.CLAIMED]
    before = max((i for i in claimed if i < first), default=None)
    after = min((i for i in claimed if i > last), default=None)
    # No claimed line on a side: nothing there shows that the page goes on.
    gap_before = range(0 if before is None else before + 1, first)
    gap_after = range(last + 1, len(kinds) if after is None else after)
    kept.update(i for i in gap_before if before is None or kinds[i] not in GAP_REPORTED)
    kept.update(i for i in gap_after if after is None or kinds[i] not in GAP_REPORTED)
    for stretch in found:
        lines = range(stretch.first, stretch.last + 1)
        if stretch.score >= SECONDARY_SCORE and sum(kinds[i] in PROSE_KINDS for i in lines) >= SECONDARY_PROSE:
            kept.update(i for i in lines if kinds[i] in SECONDARY_KEPT)
    return kept


def headline_and_lead(doc: Document, kinds: list[Kind], sizes: list[float], first: int) -> Iterator[int]:
    """Lines above the body that are its headline (the nearest title line,
    or one on the body's topic: `Napa Co. enters exclusive agreement` over
    a body about Napa County), its dateline, its dek or its lead (prose cut
    off from the body by a byline or a photo credit). Beyond TITLE_WINDOW
    lines, when the lines between are reported ones (a video player between
    headline and body), only a title mostly made of the body's words is kept."""
    paragraphs = doc.paragraphs
    stops = stopwords().get(doc.language or "", _all_stopwords())
    above = [p for p in paragraphs[max(0, first - LEAD_ABOVE):first] if kinds[p.index] in LEAD_FRAGMENT_KINDS]
    topic = set().union(*(_content_words(p.text, stops) for p in above + paragraphs[first:first + LEAD_LINES]))
    nearest = True
    for i in _window_above(kinds, first):
        paragraph, kind = paragraphs[i], kinds[i]
        near = first - i <= TITLE_WINDOW
        if near and (kind in PROSE_KINDS or kind is Kind.STAMP):
            yield i
        elif _is_title(paragraph, kind, sizes[i]):
            headline_shaped = kind in HEADLINE_KINDS and not paragraph.is_list_item
            words = _content_words(paragraph.body, stops)
            shared = len(words & topic)
            on_topic = words and (shared >= TITLE_OVERLAP * len(words) or shared >= TITLE_SHARED)
            far_on_topic = headline_shaped and shared >= max(TITLE_SHARED, FAR_TITLE_OVERLAP * len(words))
            if (near and ((nearest and headline_shaped) or on_topic)) or far_on_topic:
                yield i
            nearest = nearest and not headline_shaped


def _window_above(kinds: list[Kind], first: int) -> Iterator[int]:
    """Indexes above the body, nearest first, up to TITLE_WINDOW lines that
    no other rule reports: a video player or a menu that the phrase rules
    report may stand between the headline and the body, however long."""
    unclaimed = 0
    for i in range(first - 1, -1, -1):
        if kinds[i] is not Kind.CLAIMED:
            unclaimed += 1
            if unclaimed > TITLE_WINDOW:
                return
        yield i


def _is_title(paragraph: Paragraph, kind: Kind, size: float) -> bool:
    return kind not in (Kind.CLAIMED, Kind.LISTED, Kind.THREAD) and TITLE_WORDS[0] <= size <= TITLE_WORDS[1]


def _content_words(text: str, stops: frozenset[str]) -> set[str]:
    """The words that carry the topic, cut to their first STEM letters so
    that inflected forms match (`Seitenhieb`, `Seitenhiebe`)."""
    words = (word.casefold() for word in LETTERS.findall(text))
    return {word[:STEM] for word in words if len(word) > 2 and word not in stops}
