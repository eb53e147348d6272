"""The real pre-commit framework runs this repository's hooks (from
.pre-commit-hooks.yaml, at the committed HEAD) on a scratch git repository.
Marked `precommit`: it installs the hook's environment from the package
index, so `pytest -m "not precommit"` skips it offline. In CI it runs."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import IN_CI, ROOT, SEEDS

pytestmark = pytest.mark.precommit


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not os.path.exists(found):
        if IN_CI:
            pytest.fail(f"CI=true but {name} is not installed")
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return found


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A git repository of scraped text whose config uses this repository's hooks."""
    git, pre_commit = tool("git"), tool("pre-commit")
    root = tmp_path_factory.mktemp("precommit")
    repo = root / "corpus"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(root / "home"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    head = subprocess.run([git, "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.strip()}\n    hooks:\n      - id: newslint\n      - id: newslint-fix\n")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, repo / seed.name)
    (repo / "clean.md").write_text("The council met on Tuesday and approved the plan for the new tram line.\n")
    (repo / "spacing.txt").write_text("The meeting ended.The plan was approved,with changes.\n")
    subprocess.run([git, "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run([git, "add", "."], cwd=repo, check=True, env=env)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([pre_commit, "run", *args], cwd=repo, env=env, capture_output=True, text=True,
                              timeout=900)
    return repo, run


def test_the_hook_fails_on_noisy_seeds_and_reports_diagnostics(scratch):
    _, run = scratch
    done = run("newslint", "--files", "002_7a66fb176fe2e221.txt", "004_26a94c212618fc95.txt")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "newslint" in output and "Failed" in output
    assert "002_7a66fb176fe2e221.txt:1:1: CHR101" in output
    assert "004_26a94c212618fc95.txt:4:1: CHR103" in output


def test_the_hook_passes_on_a_clean_file(scratch):
    _, run = scratch
    done = run("newslint", "--files", "clean.md")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_the_fix_hook_applies_safe_fixes(scratch):
    repo, run = scratch
    done = run("newslint-fix", "--files", "spacing.txt")
    assert done.returncode == 1  # pre-commit fails a hook that changed files
    assert (repo / "spacing.txt").read_text() == "The meeting ended. The plan was approved, with changes.\n"
