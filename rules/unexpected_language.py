from __future__ import annotations

from typing import Iterator

from newslint.document import Document
from newslint.model import Hit
from newslint.rule import rule

from ._languages import language_name


@rule("LNG002", "unexpected-document-language", category="language", options={"languages": []})
def check(doc: Document, options: dict) -> Iterator[Hit]:
    """Flags a document whose language is not one of the configured languages.

    ## What it does
    Flags a document identified as being in a language that is not in the
    `languages` option (ISO 639-1 codes, e.g. `[en]`; `zh` accepts
    langdetect's `zh-cn` and `zh-tw`). The diagnostic sits
    on the first paragraph and names the language found. With `languages`
    empty (the default) every language is accepted and the rule reports
    nothing: set the option to use it,

    ```yaml
    rule-options:
      unexpected-document-language: {languages: [en, de]}
    ```

    The language is the document's (`Document.language`): a stopword vote
    over its first 400 words, and langdetect on a bounded sample when the
    vote is unsure. A document too short to identify is not flagged.

    ## Why is this bad?
    A corpus built for one language collects pages in others: a site's
    other editions, syndicated copies, a language switcher that pointed the
    crawler elsewhere. They are noise for a model trained on the corpus's
    language, and every other rule is tuned to the expected languages.

    ## Example
    With `languages: [en]`, a document that starts
    `Die Bundesregierung hat am Mittwoch beschlossen, dass ...` is flagged:
    `Document is in German (de), not in the configured languages: en`.
    """
    configured = options["languages"]
    expected = [code.lower() for code in ([configured] if isinstance(configured, str) else configured)]
    found = doc.language
    # langdetect names Chinese `zh-cn` / `zh-tw`: `zh` accepts both.
    if not expected or found is None or not doc.paragraphs or {found, found.split("-")[0]} & set(expected):
        return
    first = doc.paragraphs[0]
    yield Hit(first.start, first.end,
              f"Document is in {language_name(found)}, not in the configured languages: {', '.join(expected)}")
