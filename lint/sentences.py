"""A fast, rule-based sentence splitter for news prose.

It splits on terminal punctuation followed by whitespace, and refuses to split
after abbreviations (`Dr.`, `Jan.`, `U.S.`), initials and spaced abbreviations
(`U. S.`), after a lower-case continuation that follows a closing quote or an
ellipsis (`"Why?" he asked`), and inside numbers. The abbreviation list is data
(`data/abbreviations.txt`).

Why not pysbd or syntok: both are pure-Python tokenizers that run far below
one regex pass per document (see benchmarks/README.md), and newslint needs
only boundaries, not tokens.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Iterator

CANDIDATE = re.compile(r"""([.!?…]+)(["'”’»)\]]*)\s+(?=["'“‘«(\[]*(\S))""")
PREVIOUS_WORD = re.compile(r"(\S+)$")
WORD_WINDOW = 40  # look back this far for the word before a full stop: keeps splitting linear
INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """(never_final, maybe_final): abbreviations that never end a sentence
    (titles like `Dr`), and those that may (`etc`, `Inc`, `U.S`)."""
    never: set[str] = set()
    maybe: set[str] = set()
    text = resources.files("newslint").joinpath("data/abbreviations.txt").read_text("utf-8")
    target = never
    for raw in text.splitlines():
        line = raw.strip()
        if line == "[may-end-sentence]":
            target = maybe
        elif line and not line.startswith("#"):
            target.add(line.casefold())
    return frozenset(never), frozenset(maybe)


def is_boundary(text: str, match: re.Match, start: int) -> bool:
    terminal, closers, following = match.group(1), match.group(2), match.group(3)
    if following.islower() and (closers or terminal[-1] in "!?…" or terminal.endswith("...")):
        # "Why?" he asked. / "We will..." and then: a continuation, not a new sentence.
        return False
    if terminal != ".":
        return True
    word = PREVIOUS_WORD.search(text, max(start, match.start() - WORD_WINDOW), match.start())
    if word is None:
        return True
    previous = word.group(1).lstrip("\"'“‘«([").casefold()
    if INITIALS.fullmatch(previous) and len(previous.replace(".", "")) <= 3:
        # Initials and compact or spaced abbreviations: J. R. Tolkien, U. S., U.S.
        return following.isupper() and len(previous.replace(".", "")) > 1 and not closers
    never_final, maybe_final = abbreviations()
    if previous in never_final:
        return False
    if previous in maybe_final:
        return not following.islower()
    return True


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets of the sentences of text[start:end]."""
    sentence_start = start
    for match in CANDIDATE.finditer(text, start, end):
        if is_boundary(text, match, start):
            yield sentence_start, match.end(2)
            sentence_start = match.end()
    if sentence_start < end:
        yield sentence_start, end
