"""Encoding rules: ENC001 mojibake, ENC002 html-entity."""
import pytest

from conftest import lint
from newslint.fixer import apply_fixes, fixable


def found(text: str, code: str) -> list[tuple[str, str | None]]:
    """(flagged text, replacement offered or None) per diagnostic."""
    return [(text[d.offset:d.end_offset], d.fix.edits[0].content if d.fix else None) for d in lint(text, code)]


def fixed(text: str, code: str) -> str:
    return apply_fixes(text, fixable(lint(text, code), unsafe=False))[0]


# -- ENC001 mojibake -----------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("The cafÃ© was closed.", [("Ã©", "é")]),
    ("Itâ€™s a deal, he said.", [("â€™", "’")]),
    ("He called it â€œhistoricâ€\x9d on Monday.", [("â€œ", "“"), ("â€\x9d", "”")]),
    ("Sie sind Ã¼ber die GrenzeÂ gegangen.", [("Ã¼", "ü")]),
    ("Das war blÃƒÂ¶d.", [("ÃƒÂ¶", "ö")]),  # encoded twice
    ("Bringe AjadhiÂ´s Brief ans Ziel.", [("Â´", "´")]),
    ("A price of Â£5 a month.", [("Â£", "£")]),
    ("Ã©tÃ© and \x93quoted\x94 text", [("Ã©", "é"), ("Ã©", "é"), ("\x93", "“"), ("\x94", "”")]),
])
def test_mojibake_is_repaired_in_place(text, expected):
    assert found(text, "ENC001") == expected


def test_fix_edits_only_the_broken_characters():
    text = "Line one stays.\nThe cafÃ© said itâ€™s closed — for now.\n"
    assert fixed(text, "ENC001") == "Line one stays.\nThe café said it’s closed — for now.\n"
    [first, _] = lint(text, "ENC001")
    assert (first.start.line, first.start.column, first.end.column) == (2, 8, 10)
    assert first.message == "Mojibake `Ã©`: it should read `é`"


def test_unrepairable_mojibake_and_replacement_characters_have_no_fix():
    text = "He said â€œhelloâ€ and left; the pack cost 5 z\ufffd and limpieza\x8f was over.\n"
    assert found(text, "ENC001") == [("â€œ", "“"), ("â€", None), ("\ufffd", None), ("\x8f", None)]
    messages = [d.message for d in lint(text, "ENC001")]
    assert messages[2] == "Replacement character U+FFFD: the original character was lost in decoding"
    assert messages[3] == "Mojibake `\\x8f`: text decoded with the wrong encoding, no confident repair"


@pytest.mark.parametrize("text", [
    "Naïve visitors to the café in Zürich paid 5 € — or £4 — for crème brûlée.",
    "« Le café\u00a0», a-t-il dit, « c’est fini\u00a0».",  # é before a no-break space
    "Prä\u00adven\u00adti\u00adon und Ge\u00adrä\u00adte",  # ä before a soft hyphen
    "Rivière–Loup and São Paulo and Ærø and Łódź and Ñuñoa.",
    "Él dijo: “Muy contento de que estés aquí”.",
    "Привет, как дела? 日本語のテキスト.",
])
def test_correct_accented_text_is_not_flagged(text):
    assert found(text, "ENC001") == []


# -- ENC002 html-entity --------------------------------------------------------
def test_entities_are_flagged_and_unescaped():
    text = "Johnson &amp; Johnson said it&#8217;s &quot;fine&quot;, up 400&percnt;&nbsp;today &#x2014; really.\n"
    assert [t for t, _ in found(text, "ENC002")] == [
        "&amp;", "&#8217;", "&quot;", "&quot;", "&percnt;", "&nbsp;", "&#x2014;"]
    assert fixed(text, "ENC002") == "Johnson & Johnson said it’s \"fine\", up 400%\u00a0today — really.\n"
    messages = [d.message for d in lint(text, "ENC002")]
    assert messages[0] == "HTML entity `&amp;` left in the text: it stands for `&`"
    assert messages[5] == "HTML entity `&nbsp;` left in the text: it stands for `\\xa0`"


def test_double_escaped_entity_is_one_diagnostic_fixed_fully():
    text = "It&amp;#8217;s a Q&amp;amp;A session."
    assert found(text, "ENC002") == [("&amp;#8217;", "’"), ("&amp;amp;", "&")]


@pytest.mark.parametrize("text", [
    "AT&T and R&D spending rose, and the Q&A ran long.",
    "Fish & chips, rock&roll, and the &copy sign without a semicolon.",
    "The &section; and &foo; names are not HTML entities, nor is fish&chips;.",
    "To get a no-break space, type `&nbsp;` or \"&amp;\" in the editor.",
    "The &#0; reference is not a character.",
])
def test_near_misses_are_not_flagged(text):
    assert found(text, "ENC002") == []
