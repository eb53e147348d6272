"""Language identification: a cheap stopword vote first, langdetect only when
the vote is unsure, and then only on a bounded sample.

langdetect runs at about 40 documents a second on whole documents; the
stopword vote is one dictionary lookup per token over at most SAMPLE_TOKENS.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib import resources
from itertools import chain
from typing import Iterable

SAMPLE_TOKENS = 400
SAMPLE_CHARS = 2000
MIN_VOTES = 4  # stopwords needed before the vote is trusted
MARGIN = 1.5  # the winner needs this many times the runner-up's votes
MIN_PROBABILITY = 0.80


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    import yaml  # not at import time: start-up

    from .packs import SAFE_LOADER

    text = resources.files("newslint").joinpath("data/stopwords.yaml").read_text("utf-8")
    table = yaml.load(text, Loader=SAFE_LOADER)
    return {language: frozenset(words) for language, words in table.items()}


@lru_cache(maxsize=1)
def _languages_of() -> dict[str, tuple[str, ...]]:
    """word -> the languages it is a stopword of, in the table's order: the
    vote is then one dictionary lookup per word."""
    languages_of: dict[str, tuple[str, ...]] = {}
    for language, words in stopwords().items():
        for word in words:
            languages_of[word] = languages_of.get(word, ()) + (language,)
    return languages_of


def vote(words: Iterable[str]) -> tuple[str | None, int]:
    """(language, votes) from stopword counts, or (None, votes) when unsure."""
    found = filter(None, map(_languages_of().get, map(str.casefold, words)))
    counts: Counter[str] = Counter(chain.from_iterable(found))
    ranked = counts.most_common(2)
    if not ranked:
        return None, 0
    best, votes = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return (best if votes >= MIN_VOTES and votes >= MARGIN * runner_up else None), votes


def langdetect_guess(text: str, min_probability: float = MIN_PROBABILITY,
                     max_chars: int = SAMPLE_CHARS) -> str | None:
    """langdetect's language for the first `max_chars` of `text`, or None
    when it is less sure than `min_probability`. The seed is fixed so that
    results repeat."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        best = detect_langs(text[:max_chars])[0]
    except LangDetectException:
        return None
    return best.lang if best.prob >= min_probability else None


def identify(text: str, words: Iterable[str]) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    language, votes = vote(words)
    if language is not None:
        return language
    return langdetect_guess(text) if len(text) >= 40 else None
