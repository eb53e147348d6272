from __future__ import annotations

from newslint.document import Document, Paragraph
from newslint.model import Hit
from newslint.rule import rule
from newslint.sentences import split_sentences

from ._blocks import (consecutive_runs, delete_lines, is_credit, is_heading, is_prose, is_title_case,
                      next_paragraph, word_list)


@rule("PRM001", "orphaned-question", category="prompt", fix="unsafe", languages=("en",),
      options={"min_words": 6})
def check(doc: Document, options: dict):
    """Flags a paragraph of questions that nothing after it answers.

    ## What it does
    Flags a paragraph made only of questions (every sentence ends in `?`)
    when no answer follows it: the next paragraph is a heading or title
    line, or there is none. Consecutive question paragraphs are judged
    together, by what follows the last of them, so a series of questions
    that a prose paragraph then answers is left alone.

    Not flagged: FAQ items that carry their answer (`What is NATO? NATO is
    ...`), a question heading followed by the prose that answers it,
    questions inside a prose paragraph, quoted questions (`"Why?"`),
    questions in the first person (`Are those of us who never agreed bound
    too?`: the author thinking aloud), and paragraphs of fewer than
    `min_words` words (default 6), which are usually labels (`Questions?`).

    ## Why is this bad?
    Generated and SEO news pages end their sections with questions for the
    reader ("Do you believe mediation is working?"), and "People also ask"
    widgets leave their questions behind when the answers are collapsed.
    Without an answer the question is noise in the text, and a model trained
    on it learns to end articles with questions.

    ## Example
    ```
    A breakthrough remains contingent upon a shift in positions.

    What conditions would need to be met for a summit? Do you believe mediation is working?

    Understanding the Conflict: A Historical Overview
    ```
    The question paragraph is followed by a heading, not by an answer. The
    fix (unsafe) deletes it.
    """
    paragraphs = doc.paragraphs
    for run in consecutive_runs(_question_paragraphs(doc)):
        first, last = paragraphs[run[0]], paragraphs[run[-1]]
        follower = next_paragraph(doc, last)
        if first.index == 0 or not is_prose(paragraphs[first.index - 1]):
            continue  # a question headline, a teaser or a comment, not a break in the article
        if follower is not None and not _starts_section(follower):
            continue  # answered by what follows
        where = "at the end of the text" if follower is None else "followed by a heading, not an answer"
        for paragraph in paragraphs[first.index:last.index + 1]:
            if _put_to_reader(doc, paragraph, options["min_words"]):
                yield Hit(paragraph.start, paragraph.end, f"Orphaned question: it is {where}",
                          delete_lines(doc, paragraph.first_line, paragraph.last_line,
                                       "Delete the question", safe=False))


def _starts_section(paragraph: Paragraph) -> bool:
    """A heading of at least three words. Shorter title lines after a
    question are more often a photo credit (`Shutterstock`) or the label of
    a table that answers it (`Hardware`) than a new section."""
    return is_heading(paragraph) and paragraph.word_count >= 3 and not is_credit(paragraph)


def _question_paragraphs(doc: Document) -> list[int]:
    """Indexes of the paragraphs whose every sentence is a question: each
    ends in `?`, not in a closing quote (`"Why?"` is quoted speech)."""
    return [paragraph.index for paragraph in doc.paragraphs
            if paragraph.text.endswith("?")
            and all(doc.text[end - 1] == "?"
                    for _, end in split_sentences(doc.text, paragraph.body_start, paragraph.end))]


def _put_to_reader(doc: Document, paragraph: Paragraph, min_words: int) -> bool:
    first_person = word_list("first_person")
    return (paragraph.word_count >= min_words and not is_title_case(paragraph.body)
            and not any(token.text.casefold() in first_person
                        for token in doc.tokens_between(paragraph.start, paragraph.end)))
