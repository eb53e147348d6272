"""Prompt rules: PRM001 orphaned-question (rules/orphaned_question.py) and
PRM002 engagement-prompt (rules/packs/prompt.yaml)."""
from __future__ import annotations

from functools import cache

from conftest import SEEDS
from newslint.config import Config
from newslint.registry import all_rules, select
from newslint.runner import lint_text

# Prose before a question: the rules run on English documents only, and an
# orphaned question interrupts running text.
PROSE = ("The statement from the top diplomat serves as a reality check amid growing expectations "
         "of a swift resolution, and a breakthrough remains contingent upon a shift in positions.")
ANSWER = ("Officials said that the talks would resume next month in Geneva, and that both sides had "
          "agreed to exchange prisoners before then.")


@cache
def prompt_rules(selector: str):
    return select(all_rules(), select=[selector])


def lint(text: str, selector: str = "prompt"):
    return lint_text(text, prompt_rules(selector), Config())


def spans(text: str, selector: str = "prompt") -> list[tuple[int, int, str, str]]:
    """(line, end line, code, flagged text) of each diagnostic."""
    return [(d.start.line, d.end.line, d.code, text[d.offset:d.end_offset]) for d in lint(text, selector)]


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# -- seeds ------------------------------------------------------------------
def test_seed_002_orphaned_questions_and_the_reader_question():
    text = seed("002")
    lines = text.split("\n")
    assert spans(text) == [
        (36, 36, "PRM001", lines[35]),
        (54, 54, "PRM002", "What are your thoughts on the possibility of peace talks?"),
        (56, 56, "PRM001", lines[55]),
    ]


def test_seed_002_orphaned_question_fix_deletes_the_line_and_its_gap():
    text = seed("002")
    diagnostic = next(d for d in lint(text, "PRM001") if d.start.line == 36)
    (edit,) = diagnostic.fix.edits
    assert diagnostic.fix.applicability.value == "unsafe"
    assert text[edit.start:edit.end] == text.split("\n")[35] + "\n\n"


def test_seeds_000_and_004_have_no_prompt():
    assert spans(seed("000")) == []
    assert spans(seed("004")) == []


# -- PRM001: orphaned questions -------------------------------------------------
def test_a_question_at_the_end_of_the_text_is_orphaned():
    question = "Will the new tariffs push prices higher for shoppers this winter?"
    text = f"{PROSE}\n{question}\n"
    assert spans(text, "PRM001") == [(2, 2, "PRM001", question)]
    assert lint(text, "PRM001")[0].message == "Orphaned question: it is at the end of the text"


def test_consecutive_question_paragraphs_before_a_heading_are_all_orphaned():
    first = "How long will the total eclipse last in Texas and across the country?"
    second = "* When is the next eclipse visible from the United Kingdom and Ireland?"
    text = f"{PROSE}\n\n{first}\n\n{second}\n\nMore from our science desk\n\n{ANSWER}\n"
    assert spans(text, "PRM001") == [(3, 3, "PRM001", first), (5, 5, "PRM001", second)]


def test_a_faq_item_that_carries_its_answer_is_not_orphaned():
    text = (f"{PROSE}\n\nFrequently Asked Questions About the Conflict\n\n"
            "  • What is NATO's role in the conflict? NATO has provided military aid and training.\n"
            "  • Is a peace summit likely in the near future? Current statements suggest it is unlikely.\n\n"
            "Related coverage from our correspondents\n")
    assert spans(text, "PRM001") == []


def test_a_question_heading_followed_by_its_answer_is_not_orphaned():
    text = f"{PROSE}\n\nWhat happens next for the negotiations in Geneva?\n\n{ANSWER}\n"
    assert spans(text, "PRM001") == []


def test_questions_answered_by_the_next_paragraph_are_not_orphaned():
    text = (f"{PROSE}\nIs it fair to the farmers who lose their land?\n"
            f"Should the government pay them for the loss?\n{ANSWER}\n")
    assert spans(text, "PRM001") == []


def test_a_rhetorical_question_inside_prose_is_not_orphaned():
    text = (f"{PROSE}\nBut what does this mean for ordinary families? Economists say the effect will be small.\n"
            "Background to the talks\n")
    assert spans(text, "PRM001") == []


def test_a_quoted_question_is_not_orphaned():
    text = (f"{PROSE}\n“Why would anyone agree to talks without an agenda?”\n"
            "“Why now?” the minister asked reporters in Moscow on Friday.\nBackground to the talks\n")
    assert spans(text, "PRM001") == []


def test_a_first_person_question_is_the_author_thinking_aloud():
    text = (f"{PROSE}\nAre those of us who never agreed to the terms of service bound by them too?\n"
            "Privacy and the law\n")
    assert spans(text, "PRM001") == []


def test_question_headlines_in_teaser_lists_are_not_orphaned():
    text = (f"{PROSE}\nWhy Doesn't Trump Just Tell Mnuchin to Take the Deal?\n"
            "Five Things to Watch in the Senate This Week\n")
    assert spans(text, "PRM001") == []


def test_a_question_in_a_comment_section_is_not_orphaned():
    text = (f"{PROSE}\nJune 11, 2020 at 9:37 am\nCan I use salted butter in this recipe instead of plain?\n"
            "Reply to this comment\n")
    assert spans(text, "PRM001") == []


def test_a_section_question_followed_by_a_photo_credit_is_not_orphaned():
    text = (f"{PROSE}\nWill you live longer if you take a multivitamin every day?\nShutterstock\n{ANSWER}\n"
            f"Can you reduce your cancer risk with a multivitamin every day?\nPhoto: Getty Images\n{ANSWER}\n")
    assert spans(text, "PRM001") == []


def test_a_short_question_label_is_not_orphaned():
    assert spans(f"{PROSE}\nAny questions?\n", "PRM001") == []


# -- PRM002: engagement prompts ---------------------------------------------------
def test_reader_prompts_in_other_phrasings():
    text = (f"{PROSE} What do you think? Let us know in the comments below.\n"
            f"{PROSE} Share your thoughts on the new bridge with other readers!\n"
            f"{PROSE} Tell us what you think about the redesign.\n"
            f"{PROSE} Have you ever driven an electric car? Let us know how it went.\n"
            f"{PROSE} What's your take on the budget?\n"
            f"{PROSE} Sound off in the comments section below!\n")
    assert [found for _, _, _, found in spans(text, "PRM002")] == [
        "What do you think?", "Let us know in the comments below.",
        "Share your thoughts on the new bridge with other readers!",
        "Tell us what you think about the redesign.",
        "Have you ever driven an electric car? Let us know how it went.",
        "What's your take on the budget?",
        "Sound off in the comments section below!",
    ]


def test_questions_to_a_guest_quotes_and_privacy_notices_are_not_prompts():
    text = (f"{PROSE}\nWhat do you think of the new coach and his plans for the season?\n"
            "Can you tell us a bit about the company, and what attracted you to the project?\n"
            "“Let us know if he comes back,” the officers told the family before they left.\n"
            "“What do you think?” she asked the crowd gathered outside the court.\n"
            "Residents were invited to share their views at a public meeting on Tuesday.\n"
            "We will never share your details with third parties without your permission.\n"
            "The games tell us much about this hostile universe and the people in it.\n"
            "A new pig came to the farm and painted all day. What do you think his name was?\n")
    assert spans(text, "PRM002") == []
