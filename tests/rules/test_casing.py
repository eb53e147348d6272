"""Casing rules: CAS001 lowercase-proper-noun and CAS002 lowercase-start
(rules/lowercase_proper_noun.py, rules/lowercase_start.py, rules/_casing.py)."""
from __future__ import annotations

import json
from functools import cache

import pytest

from conftest import SEEDS, require_corpus
from newslint.config import Config
from newslint.document import Document
from newslint.registry import all_rules, select
from newslint.runner import lint_text


@cache
def casing_rules():
    return select(all_rules(), select=["CAS"])


def lint(text: str):
    return lint_text(text, casing_rules(), Config())


def found(text: str) -> list[tuple[str, str]]:
    """(code, flagged text) of every casing diagnostic."""
    return [(d.code, text[d.offset:d.end_offset]) for d in lint(text)]


def silent(text: str) -> bool:
    """No casing diagnostic on an English text (the rules skip other languages,
    so a near miss must be English to test anything)."""
    assert Document(text).language == "en"
    return found(text) == []


def fixes(text: str) -> list[str]:
    return [edit.content for d in lint(text) for edit in d.fix.edits]


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# -- seeds ------------------------------------------------------------------------
def test_seed_002_casing_defects():
    text = seed("002")
    diagnostics = [(d.start.line, d.code, text[d.offset:d.end_offset]) for d in lint(text)]
    # Line 5, `by James Carter Senior News Editor`, is a byline: the chrome rule's,
    # and the runner drops casing diagnostics inside it in a full run.
    assert [d for d in diagnostics if d[0] != 5] == [
        (11, "CAS001", "putin"), (21, "CAS001", "World war II"), (30, "CAS001", "united States"),
        (36, "CAS001", "zelenskyy"), (42, "CAS001", "russia"), (46, "CAS001", "ukraine"),
        (49, "CAS002", "what"), (50, "CAS002", "the"), (64, "CAS001", "trump"),
        (68, "CAS002", "initial"), (70, "CAS001", "european"), (72, "CAS001", "kremlin"),
        (82, "CAS001", "ukraine"), (83, "CAS001", "ukraine"), (85, "CAS001", "ukrainian"),
        (87, "CAS001", "crimea"), (97, "CAS001", "ukraine"), (105, "CAS002", "shift"),
        (107, "CAS001", "european"), (111, "CAS001", "france"),
    ]


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_clean_seeds_have_no_casing_diagnostics(prefix):
    # 004 has `NATO supreme Allied commander`, `Defense Ministry` beside
    # `defense official`, `Air Force` beside `air support`, and `U. S. would`.
    assert silent(seed(prefix))


# -- CAS001: the gazetteer ---------------------------------------------------------
@pytest.mark.parametrize("text, expected, fix", [
    ("In 2014, russia annexed Crimea and backed separatists in the east.", "russia", "Russia"),
    ("The demilitarization of ukraine’s army was one of the demands made.", "ukraine", "Ukraine"),
    ("Thousands of ukrainians fled to Poland and to the rest of the region.", "ukrainians", "Ukrainians"),
    ("The kremlin has so far refrained from an outright rejection of the plan.", "kremlin", "Kremlin"),
    ("The accords were brokered by france and Germany in the spring.", "france", "France"),
    ("He said that the talks would resume on monday in the Swiss capital.", "monday", "Monday"),
    ("Mediators include the united States and several others, he said.", "united States", "United States"),
    ("Millions were displaced in Europe during World war II and after it.", "World war II", "World War II"),
    # One diagnostic for the whole name, not another for `european`.
    ("The european union imposed sanctions on the regime last year.", "european union", "European Union"),
    # The longest name wins.
    ("The mayor of new york city said that the plan was on track.", "new york city", "New York City"),
])
def test_known_names_in_lower_case_are_flagged(text, expected, fix):
    assert found(text) == [("CAS001", expected)]
    assert fixes(text) == [fix]


@pytest.mark.parametrize("text", [
    "Visit ukraine.gov.ua or follow @ukraine and #russia for updates from the region.",
    "The children ate french fries and swiss chard with their dinner at the table.",
    "He bought a dutch oven, and they agreed to go dutch on the bill at the restaurant.",
    "The report was filed in Kyiv.\nTags: ukraine, russia, war, peace\nIt was read widely.",
    # China, turkey and polish are ordinary words in lower case.
    "They served turkey on fine china and used polish on the silver for the holiday.",
    # Titles: the words are capitalised.
    "The UNITED STATES and the United Kingdom signed the accord on Friday.",
])
def test_known_names_that_are_not_lower_case_prose_are_left_alone(text):
    assert silent(text)


def test_documents_in_other_languages_are_not_checked():
    text = "Les paris sportifs sont ouverts pour la finale, et les parieurs sont nombreux dans la ville."
    assert Document(text).language == "fr"
    assert found(text) == []


# -- CAS001: evidence from the document --------------------------------------------
VARNHOLT = ("Chancellor Varnholt met the press in Berlin. Officials said Varnholt would travel to "
            "Kyiv, and aides confirmed that Varnholt had agreed. Later, varnholt declined to comment.")


def test_a_name_capitalised_elsewhere_in_mid_sentence_is_flagged():
    assert found(VARNHOLT) == [("CAS001", "varnholt")]
    assert fixes(VARNHOLT) == ["Varnholt"]


def test_one_capitalised_occurrence_is_not_evidence_enough():
    text = VARNHOLT.replace("that Varnholt had agreed", "that he had agreed")
    assert silent(text)


TRUMP = ("Talks were held on Friday. This comes as Trump suggests a deal, and critics of "
         "Trump say little. {third}Officials met again, and trump’s aides said nothing more.")


def test_a_frequent_word_needs_more_evidence():
    # `trump` is common in lower case (wordfreq): two standalone capitals are not enough...
    assert silent(TRUMP.format(third=""))
    # ... three are.
    assert found(TRUMP.format(third="A Trump adviser agreed. ")) == [("CAS001", "trump")]


def test_a_common_english_word_is_never_a_name_on_evidence_alone():
    text = ("Officials said Price would travel, and aides said Price had agreed, while critics of "
            "Price said Price was wrong. Later, price rises were announced for the spring.")
    assert silent(text)


APPLE = "Sales rose as {0} grew, {1} hired more staff and {2} spent more, but {3} juice sold best."


def test_a_name_like_word_is_flagged_on_standalone_evidence():
    # `apple` is as frequent in French, Spanish, Italian and Portuguese as in
    # English (a name), unlike `army` or `price`.
    assert found(APPLE.format("Apple", "Apple", "Apple", "apple")) == [("CAS001", "apple")]


@pytest.mark.parametrize("text", [
    # Inside longer names: no evidence.
    APPLE.format("Apple Music", "Apple Watch", "Apple Pay", "apple"),
    # Sentence-initial capitals: no evidence.
    "Apple grew in the year. Apple hired more staff for the shops. Apple spent more on the ads. "
    "Yet apple juice sold best of all.",
    # After a determiner the lower-case word is a common noun.
    APPLE.format("Apple", "Apple", "Apple", "an apple and orange"),
    # Lower case before a hyphen or a dot: a package or file name.
    APPLE.format("Apple", "Apple", "Apple", "apple-js"),
])
def test_evidence_and_usage_are_both_weighed(text):
    assert silent(text)


@pytest.mark.parametrize("text", [
    # Words inside longer names are no evidence (seed 004).
    "Air Force Gen. Dan Caine spoke, and the United States could provide air support for the deal.",
    "Russia’s Defense Ministry said it struck a depot, a defense official told the reporters there.",
    "Foreign Minister Sergey Lavrov spoke, and Zelensky called for foreign troops, the Foreign Minister said.",
    "Officials at the Ministry of Defense said that defense spending would rise again next year.",
    # Sentence-initial capitals are no evidence.
    "Support grew. Support was strong in the east. Support came late, and the support of allies mattered.",
    # After `the`, a capital names an institution: `the Army`, `the Times`.
    "The report said the Army sent troops, and the Army said an army of volunteers helped at times.",
    # A particle of a name.
    "Charles de Gaulle led France, and later de Gaulle resigned when the referendum failed.",
    # A word quoted on its own is mentioned, not used.
    "Critics said Neonness was bright, and fans said Neonness was bold, but “neonness” is not a word.",
])
def test_capitalised_words_that_are_not_standalone_names_give_no_evidence(text):
    assert silent(text)


# -- CAS002 ------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Talks stalled on Friday.\n\ninitial reactions from Kyiv have been cautious.", "initial"),
    ("The outcomes range from a settlement to a stalemate. the future of Ukraine hangs in the balance.", "the"),
    ("* What is the role of NATO? It provides aid.\n* what is the humanitarian situation? It is dire.\n"
     "* Is a summit likely? Not soon, officials say.", "what"),
    ("Potential for more US involvement is clear.\n\nshift in policy towards Russia: A new administration "
     "might ease the sanctions.", "shift"),
    ("He said the deal was done.\n“the agenda is not ready at all,” the minister said later.", "the"),
])
def test_lower_case_starts_are_flagged(text, expected):
    assert found(text) == [("CAS002", expected)]
    assert fixes(text) == [expected[0].upper() + expected[1:]]


@pytest.mark.parametrize("text", [
    "Officials said the U. S. would provide guarantees as part of any settlement with Russia.",
    "Some allies, e.g. the Baltic states, want more troops, and others want fewer of them.",
    "The meeting starts at 5 p.m. on Tuesday in the capital, officials said.",
    "“Why?” she asked. “Because the agenda is not ready,” he replied to the reporters.",
    "iPhone sales rose sharply in the quarter, the company said on Thursday.",
    "eBay shares fell after the report was published on Monday morning.",
    "www.example.com is the address of the site that they set up last year.",
    "@nbcnews reported the story first, and the others followed within the hour.",
    "5 people were injured in the attack, the regional governor said on Sunday.",
    # Hard-wrapped Markdown: a line that starts lower case in mid-paragraph.
    "The talks were held in Geneva, where the delegations\nmet for three hours and agreed on a\n"
    "short statement.\n\nA second round is planned for\nnext month, officials said, and the agenda\nis still open.",
    # One paragraph per line, with a sentence broken over two lines.
    "The minister said that the plan would be\npresented to the parliament next week.",
    # A list written in lower case by design.
    "The plan has three parts:\n* cutting taxes for families;\n* raising spending on schools;\n"
    "* reforming the pension system.",
    # Labels, credits, menus and fragments.
    "a. Personal information is collected when you register on the site.",
    "photo: Jane Doe for the paper, taken in the capital last week.",
    "The story was read widely.\n* Home\n* e-Edition\n* Contact Us\n* Send a News Tip",
    "lol. Noted, and thanks for the correction to the article.",
    "Never. again. will we accept this, the minister told the crowd.",
    # A full stop that ends no sentence: spaced ellipsis, abbreviations.
    "Firms are registered there . . . officially it looks like the bank now owns them.",
    "The Govt. urged citizens to do more to prepare for the storm season.",
    "Member companies, L.E.A.N. stands for Light, Encrypted and Non-invasive ads.",
    # Code.
    "result = compute(value) if the flag is set, and otherwise we skip it.",
    # A drop capital split from its word is not a casing slip.
    "T\nurkey, Poland and the Baltic states have closed their airspace to the flights.",
])
def test_lower_case_starts_that_are_no_casing_slip_are_left_alone(text):
    assert silent(text)


@pytest.mark.parametrize("text, expected", [
    ("The talks ended on Friday.\n\nrussia said it was ready to meet when the agenda is ready.", "russia"),
    ("The talks ended on Friday.\n\nunited States officials said the agenda was not ready.", "united States"),
])
def test_a_lower_case_name_starting_a_sentence_is_reported_once(text, expected):
    assert found(text) == [("CAS001", expected)]


# -- clean text ----------------------------------------------------------------------
# Real lower-case starts in the source text of the clean set.
REAL_DEFECTS = {("rdb/medium-3", "CAS002", "he’s")}  # `I don’t think he’s blind. he’s worked ...`


def test_clean_prose_is_silent():
    corpus = require_corpus()
    diagnostics = set()
    for line in (corpus / "clean_prose.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for d in lint(record["text"]):
            diagnostics.add((record["id"], d.code, record["text"][d.offset:d.end_offset]))
    assert diagnostics <= REAL_DEFECTS
