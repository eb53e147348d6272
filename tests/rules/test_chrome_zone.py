"""CHR202 outside-article-body (rules/chrome_page_zone.py, rules/_zones.py):
the lines of a whole-page scrape around its article."""
from __future__ import annotations

import json
from functools import cache

import pytest

from conftest import SEEDS, require_corpus
from newslint.config import Config
from newslint.fixer import apply_fixes
from newslint.registry import all_rules, select
from newslint.document import Document
from newslint.model import Diagnostic, Severity
from newslint.runner import claimed_lines, lint_document, lint_text


@cache
def chrome_rules():
    """The chrome rules, loaded once: CHR202 reads the lines the phrase
    rules and CHR201 report."""
    return select(all_rules(), select=["chrome"])


def lint(text: str):
    return lint_text(text, chrome_rules(), Config())


def zone_spans(text: str) -> list[tuple[int, int]]:
    return [(d.start.line, d.end.line) for d in lint(text) if d.code == "CHR202"]


NAVIGATION = """\
Skip to main content
* News
* Sport
* Weather
* Travel
Mountain Gazette
"""
WIDGET = """\
Fort William
56.8198, -5.1052
Hotels from £45
"""
HEADER = """\
Hikers found safe after three nights on Ben Nevis
By Jane Smith
12 March 2024, 09:15
Share on Facebook
Share on Twitter
"""
BODY = """\
Two hikers who went missing on Ben Nevis were found alive on Sunday morning after spending three cold nights on the mountain without a tent or a stove.
The pair had set out early on Thursday to climb the north face, but they lost their way in thick fog near the summit plateau and could not find the path again.
Rescue teams from Lochaber searched the gullies for two days before a coastguard helicopter crew spotted the hikers from the air late on Sunday morning.
Both of them were taken to the hospital in Fort William, where they are being treated for mild hypothermia and exhaustion after their long ordeal.
Police said that the hikers had done the right thing by staying together and by sheltering behind a large boulder when the weather closed in on them.
The rescue team leader said that the weather on the mountain can change within minutes, even in the middle of spring, and that walkers should carry a map.
He added that the team had been called out more than forty times this year, which is almost twice as often as in an ordinary year on the hill.
The hikers, who are both in their twenties, thanked the rescuers and said that they would return to finish the climb once they had fully recovered.
"""
RELATED = """\
Related Stories
Storm closes Highland roads for a second day
Ferry services to the islands cancelled again
Winter climbing season draws record numbers
"""
COMMENTS = """\
3 Comments
Alan Reid 12 March 2024 at 10:02
What a relief for the families, well done to the rescue teams.
Mary Fox 12 March 2024 at 11:40
The fog up there can close in within minutes, I have seen it happen.
Tom Bell 12 March 2024 at 13:15
Glad they are safe and that they stayed together on the mountain.
"""
FOOTER = """\
Leave a Reply
Privacy Policy
Terms of Use
Copyright © 2024 Mountain Gazette
"""
PAGE = NAVIGATION + WIDGET + HEADER + BODY + RELATED + COMMENTS + FOOTER


# -- a whole page -----------------------------------------------------------------
def test_page_dump_flags_widget_teasers_and_comment_thread():
    # Lines 1-7 (skip link, menu, site name, place name), 11 (byline),
    # 12 (dateline), 13-14 (share), 23 (`Related Stories`), 27 (`3
    # Comments`) and 34-37 (footer) are other rules' lines. The headline
    # (10) is kept.
    assert zone_spans(PAGE) == [(8, 9), (24, 26), (28, 33)]


def test_the_documented_example():
    page = ("Skip to main content\n* News\n* Sport\nMountain Gazette\n56.8198, -5.1052\nHotels from £45\n"
            + HEADER.replace("Share on Twitter\n", "") + BODY
            + "Related Stories\nStorm closes Highland roads for a second day\n"
              "Ferry services to the islands cancelled again\nPrivacy Policy\nCopyright © 2024 Mountain Gazette\n")
    assert zone_spans(page) == [(5, 6), (20, 21)]


def test_page_dump_messages_say_where_the_lines_are():
    before, after, _ = [d for d in lint(PAGE) if d.code == "CHR202"]
    assert before.message.startswith("Page chrome before the article body (2 lines)")
    assert after.message.startswith("Page chrome after the article body (3 lines)")
    assert PAGE[after.offset:after.end_offset] == RELATED.split("\n", 1)[1].rstrip("\n")


def test_fix_deletes_the_whole_lines():
    teasers = next(d for d in lint(PAGE) if d.code == "CHR202" and d.start.line == 24)
    assert teasers.fix.applicability.value == "unsafe"
    fixed, applied = apply_fixes(PAGE, [teasers])
    assert applied == 1
    assert fixed == PAGE.replace(RELATED, "Related Stories\n")


def test_headline_and_dateline_are_kept_when_byline_and_share_lines_stand_between():
    reported = {n for first, last in zone_spans(PAGE) for n in range(first, last + 1)}
    assert reported.isdisjoint({10, 12})
    assert reported.isdisjoint(range(15, 23))  # the body


def test_comment_thread_whose_timestamps_other_rules_report_is_still_a_thread():
    comments = COMMENTS.replace("Alan Reid ", "Alan Reid\n").replace("Mary Fox ", "Mary Fox\n").replace(
        "Tom Bell ", "Tom Bell\n")
    page = NAVIGATION + WIDGET + HEADER + BODY + RELATED + comments + FOOTER
    # The bare timestamps (lines 29, 32, 35) are CHR118's; the names and the comments around them are CHR202's.
    assert [(d.start.line, d.code) for d in lint(page) if d.start.line >= 28 and d.code in ("CHR118", "CHR202")] == [
        (28, "CHR202"), (29, "CHR118"), (30, "CHR202"), (32, "CHR118"), (33, "CHR202"), (35, "CHR118"),
        (36, "CHR202")]


NOTICE = """About cookies on this site
This notice explains how the site stores small files on your computer and how you can refuse them at any time.
The files help us to understand which pages are read most often and which ones could be made easier to use.
We keep the information for no longer than a year and never sell it to other companies or to advertisers.
You can change your choice at any time by opening the settings from the link at the bottom of every page.
"""


def test_body_is_not_widened_across_the_comments_to_a_notice_below_them():
    page = NAVIGATION + WIDGET + HEADER + BODY + RELATED + COMMENTS + NOTICE + FOOTER
    reported = {n for first, last in zone_spans(page) for n in range(first, last + 1)}
    assert set(range(28, 34)) <= reported  # the comment thread
    assert reported.isdisjoint(range(15, 23))  # the body


def test_headline_above_a_long_video_player_that_other_rules_report_is_kept():
    player = "Play\nMute\nClose\nBack\n" * 20  # 80 lines, half of them CHR114's
    page = NAVIGATION + HEADER.replace("12 March 2024, 09:15\n", "") + player + BODY + RELATED + FOOTER
    reported = {n for first, last in zone_spans(page) for n in range(first, last + 1)}
    assert 7 not in reported  # `Hikers found safe after three nights on Ben Nevis`
    assert zone_spans(page)[-1] == (100, 102)  # the teasers


def test_late_rules_see_the_lines_of_earlier_late_rules():
    # The runner adds CHR201's menu runs to the claimed lines before CHR202 runs.
    doc = Document(PAGE)
    diagnostics, _ = lint_document(doc, chrome_rules(), Config())
    menu_lines = {n for d in diagnostics if d.code == "CHR201" for n in range(d.start.line, d.end.line + 1)}
    assert menu_lines and menu_lines <= doc.claimed_lines


def test_claimed_lines_need_one_diagnostic_covering_the_whole_line():
    long_line = "word " * 20000
    text = f"{long_line}\nMenu\n"
    doc = Document(text)
    # Many short removals inside the long line claim nothing; one spanning it claims it.
    pieces = [Diagnostic("-", "TST", "t", "chrome", Severity.WARNING, "m", doc.position(i), doc.position(i + 4), i,
                         i + 4) for i in range(0, len(long_line) - 5, 5)]
    assert claimed_lines(doc, pieces) == frozenset()
    menu = text.index("Menu")
    whole = [Diagnostic("-", "TST", "t", "chrome", Severity.WARNING, "m", doc.position(0),
                        doc.end_position(menu + 4), 0, menu + 4)]
    assert claimed_lines(doc, pieces + whole) == frozenset({1, 2})


def test_closing_short_line_before_the_footer_is_kept():
    # `He was 62.` ends the article; between the body and the next claimed
    # line only menu, title, teaser and timestamp lines are reported.
    page = NAVIGATION + HEADER + BODY + "He was 62.\n" + "The Gazette\n" + RELATED + FOOTER
    assert zone_spans(page) == [(21, 21), (23, 25)]


def test_article_split_by_a_gallery_is_one_body():
    gallery = "Advertisement\nPhoto: Reuters\nPhoto: AFP\nPhoto: AP\n"
    second = BODY.replace("Two hikers", "The two hikers").replace("The pair", "The walkers")
    page = NAVIGATION + HEADER + BODY + gallery + second + RELATED + FOOTER
    assert zone_spans(page) == [(33, 35)]


LONG_COMMENTS = """\
3 Comments
Alan Reid 12 March 2024 at 10:02
What a relief for the families, and well done to all of the rescue teams who went out in that weather to look for them.
I walked the same route last winter and the fog came down so quickly that we had to turn back before the summit plateau.
Mary Fox 12 March 2024 at 11:40
The fog up there can close in within minutes, I have seen it happen to experienced climbers who knew the mountain well.
It is good to hear that they had the sense to stay together and to wait for help instead of trying to find the path.
Tom Bell 12 March 2024 at 13:15
Glad they are safe and that they stayed together on the mountain, because that is what saved their lives in the end.
"""


def test_thread_of_long_comments_is_not_taken_for_article_text():
    # Each comment header is a timestamp line followed by prose: a thread,
    # not a second stretch of the article.
    page = NAVIGATION + HEADER + BODY + LONG_COMMENTS + FOOTER
    assert zone_spans(page) == [(21, 28)]


GERMAN_PAGE = """\
Zum Inhalt springen
* Nachrichten
* Sport
* Wetter
* Reisen
Bergbote
Wanderer nach drei Nächten auf der Zugspitze gerettet
Von Anna Schmidt
Teilen auf Facebook
Zwei Wanderer, die auf der Zugspitze vermisst wurden, sind am Sonntagmorgen nach drei kalten Nächten am Berg lebend gefunden worden.
Die beiden waren am Donnerstag früh zum Gipfel aufgebrochen, hatten aber im dichten Nebel auf dem Plateau den Weg verloren und konnten ihn nicht wiederfinden.
Die Bergwacht suchte zwei Tage lang die Rinnen ab, bevor die Besatzung eines Hubschraubers die beiden am Sonntagvormittag aus der Luft entdeckte.
Beide wurden in das Krankenhaus in Garmisch gebracht, wo sie wegen einer leichten Unterkühlung und großer Erschöpfung behandelt werden.
Die Polizei sagte, die Wanderer hätten alles richtig gemacht, weil sie zusammengeblieben waren und hinter einem großen Felsen Schutz gesucht hatten.
Der Leiter der Bergwacht sagte, dass sich das Wetter am Berg innerhalb von Minuten ändern könne, auch mitten im Frühling, und dass man eine Karte dabeihaben solle.
Er fügte hinzu, dass die Bergwacht in diesem Jahr schon mehr als vierzigmal ausgerückt sei, fast doppelt so oft wie in einem gewöhnlichen Jahr am Berg.
Die beiden Wanderer, die Mitte zwanzig sind, dankten den Rettern und sagten, sie wollten die Tour beenden, sobald sie sich ganz erholt hätten.
Am Montag wollen die Retter mit den beiden über die Tour sprechen, um aus dem Einsatz für künftige Suchen am Berg zu lernen.
Weitere Artikel
Sturm sperrt Straßen im Allgäu
Fähren zum Bodensee fallen wieder aus
3 Kommentare
Peter Huber 12. März 2024 um 10:02
Was für eine Erleichterung für die Familien, ein großes Lob an die Bergwacht.
Maria Fuchs 12. März 2024 um 11:40
Der Nebel kann da oben innerhalb von Minuten kommen, das habe ich selbst erlebt.
Thomas Berg 12. März 2024 um 13:15
Schön, dass sie in Sicherheit sind und dass sie am Berg zusammengeblieben sind.
Kommentar schreiben
Datenschutz
Impressum
© 2024 Bergbote
"""


def test_german_page_dump_uses_german_function_words_and_month_names():
    # Lines 1-6, 8-9, 19, 22 and 29-32 are other rules' lines (the menu run
    # and the German and English phrase packs); the headline (7) is kept.
    assert zone_spans(GERMAN_PAGE) == [(20, 21), (23, 28)]


# -- near misses ------------------------------------------------------------------------
MARKDOWN_ARTICLE = """\
# Hikers found safe after three nights on Ben Nevis

Two hikers who went missing on Ben Nevis were found alive on Sunday morning after spending three cold nights on the mountain.

## What went wrong

The pair had set out early on Thursday to climb the north face, but they lost their way in thick fog near the summit plateau.
Rescue teams from Lochaber searched the gullies for two days before a coastguard helicopter crew spotted the hikers from the air.

## What to pack

* A map
* A compass
* Spare gloves
* A head torch

Stay safe out there.

Jane Smith writes about the outdoors for the Gazette.
"""


def test_markdown_article_with_headings_and_a_final_list_is_not_flagged():
    assert zone_spans(MARKDOWN_ARTICLE) == []


def test_article_with_a_few_chrome_lines_is_not_a_page_dump():
    # Four lines that phrase rules report: the byline, the dateline, a share button, `Related Stories`.
    article = (HEADER.replace("Share on Twitter\n", "") + BODY + "He was 62.\n"
               + "Related Stories\nStorm closes Highland roads\n")
    assert zone_spans(article) == []


def test_article_whose_last_paragraph_is_short_keeps_it():
    page = NAVIGATION + HEADER + BODY + "Both are expected to recover.\n" + RELATED + FOOTER
    assert zone_spans(page) == [(22, 24)]


def test_text_without_prose_is_left_alone():
    menus = "\n".join(f"* Section {name}" for name in "ABCDEFGHIJ") + "\n" + FOOTER
    assert zone_spans(NAVIGATION + menus) == []


def test_listing_page_of_short_teasers_has_no_body():
    teaser = ("Storm closes Highland roads\n"
              "Roads across the Highlands were closed on Monday as a storm brought snow and strong winds to the hills.\n"
              "Read more\n")
    page = NAVIGATION + teaser * 8 + FOOTER
    assert zone_spans(page) == []


def test_seeds_get_no_zone_diagnostics():
    for path in sorted(SEEDS.glob("*.txt")):
        assert zone_spans(path.read_text(encoding="utf-8")) == [], path.name


def test_clean_prose_gets_no_zone_diagnostics():
    corpus = require_corpus()
    with open(corpus / "clean_prose.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            assert zone_spans(record["text"]) == [], record["id"]


@pytest.mark.parametrize("options", [{"min_claimed_lines": 18}, {"min_body_prose": 9}])
def test_options_raise_the_evidence_needed(options):
    # PAGE has 17 claimed lines and 8 sentences of body.
    diagnostics = lint_text(PAGE, chrome_rules(), Config(rule_options={"CHR202": options}))
    assert [d for d in diagnostics if d.code == "CHR202"] == []
    relaxed = {key: value - 1 for key, value in options.items()}
    diagnostics = lint_text(PAGE, chrome_rules(), Config(rule_options={"CHR202": relaxed}))
    assert [d.start.line for d in diagnostics if d.code == "CHR202"] == [8, 24, 28]
