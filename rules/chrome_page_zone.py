"""CHR202 outside-article-body: site furniture above and below the article
of a whole-page scrape, found from where the article's prose lies."""
from __future__ import annotations

from newslint.document import Document
from newslint.model import Fix, Hit
from newslint.rule import rule
from newslint.rules import _zones


@rule("CHR202", "outside-article-body", category="chrome", fix="unsafe", late=True,
      options={"min_claimed_lines": 5, "min_body_prose": 3})
def check(doc: Document, options: dict):
    """Flags the lines of a whole-page scrape around its article: navigation, teasers, comments, footer.

    ## What it does
    Finds the article body of a scraped web page as its heaviest stretch of
    prose: every line is weighed by its shape (sentences weigh by their
    length; menu entries, timestamps, short list items and the lines that
    other chrome rules report weigh against), and the body is the stretch
    of maximum total weight, widened to further stretches of prose nearly
    as heavy (an article split by a photo gallery), but not downwards
    across a comment thread: what follows the comments (a privacy notice)
    is not article. It then flags the runs of lines before and after the
    body that no other rule reports: site name and navigation, prices and
    coordinates of a travel widget, link lists, tag clouds (`* HTML5
    (176)`), related-article teasers, comment threads (a timestamp line
    followed by prose, over and over, also when another rule reports the
    timestamps) and footer text.

    It stays quiet unless the text is clearly a whole page: other chrome
    rules must report at least `min_claimed_lines` lines of it (so it needs
    the phrase rules selected too), the body must hold `min_body_prose`
    sentences and some 200 words of prose and most of the page's prose,
    and a listing page of many equal teasers has no body at all.

    Around the body it keeps:
    * the headline: the nearest title line above the body, and title lines
      on the body's topic (sharing its content words with the body's first
      lines and the lead fragments just above it), even when a byline, date
      and share buttons stand between; beyond 60 lines, a title mostly made
      of the body's words, when the lines between are mostly reported ones
      (a video player);
    * prose and timestamp lines shortly above the body: a dek, a lead cut
      off by a photo credit, the dateline;
    * the document's first line, when it is title-shaped;
    * between the body and the nearest line another rule reports, all but
      menu entries, title lines, teasers and timestamps (a closing remark,
      a caption, the end of the article);
    * everything on a side of the body where no other rule reports a line;
    * other stretches of two or more prose lines (a box or a recipe card).

    ## Why is this bad?
    A naive scraper keeps the whole page: the article is often less than a
    quarter of the lines. Navigation, teasers and comments read as article
    text to every tool downstream and skew word counts, n-grams and
    summaries. Each line of it is harmless alone, so phrase rules cannot
    catch it; its place on the page gives it away.

    ## Example
    ```
    Skip to main content
    * News
    * Sport
    Mountain Gazette
    56.8198, -5.1052
    Hotels from £45
    Hikers found safe after three nights on Ben Nevis
    By Jane Smith
    12 March 2024, 09:15
    Share on Facebook
    Two hikers who went missing on Ben Nevis were found alive on Sunday ...
    (seven more paragraphs of the article)
    Related Stories
    Storm closes Highland roads for a second day
    Ferry services to the islands cancelled again
    Privacy Policy
    Copyright © 2024 Mountain Gazette
    ```
    The travel widget (`56.8198, -5.1052`, `Hotels from £45`) and the two
    teaser headlines under `Related Stories` are flagged, as two runs. The
    headline is kept; the skip link, menu, site name, byline, dateline,
    share button, `Related Stories` and footer lines are left to the rules
    that report them (CHR114, CHR201, CHR102, CHR118, CHR105, CHR106,
    CHR117, CHR112).
    """
    layout = _zones.layout(doc, options["min_claimed_lines"], options["min_body_prose"])
    if layout is None:
        return
    for first, last in layout.chrome_runs():
        yield _hit(doc, first, last, "before" if last < layout.first else "after")


def _hit(doc: Document, first: int, last: int, side: str) -> Hit:
    paragraphs, lines = doc.paragraphs, doc.lines
    start, end = paragraphs[first], paragraphs[last]
    following = end.last_line  # 0-based index of the line after the run
    fix_end = lines[following].start if following < len(lines) else lines[-1].end
    fix = Fix.delete(lines[start.first_line - 1].start, fix_end, "Remove the lines", safe=False)
    count = last - first + 1
    size = f"{count} lines" if count > 1 else "1 line"
    return Hit(start.start, end.end,
               f"Page chrome {side} the article body ({size}): navigation, teasers, comments and footer "
               f"text are not article text", fix)
