"""SPC001: a comma, full stop, semicolon or colon glued to the next word."""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from newslint.document import Document
from newslint.model import Fix, Hit
from newslint.rule import rule
from newslint.rules._text import token_span

LETTERS = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
# A mark right before a letter: the cheap first pass. The words around it are
# read only for these few places.
MARK = re.compile(r"[,.;:](?=[^\W\d_])")
WORD_BEFORE = re.compile(rf"(?<![\w'’]){LETTERS}$")
WORD_AFTER = re.compile(rf"{LETTERS}(?!\w)")
# A join of two letters: a token with two of these (`red,green,blue`,
# `display:none;width`, `cs.LG`) is a CSV row, style rule or identifier.
LETTER_JOIN = re.compile(r"[^\W\d_][,.;:][^\W\d_]")
# Marks of URLs, e-mail addresses, code and markup inside a token.
CODE_SIGNS = re.compile(r"://|www\.|[=<>{}/\\@#%_|&^~+]|\w\(|\)\w")
# A token is at most this long on either side of the join: keeps the check linear.
TOKEN_REACH = 80


def _is_camel(word: str) -> bool:
    return any(c.isupper() for c in word[1:])


def _words_fit(left: str, mark: str, right: str, colon: bool) -> bool:
    """Whether the two words look like prose missing a space, by the mark:
    `training,but`, `failed;the`, `assistance.Access`, `Published:Tuesday`."""
    if len(left) < 2 or not left[-1].islower() or _is_camel(left) or _is_camel(right):
        return False
    if mark == ".":
        # `assistance.Access`; not `node.js`, `example.com` (lower case after
        # the dot), nor `Dropbox.Tech`, `Mr.Smith` (product names and titles).
        return left.islower() and len(right) >= 2 and right[0].isupper()
    if mark == ":":
        # `Published:Tuesday`; not `about:addons`, `re:Invent`, `Nutzer:innen`.
        return colon and left[0].isupper() and len(right) >= 2 and right[0].isupper()
    return True


class Join(NamedTuple):
    start: int
    mark: int  # offset of the punctuation mark
    end: int


def _join_at(text: str, mark: int, colon: bool) -> Join | None:
    """The two words around the mark at `mark`, if they look like prose."""
    left = WORD_BEFORE.search(text, max(0, mark - TOKEN_REACH), mark)
    right = WORD_AFTER.match(text, mark + 1, mark + 1 + TOKEN_REACH)
    if left is None or right is None or not _words_fit(left.group(), text[mark], right.group(), colon):
        return None
    low, high = token_span(text, left.start(), right.end(), TOKEN_REACH)
    token = text[low:high]
    if CODE_SIGNS.search(token) or len(LETTER_JOIN.findall(token)) > 1:
        return None
    return Join(left.start(), mark, right.end())


def _find(doc: Document, colon: bool) -> Iterator[Join]:
    for match in MARK.finditer(doc.text):
        join = _join_at(doc.text, match.start(), colon)
        if join is not None:
            yield join


@rule("SPC001", "missing-space", category="spacing", fix="safe", options={"colon": False})
def check(doc: Document, options: dict) -> Iterator[Hit]:
    """Flags a comma, full stop or semicolon with no space before the next word.

    ## What it does
    Flags two words joined by punctuation with no space after it:
    `unsuccessful,with`, `assistance.Access`, `failed;the`. The fix inserts
    the space.

    Left alone, because the joined text is not prose: numbers (`3.5`,
    `1,000`, `10:30`), domains, file names and identifiers, where the word
    after the dot is lower case (`example.com`, `node.js`, `report.pdf`,
    `obj.method`) or the word before it is capitalised (`Dropbox.Tech`,
    `Xamarin.Android`); abbreviations and initials (`U.S.`, `e.g.`, `Ph.D.`,
    `a.m.`); camelCase words; tokens with URL, e-mail or code characters
    (`www.bbc.co.uk`, `jane.doe@example.com`, `f(a,b)`, `display:none`);
    tokens with two or more joins (`red,green,blue`, `cs.LG`). `Mr.Smith`
    is not flagged: a capitalised word before a dot is as often a product
    name as a title.

    Colons are checked only with the option `colon: true` (in config:
    `rule-options: {SPC001: {colon: true}}`), and then only
    between two capitalised words (`Published:Tuesday`): without a space a
    colon is more often part of a name than a typo (`about:addons`,
    `re:Invent`, `Category:Politics`, `Halo:Reach`, the German gender colon
    `Nutzer:innen`), and the labels that do lack the space are mostly page
    chrome.

    ## Why is this bad?
    The missing space usually marks two text nodes that the scraper joined,
    or a typo. Tokenizers read `training,but` as one word, so it is lost to
    search and counts as an unknown word in a language model's vocabulary.

    ## Example
    `NATO has provided military aid and training,but has refrained` becomes
    `training, but`.
    """
    text = doc.text
    for join in _find(doc, options["colon"]):
        mark = text[join.mark]
        yield Hit(join.start, join.end, f"Missing space after `{mark}` in `{text[join.start:join.end]}`",
                  Fix.replace(join.mark, join.mark + 1, f"{mark} ", f"Insert a space after `{mark}`", safe=True))
