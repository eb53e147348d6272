"""Markup rules: MKP001 markup-tag, MKP002 markup-shortcode, MKP003 markup-template,
MKP004 javascript-notice, MKP005 unsupported-media-notice."""
import pytest

from conftest import flagged, lint
from newslint.fixer import apply_fixes, fixable


def unsafe_fixed(text: str, *selectors: str) -> str:
    return apply_fixes(text, fixable(lint(text, *selectors), unsafe=True))[0]


# -- MKP001 markup-tag ---------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("<p>The talks ended on Friday.</p>", ["<p>", "</p>"]),
    ("The talks ended.<br/>A new round starts.", ["<br/>"]),
    ('Read the <a href="https://example.com/x">full report</a> here.',
     ['<a href="https://example.com/x">', "</a>"]),
    ("It was, he said, a <b>big</b> deal.", ["<b>", "</b>"]),  # paired: not a mention
    ("I prefer <code>if bar is None</code> in Python.", ["<code>", "</code>"]),
    ("The page ends here </div> and the text goes on.", ["</div>"]),
    ("The text <!-- ad slot --> goes on.", ["<!-- ad slot -->"]),
    ("Count: <script>document.write(1);</script> comments", ["<script>document.write(1);</script>"]),
    ('Watch <source src="clip.mp4"> the clip.', ['<source src="clip.mp4">']),
])
def test_tags_are_flagged(text, expected):
    assert flagged(text, "MKP001") == expected


@pytest.mark.parametrize("text", [
    "If a < b and x<5, then a<b>c holds; I <3 it; go back <- or forward ->.",
    "Write to <jane@example.com> or see <https://example.com>.",
    "Use List<String> or Map<K, V> in Java.",
    "Run cp <source> <target> or pyenv global <desired version>.",
    "The branch name has the format <year>.<month>, and the dialogue says <your name>.",
    "The request comes from an <img> tag, and the <div> element holds it.",
    "Type `<br>` to break a line.",
])
def test_near_misses_are_not_flagged(text):
    assert flagged(text, "MKP001") == []


def test_tag_fix_removes_the_tag_and_a_markup_only_line():
    text = 'First paragraph.\n<img src="a.gif" /> <img src="b.gif">\n<p>Second paragraph.</p>\n'
    diagnostics = lint(text, "MKP001")
    assert [(d.start.line, text[d.offset:d.end_offset], d.message) for d in diagnostics] == [
        (2, '<img src="a.gif" /> <img src="b.gif">', "Line of leftover markup (2 tags)"),
        (3, "<p>", "Leftover HTML tag `<p>`"),
        (3, "</p>", "Leftover HTML tag `</p>`"),
    ]
    assert all(d.fix.applicability.value == "unsafe" for d in diagnostics)
    assert unsafe_fixed(text, "MKP001") == "First paragraph.\nSecond paragraph.\n"


# -- MKP002 markup-shortcode ---------------------------------------------------
def test_shortcodes_are_flagged_and_the_caption_text_kept():
    text = '[caption id="attachment_7" align="alignleft" width="300"]The minister in Kyiv.[/caption]\n'
    assert flagged(text, "MKP002") == ['[caption id="attachment_7" align="alignleft" width="300"]', "[/caption]"]
    assert unsafe_fixed(text, "MKP002") == "The minister in Kyiv.\n"


@pytest.mark.parametrize("text, expected", [
    ("[gallery ids=\"1,2,3\"] and more", ['[gallery ids="1,2,3"]']),
    ("[sourcecode language=“bash“]ls -la[/sourcecode]", ["[sourcecode language=“bash“]", "[/sourcecode]"]),
    ("It was [b]bold[/b] and [url=https://example.com]linked[/url].",
     ["[b]", "[/b]", "[url=https://example.com]", "[/url]"]),
    ("[instagram-feed num=9 cols=3]", ["[instagram-feed num=9 cols=3]"]),
])
def test_shortcode_forms(text, expected):
    assert flagged(text, "MKP002") == expected


@pytest.mark.parametrize("text", [
    "“If this [deal] is going to happen, [it] will be soon,” he said [sic].",
    "Studies show it [1][2], see [the report](https://example.com) and [MP3].",
    "The sample [n=32] was small.",
])
def test_editorial_brackets_are_not_shortcodes(text):
    assert flagged(text, "MKP002") == []


# -- MKP003 markup-template ----------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("{{category.text}}", ["{{category.text}}"]),
    ("Posted in {{ category.name }} by {{ author }}.", ["{{ category.name }}", "{{ author }}"]),
    ("{% if user %}Welcome back{% endif %}", ["{% if user %}", "{% endif %}"]),
    ("Only ${price} today, {{{ body }}} and {{citation needed}}.",
     ["${price}", "{{{ body }}}", "{{citation needed}}"]),
    ("Title: <?php echo $title; ?>", ["<?php echo $title; ?>"]),
])
def test_template_syntax_is_flagged(text, expected):
    assert flagged(text, "MKP003") == expected


@pytest.mark.parametrize("text", [
    "The set {1, 2} and the dict {'a': 1} cost $5, or {x} in a formula.",
    "Use ${ with care, and a } alone.",
])
def test_braces_in_prose_are_not_template_syntax(text):
    assert flagged(text, "MKP003") == []


def test_placeholder_only_line_is_removed_by_the_fix():
    text = "Headline\n{{ ad.text }}\nBody text.\n"
    [diagnostic] = lint(text, "MKP003")
    assert (diagnostic.start.line, diagnostic.message) == (2, "Leftover template syntax `{{ ad.text }}`")
    assert unsafe_fixed(text, "MKP003") == "Headline\nBody text.\n"


# -- MKP004 javascript-notice, MKP005 unsupported-media-notice ---------------
@pytest.mark.parametrize("line, code", [
    ("Please enable JavaScript to view the comments powered by Disqus.", "MKP004"),
    ("You need to enable JavaScript to run this app.", "MKP004"),
    ("It looks like JavaScript is disabled in your browser.", "MKP004"),
    ("JavaScript is required.", "MKP004"),
    ("Sorry, but your browser needs Javascript to use this site.", "MKP004"),
    ("To view this video please enable JavaScript, and consider upgrading to a web browser that "
     "supports HTML5 video", "MKP004"),
    ("Your browser does not support the video tag.", "MKP005"),
    ("Your browser doesn’t support HTML5 audio.", "MKP005"),
    ("This browser cannot play the embedded video.", "MKP005"),
])
def test_notice_lines_are_flagged(line, code):
    text = f"The article starts here.\n{line}\nIt goes on.\n"
    diagnostics = lint(text, "MKP004", "MKP005")
    assert [(d.code, d.start.line, text[d.offset:d.end_offset]) for d in diagnostics] == [(code, 2, line)]
    assert unsafe_fixed(text, code) == "The article starts here.\nIt goes on.\n"


@pytest.mark.parametrize("text", [
    "Developers can write JavaScript to enable features.",
    "When JavaScript is disabled the page falls back to plain HTML.",
    "Users who enable JavaScript get the richer version of the page.",
    "The old phone does not support the new video codec, the company said.",
    "A long paragraph about browsers: please enable JavaScript, the developers of the site said in a "
    "statement on Tuesday, because the new version of the application no longer works without it, "
    "and older browsers will be supported only until the end of the year.",
])
def test_prose_about_javascript_is_not_a_notice(text):
    assert flagged(text, "MKP004", "MKP005") == []
