"""Chrome rules: the phrase pack (CHR1xx, rules/packs/chrome.yaml) and the
structural run rule (CHR201, rules/chrome_line_run.py)."""
from __future__ import annotations

from functools import cache

import pytest

from conftest import SEEDS
from newslint.config import Config
from newslint.registry import all_rules, select
from newslint.runner import lint_text


@cache
def chrome_rules(selector: str = "chrome"):
    """The selected rules, loaded once (conftest's `lint` reloads every rule
    and pack per call, which makes a few hundred small cases slow)."""
    return select(all_rules(), select=[selector])


def lint(text: str, selector: str = "chrome"):
    return lint_text(text, chrome_rules(selector), Config())


def flagged(text: str, selector: str = "chrome") -> list[str]:
    return [text[d.offset:d.end_offset] for d in lint(text, selector)]


def spans(text: str) -> list[tuple[int, int, str]]:
    """(first line, last line, code) of every chrome diagnostic."""
    return [(d.start.line, d.end.line, d.code) for d in lint(text)]


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# -- seeds ------------------------------------------------------------------
def test_seed_000_comment_labels():
    assert spans(seed("000")) == [(9, 9, "CHR104"), (18, 18, "CHR104")]


def test_seed_002_chrome_lines():
    text = seed("002")
    assert spans(text) == [
        (1, 1, "CHR101"), (5, 5, "CHR102"), (54, 54, "CHR105"), (131, 131, "CHR106"),
        (133, 133, "CHR104"), (135, 135, "CHR108"), (137, 137, "CHR107"), (139, 139, "CHR107"),
    ]
    # Only the share prompt of line 54: the reader question after it is another rule's.
    assert "Share this article and join the conversation!" in flagged(text)


def test_seed_004_structural_run_and_credits():
    text = seed("004")
    assert spans(text) == [(2, 3, "CHR201"), (4, 4, "CHR103"), (29, 30, "CHR103")]
    assert flagged(text) == ["NBC News\n·", "Source: NBC News", "Source:\nNBC News"]


@pytest.mark.parametrize("prefix, lines", [
    ("000", list(range(1, 9)) + list(range(10, 18))),
    ("004", list(range(5, 29))),
])
def test_seed_paragraphs_are_not_chrome(prefix, lines):
    reported = {n for first, last, _ in spans(seed(prefix)) for n in range(first, last + 1)}
    assert reported.isdisjoint(lines)


def test_seed_002_headings_and_lists_are_not_chrome():
    reported = {first for first, _, _ in spans(seed("002"))}
    # `The Current State of Negotiations`, the FAQ, `Key Ukrainian negotiation priorities include:`
    assert reported.isdisjoint({17, 44, 46, 47, 89, 91, 93})


# -- phrase pack: each rule flags its own kind, on a line of its own ----------
FLAGGED = {
    "CHR101": ["Home > World > Europe > Kremlin rejects summit", "Home / Politics / Congress",
               "You are here: Home » Sport", "News › Europe › Germany"],
    "CHR102": ["By Jane Smith", "BY JOHN DOE AND MARY ROE", "Written by Alex Jones",
               "By Sarah Lee, Reuters | March 3, 2024", "Posted on March 10, 2015 by Nikhil Marathe",
               "Author: Jean-Luc Picard", "Reporting by Tom Balmforth in London; Editing by Alex Richardson"],
    "CHR103": ["Photo: AP", "Image credit: Getty Images", "(Photo by Jane Smith/Getty Images)",
               "Paul Morigi/Getty Images", "Photograph: Tom Jamieson for The Guardian",
               "Source: U.S. Census Bureau", "Credit: Reuters", "Reuters", "(Source: Riivka)",
               "Photo by Kate Lee on Pexels"],
    "CHR104": ["Leave a Reply", "Subscribe to: Post Comments (Atom)",
               "12 Comments", "View all 27 comments", "Comments are closed.",
               "Your email address will not be published. Required fields are marked *",
               "14 thoughts on “How to Grow Basil on a Windowsill”", "One response to “Tax Rules for 2024”",
               "Have your say: submit a letter to the editor."],
    "CHR105": ["Share on Facebook", "Tweet", "Email this article", "Print", "Facebook Twitter Email",
               "* Click to share on WhatsApp (Opens in new window)",
               "Email ThisBlogThis!Share to TwitterShare to Facebook", "1.2k views", "312 Shares"],
    "CHR106": ["Related Articles", "Read more", "More from Politics", "Most Popular", "Recommended for you",
               "Recent Posts", "Trending on Medium", "Most Read Today",
               "Read more: Flood defences to be raised along the Thames",
               "Previous articleCouncil approves new budget after long debate",
               "Next post: How we rebuilt the search index"],
    "CHR107": ["Ad Blocker Detected", "We noticed you're using an ad blocker. Please consider whitelisting us."],
    "CHR108": ["This site uses Akismet to reduce spam.",
               "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply."],
    "CHR109": ["We use cookies to improve your experience on our site.", "Accept all cookies",
               "By continuing to use this site, you agree to our use of cookies."],
    "CHR110": ["Sign up for our newsletter", "Enter your email address",
               "Get the best of our journalism delivered to your inbox every morning.",
               "Subscribe to the Morning Briefing newsletter",
               "Get the latest headlines straight to your phone with our free app.",
               "Get regular updates on new tutorials and offers.",
               "Sign up to receive the best stories of the week.",
               "Want to stay informed about our events? Sign up here",
               "Enter your email below to receive new posts.",
               "Subscribe to Tech Notes via RSS or Email"],
    "CHR111": ["Subscribe", "Sign in", "Already a subscriber? Log in", "Sign in / Register",
               "This article is available to subscribers only.",
               "Subscribe now to our digital edition for the full story.",
               "To read the full article, please subscribe or log in.",
               "Already a member? Sign in to continue.", "Forgot your password? Get help",
               "Register for a free account", "We rely on your support to keep our reporting free for all."],
    "CHR112": ["© 2024 Example Media Group. All rights reserved.", "All Rights Reserved.",
               "Copyright 2019 The Associated Press. All rights reserved."],
    "CHR113": ["Advertisement", "Story continues below advertisement", "Sponsored Content"],
    "CHR114": ["Skip to content", "Back to top", "Menu", "Page 2 of 5", "Jump to RecipePrint Recipe"],
    "CHR115": ["Follow us on Twitter", "Like us on Facebook", "Follow Jane Smith on X"],
    "CHR116": ["Tags: Ukraine, Russia, Diplomacy", "Filed under: Politics", "Posted in World News",
               "Filed under elections , city council"],
    "CHR117": ["Privacy Policy", "Terms of Use", "Powered by WordPress", "Simple theme. Powered by Blogger.",
               "View my complete profile", "DMCA"],
    "CHR118": ["Published: March 10, 2015", "Updated: 5 March 2018 at 15:42", "Posted 2 hours ago",
               "Jun 18th 2018", "Sunday, Feb 1, 2015 11:57 AM UTC", "Oct 18, 2019 · 8 min read",
               "asked Feb 6, 2014 at 20:37", "Answered 3 years, 2 months ago"],
    "CHR119": ["5 min read", "Reading time: 4 minutes", "21 minutes - 4312 words"],
    "CHR120": ["As an Amazon Associate I earn from qualifying purchases.",
               "When you buy through links on our site, we may earn an affiliate commission.",
               "Disclaimer: The opinions expressed here are the author's own.",
               "Example News is not responsible for the opinions of its contributors."],
    "CHR121": ["Please enable JavaScript to view the comments powered by Disqus.",
               "Your browser does not support the video tag.",
               "Warning: Creating default object from empty value in /www/htdocs/site/wp-includes/x.php on line 12"],
}


@pytest.mark.parametrize("code, line", [(code, line) for code, lines in FLAGGED.items() for line in lines])
def test_phrase_rule_flags_the_whole_line(code, line):
    text = f"The minister spoke to reporters in the capital on Monday afternoon.\n{line}\n"
    assert spans(text) == [(2, 2, code)]
    assert flagged(text) == [line]


def test_line_rules_offer_an_unsafe_line_deletion():
    text = "First paragraph of the story, which is long enough.\nAdvertisement\nLast paragraph.\n"
    (diagnostic,) = lint(text, "CHR113")
    assert diagnostic.fix.applicability.value == "unsafe"
    (edit,) = diagnostic.fix.edits
    assert text[edit.start:edit.end] == "Advertisement\n"


NOT_FLAGGED = [
    "Home prices rose 5% in May.",
    "Home secretary quits",
    "Retour sur les revues de rang « 1 » ou « 1* » où les chercheurs « placent » leurs articles",
    "The plan was approved by John Smith on Monday.",
    "By John Smith's own account, the deal collapsed.",
    "By then, the talks had stalled.",
    "By the Numbers",
    "By Train",
    "Source: a person familiar with the talks said the deal was close.",
    "Source: Officials said the deal was close.",
    "Photo opportunities were rare during the visit.",
    "The comments were published on Monday.",
    "Comment is free, but facts are sacred.",
    "He said he would share the data.",
    "Share prices fell 3% on Tuesday.",
    "He refused to share this article's sources with the court.",
    "More than 100 people were killed.",
    "Read more books, the minister urged.",
    "Ad blockers are used by 40% of internet users, the survey found.",
    "Akismet is a spam-filtering service used by many blogs.",
    "The bakery sells cookies and cakes.",
    "Regulators say websites that use cookies must ask for consent.",
    "The newsletter reported that sales fell.",
    "Subscribers will pay $10 a month under the new plan.",
    "Copyright lawsuits rose sharply in 2020.",
    "The company said all rights reserved under the contract remain in force.",
    "The advertisement drew complaints from viewers.",
    "Back to the drawing board, the minister said.",
    "Follow the money, investigators said.",
    "Tags were attached to the birds' legs.",
    "The privacy policy was changed in May.",
    "Published in 1851, the novel sold poorly.",
    "The walk takes 5 minutes.",
    "Amazon said its associates program would change next year.",
    "The company said it would enable JavaScript blocking in its next browser release.",
    "If you have a browser open, close it first.",
    # near misses of the patterns for dates, teasers, sign-ups and disclaimers
    "On March 3, 2015, the court ruled against the company.",
    "The election is on 4 July 2024.",
    "Two of the 12 thoughts he shared on the panel were about tax.",
    "Read more about the history of the bridge in our archive.",
    "The previous article in this series looked at rents.",
    "Recent studies show that sleep matters.",
    "Trending topics on social media shift quickly.",
    "Sign up for the course at the library before Friday.",
    "Get the latest version of the app from the official store.",
    "Subscribers to the service can cancel at any time.",
    "Disclaimer: if you see different sizes, that is because we are not done yet.",
    "The company is not responsible for delays caused by the weather, it said.",
    "Police filed under the new law.",
    "A warning: the road is closed in /dev/null on line 3 of the script.",
    "The 2 reviews published so far were positive.",
    "He asked in February why the rules had changed.",
    "Photo by photo, the exhibition tells the story of the town.",
]


@pytest.mark.parametrize("line", NOT_FLAGGED)
def test_prose_with_chrome_words_is_not_flagged(line):
    assert spans(f"{line}\n") == []


# -- existence rules: the chrome part of a longer line ---------------------------
def test_share_prompt_is_flagged_apart_from_the_rest_of_the_line():
    text = "Share this post with your friends! What do you think about the plan?\n"
    assert flagged(text) == ["Share this post with your friends!"]
    text = "Thanks for reading. Please share this article on social media.\n"
    assert flagged(text) == ["Please share this article on social media."]


def test_whole_line_share_prompt_is_reported_once():
    assert spans("Share this article\n") == [(1, 1, "CHR105")]


def test_credit_split_over_two_lines_is_one_diagnostic():
    assert spans("The talks ended without a deal.\nSource:\nReuters\n") == [(2, 3, "CHR103")]
    assert spans("Photo:\nhttps://example.com/kyiv.jpg\n") == [(1, 2, "CHR103")]
    assert spans("Photo:\nJane Doe/Reuters\n") == [(1, 2, "CHR103")]


def test_credit_closing_a_caption_is_flagged_alone():
    text = "Protesters gather in Paris on Saturday. Photo: Reuters\n"
    assert flagged(text) == ["Photo: Reuters"]
    text = "Rescue workers search the rubble. (Photo by Jane Doe/AFP via Getty Images)\n"
    assert flagged(text) == ["(Photo by Jane Doe/AFP via Getty Images)"]


def test_credit_label_followed_by_a_sentence_is_not_flagged():
    assert spans("Source:\nThe deal was signed on Monday, officials said.\n") == []


# -- CHR201: runs of menu-like lines ---------------------------------------------
LEAD = "The Kremlin on Wednesday rejected a proposal for a leaders' summit, officials said."


def test_bulleted_menu_before_the_headline_is_flagged_but_not_the_headline():
    text = f"* Home\n* World\n* Business\n* Sport\n* Culture\nKremlin rejects summit plan\n{LEAD}\n"
    assert spans(text) == [(1, 1, "CHR114"), (2, 5, "CHR201")]


def test_one_line_menu_is_flagged_on_its_own():
    assert spans("News | Sport | Weather | Travel\n") == [(1, 1, "CHR201")]


def test_separator_line_makes_a_short_run():
    text = f"The talks ended on Monday without a deal, officials in both capitals said.\nPolitics\n·\nWorld\n{LEAD}\n"
    assert spans(text) == [(2, 3, "CHR201")]


def test_run_is_split_around_lines_that_phrase_rules_report():
    text = "* Subscribe\n* Politics\n* Sign in\n* Economy\n* Culture\n"
    assert spans(text) == [(1, 1, "CHR111"), (2, 2, "CHR201"), (3, 3, "CHR111"), (4, 5, "CHR201")]


def test_bulleted_teaser_titles_and_counted_archive_links_are_runs():
    teasers = ("The minister spoke to reporters in the capital on Monday afternoon.\n"
               "* How to Build a Terrarium With Succulent Plants\n"
               "* Kendall Jenner Finally Addresses the Rumours\n"
               "* Why Your Cat Ignores You When You Call Her\n")
    assert spans(teasers) == [(2, 4, "CHR201")]
    assert spans("* WebGL (39)\n* Video (63)\n* Security (14)\n* Standards (53)\n") == [(1, 4, "CHR201")]


LEAD = "The minister spoke to reporters in the capital on Monday afternoon about the plan.\n"


def test_headlines_in_any_case_under_a_widget_heading_are_a_teaser_list():
    text = (LEAD + "Related Stories\n"
            "* Do masks offer protection from the new virus? It depends\n"
            "* Hoarding sends mask prices soaring across the country (12 photos)\n"
            + LEAD)
    assert spans(text) == [(2, 2, "CHR106"), (3, 4, "CHR201")]
    assert [text[d.offset:d.end_offset] for d in lint(text) if d.code == "CHR201"] == [
        "* Do masks offer protection from the new virus? It depends\n"
        "* Hoarding sends mask prices soaring across the country (12 photos)"]


@pytest.mark.parametrize("heading, items", [
    # a list the article introduces with a colon
    ("Key points:", ["* Masks offer some protection against the new virus", "* Prices have doubled since January"]),
    # a ranking is numbered
    ("Most Popular", ["1. Masks offer some protection against the new virus", "2. Prices have doubled since January"]),
    # points that end like sentences
    ("Advertisement", ["* Masks offer some protection against the new virus.", "* Prices have doubled since January."]),
    # a single item, and items too short to be headlines
    ("Related Stories", ["* Masks offer some protection against the new virus"]),
    ("Advertisement", ["* two eggs and some flour", "* a pinch of salt"]),
])
def test_lists_under_a_reported_line_that_are_not_teasers(heading, items):
    text = LEAD + heading + "\n" + "\n".join(items) + "\n" + LEAD
    assert [code for _, _, code in spans(text)] == [code for _, _, code in spans(LEAD + heading + "\n" + LEAD)]


def test_run_fix_deletes_its_lines():
    text = ("The minister spoke to reporters in the capital on Monday afternoon.\nNBC News\n·\n"
            "Source: NBC News\nLONDON — The Kremlin said no.\n")
    (diagnostic,) = lint(text, "CHR201")
    assert diagnostic.fix.applicability.value == "unsafe"
    (edit,) = diagnostic.fix.edits
    assert text[edit.start:edit.end] == "NBC News\n·\n"


def test_first_line_of_the_document_is_its_title():
    text = "Kremlin rejects summit plan\nNBC News\n·\nSource: NBC News\nLONDON — The Kremlin said no.\n"
    assert spans(text) == [(2, 3, "CHR201"), (4, 4, "CHR103")]


def test_blank_lines_do_not_break_a_run():
    assert spans("* World\n\n* Business\n\n* Sport\n\n* Culture\n") == [(1, 7, "CHR201")]


@pytest.mark.parametrize("text", [
    # a heading followed by prose
    "The Current State of Negotiations\nThe lack of a defined agenda stems from fundamental "
    "disagreements between Russia and Ukraine.\n",
    # unbulleted short lines right before prose may be headline, dek and section
    f"World\nEurope\nKremlin rejects summit plan\n{LEAD}\n",
    # a list the article introduces
    "The kit includes:\n* Hammer\n* Saw\n* Power Drill\n* Tape Measure\n"
    "Then assemble the frame in order, following the manual carefully.\n",
    # a list between two paragraphs of prose
    "Prices rose again in the capital this year, the survey of estate agents found.\n"
    "* Kensington\n* Chelsea\n* Camden\nBuyers in outer boroughs saw smaller rises, the report added.\n",
    # a table of contents whose entries come back as section headings
    "Contents\n* Background\n* The Talks\n* Reactions\nBackground\n"
    "The war began in February 2022 when Russian troops crossed the border.\nThe Talks\n"
    "Negotiators met twice in Istanbul in the spring of that year, without result.\nReactions\n"
    "Western capitals welcomed the announcement with caution, diplomats said.\n",
    # table cells, lower-case items, a numbered ranking, code
    "Team\nWins\n12\nLosses\n3\n",
    "* apples\n* pears\n* plums\n* cherries\n",
    # sentence-case list items are the article's, even in a long list
    "* Place the seeds on a paper towel\n* Cover them with another towel\n* Keep the towels moist\n"
    "* Check the seeds every other day\n",
    "1. Paris\n2. Rome\n3. Berlin\n4. Madrid\n",
    "SELECT *\nFROM users\nWHERE id = 1\nORDER BY name\n",
    # two short lines are not a run
    "Editor's note\nCorrection appended\n",
])
def test_article_structure_is_not_a_run(text):
    assert [code for _, _, code in spans(text)] == []


def test_every_chrome_rule_is_documented():
    for chrome_rule in chrome_rules():
        for section in ("## What it does", "## Why is this bad?", "## Example"):
            assert section in chrome_rule.doc, (chrome_rule.code, section)
