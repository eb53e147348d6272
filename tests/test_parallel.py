"""--jobs: the same bytes out for any number of worker processes."""
import json
import shutil

from click.testing import CliRunner

from conftest import SEEDS
from newslint.cli import main


def test_output_is_byte_identical_across_jobs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, seed in enumerate(sorted(SEEDS.glob("*.txt")) * 4):
        shutil.copy(seed, corpus / f"{number:02d}.txt")  # copies: cross-file duplicates too
    records = [json.dumps({"id": seed.name, "text": seed.read_text(encoding="utf-8")})
               for seed in sorted(SEEDS.glob("*.txt"))]
    (corpus / "records.jsonl").write_text("\n".join(records) + "\n{broken\n")
    outputs = {jobs: CliRunner().invoke(main, ["--jobs", str(jobs), "--format", "json", "corpus"])
               for jobs in (1, 2, 3)}
    assert {result.exit_code for result in outputs.values()} == {2}  # the broken record
    assert outputs[1].stdout == outputs[2].stdout == outputs[3].stdout
    assert outputs[1].stderr == outputs[2].stderr == outputs[3].stderr
    codes = {record["code"] for record in json.loads(outputs[1].stdout)}
    assert "DUP003" in codes and "CAS001" in codes


def test_fix_with_jobs_rewrites_every_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for number in range(10):
        (tmp_path / f"{number}.txt").write_text(f"Talks continued on day {number}.\nthe united States said so.\n")
    CliRunner().invoke(main, ["--jobs", "2", "--fix", "--select", "CAS", "."])
    for number in range(10):
        assert (tmp_path / f"{number}.txt").read_text() == \
            f"Talks continued on day {number}.\nThe United States said so.\n"


def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    """Python salts str hashes per process; no rule may let that leak into
    its output (DUP001 once did, through candidate selection)."""
    import os
    import subprocess
    import sys

    from conftest import require_corpus

    lines = (require_corpus() / "pages.jsonl").read_text(encoding="utf-8").splitlines()[:25]
    (tmp_path / "pages.jsonl").write_text("\n".join(
        json.dumps({"id": json.loads(line)["id"], "text": json.loads(line)["noisy_text"]}) for line in lines) + "\n")
    outputs = set()
    for seed in ("1", "4"):
        done = subprocess.run([sys.executable, "-m", "newslint", "--no-cache", "--jobs", "1", "--format", "json",
                               "pages.jsonl"], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.add(done.stdout)
    assert len(outputs) == 1
