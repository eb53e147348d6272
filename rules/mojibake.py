"""ENC001: mojibake (`Ã©`, `â€™`) and U+FFFD replacement characters."""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterator

from newslint.document import Document
from newslint.model import Fix, Hit
from newslint.rule import rule
from newslint.rules._text import token_span, visible

REPLACEMENT = "\ufffd"
# UTF-8 read as Latin-1 or Windows-1252 turns each multi-byte character into
# a lead character (bytes C2-F4) and one or more continuation characters
# (bytes 80-BF). Both sets are derived from the codecs, not typed in.
LEADS = bytes(range(0xC2, 0xF5)).decode("latin-1")
CONTINUATIONS = "".join(sorted(set(bytes(range(0x80, 0xC0)).decode("latin-1"))
                               | set(bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore"))))
C1_CONTROLS = "\x80-\x9f"  # invisible; in text they are bytes decoded with the wrong codec
CONTINUATION_CLASS = f"[{re.escape(CONTINUATIONS)}]"
# Cheap gate: only text this matches is handed to ftfy, which is ~15x slower
# than a regex pass. It also matches correct text such as `é»` or `ä` before a
# soft hyphen; ftfy decides.
# (Written with one leading class, which the regex engine scans for quickly.)
SUSPECT = re.compile(f"[{re.escape(LEADS)}{C1_CONTROLS}{REPLACEMENT}]"
                     f"(?:(?<=[{C1_CONTROLS}{REPLACEMENT}])|{CONTINUATION_CLASS})")
# Sequences that are broken even when ftfy finds no repair: `â€` starts every
# mojibake quote and dash, `Ã`/`Â` + continuation never occur in real words.
BROKEN = re.compile(f"â€|[ÂÃ]{CONTINUATION_CLASS}|[{C1_CONTROLS}]")
REPLACEMENT_RUN = re.compile(f"{REPLACEMENT}+")
# A mojibake word is repaired as a whole; this bounds how far the word may
# reach on either side, so that a long token cannot make the rule slow.
WORD_REACH = 40


@lru_cache(maxsize=1)
def _ftfy_config():
    """ftfy restricted to encoding repairs: no HTML unescaping (ENC002 does
    that), no quote uncurling, width or Unicode normalisation."""
    from ftfy import TextFixerConfig

    return TextFixerConfig(unescape_html=False, remove_terminal_escapes=False, fix_encoding=True,
                           restore_byte_a0=True, replace_lossy_sequences=False,
                           decode_inconsistent_utf8=True, fix_c1_controls=True,
                           fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False,
                           fix_line_breaks=False, fix_surrogates=False, remove_control_chars=False,
                           normalization=None, explain=True)


def _repair(word: str) -> tuple[str, bool]:
    """(ftfy's repair of `word`, whether it is confident). A `transcode` step
    (e.g. restoring a no-break space that the scraper turned into a space)
    is a guess, not a plain re-decoding."""
    from ftfy import fix_and_explain

    result = fix_and_explain(word, config=_ftfy_config())
    return result.text, all(step[0] != "transcode" for step in result.explanation or ())


def _changed_parts(before: str, after: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for each part of `before` that `after`
    changes: `Ã©tÃ©` -> `été` gives two parts. A deletion is widened to the
    next (or previous) character, as `Â´` -> `´` reads better than deleting `Â`."""
    parts = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, low, high, new_low, new_high in matcher.get_opcodes():
        if tag == "equal":
            continue
        if new_low == new_high and high < len(before):
            high, new_high = high + 1, new_high + 1
        elif new_low == new_high and low > 0:
            low, new_low = low - 1, new_low - 1
        parts.append((low, high, after[new_low:new_high]))
    return parts


def _diagnose_word(text: str, start: int, end: int) -> Iterator[Hit]:
    word = text[start:end]
    for run in REPLACEMENT_RUN.finditer(word):
        yield Hit(start + run.start(), start + run.end(),
                  "Replacement character U+FFFD: the original character was lost in decoding")
    repaired, confident = _repair(word)
    parts = _changed_parts(word, repaired) if repaired != word else []
    for low, high, replacement in parts:
        broken = word[low:high]
        if REPLACEMENT in broken + replacement:
            continue  # lost bytes: reported above, nothing to restore
        fix = Fix.replace(start + low, start + high, replacement, f"Write `{visible(replacement)}`", safe=True) \
            if confident else None
        reading = f": it should read `{visible(replacement)}`" if confident else ""
        yield Hit(start + low, start + high, f"Mojibake `{visible(broken)}`{reading}", fix)
    for match in BROKEN.finditer(word):
        if not any(low < match.end() and match.start() < high for low, high, _ in parts):
            yield Hit(start + match.start(), start + match.end(),  # what ftfy could not repair
                      f"Mojibake `{visible(match.group())}`: text decoded with the wrong encoding, "
                      "no confident repair")


@rule("ENC001", "mojibake", category="encoding", fix="sometimes")
def check(doc: Document, options: dict) -> Iterator[Hit]:
    """Flags mojibake such as `Ã©` or `â€™`, and U+FFFD replacement characters.

    ## What it does
    Flags text that was encoded as UTF-8 and decoded as Latin-1 or
    Windows-1252 (`cafÃ©`, `Itâ€™s`, `â€œ`, `Ã¼ber`, also double-encoded
    `ÃƒÂ¶`), stray C1 control characters, and U+FFFD replacement characters.
    A cheap pattern picks out the suspect words; ftfy decides whether each
    one is broken and how to repair it. When ftfy's repair is a plain
    re-decoding, the fix replaces just the broken characters (`Ã©` -> `é`).
    When it has to guess (a lost byte, a no-break space turned into a space),
    or when nothing can be restored (U+FFFD), the diagnostic has no fix.

    Correct text with accents next to punctuation (`café »`, `Rivière–`) is
    not flagged: ftfy leaves it alone. Mojibake of other encodings
    (Mac Roman `caf√©`, Windows-1251 `РџСЂ`) is not looked for.

    ## Why is this bad?
    Mojibake and replacement characters are visible garbage in the text,
    break tokenisation and search (`cafÃ©` does not match `café`), and mark a
    page whose encoding was guessed wrong.

    ## Example
    `The cafÃ© said itâ€™s closed` becomes `The café said it’s closed`.
    """
    text = doc.text
    checked_until = 0
    for match in SUSPECT.finditer(text):
        if match.start() < checked_until:
            continue
        start, end = token_span(text, match.start(), match.end(), WORD_REACH)
        checked_until = end
        yield from _diagnose_word(text, start, end)
