"""--write-baseline and --baseline through the real CLI."""
import json

import pytest
from click.testing import CliRunner

from conftest import project_with_pack
from newslint.cli import main

PACK = """\
rules:
  - {code: TST001, name: test-banana, category: chrome, kind: existence, message: banana, phrases: [banana]}
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_with_pack(tmp_path, monkeypatch, PACK)


def run(*args):
    return CliRunner().invoke(main, ["--format", "json", *args])


def test_only_new_diagnostics_are_reported_after_edits_elsewhere(project):
    path = project / "a.txt"
    path.write_text("A banana here.\nPlain.\nTwo banana lines.\n")
    written = run("--write-baseline", "base.json", "a.txt")
    assert written.exit_code == 0 and json.loads(written.stdout) == []
    path.write_text("New first line.\nA banana here.\nPlain.\nTwo banana lines.\nA new banana.\n")
    result = run("--baseline", "base.json", "a.txt")
    assert [(r["line"], r["column"]) for r in json.loads(result.stdout)] == [(5, 7)]
    assert result.exit_code == 1 and "2 diagnostics are in the baseline" in result.stderr


def test_a_second_identical_line_is_new(project):
    path = project / "a.txt"
    path.write_text("A banana here.\n")
    run("--write-baseline", "base.json", "a.txt")
    path.write_text("A banana here.\nA banana here.\n")
    assert [r["line"] for r in json.loads(run("--baseline", "base.json", "a.txt").stdout)] == [2]


def test_nothing_new_exits_zero(project):
    (project / "a.txt").write_text("A banana here.\n")
    run("--write-baseline", "base.json", "a.txt")
    assert run("--baseline", "base.json", "a.txt").exit_code == 0


def test_a_file_that_is_not_a_baseline_is_an_error(project):
    (project / "a.txt").write_text("A banana here.\n")
    (project / "base.json").write_text('{"something": "else"}')
    result = run("--baseline", "base.json", "a.txt")
    assert result.exit_code == 2 and "base.json: not a newslint baseline" in result.output
