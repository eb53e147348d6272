"""The content-hash cache in .newslint_cache/, through the real CLI."""
import json
import pickle

import pytest
from click.testing import CliRunner

from conftest import SEEDS
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
