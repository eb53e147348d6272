"""MKP002: WordPress shortcodes and BBCode left in the text (`[caption id=...]`)."""
from __future__ import annotations

import re
from typing import Iterator

from newslint.document import Document
from newslint.model import Hit
from newslint.rule import rule
from newslint.rules._markup import closing_tags, markup_hits, shorten

NAME = r"[A-Za-z][\w-]*"
# WordPress turns the quotes of a shortcode into typographic ones: id=”a”.
VALUE = r"""(?:["'“”″][^"'“”″\]\n]*["'“”″]|[^\s"'\]]+)"""
# An unquoted value may hold `[`, so that one opening tag's attributes can
# hold the next tag's start; a bound on their number keeps a line of such
# chained tags linear.
MAX_ATTRIBUTES = 50
SHORTCODE = re.compile(
    # opening with attributes: [caption id="x" width="300"]
    rf"\[{NAME}(?:\s+[\w-]+={VALUE}){{1,{MAX_ATTRIBUTES}}}\s*/?\]"
    rf"|\[/{NAME}\]"  # closing: [/caption]
    # bare or BBCode opening, which counts only when closed later on the line: [embed]...[/embed], [url=...]...[/url]
    rf"|\[(?P<bare>{NAME})(?:={VALUE})?\]")
CLOSING = re.compile(rf"\[/({NAME})\]")


def _spans(doc: Document) -> Iterator[tuple[int, int]]:
    """Spans of the shortcodes, in text order. A bare opening tag not closed
    later on its line is passed over, as if the pattern ended in the
    lookahead `(?=[^\\n]*\\[/(?P=bare)\\])` (which would scan to the end of the
    line for each one)."""
    position = 0
    while (found := SHORTCODE.search(doc.text, position)) is not None:
        if found["bare"] is None or closing_tags(doc, CLOSING).first_after(found["bare"], found.end()):
            yield found.span()
            position = found.end()
        else:
            position = found.start() + 1


def _describe(found: str) -> str:
    return f"Leftover shortcode `{shorten(found)}`"


@rule("MKP002", "markup-shortcode", category="markup", fix="unsafe")
def check(doc: Document, options: dict) -> Iterator[Hit]:
    """Flags WordPress shortcodes and BBCode left in the text.

    ## What it does
    Flags shortcode tags such as `[caption id="attachment_12" width="300"]`,
    `[/caption]`, `[gallery ids="1,2,3"]` and BBCode such as
    `[url=https://...]...[/url]` or `[b]...[/b]`. An opening tag counts when
    it has `name=value` attributes or its closing tag follows on the same
    line, so editorial brackets (`[it]`, `[sic]`, `[and]`), citations (`[1]`)
    and Markdown links (`[text](url)`) are not flagged. The unsafe fix removes
    the tags and keeps the text between them (a caption is often real text),
    or removes the whole line when it holds only tags.

    ## Why is this bad?
    Shortcodes are instructions to the CMS that the scraper read from the
    database or the page source instead of the rendered page. They are noise
    in a text corpus and show up verbatim to readers.

    ## Example
    `[caption id="attachment_7" align="alignleft"]The minister in Kyiv.[/caption]`
    has two leftover shortcode tags; the fix leaves `The minister in Kyiv.`
    """
    yield from markup_hits(doc, _spans(doc), _describe, "shortcode")
