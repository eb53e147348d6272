#!/usr/bin/env python3
"""Diagnostics per 100 articles on the clean sets of the dev corpus.

`clean_prose.jsonl` holds plain article prose: every diagnostic on it is a
false positive unless it is listed in `benchmarks/known_defects.txt` (real
defects of the source text, reviewed by a person). `clean.jsonl` holds whole
clean bodies, where a few credits and captions are real chrome, so its
diagnostics are listed by rule for a person to judge.

usage: python benchmarks/false_positives.py [--corpus DIR] [--select RULES] [--show]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from newslint.config import Config
from newslint.registry import all_rules, select
from newslint.runner import lint_text

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
KNOWN_DEFECTS = HERE / "known_defects.txt"


def known_defects() -> set[tuple[str, str, str]]:
    """(document id, rule code, flagged text) triples reviewed as real defects."""
    entries = set()
    for line in KNOWN_DEFECTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            doc_id, code, text, _reason = line.split("\t")
            entries.add((doc_id, code, text))
    return entries


def lint_set(path: Path, rules, english_only: bool = True):
    """Yield (doc id, diagnostic, flagged text) for every document of a JSONL set."""
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if english_only and record.get("lang_guess", "en") != "en":
            continue
        text = record["text"]
        for diagnostic in lint_text(text, rules, Config(), path=record["id"]):
            yield record["id"], diagnostic, text[diagnostic.offset:diagnostic.end_offset]


def measure(corpus: Path, rules, show: bool) -> dict:
    known = known_defects()
    prose = corpus / "clean_prose.jsonl"
    articles = sum(1 for _ in prose.open(encoding="utf-8"))
    false = Counter()
    real = Counter()
    for doc_id, diagnostic, text in lint_set(prose, rules):
        if (doc_id, diagnostic.code, text) in known:
            real[diagnostic.code] += 1
            continue
        false[diagnostic.code] += 1
        if show:
            print(f"FP clean_prose {doc_id}:{diagnostic.start.line}:{diagnostic.start.column} "
                  f"{diagnostic.code} {text[:80]!r} {diagnostic.message}")
    clean = corpus / "clean.jsonl"
    clean_articles = sum(1 for line in clean.open(encoding="utf-8") if '"lang_guess": "en"' in line)
    on_clean = Counter()
    for doc_id, diagnostic, text in lint_set(clean, rules):
        on_clean[diagnostic.code] += 1
        if show:
            print(f"   clean      {doc_id}:{diagnostic.start.line}:{diagnostic.start.column} "
                  f"{diagnostic.code} {text[:80]!r}")
    return {"prose_articles": articles, "false": false, "known": real,
            "clean_articles": clean_articles, "clean": on_clean}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--select", default=None, help="comma-separated selectors (default: default rules)")
    parser.add_argument("--show", action="store_true", help="print every diagnostic")
    args = parser.parse_args(argv)
    if not (args.corpus / "clean_prose.jsonl").is_file():
        print(f"skipped: dev corpus not found at {args.corpus}", file=sys.stderr)
        return 0
    rules = select(all_rules(), select=args.select.split(",") if args.select else None)
    result = measure(args.corpus, rules, args.show)
    per100 = 100 / result["prose_articles"]
    total_false = sum(result["false"].values())
    print(f"clean_prose.jsonl: {result['prose_articles']} articles, {total_false} false diagnostics "
          f"= {total_false * per100:.2f} per 100 articles; {sum(result['known'].values())} known real defects found")
    for code, count in sorted(result["false"].items()):
        print(f"  {code}: {count} ({count * per100:.2f} per 100)")
    per100_clean = 100 / max(1, result["clean_articles"])
    print(f"clean.jsonl (English): {result['clean_articles']} articles, "
          f"{sum(result['clean'].values()) * per100_clean:.1f} diagnostics per 100 articles")
    for code, count in sorted(result["clean"].items()):
        print(f"  {code}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
