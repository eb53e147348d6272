"""Golden test: `newslint --format json seeds/` against expectations written by
hand from reading the three seed articles (not saved from the program).

Each expectation is (start line, end line, code, start of the flagged text).
The run must report exactly these and nothing else, so a new false positive
on a clean paragraph fails here too.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS

SEED_000 = [
    (9, 9, "CHR104", "Comments"),
    (10, 18, "DUP001", "Russia on Friday dismissed"),  # the whole body pasted twice
    (18, 18, "CHR104", "Comments"),
]

SEED_002 = [
    (1, 1, "CHR101", "Home » News »"),
    (3, 3, "CON001", "Zelensky"),
    (5, 5, "CHR102", "by James Carter"),
    (11, 11, "CAS001", "putin"),
    (13, 13, "SPC001", "unsuccessful,with"),
    (21, 21, "STR002", "Did You Know?"),
    (21, 21, "CAS001", "World war II"),
    (23, 26, "STR001", "Key Factor Russia’s Position"),
    (30, 30, "CAS001", "united States"),
    (32, 32, "STR002", "Pro Tip:"),
    (36, 36, "CAS001", "zelenskyy"),
    (36, 36, "PRM001", "What conditions would need"),
    (42, 42, "CAS001", "russia"),
    (46, 46, "CAS001", "ukraine"),
    (47, 47, "SPC001", "training,but"),
    (49, 49, "CAS002", "what"),
    (49, 49, "SPC001", "assistance.Access"),
    (50, 50, "CAS002", "the"),
    (54, 54, "CHR105", "Share this article"),
    (54, 54, "PRM002", "What are your thoughts"),
    (56, 56, "PRM001", "What are the key preconditions"),
    (58, 58, "DUP001", "Russia’s Foreign Minister Clarifies"),  # the headline again, mid-page
    (64, 64, "CAS001", "trump"),
    (68, 68, "CAS002", "initial"),
    (70, 70, "CAS001", "european"),
    (72, 72, "CAS001", "kremlin"),
    (82, 82, "CAS001", "ukraine"),
    (83, 83, "CAS001", "ukraine"),
    (85, 85, "CAS001", "ukrainian"),
    (87, 87, "CAS001", "crimea"),
    (97, 97, "CAS001", "ukraine"),
    (105, 105, "CAS002", "shift"),
    (105, 105, "SPC001", "Russia,potentially"),
    (107, 107, "CAS001", "european"),
    (107, 107, "SPC001", "allies,who"),
    (111, 111, "CAS001", "france"),
    (129, 129, "TRN001", "* China: China has maintained a neutral stance,"),
    (131, 131, "CHR106", "You may also like"),
    (133, 133, "CHR104", "Leave a Comment"),
    (135, 135, "CHR108", "This site uses Akismet"),
    (137, 137, "CHR107", "Adblock Detected"),
    (139, 139, "CHR107", "Please support us by disabling your AdBlocker"),
]

SEED_004 = [
    (2, 3, "CHR201", "NBC News"),  # the outlet's name and a lone separator before the body
    (4, 4, "CHR103", "Source: NBC News"),
    (6, 6, "SPC002", "U. S."),
    (18, 18, "SPC002", "U. S."),
    (19, 19, "SPC002", "U. S."),
    (29, 30, "CHR103", "Source:"),
]

EXPECTED = {
    "000_04516734e5f12489.txt": SEED_000,
    "002_7a66fb176fe2e221.txt": SEED_002,
    "004_26a94c212618fc95.txt": SEED_004,
}


@pytest.fixture(scope="module")
def report():
    done = subprocess.run([sys.executable, "-m", "newslint", "--format", "json", "seeds/"],
                          cwd=SEEDS.parent, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_diagnostics_match_the_hand_written_expectations(report, name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    found = []
    for record in report:
        if Path(record["path"]).name != name:
            continue
        assert record["path"] == f"seeds/{name}"
        start = sum(len(line) + 1 for line in lines[:record["line"] - 1]) + record["column"] - 1
        found.append((record["line"], record["end_line"], record["code"], text[start:]))
    expected = EXPECTED[name]
    missing = [e for e in expected if not any(f[:3] == e[:3] and f[3].startswith(e[3]) for f in found)]
    unexpected = [f[:3] + (f[3][:40],) for f in found
                  if not any(f[:3] == e[:3] and f[3].startswith(e[3]) for e in expected)]
    assert (missing, unexpected) == ([], [])


def test_output_is_sorted_by_path_then_position(report):
    keys = [(r["path"], r["line"], r["column"]) for r in report]
    assert keys == sorted(keys)
