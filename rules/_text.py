"""Small text helpers shared by rules of several families."""
from __future__ import annotations


def token_span(text: str, start: int, end: int, reach: int) -> tuple[int, int]:
    """The whitespace-delimited token around text[start:end], extended by at
    most `reach` characters on either side so that a huge token (a URL, a
    base64 blob) cannot make a rule quadratic."""
    low = start
    while low > max(0, start - reach) and not text[low - 1].isspace():
        low -= 1
    high = end
    while high < min(len(text), end + reach) and not text[high].isspace():
        high += 1
    return low, high


def visible(text: str) -> str:
    """Text for a message, with invisible characters escaped: `\\x93`, `\\xa0`."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
