"""MKP001: HTML tags, comments and inline scripts left in the text."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Iterator, NamedTuple

import yaml

from newslint.document import Document
from newslint.model import Hit
from newslint.packs import SAFE_LOADER
from newslint.rule import rule
from newslint.rules._markup import closing_tags, is_quoted, markup_hits, shorten

# An element tag. The attributes are taken possessively (`*+`): a lazy `*?`
# followed by `\s*` would re-read a long run of spaces once per space.
TAG = (r"<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9]*)"
       r"(?P<attributes>\s[^<>\n]*+)?\s*/?>")
MARKUP = re.compile(
    # A comment, perhaps cut off at the end of the line: `<!--.*?(?:-->|$)`,
    # with runs of plain characters taken whole, which reads a long comment
    # several times faster than one character at a time.
    r"<!--(?:[^\n-]++|-(?!->))*+(?:-->|$)"
    r"|<!DOCTYPE[^<>\n]*>"
    r"|<(?P<raw>script|style)\b[^<>\n]*>"  # an inline script: with its code when closed on the line
    rf"|{TAG}",
    re.IGNORECASE | re.MULTILINE)
TAG_ONLY = re.compile(TAG, re.IGNORECASE)
CLOSING_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9]*)[^\S\n]*>", re.IGNORECASE)
SCRIPT_END = re.compile(r"</(script|style)\s*>", re.IGNORECASE)
# The non-ASCII letters that `re.IGNORECASE` matches to ASCII letters in a
# literal name (see the `re` docs): folded alike, so that closing tags are
# found as the case-insensitive pattern `</name\s*>` found them.
LITERAL_FOLD = str.maketrans("İıſK", "iisk")
WORD_BEFORE = re.compile(r"(\w+)\s?$")
WORD_AFTER = re.compile(r"\s?(\w+)")


class Vocabulary(NamedTuple):
    structural: frozenset[str]
    worded: frozenset[str]
    mention_before: frozenset[str]
    mention_after: frozenset[str]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    text = resources.files("newslint.rules").joinpath("data/markup_elements.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=SAFE_LOADER)
    return Vocabulary(*(frozenset(word.casefold() for word in data[key]) for key in Vocabulary._fields))


def _is_mention(text: str, start: int, end: int, words: Vocabulary) -> bool:
    """`an <img> tag`, `the </div> element`, "`<br>`": a tag written about."""
    before = WORD_BEFORE.search(text, max(0, start - 20), start)
    after = WORD_AFTER.match(text, end)
    return (is_quoted(text, start, end)
            or (before is not None and before.group(1).casefold() in words.mention_before)
            or (after is not None and after.group(1).casefold() in words.mention_after))


def _is_comparison(text: str, match: re.Match) -> bool:
    """`a<b>c`: a one-letter bare tag between two letters is a comparison."""
    start, end = match.span()
    return (len(match["name"]) == 1 and not match["attributes"]
            and text[start - 1:start].isalnum() and text[end:end + 1].isalnum())


def _literal_fold(name: str) -> str:
    return name.translate(LITERAL_FOLD).lower()


def _backreference_fold(name: str) -> str:
    """As `(?P=raw)` compares under `re.IGNORECASE`: by each letter's simple lower case."""
    return name.replace("İ", "i").lower()


def _closes_on_line(doc: Document, match: re.Match) -> bool:
    return closing_tags(doc, CLOSING_TAG, _literal_fold).first_after(match["name"], match.end()) is not None


def _is_tag(doc: Document, match: re.Match, words: Vocabulary) -> bool:
    if match["name"] is None:
        return True  # a comment or doctype
    text = doc.text
    name = match["name"].casefold()
    if name not in words.structural and name not in words.worded:
        return False
    if "=" in (match["attributes"] or "") or not match["close"] and _closes_on_line(doc, match):
        return True  # attributes, or an element closed later on the line: markup, not a mention
    if _is_mention(text, match.start(), match.end(), words) or _is_comparison(text, match):
        return False
    return bool(match["close"]) or name in words.structural


def _describe(found: str) -> str:
    shown = shorten(found)
    if found.startswith("<!--"):
        return f"Leftover HTML comment `{shown}`"
    return f"Leftover HTML tag `{shown}`"


def _spans(doc: Document) -> Iterator[tuple[int, int]]:
    """Spans of the tags, comments and inline scripts, in text order. An
    inline script runs to its closing tag when that is on the same line;
    otherwise its opening tag is read as a tag, as if `.*?</script>` were
    the pattern (which would scan to the end of the line for each one)."""
    text, words = doc.text, vocabulary()
    position = 0
    while (found := MARKUP.search(text, position)) is not None:
        if found["raw"] is not None:
            end = closing_tags(doc, SCRIPT_END, _backreference_fold).first_after(found["raw"], found.end())
            if end is not None:
                yield found.start(), end[1]
                position = end[1]
                continue
            start, found = found.start(), TAG_ONLY.match(text, found.start())
            if found is None:
                position = start + 1
                continue
        if _is_tag(doc, found, words):
            yield found.span()
        position = found.end()


@rule("MKP001", "markup-tag", category="markup", fix="unsafe")
def check(doc: Document, options: dict) -> Iterator[Hit]:
    """Flags HTML tags, comments and inline scripts left in the text.

    ## What it does
    Flags tags of HTML elements (`<p>`, `</div>`, `<br/>`,
    `<a href="...">`), HTML comments, and inline `<script>`/`<style>`
    elements with their code. Only real element names count, so `a < b`,
    `x<5`, `<3`, `<-`, `List<String>`, `<your name>` and e-mail addresses or
    links in angle brackets (`<jane@example.com>`) are not flagged. Element
    names that are also English words (`<source>`, `<summary>`, `<title>`)
    need attributes, a closing tag, or their closing tag later on the line:
    `cp <source> <target>` is a placeholder. A tag that is being written about
    is left alone: `an <img> tag`, `the <div> element`, "`<br>`", as is
    `a<b>c`. The unsafe fix removes the tag, or the whole line when the line
    holds nothing else.

    ## Why is this bad?
    The scraper copied markup instead of text: escaped HTML in a comment
    section, tracking pixels in `<noscript>`, or a CMS field stored with its
    tags. Markup is noise in a text corpus and shows up verbatim to readers.

    ## Example
    `<p>The talks ended.</p>` has two leftover tags; the fix leaves
    `The talks ended.`
    """
    yield from markup_hits(doc, _spans(doc), _describe, "tag")
