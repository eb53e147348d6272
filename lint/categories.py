"""The categories rules belong to. A category is engine vocabulary: reporters
use it for tags and colours, and the runner uses `REMOVAL` to avoid piling
diagnostics on text that is already reported for removal."""

CATEGORIES = {
    "duplication": "text repeated within a document or across a corpus",
    "chrome": "site furniture: navigation, bylines, widgets, notices",
    "casing": "capitalisation errors",
    "prompt": "orphaned questions and reader-engagement prompts",
    "truncation": "text cut off mid-sentence",
    "spacing": "missing or doubled spaces",
    "encoding": "mojibake, replacement characters, leftover entities",
    "markup": "leftover tags, shortcodes and template syntax",
    "structure": "flattened tables and SEO callouts",
    "consistency": "one name spelled two ways",
    "language": "text in an unexpected language",
}

# Diagnostics of these categories say "remove this text" (for markup: a
# leftover tag). Other diagnostics that lie wholly inside such a span are
# dropped: fixing the casing of a duplicated copy or of a chrome line is
# pointless, and one defect should give one diagnostic.
REMOVAL = frozenset({"duplication", "chrome", "markup"})
