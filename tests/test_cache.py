"""The content-hash cache in .newslint_cache/, through the real CLI."""
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from newslint.cache import Cache
from newslint.cli import main


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text((SEEDS / "004_26a94c212618fc95.txt").read_text(encoding="utf-8"))
    return tmp_path


def run(*args):
    result = CliRunner().invoke(main, ["--jobs", "1", "--format", "json", *args])
    return result, json.loads(result.stdout or "[]")


def entries(project):
    return sorted(p for p in (project / ".newslint_cache").rglob("*") if p.is_file() and p.name != ".gitignore")


def test_a_second_run_replays_the_cached_results(project):
    first, diagnostics = run("a.txt")
    (entry,) = entries(project)
    outcomes = pickle.loads(entry.read_bytes())
    outcomes[0].diagnostics = outcomes[0].diagnostics[:1]  # prove the replay: drop all but one
    entry.write_bytes(pickle.dumps(outcomes))
    _, replayed = run("a.txt")
    assert len(diagnostics) > 1 and len(replayed) == 1 and replayed[0] in diagnostics


def test_changed_bytes_config_or_no_cache_lint_afresh(project):
    _, before = run("a.txt")
    (project / "a.txt").write_text("Short clean text.\n")
    assert run("a.txt")[1] == []
    (project / "a.txt").write_text((SEEDS / "004_26a94c212618fc95.txt").read_text(encoding="utf-8"))
    (project / ".newslint.yaml").write_text("ignore: [SPC]\n")
    _, after = run("a.txt")
    assert [d for d in before if not d["code"].startswith("SPC")] == after
    assert len(list((project / ".newslint_cache").iterdir())) == 3  # .gitignore and two salts


def test_no_cache_and_fix_write_no_cache(project):
    run("--no-cache", "a.txt")
    CliRunner().invoke(main, ["--diff", "a.txt"])
    CliRunner().invoke(main, ["--fix", "a.txt"])
    assert not (project / ".newslint_cache").exists()


def test_cross_file_duplicates_are_joined_afresh_from_cached_signatures(project):
    run("--select", "DUP003", "a.txt")
    (project / "b.txt").write_text((project / "a.txt").read_text())
    _, found = run("--select", "DUP003", "a.txt", "b.txt")
    assert [(d["path"], d["message"]) for d in found] == [("b.txt", "Exact duplicate of a.txt")]


def test_the_same_content_under_two_paths_keeps_its_own_path(project):
    (project / "b.txt").write_text((project / "a.txt").read_text())
    run("--select", "SPC", "a.txt")
    _, found = run("--select", "SPC", "b.txt")
    assert {d["path"] for d in found} == {"b.txt"}


def test_a_fresh_checkout_of_the_same_bytes_replays(project, tmp_path, monkeypatch):
    """CI restores the cache folder into a new checkout: new inodes and
    modification times, same bytes. The key follows the bytes."""
    _, diagnostics = run("a.txt")
    checkout = tmp_path / "checkout"
    shutil.copytree(project, checkout)  # new inodes, new times, the same bytes
    monkeypatch.chdir(checkout)
    (entry,) = entries(checkout)
    outcomes = pickle.loads(entry.read_bytes())
    outcomes[0].diagnostics = outcomes[0].diagnostics[:1]  # prove the replay: drop all but one
    entry.write_bytes(pickle.dumps(outcomes))
    _, replayed = run("a.txt")
    assert len(diagnostics) > 1 and len(replayed) == 1 and replayed[0] in diagnostics


def test_an_edit_that_keeps_the_size_and_the_modification_time_is_seen(project):
    """`cp -p` and `rsync -t` put the modification time back; the change
    time, which no tool can set, still moves."""
    (project / "b.txt").write_text("Clean text here.\n")
    info = (project / "b.txt").stat()
    assert run("b.txt")[1] == []
    (project / "b.txt").write_text("Clean  text here\n")
    os.utime(project / "b.txt", ns=(info.st_atime_ns, info.st_mtime_ns))
    assert [d["code"] for d in run("b.txt")[1]] == ["SPC003"]


def test_fifos_get_no_key_and_a_named_fifo_is_an_error_not_a_hang(project):
    os.mkfifo(project / "fifo.txt")
    assert Cache(project, b"salt").key_for(str(project / "fifo.txt")) is None
    newslint = str(Path(sys.executable).with_name("newslint"))
    done = subprocess.run([newslint, "--jobs", "1", "fifo.txt", "a.txt"], cwd=project, capture_output=True,
                          text=True, timeout=60)  # nothing writes to the FIFO: opening it would block
    assert done.stderr == "fifo.txt: error: not a regular file (FIFO, socket or device) skipped\n"
    assert done.returncode == 2 and "a.txt:" in done.stdout
    assert len(entries(project)) == 1  # a.txt's
