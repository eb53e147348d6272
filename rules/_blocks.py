"""Block-level helpers shared by the duplication, prompt and truncation rules:
the closed-class word lists of `data/function_words.yaml`, what follows a
paragraph, whether a paragraph is a heading, and the fix that deletes whole
lines."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from itertools import groupby
from typing import Iterable

import yaml

from newslint.document import Document, Paragraph
from newslint.model import Fix
from newslint.packs import SAFE_LOADER

# Characters that may close a sentence after its final punctuation: closing
# quotes and brackets, ASCII and typographic.
CLOSERS = "\"')]}”’»›"
# A paragraph ending in one of these introduces or continues what follows.
OPEN_ENDINGS = ":;,–—-"
# Characters of code, JSON and tables, which prose does not use: `f(x)`,
# `a = b`, `snake_case`, `"key": "value"`, `│`.
CODE = re.compile(r"""[_{}=<>|│\\]|\w\(|::|["”]:\s*["“{\[\d]""")
FIRST_WORD = re.compile(r"[^\W\d_]+")
# Words that title case capitalises: short ones (`of`, `the`, `and`) are
# left out, since style guides differ on them.
TITLE_WORD = re.compile(r"[^\W\d_]{4,}")


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """A case-folded word list from `data/function_words.yaml`."""
    text = resources.files("newslint.rules").joinpath("data/function_words.yaml").read_text("utf-8")
    words = yaml.load(text, Loader=SAFE_LOADER)[name]
    return frozenset(word.casefold() for word in words)


def consecutive_runs(indexes: Iterable[int]) -> list[list[int]]:
    """Split sorted indexes into runs of consecutive ones: [1, 2, 5] gives
    [[1, 2], [5]]."""
    return [[index for _, index in group]
            for _, group in groupby(enumerate(indexes), key=lambda pair: pair[1] - pair[0])]


def next_paragraph(doc: Document, paragraph: Paragraph) -> Paragraph | None:
    following = paragraph.index + 1
    return doc.paragraphs[following] if following < len(doc.paragraphs) else None


def is_heading(paragraph: Paragraph) -> bool:
    """A heading, title or label line: not a list item, short, no
    sentence-final punctuation, starting with a capital, and not ending in a
    colon or comma (`Here is how:` introduces what follows; it does not start
    a new section)."""
    body = paragraph.body
    return (not paragraph.is_list_item and paragraph.is_title_like and body[:1].isupper()
            and body.rstrip(CLOSERS)[-1:] not in OPEN_ENDINGS)


def looks_like_code(paragraph: Paragraph) -> bool:
    return bool(CODE.search(paragraph.text))


def is_credit(paragraph: Paragraph) -> bool:
    """A byline or a photo credit: `By Jane Doe`, `Photo: Reuters`, `© AP`."""
    if "©" in paragraph.text:
        return True
    first_word = FIRST_WORD.match(paragraph.body)
    return bool(first_word) and first_word.group().casefold() in word_list("credit_openers")


def is_prose(paragraph: Paragraph, min_words: int = 8) -> bool:
    """A sentence-like paragraph of running text, not a label or a heading."""
    return paragraph.word_count >= min_words and paragraph.ends_sentence


def is_title_case(text: str) -> bool:
    """Headline style: (nearly) every word of four letters or more is
    capitalised, `Why Doesn't Trump Just Take the Deal?`."""
    long_words = TITLE_WORD.findall(text)
    capitalised = sum(word[0].isupper() for word in long_words)
    return len(long_words) >= 2 and capitalised >= 0.8 * len(long_words)


def delete_lines(doc: Document, first: int, last: int, message: str, *, safe: bool) -> Fix:
    """Delete lines `first`..`last` (1-based) with the blank lines that
    separate them from the next text, so no gap is left behind; at the end of
    the text, the line break before them goes instead."""
    lines = doc.lines
    following = next((line for line in lines[last:] if not line.is_blank), None)
    if following is not None:
        return Fix.delete(lines[first - 1].start, following.start, message, safe=safe)
    preceding = next((line for line in reversed(lines[:first - 1]) if not line.is_blank), None)
    return Fix.delete(preceding.end if preceding else 0, lines[last - 1].end, message, safe=safe)
