"""YAML rule packs, rule registration and selection."""
import re
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

import newslint.rules

from newslint.config import Config
from newslint.packs import PackError, load_pack
from newslint.registry import SelectionError, all_rules, find_rule, select
from newslint.runner import lint_text

PACK = """\
rules:
  - code: TST001
    name: test-existence
    category: chrome
    kind: existence
    message: "found {match}"
    phrases: ["click here", "sign up now"]
    doc: {what: Flags clicks., why: Noise., example: "`click here`"}
  - code: TST002
    name: test-line
    category: chrome
    kind: line
    message: "menu line {match}"
    phrases: ["Share"]
    patterns: ['Page \\d+ of \\d+']
  - code: TST003
    name: test-capitalization
    category: casing
    kind: capitalization
    message: "write {term}"
    terms: ["United States", "World War II"]
  - code: TST004
    name: test-substitution
    category: spacing
    kind: substitution
    message: "{match} -> {term}"
    swap: {"wiht": "with"}
    default: false
    opt_in_reason: it is a test
"""


@pytest.fixture
def pack(tmp_path):
    path = tmp_path / "test.yaml"
    path.write_text(PACK)
    return {r.code: r for r in load_pack(path)}


def run(rule, text):
    return [(text[d.offset:d.end_offset], d.message, d.fix) for d in lint_text(text, [rule])]


def test_existence_matches_whole_words_case_insensitively(pack):
    found = run(pack["TST001"], "Please Click  here. Nothing to clickhere. Sign up now!")
    assert [(text, message) for text, message, _ in found] == [
        ("Click  here", "found Click  here"), ("Sign up now", "found Sign up now")]


def test_line_kind_needs_the_whole_line(pack):
    text = "Share\nWe share the data.\n• Share »\nPage 2 of 10\nPage 2 of 10 pages were missing."
    found = run(pack["TST002"], text)
    assert [t for t, _, _ in found] == ["Share", "• Share »", "Page 2 of 10"]
    assert found[0][2].edits[0].end == text.index("We")  # the fix removes the line break too


def test_capitalization_flags_only_under_capitalised_terms(pack):
    text = "the united States and the UNITED STATES and World war II and World War II"
    found = run(pack["TST003"], text)
    assert [(t, f.edits[0].content) for t, _, f in found] == [
        ("united States", "United States"), ("World war II", "World War II")]


def test_substitution_offers_its_replacement(pack):
    (text, message, fix), = run(pack["TST004"], "talks wiht Ukraine")
    assert (text, message, fix.edits[0].content, fix.applicability.value) == ("wiht", "wiht -> with", "with", "safe")


def test_doc_sections_render_in_three_parts(pack):
    assert pack["TST001"].doc.splitlines()[0] == "## What it does"
    assert "## Why is this bad?" in pack["TST001"].doc and "## Example" in pack["TST001"].doc


@pytest.mark.parametrize("entry, problem", [
    ("{code: TST9, name: x, category: chrome, kind: existence, message: m, phrases: [a]}", "must look like"),
    ("{code: TST009, name: x, category: chrome, kind: nope, message: m}", "`kind` must be one of"),
    ("{code: TST009, name: x, category: chrome, kind: existence, message: m, phrase: [a]}", "unknown key `phrase`"),
    ("{code: TST009, name: x, category: chrome, kind: existence, message: m, phrases: a}", "`phrases` must be a list"),
    ("{code: TST009, name: x, category: chrome, kind: existence, message: m, patterns: ['(a']}", "bad pattern"),
    ("{code: TST009, category: chrome, kind: existence, message: m, phrases: [a]}", "missing required key `name`"),
    ("{code: TST009, name: x, category: chrome, kind: line, message: m, phrases: [a], default: false}",
     "opt_in_reason"),
])
def test_bad_pack_entries_are_errors_naming_the_file(tmp_path, entry, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(f"rules:\n  - {entry}\n")
    with pytest.raises(PackError) as error:
        load_pack(path)
    assert str(path) in str(error.value) and problem in str(error.value)


def test_a_pack_cannot_run_code(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("rules: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(PackError, match="cannot read rule pack"):
        load_pack(path)


def test_user_rule_paths_are_loaded(tmp_path):
    (tmp_path / "mine.yaml").write_text(PACK)
    codes = {r.code for r in all_rules([tmp_path])}
    assert {"TST001", "TST004"} <= codes


def test_duplicate_codes_are_refused(tmp_path):
    (tmp_path / "a.yaml").write_text(PACK)
    (tmp_path / "b.yaml").write_text(PACK)
    with pytest.raises(SelectionError, match="TST001 is defined twice"):
        all_rules([tmp_path])


def test_selection_by_code_prefix_category_and_name(tmp_path):
    (tmp_path / "mine.yaml").write_text(PACK)
    rules = [r for r in all_rules([tmp_path]) if r.code.startswith("TST")]
    chosen = lambda **kw: [r.code for r in select(rules, **kw)]  # noqa: E731
    assert chosen() == ["TST001", "TST002", "TST003"]  # TST004 is opt-in
    assert chosen(select=["TST"]) == ["TST001", "TST002", "TST003", "TST004"]
    assert chosen(select=["chrome"]) == ["TST001", "TST002"]
    assert chosen(select=["test-capitalization"]) == ["TST003"]
    assert chosen(extend_select=["TST004"], ignore=["TST001"]) == ["TST002", "TST003", "TST004"]
    assert find_rule(rules, "tst002").name == "test-line"
    with pytest.raises(SelectionError, match="unknown rule selector 'XYZ'"):
        chosen(ignore=["XYZ"])


def test_entry_point_plugins_add_rules(tmp_path, monkeypatch):
    """A third-party package registered in the `newslint.rules` entry-point
    group, installed as a real distribution on sys.path."""
    package = tmp_path / "newslint_plugin_demo.py"
    package.write_text(textwrap.dedent('''
        from newslint.model import Hit
        from newslint.rule import rule

        @rule("PLG001", "plugin-demo", category="chrome")
        def check(doc, options):
            """Flags the word banana."""
            start = doc.text.find("banana")
            if start >= 0:
                yield Hit(start, start + 6, "a banana")
    '''))
    dist = tmp_path / "newslint_plugin_demo-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-plugin-demo\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[newslint.rules]\ndemo = newslint_plugin_demo\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugin = find_rule(all_rules(), "PLG001")
    assert plugin is not None and plugin.doc == "Flags the word banana."
    (hit,) = lint_text("an apple and a banana", [plugin], Config())
    assert (hit.start.column, hit.end.column) == (16, 22)
    sys.modules.pop("newslint_plugin_demo", None)


def test_every_builtin_rule_is_documented_in_three_parts():
    for found in all_rules():
        for section in ("## What it does", "## Why is this bad?", "## Example"):
            assert section in found.doc, f"{found.code} lacks {section!r}"


def test_a_pack_rule_can_be_limited_to_languages(tmp_path):
    (tmp_path / "de.yaml").write_text(
        "rules:\n  - {code: TST010, name: test-german, category: chrome, kind: line, message: m,\n"
        "     phrases: [Kommentare], languages: [de]}\n")
    (german,) = load_pack(tmp_path / "de.yaml")
    german_page = "Die Regierung hat am Montag die neuen Regeln für die Bahn vorgestellt, und sie sind nicht " \
                  "einfach.\nKommentare\n"
    english_page = "The government said on Monday that the new rules for the railway are not simple at all.\n" \
                   "Kommentare\n"
    assert [d.start.line for d in lint_text(german_page, [german])] == [2]
    assert lint_text(english_page, [german]) == []


def test_line_kind_keeps_a_closing_bracket_that_belongs_to_the_phrase(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "rules:\n  - {code: TST020, name: test-count, category: chrome, kind: line, message: m,\n"
        "     patterns: ['comments \\(\\d+\\)']}\n")
    (counted,) = load_pack(tmp_path / "p.yaml")
    found = lint_text("Comments (5)\n» Comments (12) «\nComments (5\n", [counted])
    assert [d.start.line for d in found] == [1, 2]


def test_user_patterns_run_on_re2_and_a_pattern_it_cannot_run_is_refused(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("rules:\n  - {code: TST030, name: test-look, category: chrome, kind: existence, message: m,\n"
                    "     patterns: ['(?<!x)share']}\n")
    with pytest.raises(PackError, match=r"rule #1: bad pattern '\(\?<!x\)share': RE2 cannot run it"):
        load_pack(path)


def test_user_existence_patterns_match_whole_words_only(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "rules:\n  - {code: TST031, name: test-words, category: chrome, kind: existence, message: '{match}',\n"
        "     patterns: ['a|ab', 'sh[aeiou]re\\s+now']}\n")
    (rule,) = load_pack(tmp_path / "p.yaml")
    text = "ab xab Share  now shared now sharenow! a"
    assert [text[d.offset:d.end_offset] for d in lint_text(text, [rule])] == ["ab", "Share  now", "a"]


def test_every_builtin_pattern_compiles():
    """Built-in packs compile their patterns on first use, so a broken one
    shows here rather than in a run."""
    for path in (Path(newslint.rules.__file__).parent / "packs").glob("*.yaml"):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            for pattern in entry.get("patterns", []):
                re.compile(pattern, re.IGNORECASE)


def test_line_phrases_match_as_re_ignorecase_would(pack):
    """The phrase dictionary folds case the way `re.IGNORECASE` does, so it
    flags exactly the lines a regex of the phrase would."""
    text = "SHARE\nſhare\nSHARE  \u00a0\nShare it\nSHARE  »\n»\u00a0Share\n"
    # Line 6: `»` is trimmed, the no-break space is not, and `Share` alone is not the whole rest.
    assert [d.start.line for d in lint_text(text, [pack["TST002"]])] == [1, 2, 3, 5]


def test_line_patterns_run_only_where_their_literals_are(tmp_path):
    """A pattern is tried only on lines that hold a literal it requires;
    lines that do are still matched whole, case-insensitively."""
    (tmp_path / "p.yaml").write_text(
        "rules:\n  - {code: TST040, name: test-a, category: chrome, kind: line, message: m,\n"
        "     patterns: ['(?:view|read)\\s+all\\s+\\d+\\s+comments?', 'page\\s+\\d+']}\n"
        "  - {code: TST041, name: test-b, category: chrome, kind: line, message: m, patterns: ['\\d+\\s+min\\s+read']}\n")
    rules = load_pack(tmp_path / "p.yaml")
    text = "VIEW ALL 12 COMMENTS\nRead all 3 comment\nPage 4\n5 min read\nWe read all 12 comments.\n"
    assert [(d.code, d.start.line) for d in lint_text(text, rules)] == [
        ("TST040", 1), ("TST040", 2), ("TST040", 3), ("TST041", 4)]


def test_a_configured_max_words_above_the_packs_own_still_applies(tmp_path):
    """Line rules skip lines longer than any of them takes by default; a
    rule configured to take longer lines gets them all the same."""
    (tmp_path / "p.yaml").write_text(
        "rules:\n  - {code: TST050, name: test-long, category: chrome, kind: line, message: m, max_words: 3,\n"
        "     patterns: ['read\\s+more(?:\\s+\\w+)*']}\n")
    (rule,) = load_pack(tmp_path / "p.yaml")
    text = "Read more\nRead more about the talks today\n"
    assert [d.start.line for d in lint_text(text, [rule])] == [1]
    wider = Config(rule_options={"TST050": {"max_words": 8}})
    assert [d.start.line for d in lint_text(text, [rule], wider)] == [1, 2]
