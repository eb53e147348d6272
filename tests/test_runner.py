"""The runner's own behaviour: late rules, removal spans, broken rules."""
from newslint.config import Config
from newslint.model import Hit
from newslint.rule import rule
from newslint.runner import lint_document, lint_text
from newslint.document import Document


@rule("TST101", "test-chrome-line", category="chrome")
def chrome_line(doc, options):
    """Flags the line `Menu`."""
    for line in doc.lines:
        if line.text == "Menu":
            yield Hit(line.start, line.end, "menu")


@rule("TST102", "test-late", category="structure", late=True)
def late_rule(doc, options):
    """Reports the lines earlier rules claimed."""
    for number in sorted(doc.claimed_lines):
        line = doc.lines[number - 1]
        yield Hit(line.start, line.end + 1, f"claimed {number}")


@rule("TST103", "test-casing", category="casing")
def every_word(doc, options):
    """Flags every token."""
    for token in doc.tokens:
        yield Hit(token.start, token.end, token.text)


@rule("TST104", "test-broken", category="casing")
def broken(doc, options):
    """Always fails."""
    raise ValueError("boom")


def test_late_rules_see_the_lines_earlier_rules_claimed():
    found = lint_text("Body text.\nMenu\nMore text.\n", [late_rule, chrome_line])
    assert [(d.code, d.message) for d in found] == [("TST101", "menu"), ("TST102", "claimed 2")]


def test_diagnostics_inside_removed_text_are_dropped_but_not_those_outside():
    found = lint_text("Body\nMenu\n", [every_word, chrome_line])
    assert [(d.code, d.message) for d in found] == [("TST103", "Body"), ("TST101", "menu")]


def test_a_failing_rule_is_an_error_and_the_others_still_report():
    diagnostics, errors = lint_document(Document("Menu\n", "x.txt"), [broken, chrome_line], Config())
    assert [d.code for d in diagnostics] == ["TST101"]
    assert [e.message for e in errors] == ["rule TST104 (test-broken) failed: ValueError('boom')"]
