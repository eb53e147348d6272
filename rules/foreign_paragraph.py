from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from newslint.document import Document, Paragraph
from newslint.language import langdetect_guess, stopwords, vote
from newslint.model import Hit
from newslint.rule import rule

from ._languages import DETECT_CHARS, language_name

# Shares of the words that are stopwords of the document's language. English
# prose runs at 15-47 % (1st-99th percentile on the dev pages), German prose
# at 0-10 % English stopwords. From CLEARLY_MAIN_SHARE on, a paragraph is in
# the document's language without a vote; below MIN_STOPWORD_SHARE, a
# paragraph the vote cannot place (Finnish, Russian, Turkish...) goes to
# langdetect if it has enough non-ASCII letters.
CLEARLY_MAIN_SHARE = 0.25
MIN_STOPWORD_SHARE = 0.08
MIN_FOREIGN_LETTERS = 0.03
# Prose has mostly lower-case words (German nouns included) and few numbers;
# reference lists, name lists, menus and tag clouds do not, and langdetect
# guesses wildly on them.
MIN_LOWERCASE_SHARE = 0.4
MAX_NUMBER_SHARE = 0.1
# Runs of foreign paragraphs merge across up to this many short paragraphs.
MAX_GAP = 2
# The document's language must have this many times the words of foreign prose.
MIN_MAJORITY = 2
NOT_PROSE = re.compile(r"://|www\.|doi:|@|\[\d+\]")


@dataclass
class Verdict:
    """The language of one judged paragraph, and whether it is foreign."""

    paragraph: Paragraph
    language: str | None
    foreign: bool
    # Past `max_detections`, a suspect paragraph is not checked: it is not
    # reported, but it counts against the document's language.
    unchecked: bool = False


@rule("LNG001", "foreign-language-paragraph", category="language",
      options={"min_words": 12, "min_chars": 80, "min_probability": 0.9, "max_detections": 12})
def check(doc: Document, options: dict) -> Iterator[Hit]:
    """Flags paragraphs in another language than the rest of the document.

    ## What it does
    Flags a paragraph of prose (at least `min_words` words and `min_chars`
    characters) whose language differs from the document's, e.g. a German
    paragraph in an English article. Consecutive foreign paragraphs in one
    language give one diagnostic.

    The document's language is `Document.language`. The check is cheap on
    ordinary text: a paragraph with plenty of the document language's
    stopwords is settled at once; the others get a stopword vote, and only
    a paragraph whose vote names another language, or that has almost none
    of those stopwords and many non-ASCII letters (Finnish, Turkish,
    Russian), goes to langdetect. langdetect must be sure to
    `min_probability` (default 0.9) and must not contradict the vote; at
    most `max_detections` paragraphs per document are checked that way.

    Not flagged: short lines (`Comments`, `Impressum`, menu entries: too
    short to tell), text that is not running prose (references, lists of
    names, tag clouds, links: the detector guesses wildly on them), and
    documents where the foreign prose is more than half as long as the
    rest: then the page is bilingual, or its own language was misjudged (an
    English menu and cookie notice above a short German article). A
    quotation left in its original language is flagged: it is foreign text,
    though not always noise.

    ## Why is this bad?
    A paragraph in another language is usually scrape noise: a teaser from
    another edition of the site, a language switcher, a cookie notice, or
    an untranslated passage of a machine translation. A corpus filtered by
    document language still carries it, and a model trained on it learns to
    switch language mid-article.

    ## Example
    ```
    The Kremlin said on Friday that it was in no rush to agree to a summit.
    Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen Regeln für alle Unternehmen gelten.
    ```
    The second paragraph is flagged as German in an English document.
    """
    main = doc.language
    if main is None:
        return
    verdicts = _verdicts(doc, main, options)
    foreign_words = sum(v.paragraph.word_count for v in verdicts if v.foreign or v.unchecked)
    main_words = sum(v.paragraph.word_count for v in verdicts if not (v.foreign or v.unchecked))
    # Without a clear majority of prose in the document's language, it is the
    # document's language that is in doubt (an English menu and cookie notice
    # above a German article), or the page is bilingual.
    if foreign_words and main_words >= MIN_MAJORITY * foreign_words:
        yield from _runs(verdicts, main)


def _verdicts(doc: Document, main: str, options: dict) -> list[Verdict]:
    """The language of every paragraph of prose long enough to judge."""
    verdicts = []
    detections = 0
    # Votes that langdetect showed to mean the document's language: Czech
    # prose votes Polish, paragraph after paragraph.
    look_alikes = {main}
    for paragraph in doc.paragraphs:
        if len(paragraph.text) < options["min_chars"] or not _looks_like_prose(paragraph):
            continue
        words = doc.words_between(paragraph.start, paragraph.end)
        if len(words) < options["min_words"] or not _is_prose(words):
            continue
        share = _stopword_share(words, main)
        guess = None if share >= CLEARLY_MAIN_SHARE else vote(words)[0]
        if _plainly_main(share, guess, look_alikes, paragraph.text):
            verdicts.append(Verdict(paragraph, main, False))
        elif detections < options["max_detections"]:
            detections += 1
            language = langdetect_guess(paragraph.text, options["min_probability"], DETECT_CHARS)
            if language == main and guess is not None:
                look_alikes.add(guess)
            foreign = language not in (None, main) and _votes_agree(language, guess)
            verdicts.append(Verdict(paragraph, language, foreign))
        else:
            verdicts.append(Verdict(paragraph, guess, False, unchecked=True))
    return verdicts


def _plainly_main(share: float, guess: str | None, look_alikes: set[str], text: str) -> bool:
    """The cheap checks settle that a paragraph is in the document's language."""
    if share >= CLEARLY_MAIN_SHARE or guess in look_alikes:
        return True
    # The vote is unsure: only almost no stopwords of the document's language
    # and a fair share of non-ASCII letters make the paragraph worth a look.
    return guess is None and (share >= MIN_STOPWORD_SHARE or not _foreign_letters(text))


def _votes_agree(detected: str, guess: str | None) -> bool:
    """langdetect and the stopword vote must not contradict each other: a
    German sentence quoting an English title has no English stopword
    majority, whatever langdetect makes of it. Languages without a stopword
    list (Czech, which the vote takes for Polish) rest on langdetect."""
    return detected == guess or detected not in stopwords()


def _looks_like_prose(paragraph: Paragraph) -> bool:
    """Ends like a sentence, and has no URL, handle, DOI or note number."""
    return paragraph.ends_sentence and not NOT_PROSE.search(paragraph.text)


def _is_prose(words: list[str]) -> bool:
    """Mostly lower-case words and few numbers: running text, not a
    reference, a list of names or a menu."""
    lower = sum(1 for word in words if word[0].islower())
    numbers = sum(1 for word in words if word[0].isdigit())
    return lower >= MIN_LOWERCASE_SHARE * len(words) and numbers <= MAX_NUMBER_SHARE * len(words)


def _stopword_share(words: list[str], main: str) -> float:
    """The share of the words that are stopwords of the document's language
    (1.0 for a language without a stopword list: nothing to measure)."""
    table = stopwords().get(main)
    if table is None:
        return 1.0
    return sum(1 for word in words if word.casefold() in table) / len(words)


def _foreign_letters(text: str) -> bool:
    """Letters outside ASCII (`ä`, `ş`, `å`, Cyrillic, Greek...) make up a
    noticeable part of the text: a language the stopword vote cannot name.
    English with few stopwords (`Buy. Sell. Trade.`) has none."""
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if not c.isascii()) >= MIN_FOREIGN_LETTERS * len(letters)


def _runs(verdicts: list[Verdict], main: str) -> Iterator[Hit]:
    """One hit per run of foreign paragraphs in one language. Up to
    MAX_GAP short paragraphs between two of them (a subheading, a caption:
    too short to judge) do not break the run; a judged paragraph in another
    language does."""
    run: list[Verdict] = []
    for verdict in verdicts:
        if run and not (verdict.foreign and verdict.language == run[0].language
                        and verdict.paragraph.index - run[-1].paragraph.index <= MAX_GAP + 1):
            yield _hit(run, main)
            run = []
        if verdict.foreign:
            run.append(verdict)
    if run:
        yield _hit(run, main)


def _hit(run: list[Verdict], main: str) -> Hit:
    language = language_name(str(run[0].language))  # a foreign verdict always has one
    what = f"{len(run)} paragraphs" if len(run) > 1 else "Paragraph"
    return Hit(run[0].paragraph.start, run[-1].paragraph.end,
               f"{what} in {language} in a document in {language_name(main)}")
