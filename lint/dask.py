"""Running newslint on a Dask cluster.

The CLI (`--dask-scheduler ADDRESS|local`) sends the run's stream to the
cluster in batches and collects the results in input order, so the report is
the same as a local run's. Workers compute each document's diagnostics and
corpus signatures; the cross-document join (duplicates) happens once, here.

Workers need newslint installed, at the same version, with the same rule
packs at the same paths if the config names `rule-paths`. They need no access
to the input: the client reads it and ships the text (and, for HTML and WARC,
the extraction runs on the client). `--fix` is refused on a cluster, because
workers would write the files.

For data pipelines, `lint_bag` maps a `dask.bag` of texts to a bag of
diagnostics (per-document rules; corpus rules need a run, see the CLI).
"""
from __future__ import annotations

import os
from collections import deque
from functools import lru_cache
from typing import Iterable, Iterator

from .config import Config
from .parallel import batches
from .registry import all_rules, select
from .rule import Rule
from .runner import Options, lint_text, lint_unit
from .sources import Unit

BATCH = 64  # stream items per task: a Dask task costs milliseconds of scheduler time
IN_FLIGHT = 4  # batches per worker thread kept in flight


@lru_cache(maxsize=4)
def _worker_rules(codes: tuple[str, ...], rule_paths: tuple[str, ...]) -> list[Rule]:
    """The run's rules, built once per worker process."""
    from pathlib import Path

    return [r for r in all_rules([Path(p) for p in rule_paths]) if r.code in codes]


def _lint_batch(items: list, codes: tuple[str, ...], config: Config, options: Options) -> list:
    rules = _worker_rules(codes, tuple(str(p) for p in config.rule_paths))
    return [lint_unit(item, rules, config, options) if isinstance(item, Unit) else item for item in items]


def connect(address: str):
    """A Client for `address`: `local` starts a LocalCluster; an empty
    address falls back to DASK_SCHEDULER_ADDRESS, read now rather than when
    dask was imported."""
    from distributed import Client, LocalCluster

    if address == "local":
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True)
        client = Client(cluster)
        client.newslint_cluster = cluster  # closed with the client, in map_stream
        return client
    return Client(address or os.environ.get("DASK_SCHEDULER_ADDRESS") or None)


def map_stream(stream: Iterable, rules: list[Rule], config: Config, options: Options,
               address: str) -> Iterator:
    """Like parallel.map_stream, on a Dask cluster: Units become UnitResults,
    everything else passes through, in input order."""
    client = connect(address)
    codes = tuple(r.code for r in rules)
    workers = max(1, sum(client.nthreads().values()))
    try:
        window: deque = deque()
        for batch in batches(stream, BATCH):
            window.append(client.submit(_lint_batch, batch, codes, config, options, pure=False))
            if len(window) >= IN_FLIGHT * workers:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        cluster = getattr(client, "newslint_cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()


def _lint_partition(texts: Iterable, selectors: tuple[str, ...] | None, config: Config) -> list[dict]:
    from .reporters import diagnostic_json

    rules = select(all_rules(config.rule_paths), select=list(selectors) if selectors else None)
    found = []
    for item in texts:
        record, text = item if isinstance(item, tuple) else (None, item)
        for diagnostic in lint_text(text, rules, config, path=str(record) if record is not None else "-"):
            found.append({**diagnostic_json(diagnostic), "record": record})
    return found


def lint_bag(bag, select: Iterable[str] | None = None, config: Config | None = None):
    """A bag of diagnostics (JSON-ready dicts, as `--format json` writes them)
    for a bag of texts or of (record id, text) pairs."""
    selectors = tuple(select) if select is not None else None
    return bag.map_partitions(_lint_partition, selectors, config or Config())
