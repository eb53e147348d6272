"""CAS002: sentences, list items, headings and paragraphs that start lower case."""
from __future__ import annotations

import re
from itertools import groupby
from typing import Iterator

from newslint.document import Document, Paragraph, Sentence, Token
from newslint.model import Fix, Hit
from newslint.rule import rule
from newslint.rules._casing import (CODE_LIKE, OPENING_QUOTES, capitalise, is_keyword_list, is_link_part,
                                    is_technical, is_title_like, per_paragraph, proper_nouns)

# A line ending like this goes on in the next line: a sentence broken in two.
CONTINUED_LINE_ENDINGS = ",;:-–—(/&"
# Sentences this short are fragments (`lol.`, `all. of. you`), not prose.
MIN_SENTENCE_WORDS = 3
# What the text before a sentence ends with when the splitter took a full stop
# for a sentence end: an ellipsis (`. . .`, `..`), a dotted abbreviation
# (`L.E.A.N.`, `Ph.D.`) or a vowelless short one (`Govt.`, `hr.`, `pp.`).
NOT_A_SENTENCE_END = re.compile(
    r"""(?:\.\s?\.|…|(?:\b[^\W\d_]{1,2}\.){2,}|\b[^\W\d_aeiouyAEIOUY]{1,4}\.)["'”’)\]]*\s*$""")
LOOK_BEHIND = 40  # characters before a sentence searched for NOT_A_SENTENCE_END
# A first word glued to a hyphen or digits is a name or code (`e-Edition`,
# `indy100`, `k-NN`); one before a colon starts a credit or a field (`photo:
# Jane Doe`, `doi: 10.1038`, `"name": "x"`); one before a trademark sign is a
# brand (`ebb ℠`); one before a spaced dash is a defined term (`micropolitics —
# noun ...`).
GLUED = re.compile(r"[-‑\d]|[\"”']?:|\s?[™®℠]|\s[—–]\s")
# A word this short before `.` or `)` is a label or abbreviation: `a.`, `ii)`, `pp.`.
MAX_LABEL_LENGTH = 3


@rule("CAS002", "lowercase-start", category="casing", fix="safe", languages=("en",))
def check(doc, options):
    """Flags a sentence, list item, heading or paragraph that starts with a lower-case letter.

    ## What it does
    Flags the first word of a sentence (as split by newslint's sentence
    splitter, which knows abbreviations such as `U. S.`, `e.g.` and `p.m.`, and
    quotes such as `"Why?" he asked`) when it starts with a lower-case letter.
    Words with an inner capital (`iPhone`, `eBay`), URLs, handles and numbers
    are left alone, and so are a line that continues a sentence broken over two
    lines, lists whose items are lower case by design, tag and keyword lines,
    and code; so are documents about code, which start sentences with lower-case
    names (`pip installs ...`). A sentence that starts with a lower-case proper
    noun (`putin said`) is reported by CAS001 only. English documents only.

    ## Why is this bad?
    A lower-case start is a sign of a bad merge, a dropped sentence or careless
    rewriting; readers and downstream sentence tools both stumble over it.

    ## Example
    `initial reactions from Kyiv have been cautious.` becomes
    `Initial reactions from Kyiv have been cautious.`
    """
    starts = [(sentence, word) for sentence, word in _first_words(doc) if _is_lowercase_start(doc, sentence, word)]
    if not starts or is_technical(doc):  # code and commands start lines with lower-case names
        return
    reported = proper_nouns(doc).keys()  # CAS001 reports these; one diagnostic per defect
    for sentence, word in starts:
        if word.start in reported:
            continue
        fixed = capitalise(word.text)
        yield Hit(word.start, word.end, f"`{word.text}` starts a sentence in lower case: write `{fixed}`",
                  Fix.replace(word.start, word.end, fixed, f"Capitalise `{fixed}`", safe=True))


def _first_words(doc: Document) -> Iterator[tuple[Sentence, Token]]:
    """Each sentence with its first word, when only opening quotes precede
    that word (a sentence opening with a digit, bracket, dash or ellipsis is
    left alone) and neither it nor the sentence before it is a fragment."""
    previous: tuple[int, int] = (-1, 0)  # paragraph and word count of the sentence before
    for sentence in doc.sentences:
        words = doc.token_range(sentence.start, sentence.end)  # indexes: no Token per word
        after_fragment = previous[0] == sentence.paragraph and previous[1] < MIN_SENTENCE_WORDS
        previous = (sentence.paragraph, len(words))
        if len(words) >= MIN_SENTENCE_WORDS and not after_fragment \
                and not doc.text[sentence.start:doc.token_starts[words.start]].strip(OPENING_QUOTES + " \t"):
            yield sentence, doc.token(words.start)


def _is_lowercase_start(doc: Document, sentence: Sentence, word: Token) -> bool:
    if not word.text[0].islower() or not word.text.islower():  # `iPhone`, `eBay`
        return False
    if _is_label(doc.text, word) or is_link_part(doc.text, word.start, word.end) or is_keyword_list(doc, word.start):
        return False
    paragraph = doc.paragraphs[sentence.paragraph]
    if per_paragraph(doc, "casing.code-or-dated", paragraph, lambda p: _is_code_or_dated(doc, p)):
        return False
    if sentence.start != paragraph.body_start:
        before = doc.text[max(paragraph.body_start, sentence.start - LOOK_BEHIND):sentence.start]
        return not NOT_A_SENTENCE_END.search(before)
    if paragraph.is_list_item:
        return _list_is_capitalised(doc, paragraph)
    return not _continues_previous_line(doc, paragraph)


def _is_code_or_dated(doc: Document, paragraph: Paragraph) -> bool:
    """Code, and short lines with dates or numbers: `jbyars October 28, 2015 at 6:09 pm`."""
    return bool(CODE_LIKE.search(paragraph.text)) or (is_title_like(doc, paragraph)
                                                      and any(c.isdigit() for c in paragraph.text))


def _is_label(text: str, word: Token) -> bool:
    """Is the first word a label, field, code name, brand or defined term
    rather than the start of prose (see GLUED and MAX_LABEL_LENGTH)?"""
    following = text[word.end:word.end + 1]
    return bool(GLUED.match(text, word.end)) or (len(word.text) <= MAX_LABEL_LENGTH and following in (".", ")"))


def _continues_previous_line(doc: Document, paragraph: Paragraph) -> bool:
    """A line that goes on with a sentence the line above left open."""
    if paragraph.index == 0:
        return False
    above = doc.paragraphs[paragraph.index - 1]
    last = above.text[-1:]
    if above.text.isupper() and len(above.text) == 1:
        return True  # a drop capital: `T` / `urkey, Poland and ...`
    return above.last_line + 1 == paragraph.first_line and (last.islower() or last in CONTINUED_LINE_ENDINGS)


def _list_is_capitalised(doc: Document, item: Paragraph) -> bool:
    """Do most items of the list around `item` start with a capital? Lists of
    lower-case items (`* cutting taxes;`) are a style, not a slip."""
    return doc.memo("casing.capitalised-lists", _capitalised_lists)[item.index]


def _capitalised_lists(doc: Document) -> dict[int, bool]:
    """For each list item, whether its list is capitalised: each list is read
    once, not once per item (a list of a million items stays linear)."""
    capitalised_lists: dict[int, bool] = {}
    for is_list, run in groupby(doc.paragraphs, key=lambda paragraph: paragraph.is_list_item):
        if is_list:
            items = list(run)
            capitalised = sum(1 for item in items if item.body[:1].isupper())
            verdict = capitalised >= 2 and 2 * capitalised > len(items)
            capitalised_lists.update((item.index, verdict) for item in items)
    return capitalised_lists
