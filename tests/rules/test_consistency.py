"""Consistency: one name spelled two ways (CON001, rules/inconsistent_spelling.py)."""
from __future__ import annotations

import pytest

from conftest import SEEDS, lint


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def found(text: str) -> list[tuple[int, str]]:
    """(line, flagged text) of every CON001 diagnostic."""
    return [(d.start.line, text[d.offset:d.end_offset]) for d in lint(text, "CON001")]


# -- seeds ------------------------------------------------------------------
def test_seed_002_flags_each_zelensky_against_zelenskyy():
    diagnostics = lint(seed("002"), "CON001")
    assert [(d.start.line, d.start.column, d.end.column) for d in diagnostics] == [(1, 70, 78), (3, 56, 64), (58, 56, 64)]
    assert {d.message for d in diagnostics} == {
        "`Zelensky` is spelled `Zelenskyy` elsewhere in this document (9 times)"}
    assert {d.fix.edits[0].content for d in diagnostics} == {"Zelenskyy"}
    assert all(d.fix.applicability == "unsafe" for d in diagnostics)


def test_seed_002_in_a_full_run_keeps_only_the_headline_outside_chrome_and_duplicates():
    # Line 1 is a breadcrumb (chrome) and line 58 a duplicated headline: the
    # runner drops diagnostics inside text reported for removal.
    text = seed("002")
    assert [(d.start.line, d.code) for d in lint(text) if d.code == "CON001"] == [(3, "CON001")]


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_seeds_with_one_spelling_are_silent(prefix):
    # 000 spells `Sergei Lavrov`, 004 `Sergey Lavrov`: different documents.
    assert lint(seed(prefix), "CON001") == []


# -- must be flagged ------------------------------------------------------------
PROSE = ("Officials met in the capital on Monday to discuss the plan. The talks lasted for several "
         "hours and ended without an agreement. ")


@pytest.mark.parametrize("majority, minority", [
    ("Sergey", "Sergei"),        # transliterated ending
    ("Dmitry", "Dmitri"),
    ("Zelenskyy", "Zelenskiy"),
    ("Gaddafi", "Gadafi"),       # doubled letter
    ("Kennedy", "Kenedy"),
])
def test_minority_spelling_is_flagged_with_the_majority_named(majority, minority):
    text = (f"{majority} Lavrov said on Monday that the talks would go on. {PROSE}\n"
            f"{PROSE}{majority} Lavrov added that no date was set.\n"
            f"Asked again, {minority} Lavrov declined to give details. {PROSE}\n")
    diagnostics = lint(text, "CON001")
    assert found(text) == [(3, minority)]
    assert diagnostics[0].message == f"`{minority}` is spelled `{majority}` elsewhere in this document (2 times)"
    assert diagnostics[0].fix.edits[0].content == majority


def test_possessives_count_with_the_name_and_only_the_name_is_flagged():
    text = (f"Zelenskyy’s office said on Friday that the talks would go on. {PROSE}\n"
            f"{PROSE}Zelenskyy said the summit could happen.\n"
            f"Zelensky’s aides declined to comment. {PROSE}\n")
    assert found(text) == [(3, "Zelensky")]


def test_equally_frequent_spellings_flag_the_one_that_appears_later():
    text = f"Tallon was founded in 1902. {PROSE}\n{PROSE}Visitors to Talon rarely stay long.\n"
    assert found(text) == [(2, "Talon")]


def test_lower_case_occurrences_count_with_their_spelling():
    # `gaddafi` is a casing error (CAS001's business), but still this spelling.
    text = (f"Gaddafi ruled for decades. {PROSE}\nGaddafi was killed in 2011. {PROSE}\n"
            f"Few mourned gaddafi in public. Gadafi loyalists fled. {PROSE}\n")
    (diagnostic,) = lint(text, "CON001")
    assert text[diagnostic.offset:diagnostic.end_offset] == "Gadafi"
    assert diagnostic.message.endswith("(3 times)")


def test_a_spelling_only_ever_written_in_lower_case_is_not_a_name():
    text = f"Gaddafi ruled for decades. {PROSE}\nGaddafi was killed. Few mourned gadafi in public.\n"
    assert lint(text, "CON001") == []


# -- near misses -----------------------------------------------------------------
@pytest.mark.parametrize("text", [
    # different words
    f"Austria and Australia signed the accord. {PROSE}Austria ratified it first.",
    f"Iran and Iraq share a long border. {PROSE}Iraq closed its crossings.",
    f"Russia and Russian officials denied it. {PROSE}Ukraine and Ukrainian troops held the line.",
    f"Trump said the Trumps would attend. {PROSE}Putin and Putin’s aides were silent.",
    f"Israel and Israeli forces were on alert. {PROSE}Turkey and Prince Turki met.",
    # hyphenated compounds are tokenised, not variants
    f"A Putin-Zelensky summit is unlikely. {PROSE}Putin and Zelensky have not met.",
    # a word at the start of a sentence that is more often lower case
    f"Later, the minister left. {PROSE}The latter option was later dropped, and later still revived.",
    # two different people with established spellings of a given name
    f"Michelle Obama spoke first. {PROSE}Michele Rossi, an economist, spoke last.",
    f"Prince Philip's mother was born there. {PROSE}Phillip Schofield presented the show.",
    # same first name transliterated two ways for two different people
    f"Sergei Shoigu attended. {PROSE}Sergey Lavrov did not.",
    # emphasis, not spelling
    f"Arrrr, said the pirate. {PROSE}Arrrrrrrr, said the other pirate.",
    # short names collide too easily
    f"Alan Smith met Allan Jones. {PROSE}Yuri and Yury were there too.",
])
def test_different_words_and_people_are_not_flagged(text):
    assert lint(text, "CON001") == []


def test_german_nouns_are_not_names():
    # German capitalises every noun: `Modell`/`Model`, `Programm`/`Program`.
    text = ("Das neue Modell kommt im Herbst auf den Markt, und das Programm der Messe wird in der "
            "nächsten Woche vorgestellt. Das Model war auf dem Titelbild, und das Program lief lange. "
            "Die Firma hat das Modell und das Programm mehrfach gezeigt.")
    assert lint(text, "CON001") == []
