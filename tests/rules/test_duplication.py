"""DUP001 duplicate-block (rules/duplicate_block.py)."""
from __future__ import annotations

from functools import cache

from conftest import SEEDS
from newslint.config import Config
from newslint.fixer import apply_fixes
from newslint.model import Applicability
from newslint.registry import all_rules, select
from newslint.runner import lint_text

LEAD = ("Russia on Friday dismissed any immediate possibility of a meeting between "
        "President Vladimir Putin and Ukrainian President Volodymyr Zelensky.")
SECOND = "Russian Foreign Minister Sergei Lavrov told NBC that no meeting between the two leaders was planned."
THIRD = "The announcement comes amid a high-profile visit to Kyiv by the Dutch Prime Minister, Mark Rutte."
# 45 words: long enough for a one-word change to stay a near-duplicate.
LONG = ("The broader conflict, now entering its fourth year, has its roots in Moscow's violation of "
        "the 1994 Budapest Memorandum, under which Ukraine, Belarus and Kazakhstan gave up their "
        "Soviet-era nuclear weapons in exchange for security assurances that Russia first breached "
        "with its annexation of Crimea in 2014.")


@cache
def duplication_rules():
    return select(all_rules(), select=["DUP001"])


def lint(text: str):
    return lint_text(text, duplication_rules(), Config())


def spans(text: str) -> list[tuple[int, int, int, int, str]]:
    """(start line, start column, end line, end column, message) of each diagnostic."""
    return [(d.start.line, d.start.column, d.end.line, d.end.column, d.message) for d in lint(text)]


def fixed(text: str, unsafe: bool = False) -> str:
    diagnostics = [d for d in lint(text)
                   if unsafe or d.fix.applicability is Applicability.SAFE]
    return apply_fixes(text, diagnostics)[0]


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# -- seeds ------------------------------------------------------------------
def test_seed_000_the_whole_body_pasted_twice_is_one_diagnostic():
    text = seed("000")
    last_line = text.split("\n")[17]
    assert spans(text) == [(10, 1, 18, len(last_line) + 1, "This block duplicates lines 1-9")]
    (diagnostic,) = lint(text)
    assert diagnostic.fix.applicability is Applicability.SAFE
    # Deleting the copy leaves exactly the first nine lines, without a dangling line break.
    assert fixed(text) == "\n".join(text.split("\n")[:9])


def test_seed_002_the_headline_repeated_mid_page():
    text = seed("002")
    assert spans(text) == [(58, 1, 58, 98, "This paragraph duplicates line 3")]
    lines = fixed(text).split("\n")
    # The headline and the blank line after it are gone; the section heading follows line 56's gap.
    assert lines[55:59] == [text.split("\n")[55], "", "Recent Developments & Diplomatic Stance", ""]


def test_seed_004_has_no_duplicate():
    assert spans(seed("004")) == []


# -- what is a duplicate ------------------------------------------------------
def test_a_repeated_block_of_blank_line_separated_paragraphs():
    text = f"{LEAD}\n\n{SECOND}\n\n{THIRD}\n\nRelated stories\n\n{LEAD}\n\n{SECOND}\n"
    assert spans(text) == [(9, 1, 11, len(SECOND) + 1, "This block duplicates lines 1-3")]
    assert fixed(text) == f"{LEAD}\n\n{SECOND}\n\n{THIRD}\n\nRelated stories\n"


def test_case_whitespace_and_quote_marks_do_not_hide_a_copy():
    original = "The minister said the “agenda is not ready at all” and left Moscow on Friday."
    copy = 'THE MINISTER said  the "agenda is not ready at all" and left Moscow on Friday.'
    text = f"{original}\n{THIRD}\n{copy}\n"
    assert spans(text) == [(3, 1, 3, len(copy) + 1, "This paragraph duplicates line 1")]
    assert lint(text)[0].fix.applicability is Applicability.SAFE


def test_a_list_marker_does_not_hide_a_copy():
    text = f"{LEAD}\n{SECOND}\n* {LEAD}\n"
    assert spans(text) == [(3, 1, 3, len(LEAD) + 3, "This paragraph duplicates line 1")]


def test_short_lines_inside_a_copy_belong_to_it():
    text = f"Share\n{LEAD}\nComments\n{SECOND}\nShare\n{LEAD}\nComments\n"
    assert spans(text) == [(5, 1, 7, 9, "This block duplicates lines 1-3")]


def test_each_later_copy_names_the_first():
    text = "\n".join([LEAD, SECOND, LEAD, SECOND, LEAD, SECOND])
    assert [s[0::2] for s in spans(text)] == [(3, 4, "This block duplicates lines 1-2"),
                                              (5, 6, "This block duplicates lines 1-2")]


def test_hard_wrapped_paragraphs_are_compared_as_blocks():
    wrapped = ("The minister said on Monday that the talks\nwould continue next week in the capital\n"
               "and that both sides were ready to compromise.")
    other = "Analysts warned that\nthe absence of a clear agenda\nmade a summit unlikely in the near term."
    text = f"{wrapped}\n\n{other}\n\n{wrapped}\n"
    assert spans(text) == [(9, 1, 11, 46, "This paragraph duplicates lines 1-3")]


# -- near-duplicates ----------------------------------------------------------
def test_a_long_paragraph_with_one_word_changed_is_a_near_duplicate():
    changed = LONG.replace("fourth year", "fifth year")
    text = f"{LONG}\n{SECOND}\n{changed}\n"
    assert spans(text) == [(3, 1, 3, len(changed) + 1,
                            "This paragraph nearly duplicates line 1 (a few words differ)")]
    (diagnostic,) = lint(text)
    assert diagnostic.fix.applicability is Applicability.UNSAFE
    assert fixed(text) == text  # not applied without --unsafe-fixes
    assert fixed(text, unsafe=True) == f"{LONG}\n{SECOND}\n"


def test_a_near_duplicate_run_mixes_exact_and_near_copies():
    changed = LONG.replace("fourth year", "fifth year")
    text = f"{LONG}\n{SECOND}\n{THIRD}\n{changed}\n{SECOND}\n"
    assert spans(text) == [(4, 1, 5, len(SECOND) + 1,
                            "This block nearly duplicates lines 1-2 (a few words differ)")]


# -- near misses ----------------------------------------------------------------
def test_short_chrome_lines_repeating_on_their_own_are_not_a_duplicate():
    text = (f"NBC News\nShare\n{LEAD}\nComments\nNBC News\nShare\n{SECOND}\nComments\n"
            "Read more about Ukraine\nRead more about Ukraine\n")
    assert spans(text) == []


def test_templated_paragraphs_with_a_different_word_are_not_duplicates():
    first = ("Increases or reduces the amount of error applied to a user team's normal shots. "
             "This does not affect the shot power.")
    second = first.replace("user team", "computer team")
    assert spans(f"{first}\n{second}\n") == []


def test_a_shorter_copy_inside_a_longer_original_is_not_the_one_to_delete():
    headline = ("Artificial Intelligence and Machine Learning Industry News: AI in Patient Care and "
                "Operations, AI as a Preventive Tool, and How Major Hospitals Use AI Today")
    text = f"Blog {headline}\n{SECOND}\n{headline}\n"
    assert spans(text) == []


def test_a_headline_after_a_menu_entry_linking_to_it_is_not_the_copy_to_delete():
    headline = "How to Care for Hydrangeas to Get the Most Beautiful Blooms on the Block"
    text = f"* Outdoor Gardening\n* {headline}\n{headline}\nFollow these expert tips.\n{LEAD}\n"
    assert spans(text) == []


def test_a_quoted_sentence_repeated_inside_another_paragraph_is_not_a_duplicate():
    quote = "“The agenda is not ready at all,” Lavrov said."
    text = f"{quote}\n{SECOND}\nEarlier on Friday, {quote} Analysts were not surprised by the remark.\n"
    assert spans(text) == []


def test_repeated_code_and_table_rows_are_examples_not_scraping_errors():
    code = ("WITH calculations_over_window AS (\nSELECT\nstatus_code,\n"
            "AVG(entries) OVER status_window as mean_entries,\n"
            "(entries - mean_entries) / NULLIF(stddev_entries::float, 0) as zscore\nFROM\nserver_log_summary\n)")
    table = "400 │ 2020-08-01 18:00:00+00 │ 24 │ 6.823777205473068 │ t"
    text = f"{code}\nThe query above finds the spikes.\n{table}\nLet us add a threshold.\n{code}\n{table}\n"
    assert spans(text) == []
