"""Structure rules: flattened tables (STR001, rules/flattened_table.py) and
SEO callouts (STR002, rules/packs/structure.yaml)."""
from __future__ import annotations

import pytest

from conftest import SEEDS, lint


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def spans(text: str, selector: str) -> list[tuple[int, int, str]]:
    """(first line, last line, flagged text) of every diagnostic."""
    return [(d.start.line, d.end.line, text[d.offset:d.end_offset]) for d in lint(text, selector)]


# -- seeds ------------------------------------------------------------------
def test_seed_002_table_is_one_diagnostic_over_header_and_rows():
    text = seed("002")
    (found,) = lint(text, "STR001")
    flagged = text[found.offset:found.end_offset]
    assert (found.start.line, found.end.line) == (23, 26)
    assert flagged.startswith("Key Factor Russia’s Position Ukraine’s Position\nTerritorial Integrity")
    assert flagged.endswith("Willing to negotiate based on territorial integrity.")
    assert "lines 23-26" in found.message


def test_seed_002_callouts_are_the_labels_only():
    assert spans(seed("002"), "STR002") == [(21, 21, "Did You Know?"), (32, 32, "Pro Tip:")]


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_other_seeds_have_no_structure_diagnostics(prefix):
    assert lint(seed(prefix), "STR") == []


# -- STR001: tables that must be flagged --------------------------------------
TEXT_TABLE = """\
The three plans differ mainly in price and in how soon the cover starts.

Plan Cost Coverage Waiting Period
Basic Cover Costs less each month. Covers hospital stays only. Starts after two weeks.
Family Plus Costs more each month. Covers the whole household. Starts right away.
Senior Care Costs the most. Covers dental and optical. Starts after a month.

Customers can switch plans once a year without paying a fee.
"""


def test_text_table_with_header_is_flagged_without_the_prose_around_it():
    table = "\n".join(TEXT_TABLE.splitlines()[2:6])
    assert spans(TEXT_TABLE, "STR001") == [(3, 6, table)]


def test_two_row_text_table_set_off_by_blank_lines_is_flagged():
    text = ("Officials gave few details on Monday.\n\n"
            "Issue Government View Opposition View\n"
            "Budget Deficit Wants spending cuts. Wants higher taxes.\n"
            "Energy Prices Backs a price cap. Backs direct payments.\n\n"
            "Talks resume next week.\n")
    assert [(first, last) for first, last, _ in spans(text, "STR001")] == [(3, 5)]


NUMERIC_TABLE = """\
Inflation eased in most of the euro zone last year.
Country 2022 2023 Change
Germany 6.9 5.9 -1.0
France 5.2 4.9 -0.3
Italy 8.1 5.7 -2.4
The central bank expects a further fall this year.
"""


def test_numeric_table_is_flagged_with_its_header():
    (found,) = lint(NUMERIC_TABLE, "STR001")
    assert (found.start.line, found.end.line) == (2, 5)
    assert NUMERIC_TABLE[found.offset:found.end_offset].startswith("Country 2022 2023 Change\nGermany")
    assert "a label and 3 numbers" in found.message


def test_standings_with_two_rows_and_a_header_are_a_table():
    text = "Team W L Pts\nArsenal 10 2 32\nChelsea 9 3 30\n"
    assert [(first, last) for first, last, _ in spans(text, "STR001")] == [(1, 3)]


def test_tab_and_space_separated_cells_are_flagged():
    tabs = "Name\tPosition\tClub\nJohn Smith\tForward\tArsenal\nMary Jones\tKeeper\tChelsea\n"
    spaces = "Name    Position    Club\nJohn Smith    Forward    Arsenal\nMary Jones    Keeper    Chelsea\n"
    assert [(first, last) for first, last, _ in spans(tabs, "STR001")] == [(1, 3)]
    assert [(first, last) for first, last, _ in spans(spaces, "STR001")] == [(1, 3)]


# -- STR001: near misses ------------------------------------------------------
@pytest.mark.parametrize("text", [
    # label-colon list items (seed 002 lines 91-97 are a list, not a table)
    "Key Ukrainian negotiation priorities include:\n\n"
    "Territorial Integrity: The complete withdrawal of Russian forces from all Ukrainian territory.\n\n"
    "Security Guarantees: Robust security guarantees from international partners.\n\n"
    "Justice & Accountability: Holding Russia accountable for war crimes.\n",
    # a heading, then ordinary prose paragraphs that start with names
    "Reaction From Western Capitals\n"
    "President Joe Biden said the decision was a serious mistake that would cost lives in the coming months.\n"
    "French President Emmanuel Macron called for calm and urged both sides to return to talks in Geneva.\n"
    "German Chancellor Olaf Scholz said Berlin would keep supplying air defence systems for as long as needed.\n",
    # a headline in title case, then short prose paragraphs
    "The Current State of Negotiations\n"
    "Vladimir Putin met envoys on Friday. No deal was reached.\n"
    "Volodymyr Zelensky stayed in Kyiv. He called the talks a farce.\n"
    "Donald Trump posted on social media. He gave no details.\n",
    # navigation menu
    "Home\nNews\nSport\nBusiness\nCulture\nWeather\n",
    # dates, phone numbers and label-colon numbers
    "Posted on April 22, 2022\nPosted on April 23, 2022\nPosted on April 24, 2022\n",
    "Contact Us\nTel.: 0471 80 60 745\nFax: 0471 80 60 747\nMobile: 0171 23 45 678\n",
    # sentences separated by two spaces
    "He said it twice.  Then he left.  Nobody asked why.\n"
    "She said it once.  Then she stayed.  Everyone asked why.\n"
    "They said nothing.  Then they left.  Nobody noticed.\n",
    # a reference list under a heading
    "References and Further Reading\n"
    "Muller P et al. Drug hypersensitivity in adults. Eur J Dermatol. 2003.\n"
    "Lin IC et al. Liver injury in patients. J Am Acad Dermatol. 2015.\n"
    "Day RO et al. Clinical pharmacokinetics of allopurinol. Clin Pharmacokinet. 2007.\n",
    # German prose, where every noun is capitalised, with ordinal dates
    "30. Oktober 2023 Carola Pönisch Kultur\n"
    "Die Ausstellung auf Schloss Moritzburg ist der Schauspielerin gewidmet. Foto: Sylvio Dittrich\n"
    "Die Winterausstellung öffnet am 22. November 2023 auf Schloss Moritzburg.\n",
])
def test_lists_prose_menus_and_contact_blocks_are_not_tables(text):
    assert lint(text, "STR001") == []


def test_two_text_rows_in_running_one_paragraph_per_line_text_are_not_enough():
    text = ("Officials gave few details on Monday.\n"
            "Issue Government View Opposition View\n"
            "Budget Deficit Wants spending cuts. Wants higher taxes.\n"
            "Energy Prices Backs a price cap. Backs direct payments.\n"
            "Talks resume next week.\n")
    assert lint(text, "STR001") == []


# -- STR002 -------------------------------------------------------------------
@pytest.mark.parametrize("line, label", [
    ("Did you know? Most of the country's power now comes from wind.", "Did you know?"),
    ("Pro tip: book the ferry a week ahead in summer.", "Pro tip:"),
    ("Quick Tip: Keep receipts for every repair.", "Quick Tip:"),
    ("Fun Fact: The bridge was painted by hand.", "Fun Fact:"),
    ("Quick Facts: The river is 1,200 km long.", "Quick Facts:"),
    ("Expert Insight: Analysts expect rates to fall.", "Expert Insight:"),
    ("Key Takeaways", "Key Takeaways"),
    ("Key Takeaways:", "Key Takeaways:"),
    ("Pro Tip", "Pro Tip"),
])
def test_callout_label_at_line_start_is_flagged(line, label):
    text = f"The minister spoke on Monday.\n{line}\nShe left without taking questions.\n"
    assert spans(text, "STR002") == [(2, 2, label)]


@pytest.mark.parametrize("line", [
    "Did you know that the vote was this close? Few people did.",
    "Key takeaways from the summit include a ceasefire and a prisoner swap.",
    "Editor's Note: This story was updated to correct the date of the vote.",
    "Note: Figures are provisional.",
    "He asked: Did you know? Nobody answered.",
    "Top tips for travellers are posted at the station.",
    "Analysts shared a fun fact: the bridge is older than the city.",
])
def test_callout_words_inside_prose_or_real_notes_are_not_flagged(line):
    assert lint(f"The minister spoke on Monday.\n{line}\n", "STR002") == []
