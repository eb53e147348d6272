"""Spacing rules: SPC001 missing-space, SPC002 spaced-abbreviation, SPC003 doubled-space."""
import pytest

from conftest import SEEDS, flagged, lint
from newslint.config import Config
from newslint.fixer import apply_fixes, fixable
from newslint.registry import all_rules, select
from newslint.runner import lint_text


def fixed(text: str, *selectors: str) -> str:
    new_text, _ = apply_fixes(text, fixable(lint(text, *selectors), unsafe=False))
    return new_text


def lint_with_options(text: str, code: str, options: dict):
    return lint_text(text, select(all_rules(), select=[code]), Config(rule_options={code: options}))


# -- SPC001 missing-space -----------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Efforts have proven unsuccessful,with both sides firm.", ["unsuccessful,with"]),
    ("NATO provided aid and training,but refrained from more.", ["training,but"]),
    ("Many need assistance.Access to water is limited.", ["assistance.Access"]),
    ("The talks failed;the army moved in.", ["failed;the"]),
    ("He said he didn’t,but she did.", ["didn’t,but"]),
    ("Vladivostok,Russia hosted the forum.", ["Vladivostok,Russia"]),
    ("Il a dit,je cite, que non.", ["dit,je"]),  # not only English
    ("Checking for Headers,Request, Response or fetch works.", ["Headers,Request"]),
])
def test_missing_space_is_flagged(text, expected):
    assert flagged(text, "SPC001") == expected


@pytest.mark.parametrize("text", [
    "Growth was 3.5 percent, or 1,000 jobs, by 10:30 on Monday.",
    "Read it at example.com or www.bbc.co.uk/news, in report.pdf or with node.js.",
    "Call obj.method() or write to jane.doe@example.com today.",
    "The U.S. and U.K. agreed, e.g. on trade, i.e. tariffs, at 9 a.m. with a Ph.D. student.",
    "Mr.Smith met the Dropbox.Tech team about Xamarin.Android.",
    "Set display:none;visibility:hidden in the style sheet.",
    "The columns were red,green,blue in the export.",
    "Open about:addons or join AWS re:Invent this year.",
    "Die Nutzer:innen und Autor:innen stimmten zu.",
    "Call max(alpha,beta) to get the larger value.",
    "The paper is arXiv:cs.LG and the hashtag #great,news went viral.",
    "Published:Tuesday in the print edition.",  # colons are opt-in
    "Visit Amazon.Com or see the value of iPhone,iPad sales.",
])
def test_near_misses_are_not_flagged(text):
    assert flagged(text, "SPC001") == []


def test_colon_option_flags_two_capitalised_words_only():
    text = "Published:Tuesday and Tagged:diet and about:addons."
    found = [text[d.offset:d.end_offset] for d in lint_with_options(text, "SPC001", {"colon": True})]
    assert found == ["Published:Tuesday"]


def test_missing_space_span_position_and_fix():
    text = "First line.\nNATO has provided aid and training,but has refrained.\n"
    [diagnostic] = lint(text, "SPC001")
    assert (diagnostic.start.line, diagnostic.start.column, diagnostic.end.column) == (2, 27, 39)
    assert diagnostic.message == "Missing space after `,` in `training,but`"
    assert fixed(text, "SPC001") == "First line.\nNATO has provided aid and training, but has refrained.\n"


def test_seed_002_missing_spaces():
    text = (SEEDS / "002_7a66fb176fe2e221.txt").read_text(encoding="utf-8")
    found = [(d.start.line, text[d.offset:d.end_offset]) for d in lint(text, "SPC001")]
    assert found == [(13, "unsuccessful,with"), (47, "training,but"), (49, "assistance.Access"),
                     (105, "Russia,potentially"), (107, "allies,who")]


# -- SPC002 spaced-abbreviation ----------------------------------------------
def test_spaced_abbreviations_are_flagged_with_their_compact_form():
    text = ("The talks between the U. S. and the E. U. were held at 10 a. m. on Monday, "
            "and the U. S. A. team said it was ready, as was the U. K. delegation.")
    diagnostics = lint(text, "SPC002")
    assert [text[d.offset:d.end_offset] for d in diagnostics] == ["U. S.", "E. U.", "a. m.", "U. S. A.", "U. K."]
    assert diagnostics[0].message == "Spaced abbreviation `U. S.`: write `U.S.`"
    assert fixed(text, "SPC002") == ("The talks between the U.S. and the E.U. were held at 10 a.m. on Monday, "
                                     "and the U.S.A. team said it was ready, as was the U.K. delegation.")


@pytest.mark.parametrize("text", [
    "The book was written by J. R. R. Tolkien and it was read by all of the family.",
    "It was a speech by George W. Bush that the crowd in the hall had come to hear.",
    "The novel by A. M. Homes was on the list, and it was one of the best of the year.",
    "The letter was signed by J. U. S. Smith and it was sent to the office of the mayor.",
    "The U.S. and the U.K. were at the table, and it was the E.U. that had the last word.",
    "The bus for the city was in the menu. S. was the one who had to drive it all the way.",
])
def test_initials_and_compact_forms_are_not_flagged(text):
    assert flagged(text, "SPC002") == []


def test_spaced_abbreviation_is_english_only():
    spanish = "La reunión de los presidentes de los países fue a las 10 a. m. en la capital de la nación."
    assert flagged(spanish, "SPC002") == []


def test_seed_004_spaced_us_and_nothing_else_from_these_families():
    text = (SEEDS / "004_26a94c212618fc95.txt").read_text(encoding="utf-8")
    found = [(d.code, d.start.line, d.start.column, text[d.offset:d.end_offset])
             for d in lint(text, "SPC", "ENC", "MKP")]
    assert found == [("SPC002", 6, 192, "U. S."), ("SPC002", 18, 88, "U. S."), ("SPC002", 19, 113, "U. S.")]


def test_seed_000_is_silent():
    text = (SEEDS / "000_04516734e5f12489.txt").read_text(encoding="utf-8")
    assert lint(text, "SPC", "ENC", "MKP") == []


# -- SPC003 doubled-space ----------------------------------------------------
def test_doubled_spaces_inside_prose_are_flagged_and_collapsed():
    text = "Both sides  maintained firm positions on\u00a0\u00a0the key  issues.\n"
    diagnostics = lint(text, "SPC003")
    assert [(d.offset, d.end_offset) for d in diagnostics] == [(10, 12), (40, 42), (49, 51)]
    assert diagnostics[0].message == "2 spaces in a row"
    assert fixed(text, "SPC003") == "Both sides maintained firm positions on\u00a0the key issues.\n"


@pytest.mark.parametrize("text", [
    "    indented code line\n",  # indentation
    "Trailing spaces after the sentence.   \n",
    "The talks ended.  A new round starts on Monday.\n",  # two spaces after a full stop
    "Name      Age   City\nAlice     34    Paris\n",  # a space-aligned table
    "Name  Age  City\nBob   27   Rome\nEve   30   Oslo\n",
    "    x = 1  # a comment in an indented code block\n",
    "| Name  | Age |\n",
    "Column one\tColumn  two\n",
])
def test_layout_spacing_is_not_flagged(text):
    assert flagged(text, "SPC003") == []


def test_two_spaces_after_a_sentence_with_the_option():
    text = "The talks ended.  A new round starts on Monday.\n"
    diagnostics = lint_with_options(text, "SPC003", {"after_sentence": True})
    assert [(d.offset, d.end_offset) for d in diagnostics] == [(16, 18)]
