"""TRN003 short-list (rules/truncated_list.py): a list that announces N items and holds fewer."""
from __future__ import annotations

from functools import cache

import pytest

from conftest import SEEDS
from newslint.config import Config
from newslint.registry import all_rules, select
from newslint.runner import lint_text

PROSE = ("The council said the measures would be reviewed in the spring, after a consultation with "
         "residents and businesses in the town centre.")


@cache
def short_list_rule():
    return select(all_rules(), select=["TRN003"])


def lint(text: str):
    return lint_text(text, short_list_rule(), Config())


def flagged(text: str) -> list[tuple[int, str, str]]:
    """(line, flagged text, message) of each diagnostic."""
    return [(d.start.line, text[d.offset:d.end_offset], d.message) for d in lint(text)]


def cut(announced: int, held: int) -> str:
    items = "item" if held == 1 else "items"
    return f"Short list: it announces {announced} items but holds {held} {items}: the rest was cut off"


# -- flagged -----------------------------------------------------------------
def test_colon_lead_in_with_a_number_word_and_fewer_bullets():
    text = ("Here are five ways to cut your energy bill:\n"
            "* Turn the thermostat down by one degree.\n"
            "* Wash clothes at 30 degrees.\n"
            "Subscribe to our newsletter\n")
    assert flagged(text) == [(1, "Here are five ways to cut your energy bill:", cut(5, 2))]
    (diagnostic,) = lint(text)
    assert diagnostic.fix is None and diagnostic.category == "truncation"


def test_colon_lead_in_with_digits_and_a_numbered_list():
    text = (PROSE + "\n"
            "The 10 best films of the year, as chosen by our critics:\n"
            "1. A quiet drama about two sisters on a farm\n"
            "2. The documentary about the last glacier of the Alps\n"
            "3) A thriller set in a night train to Vienna\n")
    assert flagged(text) == [(2, "The 10 best films of the year, as chosen by our critics:", cut(10, 3))]


def test_title_listicle_counting_down_stops_early():
    text = ("10 Ways to Save Money on Groceries\n"
            "Food prices keep rising, but a few habits make a real difference to the weekly bill.\n"
            "10. Plan your meals\n"
            "Decide what you will cook before you shop, and write a list.\n"
            "9. Buy own brands\n"
            "Supermarket own brands are often made in the same factories.\n"
            "Saving money on food is easier than it looks, as long as you keep at it.\n"
            "8. Freeze leftovers\n"
            "Cook once and eat twice.\n")
    assert flagged(text) == [(1, "10 Ways to Save Money on Groceries", cut(10, 3))]


def test_title_with_things_to_know_and_scraped_numbering_without_a_space():
    text = ("3 things to know about the new budget\n"
            "1.Taxes on fuel go up in April\n"
            "The rise adds about two pence to a litre of petrol.\n"
            "2.Pensions rise with inflation\n"
            "The state pension goes up by 6.7 per cent.\n")
    assert flagged(text) == [(1, "3 things to know about the new budget", cut(3, 2))]


def test_paginated_ranking_says_the_rest_is_on_other_pages():
    text = ("Top 5 Phones of the Year\n"
            "1. The Pixel with the best camera\n"
            "2. The iPhone with the longest battery life\n"
            "Page 1 of 3\n"
            "Next page\n")
    ((line, span, message),) = flagged(text)
    assert (line, span) == (1, "Top 5 Phones of the Year")
    assert message == ("Short list: it announces 5 items but holds 2 items; the page is paginated, "
                       "so the rest is probably on the other pages")


def test_bulleted_listicle_with_prose_under_each_item_counts_every_item():
    text = ("The council has announced four new measures:\n"
            "* Free parking on Saturdays\n"
            "Parking in the town centre will be free on Saturdays from March.\n"
            "* A new cycle lane\n"
            "The lane will run from the station to the hospital.\n"
            "It opens next year.\n"
            "* Longer library hours\n"
            "Related Stories\n")
    assert flagged(text) == [(1, "The council has announced four new measures:", cut(4, 3))]


# -- not flagged ---------------------------------------------------------------
@pytest.mark.parametrize("text", [
    # as many items as announced, or more
    "Here are three ways to save:\n* Cook at home\n* Walk to work\n* Cancel unused subscriptions\n",
    "The three suspects are:\n* John Smith\n* Jane Doe\n* Tom Brown\n* a fourth man, not yet named\n",
    # a share of a larger set, not a count
    "Two of the suspects were named by police:\n* John Smith\n",
    "Of the 12 candidates, these made the shortlist:\n* Anna Berg\n* Ben Cole\n* Cara Diaz\n",
    # a measure, not a count
    "We spent 3 days in Rome and saw these sights:\n* The Colosseum\n",
    "Prices rose by 10 percent in these regions:\n* The north\n* The south\n",
    # a partial list by design
    "The plan sets out 10 measures, including:\n* Free parking\n* A new cycle lane\n",
    "Here are the first three of our 10 tips:\n* Plan your meals\n* Buy own brands\n* Freeze leftovers\n",
    "Here are some of the 20 finalists:\n* Anna Berg\n* Ben Cole\n",
    # a colon lead-in followed by prose, not by a list
    "He gave three reasons: the cost, the delay and the risk.\n" + PROSE + "\n",
    "The city has three options:\n" + PROSE + "\n* Option one is to wait\n",
    # a widget label, not a lead-in
    "24 comments:\n* Anna May 30, 2019 at 1:06 PM\nLovely place!\n",
    # a title whose items are not numbered, and a teaser link in a list
    "5 Ways to Save on Energy\n* Turn the heating down\n* Wash at 30 degrees\n",
    "* Top 10 Gadgets of 2024\n* The Best Phones Right Now\n",
    # numbering that does not start at 1 or at the announced count
    "10 Best Hikes in Scotland\n4. Ben Nevis\n5. Ben Lomond\n",
    # a time and a decimal are not item numbers
    "Five events are planned for the weekend:\n2:30 pm: the parade\n3.5 million visitors are expected.\n",
    # the count is not the first thing in the title
    "Why the 10 Best Schools in the City Are All in One District\n1. Location\n2. Funding\n",
])
def test_not_flagged(text):
    assert flagged(text) == []


def test_numbered_items_followed_across_long_prose_until_the_numbering_breaks():
    item = "The reason is explained at length in the report, with figures for each of the regions.\n"
    text = ("These are the 3 main reasons for the delay:\n"
            "1. The weather\n" + item * 5 + "2. The supply chain\n" + item * 5 + "3. The staff\n"
            + "Our other lists:\n1. Ten cheap holidays\n")
    assert flagged(text) == []


def test_other_languages_are_not_checked():
    text = ("Voici cinq façons de réduire votre facture d'énergie, selon les experts du secteur:\n"
            "* Baisser le chauffage d'un degré.\n"
            "* Laver le linge à 30 degrés.\n"
            "Les experts rappellent aussi que les petits gestes du quotidien comptent beaucoup.\n")
    assert flagged(text) == []


def test_seeds_hold_no_short_list():
    for path in sorted(SEEDS.glob("*.txt")):
        assert flagged(path.read_text(encoding="utf-8")) == [], path.name
