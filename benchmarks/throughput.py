#!/usr/bin/env python3
"""Throughput of newslint against the datatrove quality filters and two floors.

Builds a corpus of `--size-mb` MB of text (default 200) from the real pages of
the dev corpus (`pages.jsonl` `noisy_text` and `clean.jsonl` `text`, English),
each copy perturbed (lines swapped, about 3% of the words replaced by other
words of the same page) so that no two documents are byte-identical and no
cache can replay a result. The copies are written as JSONL shards
(`{"id", "text"}`) in a work directory. Then, on those same documents, each
measured `--runs` times (default 3; the rounds are interleaved so that a change
in machine load hits every row alike) and reported as the median:

* `json.loads` of every JSONL line, alone;
* the floor: one `re.findall(r"\\w+", text)` pass over every document;
* newslint's default rules through the Python API
  (`newslint.runner.lint_paths(shards, rules, Config(), Options(jobs=1))`);
* the same through the CLI, `newslint --jobs 1 --format json -o FILE DIR`,
  which adds start-up, reading and JSON output; and with `--jobs 2`;
* the datatrove stack GopherRepetitionFilter, GopherQualityFilter,
  C4QualityFilter, FineWebQualityFilter in one process, as a pipeline (a
  document a filter drops does not reach the next one). datatrove runs at
  about 0.1 MB/s, so by default it sees a random sample of `--datatrove-mb`
  MB of the same documents (the first ones of the corpus, whose order is
  random); `--datatrove-mb 0` gives it the whole corpus.

The main rows leave out DUP003 (cross-file-duplicate): every document here is
a near copy of about `size/3 MB` others. DUP003 is measured on its own corpus
of `--dup-size-mb` MB: documents assembled from random lines of the real
pages (so they do not resemble each other), plus a known 5% of near-duplicates,
each a perturbed copy of an earlier document. It reports throughput, the peak
memory of the process (and per document, from a run on a tenth of the corpus),
and recall: the share of planted copies that DUP003 flags, by kind of edit,
with the true 5-word-shingle Jaccard similarity of each kind.

MB means megabytes (10^6) of UTF-8 document text in every row, so the rows
compare; the JSONL files are somewhat larger.

usage: python benchmarks/throughput.py [--size-mb 200] [--quick] [--runs 3]
           [--datatrove-mb 4] [--dup-size-mb 50] [--workdir DIR] [--json FILE]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
WORD = re.compile(r"\w+")
SHARD_MB = 8  # text per JSONL shard
WORD_CHANGE_RATE = 0.03  # replicas of the main corpus
DUP_SHARE = 0.05
SHINGLE_WORDS = 5  # DUP003's default, for the true similarity of planted copies
JACCARD_BINS = (0.5, 0.6, 0.7, 0.8, 0.9)  # recall is also reported per bin of true similarity
SEED = 20240605


# -- the source pages -----------------------------------------------------------
@dataclass
class Source:
    """A real page, with what its perturbed copies need precomputed."""

    id: str
    text: str
    spans: list[tuple[int, int]]  # word spans
    lower: list[str]  # the page's own words, to swap in
    upper: list[str]

    @classmethod
    def of(cls, doc_id: str, text: str) -> "Source":
        words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
        lower = [w for _, _, w in words if w[:1].islower()] or ["the"]
        upper = [w for _, _, w in words if w[:1].isupper()] or ["The"]
        return cls(doc_id, text, [(s, e) for s, e, _ in words], lower, upper)


def load_sources(corpus: Path) -> list[Source]:
    sources = []
    for name, text_field in (("pages.jsonl", "noisy_text"), ("clean.jsonl", "text")):
        for line in (corpus / name).open(encoding="utf-8"):
            record = json.loads(line)
            if record.get("lang_guess", "en") == "en" and record[text_field].strip():
                sources.append(Source.of(record["id"], record[text_field]))
    return sources


# -- perturbations --------------------------------------------------------------
def change_words(source: Source, rate: float, rng: random.Random) -> str:
    """The page with `rate` of its words replaced by other words of the page
    of the same initial case (so casing rules see realistic text)."""
    text, spans = source.text, source.spans
    if not spans or rate <= 0:
        return text
    chosen = sorted(rng.sample(range(len(spans)), max(1, round(len(spans) * rate))))
    pieces, previous = [], 0
    for index in chosen:
        start, end = spans[index]
        pool = source.upper if text[start].isupper() else source.lower
        pieces += [text[previous:start], rng.choice(pool)]
        previous = end
    pieces.append(text[previous:])
    return "".join(pieces)


def swap_lines(lines: list[str], pairs: int, rng: random.Random) -> list[str]:
    lines = list(lines)
    for _ in range(pairs if len(lines) > 1 else 0):
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return lines


def replica(source: Source, rng: random.Random) -> str:
    lines = change_words(source, WORD_CHANGE_RATE, rng).split("\n")
    return "\n".join(swap_lines(lines, max(1, len(lines) // 10), rng))


# -- corpora --------------------------------------------------------------------
def write_shards(directory: Path, records: list[dict]) -> list[Path]:
    """JSONL shards of about SHARD_MB of text each."""
    directory.mkdir(parents=True, exist_ok=True)
    total = sum(len(r["text"].encode("utf-8")) for r in records)
    count = max(2, math.ceil(total / (SHARD_MB * 1e6)))
    per_shard = math.ceil(len(records) / count)
    paths = []
    for number in range(count):
        path = directory / f"shard-{number:03d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for record in records[number * per_shard:(number + 1) * per_shard]:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def build_main(sources: list[Source], megabytes: float, rng: random.Random) -> list[dict]:
    records, total = [], 0
    while total < megabytes * 1e6:
        source = rng.choice(sources)
        text = replica(source, rng)
        records.append({"id": f"{len(records)}:{source.id}", "text": text})
        total += len(text.encode("utf-8"))
    return records


@dataclass
class Planted:
    """A planted near-duplicate: the record id of the copy and of its original."""

    copy: str
    original: str
    kind: str
    jaccard: float


# Kinds of near copy: (name, share of words replaced, edit of the lines).
DUP_KINDS: list[tuple[str, float, Callable[[list[str], random.Random, list[str]], list[str]]]] = [
    ("1% words, 2 lines swapped", 0.01, lambda lines, rng, pool: swap_lines(lines, 2, rng)),
    ("3% words", 0.03, lambda lines, rng, pool: lines),
    ("last 20% of lines cut, 1% words", 0.01, lambda lines, rng, pool: lines[:max(1, int(len(lines) * 0.8))]),
    ("5 chrome lines added on top, 1% words", 0.01, lambda lines, rng, pool: rng.sample(pool, 5) + lines),
]


def shingles(text: str) -> set[str]:
    words = [w.casefold() for w in WORD.findall(text)]
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def jaccard(a: str, b: str) -> float:
    first, second = shingles(a), shingles(b)
    return len(first & second) / len(first | second) if first | second else 1.0


def mosaic(pool: list[str], sources: list[Source], rng: random.Random) -> str:
    """A document shaped like a random real page, made of random lines of all
    pages, so that two such documents share next to no 5-word shingles."""
    length = rng.choice(sources).text.count("\n") + 1
    return "\n".join(rng.choice(pool) for _ in range(length))


def build_dup(sources: list[Source], megabytes: float, rng: random.Random) -> tuple[list[dict], list[Planted]]:
    """Unique documents for 95% of the size, then 5% of documents that are
    near copies of earlier ones, each placed somewhere after its original."""
    pool = [line for s in sources for line in s.text.split("\n") if line.strip()]
    unique, total = [], 0
    while total < megabytes * 1e6 * (1 - DUP_SHARE):
        text = mosaic(pool, sources, rng)
        if len(WORD.findall(text)) >= 60:  # DUP003 skips documents under 50 words
            unique.append({"id": f"u{len(unique)}", "text": text})
            total += len(text.encode("utf-8"))
    copies = round(len(unique) * DUP_SHARE / (1 - DUP_SHARE))
    order: list[dict] = list(unique)
    planted = []
    for number, index in enumerate(rng.sample(range(len(unique)), copies)):
        original = unique[index]
        kind, rate, edit = DUP_KINDS[number % len(DUP_KINDS)]
        lines = change_words(Source.of(original["id"], original["text"]), rate, rng).split("\n")
        copy = {"id": f"d{number}", "text": "\n".join(edit(lines, rng, pool))}
        planted.append(Planted(copy["id"], original["id"], kind, jaccard(original["text"], copy["text"])))
        after = next(i for i, record in enumerate(order) if record is original) + 1
        order.insert(rng.randrange(after, len(order) + 1), copy)
    return order, planted


# -- measuring ------------------------------------------------------------------
def load_average() -> float:
    return os.getloadavg()[0]


@dataclass
class Row:
    """One measured method: seconds per run, load average before each run."""

    name: str
    megabytes: float
    docs: int
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    peak_rss_mb: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.median

    @property
    def mb_per_cpu_s(self) -> float:
        return self.megabytes / statistics.median(self.cpu_seconds)

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.median


def time_call(row: Row, call: Callable[[], object]) -> object:
    row.loads.append(load_average())
    cpu, start = time.process_time(), time.perf_counter()
    result = call()
    row.seconds.append(time.perf_counter() - start)
    row.cpu_seconds.append(time.process_time() - cpu)
    return result


# Runs a command and writes [exit code, wall s, CPU s, peak RSS kB] of it and
# of the workers it waited for. A small launcher process forks the command, so
# the peak RSS is the command's own: Linux carries the RSS high-water mark
# across exec, and a fork of this (large) process would report its size.
LAUNCHER = """
import json, os, sys, time
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    json.dump([os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss], out)
"""


def time_command(row: Row, command: list[str], cwd: Path) -> int:
    """Run a command; its wall time, CPU time and peak RSS (with its workers)."""
    row.loads.append(load_average())
    figures, errors = cwd / "usage.json", cwd / "stderr.txt"  # stderr to a file, not a TTY: no progress bar
    with errors.open("wb") as stderr:
        subprocess.run([sys.executable, "-c", LAUNCHER, str(figures), *command], cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=stderr, check=True)
    code, wall, cpu, peak_kb = json.loads(figures.read_text())
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited with {code}: {errors.read_text(errors='replace')[-2000:]}")
    row.seconds.append(wall)
    row.cpu_seconds.append(cpu)
    row.peak_rss_mb.append(peak_kb / 1024)
    return code


def newslint_command() -> list[str]:
    script = Path(sys.executable).with_name("newslint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newslint"]


def cache_flags() -> tuple[list[str], str]:
    """`--no-cache` if this newslint has it; otherwise nothing, and a note."""
    helptext = subprocess.run(newslint_command() + ["--help"], capture_output=True, text=True).stdout
    if "--no-cache" in helptext:
        return ["--no-cache"], ""
    return [], "newslint has no --no-cache yet; cache directories are deleted before each run instead"


def clear_caches(*directories: Path) -> None:
    for directory in directories:
        shutil.rmtree(directory / ".newslint_cache", ignore_errors=True)


# -- the main comparison --------------------------------------------------------
def datatrove_stack():
    from datatrove.pipeline.filters import (C4QualityFilter, FineWebQualityFilter, GopherQualityFilter,
                                            GopherRepetitionFilter)
    return [GopherRepetitionFilter(), GopherQualityFilter(), C4QualityFilter(), FineWebQualityFilter()]


def run_datatrove(filters, texts: list[str]) -> int:
    """Documents the stack keeps: each filter sees only what the ones before it kept."""
    from datatrove.data import Document as DatatroveDocument

    kept = 0
    for number, text in enumerate(texts):
        document = DatatroveDocument(text=text, id=str(number))
        kept += all(_passes(f, document) for f in filters)
    return kept


def _passes(datatrove_filter, document) -> bool:
    result = datatrove_filter.filter(document)
    return result[0] if isinstance(result, tuple) else bool(result)


def measure_main(work: Path, shards: list[Path], runs: int, datatrove_mb: float) -> tuple[list[Row], dict]:
    from newslint.config import Config
    from newslint.registry import all_rules, select
    from newslint.runner import Options, lint_paths, lint_text

    lines = [line for path in shards for line in path.read_bytes().splitlines()]
    texts = [json.loads(line)["text"] for line in lines]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rules = select(all_rules(), select=None, ignore=["DUP003"])
    sample = sample_prefix(texts, datatrove_mb)
    sample_mb = sum(len(t.encode("utf-8")) for t in sample) / 1e6
    filters = datatrove_stack()
    run_datatrove(filters, texts[:3])  # warm-up: spaCy's tokenizer loads on first use
    for text in texts[:20]:
        lint_text(text, rules)  # warm-up: lazy imports, word lists, langdetect profiles
    flags, cache_note = cache_flags()
    cli = newslint_command() + ["--format", "json", "--ignore", "DUP003", *flags]
    out = work / "out"
    out.mkdir(exist_ok=True)
    corpus_dir = shards[0].parent

    rows = {
        "json": Row("json.loads alone", megabytes, len(texts)),
        "floor": Row('floor: re.findall(r"\\w+", text)', megabytes, len(texts)),
        "api": Row("newslint API, 1 process", megabytes, len(texts), note="lint_paths, Options(jobs=1)"),
        "cli1": Row("newslint CLI --jobs 1", megabytes, len(texts), note="--format json -o FILE"),
        "cli2": Row("newslint CLI --jobs 2", megabytes, len(texts), note="--format json -o FILE"),
        "datatrove": Row("datatrove 4-filter stack, 1 process", sample_mb, len(sample),
                         note=f"sample: first {len(sample)} docs" if len(sample) < len(texts) else ""),
    }
    facts: dict = {"cache_note": cache_note, "json_mb": sum(map(len, lines)) / 1e6}
    for _ in range(runs):
        time_call(rows["json"], lambda: [json.loads(line) for line in lines])
        time_call(rows["floor"], lambda: [WORD.findall(t) for t in texts])
        clear_caches(work, corpus_dir, Path.cwd())
        report = time_call(rows["api"], lambda: lint_paths([str(p) for p in shards], rules, Config(),
                                                           Options(jobs=1)))
        facts["diagnostics"] = len(report.diagnostics)
        facts["errors"] = len(report.errors)
        del report
        for jobs in (1, 2):
            clear_caches(work, corpus_dir)
            time_command(rows[f"cli{jobs}"], cli + ["--jobs", str(jobs), "-o", str(out / f"jobs{jobs}.json"),
                                                    str(corpus_dir)], work)
        facts.setdefault("jobs_outputs_identical", []).append(compare_outputs(out / "jobs1.json", out / "jobs2.json"))
        facts["datatrove_kept"] = time_call(rows["datatrove"], lambda: run_datatrove(filters, sample))
    return list(rows.values()), facts


def compare_outputs(first: Path, second: Path) -> str:
    """`identical`, or how two JSON reports differ."""
    if first.read_bytes() == second.read_bytes():
        return "identical"
    one, other = json.loads(first.read_text(encoding="utf-8")), json.loads(second.read_text(encoding="utf-8"))
    differing = next((a for a, b in zip(one, other) if a != b), None)
    return f"DIFFERENT: {len(one)} vs {len(other)} diagnostics; first difference: {json.dumps(differing)[:300]}"


def sample_prefix(texts: list[str], megabytes: float) -> list[str]:
    if megabytes <= 0:
        return texts
    sample, total = [], 0
    for text in texts:
        if total >= megabytes * 1e6:
            break
        sample.append(text)
        total += len(text.encode("utf-8"))
    return sample


# -- DUP003 ---------------------------------------------------------------------
def flagged_records(path: Path) -> dict[str, str]:
    """Record id -> message of every DUP003 diagnostic in a JSON report."""
    return {d["record"]: d["message"] for d in json.loads(path.read_text(encoding="utf-8")) if d["code"] == "DUP003"}


def measure_dup(work: Path, records: list[dict], planted: list[Planted], runs: int) -> tuple[Row, dict]:
    full_dir, tenth_dir = work / "dup", work / "dup-tenth"
    shards = write_shards(full_dir, records)
    write_shards(tenth_dir, records[:len(records) // 10])
    megabytes = sum(len(r["text"].encode("utf-8")) for r in records) / 1e6
    flags, _ = cache_flags()
    output = work / "out" / "dup003.json"
    output.parent.mkdir(exist_ok=True)
    command = newslint_command() + ["--select", "DUP003", "--jobs", "1", "--format", "json", *flags, "-o"]
    row = Row("DUP003 alone, CLI --jobs 1", megabytes, len(records), note=f"{len(shards)} shards")
    tenth = Row("DUP003 on the first tenth", megabytes / 10, len(records) // 10)
    for _ in range(runs):
        clear_caches(work, full_dir, tenth_dir)
        time_command(row, command + [str(output), str(full_dir)], work)
        time_command(tenth, command + [str(work / "out" / "dup003-tenth.json"), str(tenth_dir)], work)
    flagged = flagged_records(output)
    return row, recall(flagged, planted, tenth, row)


def recall(flagged: dict[str, str], planted: list[Planted], tenth: Row, full: Row) -> dict:
    by_kind: dict[str, list[Planted]] = {}
    for item in planted:
        by_kind.setdefault(item.kind, []).append(item)
    kinds = {}
    for kind, items in by_kind.items():
        found = [i for i in items if i.copy in flagged]
        right_original = [i for i in found if f"record {i.original} " in flagged[i.copy] + " "]
        kinds[kind] = {"planted": len(items), "found": len(found), "pointing_at_original": len(right_original),
                       "jaccard_min": min(i.jaccard for i in items),
                       "jaccard_median": statistics.median(i.jaccard for i in items)}
    bins = {}
    for low in JACCARD_BINS:
        items = [i for i in planted if low <= i.jaccard < low + 0.1 or (low == JACCARD_BINS[-1] and i.jaccard >= low)]
        if items:
            bins[f"{low:.1f}-{low + 0.1:.1f}"] = {"planted": len(items), "found": sum(i.copy in flagged for i in items)}
    planted_ids = {i.copy for i in planted}
    memory_per_doc = ((statistics.median(full.peak_rss_mb) - statistics.median(tenth.peak_rss_mb)) * 1e6
                      / max(1, full.docs - tenth.docs))
    return {"planted": len(planted), "found": sum(1 for i in planted if i.copy in flagged),
            "other_flags": sum(1 for record in flagged if record not in planted_ids), "kinds": kinds,
            "jaccard_bins": bins,
            "peak_rss_mb_tenth": statistics.median(tenth.peak_rss_mb),
            "peak_rss_bytes_per_doc": memory_per_doc}


# -- report ---------------------------------------------------------------------
def table(rows: list[Row]) -> str:
    header = (f"{'method':40} {'MB':>8} {'docs':>7} {'MB/s':>8} {'docs/s':>9} {'s (median)':>11} "
              f"{'CPU s':>8} {'MB/CPU s':>8} {'peak MB':>8} {'load':>10}  runs (s)")
    lines = [header, "-" * len(header)]
    for row in rows:
        cpu = f"{statistics.median(row.cpu_seconds):8.2f} {row.mb_per_cpu_s:8.2f}"
        peak = f"{statistics.median(row.peak_rss_mb):8.0f}" if row.peak_rss_mb else f"{'':8}"
        loads = f"{min(row.loads):.1f}-{max(row.loads):.1f}"
        runs = ", ".join(f"{s:.2f}" for s in row.seconds)
        note = f"  [{row.note}]" if row.note else ""
        lines.append(f"{row.name:40} {row.megabytes:8.1f} {row.docs:7d} {row.mb_per_s:8.2f} "
                     f"{row.docs_per_s:9.1f} {row.median:11.2f} {cpu} {peak} {loads:>10}  {runs}{note}")
    return "\n".join(lines)


def targets(rows: dict[str, Row]) -> str:
    api, floor, data = rows["api"], rows["floor"], rows["datatrove"]
    versus_datatrove = api.mb_per_s / data.mb_per_s
    versus_floor = api.mb_per_s / floor.mb_per_s
    cpu_datatrove = api.mb_per_cpu_s / data.mb_per_cpu_s
    cpu_floor = api.mb_per_cpu_s / floor.mb_per_cpu_s
    speedup = rows["cli1"].median / rows["cli2"].median
    checks = [
        (f"newslint per core vs datatrove stack: {versus_datatrove:.1f}x by wall time, {cpu_datatrove:.1f}x by CPU "
         "time", "target >= 50x, goal 100x", versus_datatrove >= 50),
        (f"newslint per core vs regex floor: 1/{1 / versus_floor:.1f} by wall time, 1/{1 / cpu_floor:.1f} by CPU time",
         "target >= 1/4, goal 1/2", versus_floor >= 0.25),
        (f"--jobs 2 vs --jobs 1 (CLI): {speedup:.2f}x", "target >= 1.8x", speedup >= 1.8),
    ]
    return "\n".join(f"{'MET ' if ok else 'MISS'}  {text}  ({goal})" for text, goal, ok in checks)


def dup_report(row: Row, facts: dict) -> str:
    lines = [table([row]),
             f"peak RSS: {statistics.median(row.peak_rss_mb):.0f} MB on {row.docs} docs, "
             f"{facts['peak_rss_mb_tenth']:.0f} MB on the first tenth; "
             f"about {facts['peak_rss_bytes_per_doc'] / 1000:.1f} kB per document",
             f"recall: {facts['found']}/{facts['planted']} planted near-duplicates flagged "
             f"({facts['found'] / max(1, facts['planted']):.1%}); flags on other documents: {facts['other_flags']}"]
    for kind, counts in facts["kinds"].items():
        lines.append(f"  {kind:40} {counts['found']:4d}/{counts['planted']:<4d} flagged, "
                     f"{counts['pointing_at_original']} naming the right original; true Jaccard "
                     f"min {counts['jaccard_min']:.2f}, median {counts['jaccard_median']:.2f}")
    lines.append("  by true 5-word-shingle Jaccard: " + ", ".join(
        f"{name}: {counts['found']}/{counts['planted']}" for name, counts in facts["jaccard_bins"].items()))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=200, help="text in the main corpus [200]")
    parser.add_argument("--dup-size-mb", type=float, default=None, help="text in the DUP003 corpus [size/4]")
    parser.add_argument("--datatrove-mb", type=float, default=4,
                        help="text of the sample datatrove sees; 0: the whole corpus [4]")
    parser.add_argument("--runs", type=int, default=3, help="runs per method; the median is reported [3]")
    parser.add_argument("--quick", action="store_true", help="a ~20 MB run: --size-mb 20 --dup-size-mb 5 "
                                                             "--datatrove-mb 1")
    parser.add_argument("--skip-dup", action="store_true", help="leave out the DUP003 measurement")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workdir", type=Path, help="build the corpora here and keep them [a temp dir, removed]")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = parser.parse_args()
    if args.quick:
        args.size_mb, args.dup_size_mb, args.datatrove_mb = 20, 5, 1
    dup_mb = args.dup_size_mb if args.dup_size_mb is not None else args.size_mb / 4

    work = args.workdir or Path(tempfile.mkdtemp(prefix="newslint-throughput-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return run(args, work, dup_mb)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


def engine_fingerprint() -> str:
    """A hash of the engine's and the rules' files: tells whether they changed
    while the benchmark ran (the figures would then mix two versions)."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(p for folder in ("lint", "rules") for p in (HERE.parent / folder).rglob("*")
                       if p.suffix in (".py", ".yaml", ".yml", ".txt") and p.is_file()):
        digest.update(str(path).encode() + path.read_bytes())
    return digest.hexdigest()


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def engine_version() -> str:
    """The commit measured, and whether the engine or rules had local changes."""
    repo = HERE.parent
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "lint", "rules"], cwd=repo, capture_output=True, text=True)
    changed = " with uncommitted changes in lint/ or rules/" if dirty.stdout.strip() else ""
    return f"{head.stdout.strip() or 'unknown commit'}{changed}"


def run(args, work: Path, dup_mb: float) -> int:
    rng = random.Random(SEED)
    print(f"newslint {engine_version()}; python {sys.version.split()[0]}; {os.cpu_count()} cores; {uptime()}")
    sources = load_sources(args.corpus)
    fingerprint = engine_fingerprint()
    started = time.perf_counter()
    shards = write_shards(work / "main", build_main(sources, args.size_mb, rng))
    print(f"main corpus: {len(sources)} real pages -> {len(shards)} shards in {work / 'main'} "
          f"({time.perf_counter() - started:.0f} s to build)")
    rows, facts = measure_main(work, shards, args.runs, args.datatrove_mb)
    named = dict(zip(["json", "floor", "api", "cli1", "cli2", "datatrove"], rows))
    print(f"\n== Throughput (median of {args.runs}; MB = 10^6 bytes of UTF-8 text, "
          f"JSONL {facts['json_mb']:.1f} MB; load = 1-min load average before each run) ==")
    print(table(rows))
    print(f"diagnostics: {facts['diagnostics']} ({facts['diagnostics'] / named['api'].docs:.1f} per doc), "
          f"errors: {facts['errors']}; datatrove kept {facts['datatrove_kept']}/{named['datatrove'].docs} docs")
    print(f"--jobs 1 vs --jobs 2 JSON output, per round: {'; '.join(facts['jobs_outputs_identical'])}")
    if facts["cache_note"]:
        print(f"note: {facts['cache_note']}")
    print(targets(named))
    result = {"rows": [asdict(r) for r in rows], "facts": facts, "args": {k: str(v) for k, v in vars(args).items()}}
    if not args.skip_dup:
        records, planted = build_dup(sources, dup_mb, rng)
        dup_row, dup_facts = measure_dup(work, records, planted, args.runs)
        print(f"\n== DUP003 (cross-file-duplicate) on {dup_row.megabytes:.1f} MB, {dup_row.docs} docs, "
              f"{DUP_SHARE:.0%} planted near-duplicates ==")
        print(dup_report(dup_row, dup_facts))
        result["dup"] = {"row": asdict(dup_row), "facts": dup_facts}
    if engine_fingerprint() != fingerprint:
        print("WARNING: files under lint/ or rules/ changed during the run; the figures mix versions")
    print(f"\nfinished; {uptime()}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
