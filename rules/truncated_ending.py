from __future__ import annotations

import re

from newslint.document import Document, Paragraph
from newslint.model import Hit
from newslint.rule import rule

from ._blocks import is_credit, is_title_case, looks_like_code, next_paragraph, word_list

# How a paragraph that was cut off ends: a comma or semicolon, or a last word
# (maybe trailing off in an ellipsis). Closing quotes and brackets after
# terminal punctuation (`.”`, `?)`) never match: the text must end right here.
OPEN_END = re.compile(r"(?:(?P<mark>[,;])|(?<![^\W\d_])(?P<word>[^\W\d_]+)(?:\.\.\.|…)?)$")
# Only the tail of a paragraph is searched, so the check costs the same for
# a long paragraph as for a short one.
TAIL = 40
# A cut-off paragraph is followed by the end of the text or by a short line
# (`You may also like`, `Read more`); a longer paragraph after it means the
# text goes on, and the line break is a split sentence, not a cut.
MAX_FOLLOWER_WORDS = 14
# A following line that opens with a fragment of one or two words ending in
# punctuation (`Response. They map ...`) finishes the sentence before it.
# (A colon does not count: `Photo: Reuters` is a label.)
CARRIED_ON = re.compile(r"[^\s.,;:!?]+(?:\s+[^\s.,;:!?]+)?[.,;!?]\s+\S")


@rule("TRN001", "truncated-ending", category="truncation", languages=("en",), options={"min_words": 6})
def check(doc: Document, options: dict):
    """Flags a paragraph or list item that stops mid-sentence.

    ## What it does
    Flags the last paragraph or list item of a run of text when it ends in a
    comma or semicolon, or in a word after which no sentence can stop (`and`,
    `the`, `of`, `with`: the list is data, `data/function_words.yaml`), with
    or without a trailing ellipsis (`The minister said that the...`).

    "Last" means that nothing carries the sentence on: the paragraph ends
    the text, or the next one is a short line (at most 14 words: a heading,
    a widget, `You may also like`) that starts with a capital letter, is not
    a list item (a list item ending in a comma followed by another item is a
    list of clauses), and does not open by finishing the sentence
    (`Response. They map ...`). A paragraph whose neighbour also stops
    mid-sentence is a line of verse, an address or a hard-wrapped paragraph,
    and is not flagged either.

    Not flagged: a colon (`Priorities include:` introduces a list), terminal
    punctuation followed by closing quotes or brackets (`.”`, `?)`),
    headlines in title case, bylines and credits (`Photo by Jane Doe and`),
    code, and lines of fewer than `min_words` words (default 6), which are
    labels and buttons. A list item may end in a preposition that a clause
    can leave stranded (`Check the lock has not been tampered with`), since
    list items often carry no full stop. A paragraph that simply lacks its
    full stop is not flagged: it may be a caption or a heading.

    ## Why is this bad?
    Scrapers and feeds cut articles at a character limit or at a paywall,
    leaving a sentence without its end. A model trained on such text learns
    to stop mid-sentence, and a reader cannot tell what was lost.

    ## Example
    ```
    * Turkey: Turkey has played a mediating role in the talks.
    * China: China has maintained a neutral stance,

    You may also like
    ```
    The list ends with an item cut off after `stance,`. There is no fix:
    the missing text has to be fetched again.
    """
    for paragraph in doc.paragraphs:
        ending = _open_ending(paragraph)
        if ending and _is_sentence_text(paragraph, options["min_words"]) and _ends_its_run(doc, paragraph):
            yield Hit(paragraph.start, paragraph.end, f"Truncated text: it stops mid-sentence at `{ending}`")


def _open_ending(paragraph: Paragraph) -> str | None:
    """The comma, semicolon or last word (with its ellipsis) at which the
    paragraph stops mid-sentence, if it does."""
    text = paragraph.text
    if not (text[-1].isalpha() or text[-1] in ",;…" or text.endswith("...")):
        return None  # the common case, a full stop or a closing quote, costs one test
    ending = OPEN_END.search(text, max(0, len(text) - TAIL))
    if ending is None:
        return None
    word = (ending.group("word") or "").casefold()
    cut = (ending.group("mark") or word in word_list("never_final")
           or (word in word_list("strandable") and not paragraph.is_list_item))
    return ending.group() if cut else None


def _is_sentence_text(paragraph: Paragraph, min_words: int) -> bool:
    """Running text, rather than a label, a headline, a credit or code."""
    return (paragraph.word_count >= min_words and not is_title_case(paragraph.body)
            and not is_credit(paragraph) and not looks_like_code(paragraph))


def _ends_its_run(doc: Document, paragraph: Paragraph) -> bool:
    """Nothing continues the paragraph: it is the last of the text, or what
    follows is a short line (a heading, a widget) that does not carry on
    its sentence; and it is not one line of a verse, an address or a
    hard-wrapped paragraph, whose neighbours stop mid-sentence too."""
    following = next_paragraph(doc, paragraph)
    if following is not None and (following.word_count > MAX_FOLLOWER_WORDS or following.is_list_item
                                  or not following.body[:1].isupper() or CARRIED_ON.match(following.body)):
        return False
    before = doc.paragraphs[paragraph.index - 1] if paragraph.index else None
    return not any(neighbour and _open_ending(neighbour) for neighbour in (before, following))
