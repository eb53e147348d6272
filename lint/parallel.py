"""--jobs: lint units in worker processes, results in input order.

Workers are forked where the platform allows, so they inherit the loaded
rules instead of importing and compiling them again; elsewhere they rebuild
the rules from the config and the selected codes. `imap` keeps the input
order, so the output is byte-identical for any number of jobs.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from typing import Iterable, Iterator

from .config import Config
from .registry import all_rules
from .rule import Rule
from .runner import Options, UnitResult, lint_unit
from .sources import Unit

CHUNK = 8  # units per task: amortises the inter-process round trip
IN_FLIGHT = 4  # batches read ahead per worker
_worker: tuple[list[Rule], Config, Options] | None = None


def _start(rules: list[Rule] | None, codes: list[str], config: Config, options: Options) -> None:
    global _worker
    if rules is None:  # spawned: nothing inherited
        rules = [r for r in all_rules(config.rule_paths) if r.code in codes]
    _worker = (rules, config, options)


def _lint_batch(units: list[Unit]) -> list[UnitResult]:
    rules, config, options = _worker
    return [lint_unit(unit, rules, config, options) for unit in units]


def _batches(units: Iterable[Unit]) -> Iterator[list[Unit]]:
    batch: list[Unit] = []
    for unit in units:
        batch.append(unit)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def map_units(units: Iterable[Unit], rules: list[Rule], config: Config,
              options: Options) -> Iterator[tuple[Unit, UnitResult]]:
    """(unit, result) pairs in input order. At most IN_FLIGHT batches per
    worker are read ahead, so memory stays bounded on any corpus size."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    inherited = rules if context.get_start_method() == "fork" else None
    codes = [r.code for r in rules]
    with context.Pool(options.jobs, initializer=_start, initargs=(inherited, codes, config, options)) as pool:
        window: deque = deque()
        for batch in _batches(units):
            window.append((batch, pool.apply_async(_lint_batch, (batch,))))
            if len(window) >= IN_FLIGHT * options.jobs:
                yield from _collect(window.popleft())
        while window:
            yield from _collect(window.popleft())


def _collect(entry) -> Iterator[tuple[Unit, UnitResult]]:
    batch, pending = entry
    yield from zip(batch, pending.get())
