"""CAS001: proper nouns written in lower case."""
from newslint.model import Fix, Hit
from newslint.rule import rule
from newslint.rules._casing import proper_nouns


@rule("CAS001", "lowercase-proper-noun", category="casing", fix="safe", languages=("en",))
def check(doc, options):
    """Flags a proper noun written in lower case: `russia`, `putin`, `united States`.

    ## What it does
    Flags a lower-case word that is a proper noun, known either from a gazetteer
    of countries, nationalities, major places, institutions and multi-word names
    (`ukraine`, `european`, `kremlin`, `united States`, `World war II`), or from
    the document itself, which writes the word capitalised, on its own and in
    mid-sentence, clearly more often than in lower case (`putin` beside
    `Putin`). Sentence-initial capitals and words in longer names (`Air Force`,
    `Defense Ministry`) are no evidence; words that are common in lower case
    need more of it, and common English words (`price`, `army`) are never names
    on the document's evidence alone. Tags, URLs, handles, code and set phrases
    (`french fries`) are left alone. English documents only.

    ## Why is this bad?
    Lower-cased names come from careless rewriting, spinning and broken
    scraping; they make text look machine-made and break name matching
    downstream. The fix is safe: the name's capitals come from the gazetteer or
    from the document itself.

    ## Example
    `In 2014, russia annexed Crimea` becomes `In 2014, Russia annexed Crimea`.
    """
    for _, noun in sorted(proper_nouns(doc).items()):  # by offset: the same order in every process
        written = doc.text[noun.start:noun.end]
        source = f"written `{noun.replacement}` {noun.evidence} times elsewhere" if noun.evidence else "a known name"
        yield Hit(noun.start, noun.end, f"Lower-case proper noun `{written}` ({source}): write `{noun.replacement}`",
                  Fix.replace(noun.start, noun.end, noun.replacement, f"Capitalise `{noun.replacement}`", safe=True))
