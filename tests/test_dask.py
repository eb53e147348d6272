"""newslint on a real Dask cluster: distributed.LocalCluster with two worker
processes. The report must equal a local run's, byte for byte."""
import json
import os
import random
import shutil

import pytest
from click.testing import CliRunner

from conftest import IN_CI, SEEDS
from newslint.cli import main
from newslint.config import Config

distributed = pytest.importorskip("distributed") if not IN_CI else __import__("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """The seeds, perturbed copies of them (cross-file near-duplicates), and a JSONL file."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "corpus"
    folder.mkdir()
    rng = random.Random(3)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
        words = seed.read_text(encoding="utf-8").split(" ")
        for copy in range(3):
            changed = list(words)
            for index in rng.sample(range(len(words)), 5):
                changed[index] = "altered"
            (folder / f"{seed.stem}-copy{copy}.txt").write_text(" ".join(changed), encoding="utf-8")
    records = [json.dumps({"id": seed.stem, "text": seed.read_text(encoding="utf-8")}) for seed in SEEDS.glob("*.txt")]
    (folder / "records.jsonl").write_text("\n".join(records) + "\n")
    return folder


def run(*args):
    return CliRunner().invoke(main, ["--no-cache", "--format", "json", *args])


def test_a_run_on_the_cluster_equals_the_local_run(cluster, corpus):
    local = run("--jobs", "1", "corpus")
    remote = run("--dask-scheduler", cluster.scheduler_address, "corpus")
    assert remote.exit_code == local.exit_code == 1
    assert remote.stdout == local.stdout
    codes = {d["code"] for d in json.loads(remote.stdout)}
    assert {"DUP003", "CHR101", "CAS001"} <= codes  # cross-file joins too


def test_the_scheduler_address_can_come_from_the_environment(cluster, corpus, monkeypatch):
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster.scheduler_address)
    from newslint.dask import connect

    client = connect("")
    try:
        assert client.scheduler.address == cluster.scheduler_address
    finally:
        client.close()


def test_fix_is_refused_on_a_cluster(corpus):
    result = CliRunner().invoke(main, ["--dask-scheduler", "local", "--fix", "corpus"])
    assert result.exit_code == 2 and "run locally" in result.output


def test_lint_bag_maps_texts_to_diagnostics(cluster):
    import dask.bag

    from newslint.dask import lint_bag

    texts = [(seed.name, seed.read_text(encoding="utf-8")) for seed in sorted(SEEDS.glob("*.txt"))]
    with distributed.Client(cluster):
        found = lint_bag(dask.bag.from_sequence(texts, npartitions=2), select=["CAS001"]).compute()
    assert {d["record"] for d in found} == {"002_7a66fb176fe2e221.txt"}
    assert all(d["code"] == "CAS001" for d in found) and len(found) >= 10




def test_the_cli_honours_dask_scheduler_address(cluster, corpus, monkeypatch):
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster.scheduler_address)
    def batches_seen() -> int:
        prefix = cluster.scheduler.task_prefixes.get("lint_batch")
        return sum(prefix.state_counts.values()) if prefix is not None else 0

    before = batches_seen()
    result = run("--select", "CHR", "corpus")
    assert result.exit_code == 1
    assert batches_seen() > before  # the batches ran on the cluster
