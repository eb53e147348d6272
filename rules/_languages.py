"""Helpers shared by the language rules (LNG001, LNG002): language names for
messages, and how much of a paragraph langdetect reads."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from newslint.packs import SAFE_LOADER

# langdetect's cost grows with the text; a paragraph's first characters
# decide its language as well as the whole paragraph does.
DETECT_CHARS = 600


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    text = resources.files("newslint.rules").joinpath("data/language_names.yaml").read_text("utf-8")
    return yaml.load(text, Loader=SAFE_LOADER)


def language_name(code: str) -> str:
    """`German (de)` for `de`; the bare code for a language without a name."""
    name = _names().get(code)
    return f"{name} ({code})" if name else code
