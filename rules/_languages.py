"""Helpers shared by the language rules (LNG001, LNG002): language names for
messages, and langdetect with a confidence on one bounded piece of text."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

# langdetect's cost grows with the text; a paragraph's first characters
# decide its language as well as the whole paragraph does.
DETECT_CHARS = 600


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    text = resources.files("newslint.rules").joinpath("data/language_names.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def language_name(code: str) -> str:
    """`German (de)` for `de`; the bare code for a language without a name."""
    name = _names().get(code)
    return f"{name} ({code})" if name else code


def detect(text: str, min_probability: float) -> str | None:
    """langdetect's language for `text`, or None when it is less sure than
    `min_probability`. The seed is fixed so that results repeat."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        best = detect_langs(text[:DETECT_CHARS])[0]
    except LangDetectException:
        return None
    return best.lang if best.prob >= min_probability else None
