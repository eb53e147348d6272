"""--jobs: lint units in worker processes, results in input order.

Workers are forked where the platform allows, so they inherit the loaded
rules instead of importing and compiling them again; elsewhere they rebuild
the rules from the config and the selected codes. Batches are collected in
the order they were sent, so the output is byte-identical for any number of
jobs.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from typing import Iterable, Iterator

from .config import Config
from .registry import all_rules
from .rule import Rule
from .runner import Options, lint_unit
from .sources import Unit

CHUNK = 8  # stream items per task: amortises the inter-process round trip
IN_FLIGHT = 4  # batches read ahead per worker
_worker: tuple[list[Rule], Config, Options] | None = None


def _start(rules: list[Rule] | None, codes: list[str], config: Config, options: Options) -> None:
    global _worker
    if rules is None:  # spawned: nothing inherited
        rules = [r for r in all_rules(config.rule_paths) if r.code in codes]
    _worker = (rules, config, options)


def _lint_batch(items: list) -> list:
    rules, config, options = _worker
    return [lint_unit(item, rules, config, options) if isinstance(item, Unit) else item for item in items]


def map_stream(stream: Iterable, rules: list[Rule], config: Config, options: Options) -> Iterator:
    """The run's stream with each Unit replaced by its UnitResult, in input
    order; everything else passes through. Items go to the workers in
    batches, and at most IN_FLIGHT batches per worker are read ahead, so
    memory stays bounded on any corpus size."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    inherited = rules if context.get_start_method() == "fork" else None
    codes = [r.code for r in rules]
    with context.Pool(options.jobs, initializer=_start, initargs=(inherited, codes, config, options)) as pool:
        window: deque = deque()
        for batch in batches(stream, CHUNK):
            window.append(pool.apply_async(_lint_batch, (batch,)))
            if len(window) >= IN_FLIGHT * options.jobs:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()


def batches(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of `size` items (the last may be shorter)."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
