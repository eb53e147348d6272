"""TRN001 truncated-ending (rules/truncated_ending.py)."""
from __future__ import annotations

from functools import cache

from conftest import SEEDS
from newslint.config import Config
from newslint.registry import all_rules, select
from newslint.runner import lint_text

PROSE = ("The statement from the top diplomat serves as a reality check amid growing expectations "
         "of a swift resolution, and a breakthrough remains contingent upon a shift in positions.")


@cache
def truncation_rules():
    return select(all_rules(), select=["TRN001"])


def lint(text: str):
    return lint_text(text, truncation_rules(), Config())


def spans(text: str) -> list[tuple[int, int, int, str]]:
    """(line, start column, end line, flagged text) of each diagnostic."""
    return [(d.start.line, d.start.column, d.end.line, text[d.offset:d.end_offset]) for d in lint(text)]


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# -- seeds ------------------------------------------------------------------
def test_seed_002_the_last_list_item_is_cut_off():
    text = seed("002")
    assert spans(text) == [(129, 1, 129, "* China: China has maintained a neutral stance,")]
    (diagnostic,) = lint(text)
    assert diagnostic.fix is None
    assert diagnostic.message == "Truncated text: it stops mid-sentence at `,`"


def test_seeds_000_and_004_are_not_truncated():
    # 004 has eight paragraphs ending in `.”`, news typography for a full stop.
    assert spans(seed("000")) == []
    assert spans(seed("004")) == []


# -- cut-off endings ------------------------------------------------------------
def test_a_last_paragraph_ending_in_a_function_word():
    cut = "Officials said the ceasefire would hold until the end of the month, but the Kremlin and"
    assert spans(f"{PROSE}\n{cut}\n") == [(2, 1, 2, cut)]


def test_a_paragraph_cut_before_chrome_lines():
    cut = "Ministers are expected to meet again next week to discuss the future of the"
    text = f"{PROSE}\n\n{cut}\n\nRead more\n\nSubscribe to our newsletter\n"
    assert spans(text) == [(3, 1, 3, cut)]
    assert lint(text)[0].message == "Truncated text: it stops mid-sentence at `the`"


def test_a_sentence_trailing_off_in_an_ellipsis_mid_clause():
    cut = "The minister said that the talks, which began in March, had failed because of the..."
    teaser = "Head coach Russell Latapy says the absence of several senior players is a worry for the…"
    assert spans(f"{PROSE}\n{cut}\n") == [(2, 1, 2, cut)]
    assert spans(f"{PROSE}\n{teaser}\nRead More\n") == [(2, 1, 2, teaser)]


def test_a_semicolon_ending_and_a_stranded_preposition_in_prose():
    cut = "The committee will publish its findings in the spring; its chairman has said little;"
    stranded = "Police said the lock on the back door of the building appeared to have been tampered with"
    assert spans(f"{PROSE}\n{cut}\n") == [(2, 1, 2, cut)]
    assert spans(f"{PROSE}\n{stranded}\nYou may also like\n") == [(2, 1, 2, stranded)]


def test_a_list_item_cut_off_before_a_heading():
    item = "* China: China has maintained a neutral stance, while buying more Russian oil and"
    text = f"{PROSE}\n* Turkey: Turkey has played a mediating role in the talks.\n{item}\nRelated Articles\n"
    assert spans(text) == [(3, 1, 3, item)]


# -- proper endings and near misses -------------------------------------------------
def test_terminal_punctuation_inside_closing_quotes_and_brackets_is_an_ending():
    text = (f"{PROSE}\n“We cannot agree with the idea that security is settled without Russia,” Lavrov said. "
            "“That will not work.”\n"
            "He added that the talks would continue (though not at the highest level.)\n"
            "Did the minister say “no meeting”?\n")
    assert spans(text) == []


def test_a_colon_introduces_a_list():
    text = (f"{PROSE}\n\nKey Ukrainian negotiation priorities include:\n\n"
            "Territorial Integrity: The complete withdrawal of Russian forces.\n")
    assert spans(text) == []


def test_list_items_ending_in_commas_before_another_item_are_a_list_of_clauses():
    text = (f"{PROSE}\n* the full restoration of all territories, including Crimea,\n"
            "* security guarantees from Western allies, and\n* reparations for the damage.\n")
    assert spans(text) == []


def test_a_list_item_may_end_in_a_stranded_preposition():
    text = (f"{PROSE}\n1. Check that the front door lock works.\n"
            "2. Check the peep hole has not been tampered with\nShare this article\n")
    assert spans(text) == []


def test_headlines_bylines_credits_and_short_labels_are_not_truncation():
    for line in ["What Trump's Tariffs Mean for Your Savings and",
                 "Photo by a staff photographer at the scene of the fire and",
                 "Written by our correspondent in the region with reporting from",
                 "Dear Sir or Madam,",
                 "Sign in with"]:
        assert spans(f"{PROSE}\n{line}\n") == [], line


def test_a_sentence_carried_on_by_the_next_line_is_not_cut():
    for cut, following in [
        ("The minister told reporters on Friday that the", "talks would resume next month."),
        ("Fetch introduces three interfaces, namely Headers, Request and", "Response. They map directly to HTTP."),
        ("To activate the environment in your project directory, run the command with", "$ pipenv shell"),
        ("The summit was held in the Swiss city of",
         "Geneva on Monday and Tuesday, and delegations from both countries met for talks that ended "
         "without any agreement on a ceasefire or on the exchange of prisoners."),
    ]:
        assert spans(f"{PROSE}\n{cut}\n{following}\n") == [], cut


def test_verse_and_addresses_whose_lines_end_in_commas():
    text = (f"{PROSE}\nThe woods are lovely, dark and deep,\nBut I have promises to keep,\n"
            "And miles to go before I sleep,\nAnd miles to go before I sleep.\n")
    assert spans(text) == []


def test_code_and_json_lines_are_not_prose():
    text = (f"{PROSE}\nconsole.log(\"Please enter a same-origin URL!\");\n}}\n"
            "\"Value\": \"between place of work and usual bus stop\",\n\"Confidence\": \"92%\"\n")
    assert spans(text) == []


def test_a_caption_without_a_full_stop_is_not_truncation():
    text = f"{PROSE}\nPresident Zelensky speaks to reporters at the White House on Tuesday\nGetty Images\n"
    assert spans(text) == []
