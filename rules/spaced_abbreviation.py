"""SPC002: an abbreviation such as `U.S.` written with spaces, `U. S.`."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Iterator

import yaml

from newslint.document import Document
from newslint.model import Fix, Hit
from newslint.packs import SAFE_LOADER
from newslint.rule import rule

SPACES = r"[ \u00a0]+"
INSIDE_WORD = re.compile(r"[\w.]")
INITIAL_BEFORE = re.compile(rf"[A-Z]\.{SPACES}$")
INITIAL_AFTER = re.compile(rf"{SPACES}[A-Z]\.")


@lru_cache(maxsize=1)
def spaced_forms() -> tuple[re.Pattern, dict[str, str]]:
    """(pattern, compact form by spaced form) for the abbreviations of
    `data/spacing_abbreviations.yaml`."""
    text = resources.files("newslint.rules").joinpath("data/spacing_abbreviations.yaml").read_text("utf-8")
    compact_forms = yaml.load(text, Loader=SAFE_LOADER)["abbreviations"]
    spaced = {" ".join(f"{part}." for part in form.rstrip(".").split(".")): form for form in compact_forms}
    body = "|".join(SPACES.join(map(re.escape, form.split(" ")))
                    for form in sorted(spaced, key=len, reverse=True))
    return re.compile(body), spaced


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Not inside a word or a longer run of initials (`J. U. S. Smith`,
    `U. K. R. Rao`). Checked in Python rather than with lookbehinds, which
    would cost the pattern its fast literal search."""
    return (not INSIDE_WORD.match(text[start - 1:start])
            and not INITIAL_BEFORE.search(text, max(0, start - 4), start)
            and not INSIDE_WORD.match(text, end) and not INITIAL_AFTER.match(text, end))


# English only: Spanish writes `a. m.` and `EE. UU.` with spaces on purpose.
@rule("SPC002", "spaced-abbreviation", category="spacing", fix="safe", languages=("en",))
def check(doc: Document, options: dict) -> Iterator[Hit]:
    """Flags an abbreviation written with spaces between its letters, such as `U. S.`.

    ## What it does
    Flags `U. S.`, `U. K.`, `E. U.`, `U. N.`, `a. m.`, `e. g.`, `Ph. D.` and
    the other abbreviations listed in `data/spacing_abbreviations.yaml`, and
    offers the compact form (`U.S.`). Matching is case-sensitive, and a run
    of more initials around it (`J. U. S. Smith`) is left alone, so people's
    initials (`J. R. R. Tolkien`, `George W. Bush`, `A. M. Homes`) are not
    flagged. The rule runs on English text only: Spanish style writes
    `a. m.` and `EE. UU.` with spaces.

    ## Why is this bad?
    The spaced form is a wire-service or OCR artefact. It splits one token
    into two, breaks search and entity matching (`U. S.` does not match
    `U.S.`), and trips sentence splitters, which see `U.` as the end of a
    sentence.

    ## Example
    `while U. S. and NATO officials discussed` becomes `while U.S. and NATO
    officials discussed`.
    """
    pattern, compact = spaced_forms()
    for match in pattern.finditer(doc.text):
        if not _stands_alone(doc.text, match.start(), match.end()):
            continue
        found = match.group()
        term = compact[re.sub(SPACES, " ", found)]
        yield Hit(match.start(), match.end(), f"Spaced abbreviation `{found}`: write `{term}`",
                  Fix.replace(match.start(), match.end(), term, f"Write `{term}`", safe=True))
