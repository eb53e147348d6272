#!/usr/bin/env python3
"""Precision and recall of the default rules on the dev corpus.

For the labelled pages (`pages.jsonl`, and `pages_non_en.jsonl.gz` with
`--non-en`), counted line by line and separately for the dense and sparse
label schemes:

* chrome recall: the share of lines labelled `chrome` that a noise diagnostic
  covers (categories chrome, duplication, structure, markup);
* content false-alarm rate: the share of lines labelled `content` that a noise
  diagnostic covers, leaving out lines that repeat an earlier line of the same
  page (flagging those is right).

For the clean sets, see `benchmarks/false_positives.py` (run by this script
too): every diagnostic on `clean_prose.jsonl` is false unless reviewed in
`known_defects.txt`.

usage: python benchmarks/quality.py [--corpus DIR] [--non-en] [--select RULES] [--misses N]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from newslint.config import Config
from newslint.registry import all_rules, select
from newslint.runner import lint_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
import false_positives  # noqa: E402

NOISE = frozenset({"chrome", "duplication", "structure", "markup"})
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@dataclass
class Tally:
    chrome: int = 0
    chrome_hit: int = 0
    content: int = 0
    content_hit: int = 0
    pages: int = 0
    by_category: Counter = field(default_factory=Counter)  # chrome lines covered, per category
    false_by_rule: Counter = field(default_factory=Counter)  # content lines covered, per rule
    misses: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.chrome_hit / max(1, self.chrome)

    @property
    def false_alarm_rate(self) -> float:
        return self.content_hit / max(1, self.content)


def normalise(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip().casefold()


def read_pages(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def covered_lines(diagnostics) -> dict[int, set[tuple[str, str]]]:
    """line number -> {(category, code)} of the noise diagnostics covering it."""
    covered: dict[int, set] = defaultdict(set)
    for diagnostic in diagnostics:
        if diagnostic.category in NOISE:
            for number in range(diagnostic.start.line, diagnostic.end.line + 1):
                covered[number].add((diagnostic.category, diagnostic.code))
    return covered


def score_page(page: dict, rules, tally: Tally) -> None:
    text = page["noisy_text"]
    covered = covered_lines(lint_text(text, rules, Config(), path=page["id"]))
    lines = text.split("\n")
    seen: set[str] = set()
    tally.pages += 1
    for entry, line in zip(page["lines"], lines):
        key = normalise(line)
        repeat = key in seen
        seen.add(key)
        hits = covered.get(entry["n"], set())
        if entry["label"] == "chrome":
            tally.chrome += 1
            if hits:
                tally.chrome_hit += 1
                tally.by_category.update({category for category, _ in hits})
            else:
                tally.misses.append((page["id"], entry["n"], line))
        elif entry["label"] == "content" and not repeat:
            tally.content += 1
            if hits:
                tally.content_hit += 1
                tally.false_by_rule.update({code for _, code in hits})
                tally.false_alarms.append((page["id"], entry["n"], sorted(hits), line))


def measure_pages(path: Path, rules) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for page in read_pages(path):
        score_page(page, rules, tallies[page["label_scheme"]])
    return tallies


def print_tallies(title: str, tallies: dict[str, Tally], show: int) -> None:
    for scheme in ("dense", "sparse"):
        tally = tallies.get(scheme)
        if tally is None:
            continue
        print(f"{title} [{scheme}] {tally.pages} pages: chrome recall {tally.recall:.3f} "
              f"({tally.chrome_hit}/{tally.chrome}), content false-alarm rate {tally.false_alarm_rate:.4f} "
              f"({tally.content_hit}/{tally.content})")
        recall_parts = ", ".join(f"{c} {n / max(1, tally.chrome):.3f}" for c, n in tally.by_category.most_common())
        print(f"    chrome lines covered by category: {recall_parts}")
        if tally.false_by_rule:
            print(f"    content lines covered, by rule: {dict(tally.false_by_rule.most_common())}")
        for page_id, number, hits, line in tally.false_alarms[:show]:
            print(f"    FALSE {page_id}:{number} {hits} {line[:90]!r}")
        for page_id, number, line in tally.misses[:show]:
            print(f"    MISS  {page_id}:{number} {line[:90]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--non-en", action="store_true", help="also measure pages_non_en.jsonl.gz")
    parser.add_argument("--select", default=None, help="comma-separated selectors (default: default rules)")
    parser.add_argument("--misses", type=int, default=0, help="print this many misses and false alarms")
    args = parser.parse_args(argv)
    if not (args.corpus / "pages.jsonl").is_file():
        print(f"skipped: dev corpus not found at {args.corpus}", file=sys.stderr)
        return 0
    rules = select(all_rules(), select=args.select.split(",") if args.select else None)
    started = time.perf_counter()
    print_tallies("pages.jsonl (English)", measure_pages(args.corpus / "pages.jsonl", rules), args.misses)
    if args.non_en:
        print_tallies("pages_non_en.jsonl.gz", measure_pages(args.corpus / "pages_non_en.jsonl.gz", rules),
                      args.misses)
    false_positives.main(["--corpus", str(args.corpus)] + (["--select", args.select] if args.select else []))
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
