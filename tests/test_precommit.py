"""The real pre-commit framework runs this repository's hook (from
.pre-commit-hooks.yaml) on a scratch git repository of scraped text."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import IN_CI, ROOT


def pre_commit() -> str:
    found = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    if not os.path.exists(found) or shutil.which("git") is None:
        if IN_CI:
            pytest.fail("CI=true but pre-commit or git is not installed")
        pytest.skip("pre-commit or git is not installed (pip install -e '.[test]')")
    return found


def test_the_hook_runs_newslint_on_the_staged_text_files(tmp_path):
    command = pre_commit()
    scratch = tmp_path / "corpus"
    scratch.mkdir()
    (scratch / "scraped.txt").write_text("The council met on Tuesday.\nLeave a Comment\n")
    (scratch / "clean.md").write_text("The council met on Tuesday and approved the plan.\n")
    (scratch / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", "init", "-q"], cwd=scratch, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=scratch, check=True, env=env)
    done = subprocess.run([command, "try-repo", str(ROOT), "newslint", "--all-files"], cwd=scratch, env=env,
                          capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "newslint" in output and "Failed" in output
    assert "scraped.txt:2:1: CHR104" in output
    assert "clean.md" not in output and "image.png" not in output  # clean text passes; binaries are not passed
