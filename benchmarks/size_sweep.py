#!/usr/bin/env python3
"""Seconds per MB of every rule on inputs of growing size, so that a rule
whose work grows faster than its input shows up.

Four shapes of input, each at four sizes (`--scale 1`):

* `text`: scraped pages, one paragraph per line, 1, 2, 4 and 8 MB in one file;
* `line`: the same text with its line breaks turned into spaces: one line of
  0.625, 1.25, 2.5 and 5 MB;
* `short`: 125k, 250k, 500k and 1M short lines of three to six words;
* `dense`: 2.5k to 20k pairs of a chrome line and a line with a doubled
  space, so that the runner has many diagnostics to filter;
* `hostile`: 0.5 to 4 MB of worst cases for rules that look along a line or
  around a word, one long line each (see `hostile_input`).

The text comes from the dev corpus's pages (`pages.jsonl`), or from the seeds
when the corpus is absent. A `text` input of n MB is n blocks of the same
pages, each with the words of its lines of three or more words shuffled by
a seed of its own: every size has the same vocabulary, line shapes and mix
of rule triggers, and no block repeats another for the duplication rules.

Each input is read the way the CLI reads a file (`read`: decoding and
encoding detection), its document structure is built step by step (`doc.*`
rows), every rule runs on it and is timed alone, and the runner's work on
the diagnostics is timed (`run.claimed`: lines claimed by removals, for late
rules; `run.removals`: dropping diagnostics inside removals). Analyses that
rules share through `doc.memo` are charged to the first rule that asks for
them; data files that rules load once are loaded by a warm-up run first.

A step is flagged when its seconds per MB at the largest size are more than
twice those at the smallest; steps under `--floor` seconds per MB at the
largest size are too fast to judge. The exit status is 1 when any step is
flagged.

With `--memory`, nothing is timed: each input is linted by the CLI in a
process of its own (`--format json --no-cache -j 1`), and its peak RSS is
printed, with the bytes of memory per byte of input (in all, and from one
size to the next: the cost of a further byte, without the fixed cost).

usage: python benchmarks/size_sweep.py [--shapes text,line,short,dense,hostile] [--scale 0.25]
                                       [--select RULES] [--corpus DIR] [--floor 0.02] [--memory]
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from newslint.config import Config
from newslint.document import Document
from newslint.registry import all_rules, select
from newslint.runner import claimed_lines, drop_inside_removals, to_diagnostic
from newslint.sources import read_units

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
MB = 1 << 20
GROWTH_LIMIT = 2.0
STRUCTURE = ("lines", "paragraphs", "sentences", "tokens", "language")


# -- inputs -------------------------------------------------------------------
def base_pages(corpus: Path) -> list[str]:
    pages = corpus / "pages.jsonl"
    if pages.is_file():
        return [json.loads(line)["noisy_text"] for line in pages.open(encoding="utf-8")]
    return [path.read_text(encoding="utf-8") for path in sorted((HERE.parent / "seeds").glob("*.txt"))]


def block_of(pages: list[str], size: int) -> str:
    """About `size` bytes of whole pages (repeated if the source is smaller)."""
    chosen: list[str] = []
    total = 0
    while total < size:
        for page in pages:
            chosen.append(page.strip("\n"))
            total += len(page.encode("utf-8")) + 1
            if total >= size:
                break
    return "\n".join(chosen) + "\n"


def shuffled(block: str, seed: int) -> str:
    """`block` with the words of each line of 3+ words in a seeded order:
    the same vocabulary and line shapes, but no line repeats the original."""
    rng = random.Random(seed)
    lines = []
    for line in block.split("\n"):
        words = line.split()
        if len(words) >= 3:
            rng.shuffle(words)
            line = " ".join(words)
        lines.append(line)
    return "\n".join(lines)


def text_input(block: str, blocks: float) -> str:
    copies = [shuffled(block, seed) for seed in range(int(blocks + 0.999))]
    return "".join(copies)[:int(blocks * len(block))]


def line_input(block: str, blocks: float) -> str:
    return text_input(block, blocks).replace("\n", " ")


def short_input(block: str, lines: int) -> str:
    vocabulary = sorted(set(block.split()))
    rng = random.Random(lines)
    return "".join(" ".join(rng.choices(vocabulary, k=rng.randint(3, 6))) + "\n" for _ in range(lines))


def dense_input(block: str, pairs: int) -> str:
    """A chrome line and a line with a doubled space, `pairs` times: many
    removal diagnostics, and many others for the runner to check against them."""
    return "".join(f"Leave a Comment\nParagraph {number} has  a doubled space.\n" for number in range(pairs))


def hostile_input(block: str, megabytes: float) -> str:
    """Worst cases for rules that look along a line or around a word, each
    on one line as long as an eighth of the input: opening tags never closed
    (`<p>`, `<script>`), bare shortcodes never closed (`[b]`), shortcode
    attributes that chain into the next tag (`[x a=[x a=...`), a tag with an
    endless run of spaces, words glued by hyphens (`france-france-...`), and
    a list of lower-case items; after as much prose (shuffled copies of a
    sixteenth of the block, the smallest size's share: the same vocabulary
    at every size), so that the rules for English run."""
    share = int(megabytes * MB / 8)
    sample = block[:len(block) // 16]

    def line(piece: str) -> str:
        return (piece * (share // len(piece) + 1))[:share]

    items = "".join(f"* item number {number} is on the list.\n" for number in range(share // 30))[:share]
    prose = text_input(sample, share / len(sample))
    lines = [line("<p> word "), line("<script> x "), line("[b] x "), "[x" + line(" a=[x"), "<a" + " " * share,
             line("france-")]
    return prose + "\n" + "\n".join(lines) + "\n" + items


def shapes(block: str, scale: float) -> dict[str, list[tuple[str, Callable[[], str]]]]:
    """Per shape, (label, make the input) for four growing sizes; a block is
    `scale` MB of pages."""
    def sized(make, sizes, unit):
        return [(f"{size:g} {unit}", lambda size=size: make(block, size)) for size in sizes]

    return {
        "text": sized(text_input, (1, 2, 4, 8), "blocks"),
        "line": sized(line_input, (0.625, 1.25, 2.5, 5), "blocks"),
        "short": sized(short_input, [int(scale * n) for n in (125_000, 250_000, 500_000, 1_000_000)], "lines"),
        "dense": sized(dense_input, [int(scale * n) for n in (2_500, 5_000, 10_000, 20_000)], "pairs"),
        "hostile": sized(hostile_input, [scale * n for n in (0.5, 1, 2, 4)], "MB"),
    }


# -- timing -------------------------------------------------------------------
def timed(work: Callable[[], object]) -> float:
    """CPU seconds of `work`: other processes on the machine do not count,
    and neither does the garbage collector, whose full collections cost more
    as the heap grows and would blur the algorithm's own growth."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        work()
        return time.process_time() - start
    finally:
        gc.enable()


def consume(iterable) -> None:
    for _ in iterable:
        pass


def measure(text: str, rules, folder: Path) -> dict[str, float]:
    """Seconds spent by each step on one input: reading, the document
    structure, each rule, and the runner's own work on the diagnostics."""
    path = folder / "input.txt"
    path.write_text(text, encoding="utf-8")
    seconds = {"read": timed(lambda: consume(read_units(str(path), Config())))}
    doc = Document(text, str(path))
    for part in STRUCTURE:
        seconds[f"doc.{part}"] = timed(lambda: getattr(doc, part))
    diagnostics: list = []
    for late in (False, True):
        if late:
            seconds["run.claimed"] = timed(lambda: setattr(doc, "claimed_lines", claimed_lines(doc, diagnostics)))
        for active in rules:
            if active.late != late:
                continue
            if active.corpus is not None:
                seconds[active.code] = timed(lambda: active.corpus.signature(doc, active.merged_options(None)))
            elif active.applies_to(doc):
                hits: list = []
                seconds[active.code] = timed(lambda: hits.extend(active.run(doc)))
                diagnostics.extend(to_diagnostic(doc, active, hit) for hit in hits)
    seconds["run.removals"] = timed(lambda: drop_inside_removals(diagnostics))
    return seconds


def sweep(label: str, sizes, rules, floor: float) -> list[str]:
    """Print seconds per MB per step for one shape; return the flagged steps."""
    rows: dict[str, list[float | None]] = {}
    headers = []
    with tempfile.TemporaryDirectory() as folder:
        for column, (size_label, make) in enumerate(sizes):
            text = make()
            megabytes = len(text.encode("utf-8")) / MB
            headers.append(f"{size_label} ({megabytes:.2f} MB)")
            seconds = measure(text, rules, Path(folder))
            for step, spent in seconds.items():
                # A rule that does not apply to some input (language) has a gap.
                rows.setdefault(step, [None] * len(sizes))[column] = spent / megabytes
            print(f"  {label} {headers[-1]}: {sum(seconds.values()):.1f} s in all", file=sys.stderr)
    print(f"\n## {label}: seconds per MB\n")
    print(f"{'step':<12}" + "".join(f"{h:>24}" for h in headers) + f"{'growth':>9}")
    flagged = []
    for step, per_mb in rows.items():
        cells = "".join(f"{value:>24.4f}" if value is not None else f"{'-':>24}" for value in per_mb)
        first, last = per_mb[0], per_mb[-1]
        if first is None or last is None:
            print(f"{step:<12}{cells}")
            continue
        growth = last / first if first > 0 else float("inf")
        slow = last >= floor and growth > GROWTH_LIMIT
        print(f"{step:<12}{cells}{growth:>8.1f}x" + ("  <- grows faster than its input" if slow else ""))
        if slow:
            flagged.append(f"{label}: {step} ({growth:.1f}x)")
    total = [sum(values[i] or 0 for values in rows.values()) for i in range(len(headers))]
    print(f"{'TOTAL':<12}" + "".join(f"{value:>24.4f}" for value in total))
    return flagged


# -- memory -------------------------------------------------------------------
def peak_rss(path: Path, select: str | None) -> int:
    """Peak resident memory, in bytes, of the CLI linting one file."""
    command = [sys.executable, "-m", "newslint", "--format", "json", "--no-cache", "--exit-zero", "-j", "1"]
    process = subprocess.Popen([*command, *(["--select", select] if select else []), str(path)],
                               stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)  # this child's own peak, not the largest child's so far
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: tell Popen
    if process.returncode != 0:
        raise SystemExit(f"newslint exited with {process.returncode} on {path}")
    return usage.ru_maxrss * 1024  # kilobytes on Linux


def memory_sweep(label: str, sizes, select: str | None) -> None:
    print(f"\n## {label}: peak RSS\n")
    print(f"{'size':<24}{'MB':>8}{'peak RSS MB':>13}{'bytes/byte':>12}{'further bytes/byte':>20}")
    previous = None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.txt"
        for size_label, make in sizes:
            path.write_text(make(), encoding="utf-8")
            size, peak = path.stat().st_size, peak_rss(path, select)
            further = f"{(peak - previous[1]) / (size - previous[0]):>20.0f}" if previous else f"{'-':>20}"
            print(f"{size_label:<24}{size / MB:>8.2f}{peak / MB:>13.0f}{peak / size:>12.0f}{further}", flush=True)
            previous = (size, peak)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shapes", default="text,line,short,dense,hostile",
                        help="comma-separated: text, line, short, dense, hostile")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size (0.125 for a quick run)")
    parser.add_argument("--select", default=None, help="comma-separated selectors (default: default rules)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--floor", type=float, default=0.02,
                        help="seconds per MB below which a step is too fast to judge [default: 0.02]")
    parser.add_argument("--memory", action="store_true",
                        help="print the CLI's peak RSS per size instead of timing the steps")
    args = parser.parse_args(argv)
    rules = select(all_rules(), select=args.select.split(",") if args.select else None)
    block = block_of(base_pages(args.corpus), int(args.scale * MB))
    available = shapes(block, args.scale)
    if args.memory:
        for label in args.shapes.split(","):
            memory_sweep(label, available[label], args.select)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        measure(block[:50_000], rules, Path(folder))  # warm-up: lazily loaded data, compiled patterns
    flagged = []
    for label in args.shapes.split(","):
        flagged += sweep(label, available[label], rules, args.floor)
    print("\nFlagged: " + ("; ".join(flagged) if flagged else "none"))
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
