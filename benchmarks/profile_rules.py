#!/usr/bin/env python3
"""Where newslint spends its time: each rule, each shared analysis and each
Document building block, in milliseconds per MB of text.

Every document of the English pages (`pages.jsonl`, `noisy_text`) and of the
clean set (`clean.jsonl`, English `text`) is linted the way
`runner.lint_document` lints it, with the rules of
`newslint.registry.all_rules()`, but under a profiler that books each span of
time to exactly one item (exclusive time, so nothing is counted twice):

* `doc.<property>`: a Document building block (lines, paragraphs, sentences,
  tokens, language, ...), booked to whoever first asks for it lazily, so a
  block no rule uses costs nothing, as in a real run;
* `langdetect`: calls of `langdetect.detect_langs`, wherever they come from
  (the document's language or a rule);
* `memo:<key>`: an analysis shared by several rules through `doc.memo`;
* `<CODE> <name>`: the rule's own `check`; for a corpus rule (DUP003) its
  per-document `signature`;
* `engine:*`: turning hits into diagnostics, the late rules' claimed lines,
  dropping diagnostics inside removals.

Times are CPU time of this process (`time.process_time`), so that other
work on a shared machine does not inflate them; `--clock wall` measures
wall time instead. Each figure is the median over `--repeat` passes, after a warm-up on a few
documents (lazy imports, word lists and langdetect's profiles load once per
process and are not counted). The rows add up to the
profiled lint time; the plain `lint_document` time is printed next to it to
show the profiler's own overhead.

usage: python benchmarks/profile_rules.py [--corpus DIR] [--select RULES] [--repeat N] [--top N] [--clock cpu|wall]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from time import perf_counter, process_time

import langdetect

from newslint import runner
from newslint.config import Config
from newslint.document import Document
from newslint.registry import all_rules, select

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
# The Document's lazily computed properties, each profiled as its own item.
BLOCKS = [name for name, value in vars(Document).items() if isinstance(value, cached_property)]


class Profiler:
    """Exclusive time per item: time inside a nested item is booked to it,
    not to the item around it."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self._stack: list[list[float]] = []  # per open item: [time spent in nested items]
        self.clock = process_time

    @contextmanager
    def item(self, name: str):
        self._stack.append([0.0])
        start = self.clock()
        try:
            yield
        finally:
            elapsed = self.clock() - start
            nested = self._stack.pop()[0]
            self.seconds[name] += elapsed - nested
            if self._stack:
                self._stack[-1][0] += elapsed


PROFILER = Profiler()


def _timed_block(name: str, block: cached_property) -> cached_property:
    def compute(doc):
        with PROFILER.item(f"doc.{name}"):
            return block.func(doc)
    compute.__name__ = name
    return cached_property(compute)


class ProfiledDocument(Document):
    """A Document whose building blocks and memos book their time to the profiler."""

    def memo(self, key, compute):
        if key in self._memo:
            return self._memo[key]
        with PROFILER.item(f"memo:{key}"):
            return super().memo(key, compute)


for _name in BLOCKS:
    setattr(ProfiledDocument, _name, _timed_block(_name, vars(Document)[_name]))
    getattr(ProfiledDocument, _name).__set_name__(ProfiledDocument, _name)


def _profile_langdetect() -> None:
    detect_langs = langdetect.detect_langs

    def profiled(*args, **kwargs):
        with PROFILER.item("langdetect"):
            return detect_langs(*args, **kwargs)
    langdetect.detect_langs = profiled  # rules import it from the module at call time


def lint_profiled(text: str, path: str, rules, config: Config) -> None:
    """`runner.lint_document` step by step, each step booked to its item."""
    doc = ProfiledDocument(text, path)
    with PROFILER.item("engine:active-rules"):
        applicable = list(runner.active_rules(doc, rules, config))
    diagnostics = []
    for late in (False, True):
        if late:
            with PROFILER.item("engine:claimed-lines"):
                doc.claimed_lines = runner.claimed_lines(doc, diagnostics)
        for active, options in applicable:
            if active.late != late or active.corpus is not None:
                continue
            with PROFILER.item(f"{active.code} {active.name}"):
                hits = list(active.run(doc, options))
            with PROFILER.item("engine:to-diagnostic"):
                diagnostics.extend(runner.to_diagnostic(doc, active, hit) for hit in hits)
    with PROFILER.item("engine:drop-inside-removals"):
        runner.drop_inside_removals(diagnostics)
    for active, options in applicable:
        if active.corpus is not None:
            with PROFILER.item(f"{active.code} {active.name} (signature)"):
                active.corpus.signature(doc, active.merged_options(options))


def load_sets(corpus: Path) -> dict[str, list[tuple[str, str]]]:
    """(id, text) of the English pages and of the English clean bodies."""
    def read(name: str, field: str) -> list[tuple[str, str]]:
        records = (json.loads(line) for line in (corpus / name).open(encoding="utf-8"))
        return [(r["id"], r[field]) for r in records if r.get("lang_guess", "en") == "en"]
    return {"pages": read("pages.jsonl", "noisy_text"), "clean": read("clean.jsonl", "text")}


def profile_set(documents, rules, config: Config, repeat: int) -> tuple[dict[str, float], float, float]:
    """Median seconds per item, median profiled total, and median plain
    `lint_document` + `corpus_signatures` total (no profiler) over `repeat` passes."""
    passes: list[Counter] = []
    plain: list[float] = []
    for doc_id, text in documents[:20]:  # warm-up: lazy imports, word lists, langdetect profiles
        lint_profiled(text, doc_id, rules, config)
    for _ in range(repeat):
        PROFILER.seconds = Counter()
        for doc_id, text in documents:
            lint_profiled(text, doc_id, rules, config)
        passes.append(PROFILER.seconds)
        start = PROFILER.clock()
        for doc_id, text in documents:
            doc = Document(text, doc_id)
            runner.lint_document(doc, rules, config)
            runner.corpus_signatures(doc, rules, config)
        plain.append(PROFILER.clock() - start)
    items = set().union(*passes)
    medians = {item: statistics.median(p[item] for p in passes) for item in items}
    return medians, statistics.median(sum(p.values()) for p in passes), statistics.median(plain)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--select", help="rules to profile, comma-separated (default: the default rules)")
    parser.add_argument("--repeat", type=int, default=3, help="passes; each figure is their median")
    parser.add_argument("--top", type=int, default=0, help="print only the N costliest rows")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                        help="CPU time of this process (default; robust on a shared machine) or wall time")
    args = parser.parse_args()
    PROFILER.clock = process_time if args.clock == "cpu" else perf_counter

    _profile_langdetect()
    config = Config()
    chosen = [s.strip() for s in args.select.split(",")] if args.select else None
    rules = select(all_rules(), select=chosen)
    sets = load_sets(args.corpus)
    megabytes = {name: sum(len(text.encode("utf-8")) for _, text in docs) / 1e6 for name, docs in sets.items()}
    results = {name: profile_set(docs, rules, config, args.repeat) for name, docs in sets.items()}

    rows = []
    for item in set().union(*(seconds for seconds, _, _ in results.values())):
        per_set = {name: results[name][0].get(item, 0.0) for name in sets}
        total = sum(per_set.values())
        rows.append((total, item, per_set))
    rows.sort(reverse=True)
    all_mb = sum(megabytes.values())
    profiled_total = sum(total for total, _, _ in rows)

    print(f"{len(rules)} rules; {args.clock} time; " + "; ".join(f"{name}: {len(sets[name])} docs, {megabytes[name]:.2f} MB"
                                              for name in sets) + f"; median of {args.repeat} passes")
    header = f"{'item':44} {'pages ms/MB':>12} {'clean ms/MB':>12} {'all ms/MB':>10} {'share':>6}"
    print(header)
    print("-" * len(header))
    for total, item, per_set in rows[:args.top or None]:
        cells = " ".join(f"{1000 * per_set[name] / megabytes[name]:12.1f}" for name in sets)
        print(f"{item:44} {cells} {1000 * total / all_mb:10.1f} {100 * total / profiled_total:5.1f}%")
    print("-" * len(header))
    profiled = {name: results[name][1] for name in sets}
    plain = {name: results[name][2] for name in sets}
    cells = " ".join(f"{1000 * profiled[name] / megabytes[name]:12.1f}" for name in sets)
    print(f"{'total (profiled)':44} {cells} {1000 * sum(profiled.values()) / all_mb:10.1f}")
    cells = " ".join(f"{1000 * plain[name] / megabytes[name]:12.1f}" for name in sets)
    print(f"{'lint_document without profiler':44} {cells} {1000 * sum(plain.values()) / all_mb:10.1f}"
          f"   = {all_mb / sum(plain.values()):.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
