"""ENC002: HTML character references left in the text (`&amp;`, `&#8217;`)."""
from __future__ import annotations

import html
import re
from html.entities import html5
from typing import Iterator

from newslint.document import Document
from newslint.model import Fix, Hit
from newslint.rule import rule
from newslint.rules._markup import is_quoted
from newslint.rules._text import visible

# A character reference, possibly escaped again (`&amp;#8217;`, `&amp;amp;`).
# The semicolon is required: `AT&T`, `R&D`, `&copy` without it are left alone.
REFERENCE = re.compile(r"&(?:amp;)*(?P<body>#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _is_reference(body: str) -> bool:
    if body.startswith("#"):
        digits = body[1:]
        code = int(digits[1:], 16) if digits[:1] in "xX" else int(digits)
        return 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
    return f"{body};" in html5


def _unescape_fully(reference: str) -> str:
    """Unescape until nothing changes: `&amp;#8217;` -> `&#8217;` -> `’`."""
    while True:
        unescaped = html.unescape(reference)
        if unescaped == reference:
            return unescaped
        reference = unescaped


@rule("ENC002", "html-entity", category="encoding", fix="safe")
def check(doc: Document, options: dict) -> Iterator[Hit]:
    """Flags HTML character references such as `&amp;` or `&#8217;` left in the text.

    ## What it does
    Flags named references that HTML defines (`&amp;`, `&nbsp;`, `&quot;`,
    `&percnt;`) and numeric ones (`&#8217;`, `&#x2019;`), also when escaped
    twice (`&amp;#8217;`), and replaces them with the character they stand
    for. A reference needs its closing semicolon: `AT&T`, `R&D`, `Q&A`, a
    lone `&`, `&copy` and `&word;` for a name HTML does not define are left
    alone, as is a reference in quotes or backticks (`"&nbsp;"`), which is
    being written about.

    ## Why is this bad?
    The scraper copied the HTML source instead of the text a browser shows:
    readers see `Q&amp;A` and `it&#8217;s`, and search and deduplication
    treat `&amp;` and `&` as different text.

    ## Example
    `Johnson &amp; Johnson said it&#8217;s` becomes `Johnson & Johnson said it’s`.
    """
    text = doc.text
    for match in REFERENCE.finditer(text):
        if not _is_reference(match["body"]) or is_quoted(text, match.start(), match.end()):
            continue
        found = match.group()
        character = _unescape_fully(found)
        shown = visible(character)
        yield Hit(match.start(), match.end(), f"HTML entity `{found}` left in the text: it stands for `{shown}`",
                  Fix.replace(match.start(), match.end(), character, f"Write `{shown}`", safe=True))
