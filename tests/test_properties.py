"""Properties of linting and fixing that hold for any text (hypothesis).

The texts mix real lines from the seeds, chrome phrases and scraping defects
(so that rules fire and fixes apply) with characters that trip up text code:
combining marks, right-to-left text and controls, zero-width characters,
line separators Python's `splitlines` knows but newslint does not, NUL,
letters whose case mapping changes their length (`ß`, `İ`, `ﬁ`), emoji
sequences and lone surrogates (which no file can hold, but the Python API
can be given). Every rule runs, the opt-in ones too. The settings are
deterministic (`derandomize`) and small, so the file runs in well under a
minute and fails the same way on every machine.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from newslint.config import Config
from newslint.document import LINE_BREAK
from newslint.fixer import apply_fixes, fixable
from newslint.model import Applicability
from newslint.registry import all_rules, select
from newslint.runner import fix_text, lint_text
from newslint.sources import Unit

RULES = select(all_rules(), select=["ALL"])
CONFIG = Config()
PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=100,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SEED_LINES = sorted({line for path in sorted(SEEDS.glob("*.txt"))
                     for line in path.read_text(encoding="utf-8").splitlines() if line.strip()})
FRAGMENTS = [
    # chrome
    "Share", "Leave a Comment", "Advertisement", "Subscribe Now", "Related Articles", "Accept all cookies",
    "Follow us on Twitter", "© 2024 Example News. All rights reserved.", "5 min read", "By Jane Doe",
    "Published: March 3, 2024", "Home » World » Europe", "Tags: ukraine, money, scheme", "* Home", "1. Next",
    # defects
    "the  mayor said", "metric,especially", "blind. he’s", "putin said that", "the united states",
    "cafÃ© dâ€™Ivoire",
    "Tom &amp; Jerry&nbsp;now", "<b>bold</b> text <br/>", '[caption id="attachment_7"]A photo[/caption]',
    "{{ site.title }}", "U. S. officials", "The minister said that", "What do you think?", "Name  Age  City",
    "Der Bürgermeister sagte, die Straße bleibt gesperrt.", "Le café était fermé à côté de l’école.",
    "\"Why?\" he asked.", "e.g. the U.K. and Ph.D. students", "It cost $5,000,000.00 in 2024.",
]
NOISE = [
    "\u0301", "e\u0308", "\u05d0\u05d1\u05d2", "\u0627\u0644\u0633\u0644\u0627\u0645", "\u200f", "\u202e", "\u2066",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2028", "\u2029", "\x85", "\x0b", "\x0c",
    "\r", "\r\n", "\n", "\t", "\x00", "\ud800", "\udfff", "\udc80", "ß", "İ", "ﬁ", "ǅ", "🍌",
    "👩\u200d👩\u200d👧",
    "東京都", "١٢٣", "Ⅻ", "…", "—", "«", "»", "“", "”", "’", "  ", ".", "?", "!",
]
# Any code point, surrogates (category Cs) included.
characters = st.characters(categories=["L", "M", "N", "P", "S", "Z", "C"])


@st.composite
def mangled(draw, phrases=st.sampled_from(SEED_LINES + FRAGMENTS)) -> str:
    """A line or phrase with odd characters put inside it: `Lea\u200bve a Comment`."""
    characters_of = list(draw(phrases))
    for _ in range(draw(st.integers(0, 4))):
        characters_of.insert(draw(st.integers(0, len(characters_of))), draw(st.one_of(st.sampled_from(NOISE),
                                                                                        characters)))
    return "".join(characters_of)


pieces = st.one_of(st.sampled_from(SEED_LINES), st.sampled_from(FRAGMENTS), st.sampled_from(NOISE),
                   st.text(characters, max_size=6), mangled())
texts = st.lists(st.tuples(pieces, st.sampled_from(["", " ", "\n", "\n\n", "\r\n", "\r"])), max_size=24).map(
    lambda parts: "".join(piece + separator for piece, separator in parts))


def lines_of(text: str) -> list[str]:
    """The lines as newslint counts them: \\r\\n, \\r and \\n break lines."""
    return LINE_BREAK.split(text)


def fixed(text: str, unsafe: bool) -> tuple[str, int]:
    return fix_text(Unit("-", text, encoding="utf-8"), RULES, CONFIG, unsafe)


@PROPERTY
@given(texts)
def test_no_rule_crashes_and_every_span_lies_inside_the_document(text):
    lines = lines_of(text)
    for diagnostic in lint_text(text, RULES, CONFIG):  # raises if any rule raised
        assert 0 <= diagnostic.offset <= diagnostic.end_offset <= len(text), diagnostic
        for position in (diagnostic.start, diagnostic.end):
            assert 1 <= position.line <= len(lines), diagnostic
            assert 1 <= position.column <= len(lines[position.line - 1]) + 1, diagnostic
        assert (diagnostic.start.line, diagnostic.start.column) <= (diagnostic.end.line, diagnostic.end.column)
        for edit in diagnostic.fix.edits if diagnostic.fix else ():
            assert 0 <= edit.start <= edit.end <= len(text), (diagnostic, edit)


@PROPERTY
@given(texts)
def test_a_fix_removes_nothing_but_whitespace_outside_its_diagnostic(text):
    """Each edit stays within its diagnostic's span, apart from the spaces
    and line breaks around a line it deletes; and one pass of fixes keeps
    every other character of the text, in order."""
    diagnostics = lint_text(text, RULES, CONFIG)
    for diagnostic in fixable(diagnostics, unsafe=True):
        for edit in diagnostic.fix.edits:
            outside = text[edit.start:max(edit.start, min(edit.end, diagnostic.offset))] + \
                text[max(edit.start, diagnostic.end_offset):edit.end]
            assert not outside.strip(), (diagnostic, edit, outside)
    for unsafe in (False, True):
        chosen = fixable(diagnostics, unsafe)
        covered = set()
        for diagnostic in chosen:
            covered.update(range(diagnostic.offset, diagnostic.end_offset))
        kept = [char for offset, char in enumerate(text) if offset not in covered and not char.isspace()]
        after, _ = apply_fixes(text, chosen)
        remaining = iter(after)
        assert all(char in remaining for char in kept), "a fix removed text outside the fixed spans"


@PROPERTY
@given(texts)
def test_fixed_text_has_no_safe_fix_left_and_fixing_again_changes_nothing(text):
    for unsafe in (False, True):
        once, _ = fixed(text, unsafe)
        left = [d for d in lint_text(once, RULES, CONFIG)
                if d.fix is not None and d.fix.applicability is Applicability.SAFE]
        assert left == [], f"safe fixes left after --fix{' --unsafe-fixes' if unsafe else ''}: {left}"
        twice, applied = fixed(once, unsafe)
        assert (twice, applied) == (once, 0)


# -- whole runs: same bytes every time ---------------------------------------------------
def corpus(folder: Path) -> None:
    """Forty documents made of the same pieces (without surrogates, which a
    file cannot hold), seeded, plus the seeds; some repeat, for the
    cross-file rules."""
    rng = random.Random(7)
    pool = SEED_LINES + FRAGMENTS + [n for n in NOISE if not "\ud800" <= n[0] <= "\udfff"]
    for number in range(40):
        text = "".join(rng.choice(pool) + rng.choice(["\n", " ", "\n\n"]) for _ in range(rng.randint(1, 30)))
        (folder / f"doc{number:02}.txt").write_text(text, encoding="utf-8")
    (folder / "copy.txt").write_text((folder / "doc03.txt").read_text(encoding="utf-8"), encoding="utf-8")
    for seed in sorted(SEEDS.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "records.jsonl").write_text("".join(json.dumps({"id": n, "text": rng.choice(pool)}) + "\n"
                                                  for n in range(30)), encoding="utf-8")


def test_output_is_byte_identical_across_runs_and_jobs(tmp_path):
    (tmp_path / "docs").mkdir()
    corpus(tmp_path / "docs")
    newslint = str(Path(sys.executable).with_name("newslint"))

    def output(*args: str) -> bytes:
        done = subprocess.run([newslint, "--no-cache", "--select", "ALL", *args, "docs"], cwd=tmp_path,
                              capture_output=True, timeout=300)
        assert done.returncode == 1, done.stderr
        return done.stdout + b"\n--stderr--\n" + done.stderr

    first = output("--format", "json", "--jobs", "1")
    assert output("--format", "json", "--jobs", "1") == first
    assert output("--format", "json", "--jobs", "2") == first
