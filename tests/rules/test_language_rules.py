"""Language rules: foreign-language paragraphs (LNG001, rules/foreign_paragraph.py)
and documents outside the configured languages (LNG002, rules/unexpected_language.py).

(Named test_language_rules.py: tests/test_language.py, the engine's test,
already owns the module name test_language.)"""
from __future__ import annotations

import pytest

from conftest import SEEDS, lint
from newslint.config import Config
from newslint.registry import all_rules, select
from newslint.runner import lint_text

ENGLISH = [
    "The Kremlin said on Friday that it was in no rush to agree to a summit with the leaders of Ukraine, "
    "and officials in Washington said that they were still working on a date.",
    "Russian Foreign Minister Sergey Lavrov said that any meeting would have to be prepared with the utmost "
    "care, and that the agenda for such a summit was not ready at all.",
    "Analysts said the remarks were a sign that Moscow was in no hurry to end the war, which has now lasted "
    "for more than three years and has displaced millions of people.",
    "The White House said it would continue to press for talks, and that the president was ready to meet "
    "both leaders as soon as the conditions were right.",
]
GERMAN = ("Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen Regeln für alle Unternehmen "
          "gelten, die mehr als fünfzig Mitarbeiter haben.")
FRENCH = [
    "Le gouvernement a annoncé mercredi que les nouvelles règles sont entrées en vigueur pour toutes les "
    "entreprises qui ont plus de cinquante salariés.",
    "Les syndicats ont dénoncé une décision prise sans concertation et ont appelé à une grève nationale "
    "pour la semaine prochaine.",
]
FINNISH = ("Hallitus ilmoitti keskiviikkona, että uudet säännöt tulevat voimaan kaikille yrityksille ensi "
           "vuonna, ja työntekijöiden järjestöt vastustavat päätöstä jyrkästi.")


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def article(*paragraphs: str) -> str:
    return "\n".join(paragraphs) + "\n"


def found(text: str, selector: str = "LNG001") -> list[tuple[int, int, str, str]]:
    return [(d.start.line, d.end.line, text[d.offset:d.end_offset], d.message) for d in lint(text, selector)]


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_seeds_are_silent(prefix):
    assert lint(seed(prefix), "LNG") == []


# -- LNG001 -----------------------------------------------------------------------
def test_german_paragraph_in_an_english_article_is_flagged():
    text = article(ENGLISH[0], ENGLISH[1], GERMAN, ENGLISH[2], ENGLISH[3])
    assert found(text) == [(3, 3, GERMAN, "Paragraph in German (de) in a document in English (en)")]


def test_consecutive_foreign_paragraphs_give_one_diagnostic():
    text = article(*ENGLISH[:3], FRENCH[0], "Grève", FRENCH[1], ENGLISH[3])
    assert found(text) == [(4, 6, "\n".join([FRENCH[0], "Grève", FRENCH[1]]),
                            "2 paragraphs in French (fr) in a document in English (en)")]


def test_language_without_a_stopword_list_is_found_by_langdetect():
    text = article(*ENGLISH[:3], FINNISH, ENGLISH[3])
    assert found(text) == [(4, 4, FINNISH, "Paragraph in Finnish (fi) in a document in English (en)")]


def test_english_paragraph_in_a_german_article_is_flagged():
    german = [
        "Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen Regeln für alle Unternehmen gelten, "
        "die mehr als fünfzig Mitarbeiter haben.",
        "Die Gewerkschaften kritisierten die Entscheidung, weil sie ohne Beteiligung der Beschäftigten "
        "getroffen wurde, und kündigten Proteste an.",
        "Nach Angaben des Ministeriums sollen die Regeln ab dem kommenden Jahr gelten und im Sommer noch "
        "einmal überprüft werden.",
        "Die Opposition sprach von einem überhasteten Beschluss, der vor allem kleinen Betrieben schaden "
        "werde, und forderte eine Anhörung im Bundestag.",
    ]
    text = article(german[0], ENGLISH[0], *german[1:])
    assert found(text) == [(2, 2, ENGLISH[0], "Paragraph in English (en) in a document in German (de)")]


@pytest.mark.parametrize("text", [
    # short lines are too short to tell (langdetect calls `Comments` French)
    article(*ENGLISH, "Comments", "Impressum", "Mehr zum Thema"),
    # a short foreign line under the minimum length
    article(*ENGLISH, "Die Regeln gelten ab Januar."),
    # English with foreign names and phrases
    article(*ENGLISH, "Fernando de la Rosa, the head of the Banco de España, said that the "
                      "decision was taken by the board and that it was not a surprise to anyone."),
    # references, lists of names and links: langdetect guesses wildly on them
    article(*ENGLISH, "Müller P, Schäfer K, Dvořák J. Überempfindlichkeit bei Erwachsenen. "
                      "Eur J Dermatol. 2003;13(5):478–81. doi:10.1000/182"),
    article(*ENGLISH, "Filed Under: Jean-Paul Claverie, Kimbell Art Museum, Jean Siméon Chardin, "
                      "Laurence des Cars, Gustave Caillebotte, Jacques Louis David."),
    # a bilingual page: neither language is a small minority
    article(ENGLISH[0], GERMAN, ENGLISH[1], FRENCH[0]),
])
def test_short_lines_names_references_and_bilingual_pages_are_not_flagged(text):
    assert lint(text, "LNG001") == []


def test_paragraphs_past_max_detections_are_not_reported():
    text = article(ENGLISH[0], ENGLISH[1], GERMAN, ENGLISH[2], ENGLISH[3])
    config = Config(rule_options={"LNG001": {"max_detections": 0}})
    assert lint_text(text, select(all_rules(), select=["LNG001"]), config) == []


def test_document_of_unknown_language_is_not_judged():
    assert lint("Comments\nShare\n", "LNG001") == []


# -- LNG002 -----------------------------------------------------------------------
def lint_with_languages(text: str, languages) -> list[tuple[int, str, str]]:
    config = Config(rule_options={"unexpected-document-language": {"languages": languages}})
    rules = select(all_rules(), select=["LNG002"])
    return [(d.start.line, text[d.offset:d.end_offset], d.message) for d in lint_text(text, rules, config)]


def test_document_outside_the_configured_languages_is_flagged_on_its_first_paragraph():
    text = article(GERMAN, GERMAN.replace("Mittwoch", "Donnerstag"))
    assert lint_with_languages(text, ["en", "fr"]) == [
        (1, GERMAN, "Document is in German (de), not in the configured languages: en, fr")]


@pytest.mark.parametrize("languages", [[], ["de"], ["EN", "de"], "de"])
def test_configured_or_unconfigured_languages_pass(languages):
    assert lint_with_languages(article(GERMAN), languages) == []


def test_zh_accepts_langdetects_regional_codes():
    text = "北京时间周三，政府宣布新的规定将于明年一月起对所有企业生效，工会对此表示强烈反对。\n"
    assert lint_with_languages(text, ["zh"]) == []
    assert [message for _, _, message in lint_with_languages(text, ["en"])] == [
        "Document is in Chinese (zh-cn), not in the configured languages: en"]


def test_unidentifiable_document_is_not_flagged():
    assert lint_with_languages("Comments\n", ["en"]) == []


def test_default_options_report_nothing():
    assert lint(article(GERMAN), "LNG002") == []
