"""The command line, run the way users run it: the installed console script
for process-level behaviour, click's runner for the rest."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint.cli import main

PACK = """\
rules:
  - code: TST001
    name: test-banana
    category: chrome
    kind: existence
    message: "banana"
    phrases: ["banana"]
    doc: {what: Flags bananas., why: Test., example: banana}
  - code: TST002
    name: test-cherry
    category: casing
    kind: existence
    message: "cherry"
    phrases: ["cherry"]
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with its own rule pack, selected alone, and three text files."""
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "test.yaml").write_text(PACK)
    (tmp_path / ".newslint.yaml").write_text("rule-paths: [packs]\nselect: [TST]\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "b.txt").write_text("one banana\ntwo cherry banana\n")
    (tmp_path / "docs" / "a.md").write_text("no fruit here\n")
    (tmp_path / "docs" / "skip.csv").write_text("banana")
    (tmp_path / "docs" / ".hidden").mkdir()
    (tmp_path / "docs" / ".hidden" / "c.txt").write_text("banana")
    (tmp_path / "docs" / "node_modules").mkdir()
    (tmp_path / "docs" / "node_modules" / "c.txt").write_text("banana")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args, stdin=None):
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_text_output_and_exit_code_one(project):
    result = invoke("docs")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "docs/b.txt:1:5: TST001 banana [test-banana]",
        "docs/b.txt:2:5: TST002 cherry [test-cherry]",
        "docs/b.txt:2:12: TST001 banana [test-banana]",
        "Found 3 diagnostics in 1 file (0 with a fix, marked [*]).",
    ]


def test_json_output_fields_sorting_and_relative_paths(project):
    result = invoke("--format", "json", "docs/b.txt", "docs")
    records = json.loads(result.output)
    assert [(r["path"], r["line"], r["column"], r["code"]) for r in records] == [
        ("docs/b.txt", 1, 5, "TST001"), ("docs/b.txt", 1, 5, "TST001"),
        ("docs/b.txt", 2, 5, "TST002"), ("docs/b.txt", 2, 5, "TST002"),
        ("docs/b.txt", 2, 12, "TST001"), ("docs/b.txt", 2, 12, "TST001")]
    first = records[0]
    assert {k: first[k] for k in ("end_line", "end_column", "name", "category", "severity", "message")} == {
        "end_line": 1, "end_column": 11, "name": "test-banana", "category": "chrome",
        "severity": "warning", "message": "banana"}


def test_no_diagnostics_exits_zero(project):
    result = invoke("docs/a.md")
    assert (result.exit_code, result.output) == (0, "All checks passed (1 file).\n")


def test_no_path_lints_the_current_directory(project):
    (project / "packs" / "test.yaml").rename(project / "packs" / "test.yml.off")
    (project / ".newslint.yaml").write_text("select: [CHR104]\n")
    (project / "top.txt").write_text("Body text.\nComments\n")
    os.remove(project / "docs" / "b.txt")
    result = invoke()
    assert result.exit_code == 1 and result.output.startswith("top.txt:2:1: CHR104")


@pytest.mark.parametrize("option, expected", [
    (["--select", "casing"], ["TST002"]),
    (["--select", "TST001,TST002", "--ignore", "chrome"], ["TST002"]),
    (["--ignore", "TST002"], ["TST001"]),
    (["--select", "test-cherry", "--extend-select", "TST001"], ["TST001", "TST002"]),
])
def test_select_ignore_and_extend_select(project, option, expected):
    records = json.loads(invoke("--format", "json", *option, "docs/b.txt").output)
    assert sorted({r["code"] for r in records}) == expected


def test_per_path_ignores(project):
    (project / ".newslint.yaml").write_text(
        "rule-paths: [packs]\nselect: [TST]\nper-path-ignores:\n  'docs/b*.txt': [chrome]\n")
    records = json.loads(invoke("--format", "json", "docs").output)
    assert [r["code"] for r in records] == ["TST002"]


def test_pyproject_config_and_explicit_config_file(project):
    os.remove(project / ".newslint.yaml")
    (project / "pyproject.toml").write_text('[tool.newslint]\nrule-paths = ["packs"]\nselect = ["TST002"]\n')
    assert [r["code"] for r in json.loads(invoke("--format", "json", "docs").output)] == ["TST002"]
    (project / "other.yaml").write_text("rule-paths: [packs]\nselect: [TST001]\n")
    records = json.loads(invoke("--config", "other.yaml", "--format", "json", "docs").output)
    assert {r["code"] for r in records} == {"TST001"}


@pytest.mark.parametrize("content, message", [
    ("selct: [TST]\n", "unknown key `selct`"),
    ("select: TST\n", "`select` must be a list of strs"),
    ("select: [TST\n", "invalid YAML"),
    ("rule-options: {NOPE999: {x: 1}}\n", "unknown rule `NOPE999`"),
    ("rule-options: {CHR104: {nope: 1}}\n", "has no option `nope`"),
])
def test_config_errors_name_the_file_and_exit_two(project, content, message):
    (project / ".newslint.yaml").write_text(content)
    result = CliRunner().invoke(main, ["docs"])
    assert result.exit_code == 2
    assert str(project / ".newslint.yaml") in result.output and message in result.output


def test_bad_toml_names_the_file(project):
    os.remove(project / ".newslint.yaml")
    (project / "pyproject.toml").write_text("[tool.newslint\n")
    result = CliRunner().invoke(main, ["docs"])
    assert result.exit_code == 2 and "pyproject.toml: invalid TOML" in result.output


def test_unknown_selector_is_a_usage_error(project):
    result = CliRunner().invoke(main, ["--select", "NOPE", "docs"])
    assert result.exit_code == 2 and "unknown rule selector 'NOPE'" in result.output


def test_missing_and_binary_files_are_reported_and_the_rest_still_linted(project):
    (project / "docs" / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00banana")
    result = CliRunner().invoke(main, ["missing.txt", "docs/bin.txt", "docs/b.txt"])
    assert result.exit_code == 2
    assert "missing.txt: error: no such file or directory" in result.output
    assert "docs/bin.txt: note: binary file skipped" in result.output
    assert "docs/b.txt:1:5: TST001" in result.output


def test_stdin(project):
    result = invoke("--format", "json", "-", stdin="a banana\n")
    (record,) = json.loads(result.output)
    assert (record["path"], record["line"], record["column"]) == ("-", 1, 3)


def test_statistics_and_output_file(project):
    result = invoke("--statistics", "docs")
    assert result.output.splitlines() == ["     2  TST001   test-banana", "     1  TST002   test-cherry"]
    invoke("--format", "json", "-o", "out.json", "docs")
    assert len(json.loads((project / "out.json").read_text())) == 3


def test_exit_zero(project):
    assert invoke("--exit-zero", "docs").exit_code == 0


def test_list_rules_and_explain(project):
    listing = invoke("--list-rules").output
    assert listing.splitlines()[0].split() == ["CODE", "NAME", "CATEGORY", "DEFAULT", "FIX"]
    assert any(line.split()[:3] == ["TST001", "test-banana", "chrome"] for line in listing.splitlines())
    explained = invoke("--explain", "test-banana").output
    assert explained.startswith("TST001 (test-banana)") and "## Why is this bad?\nTest." in explained
    result = CliRunner().invoke(main, ["--explain", "XYZ999"])
    assert result.exit_code == 2 and "no rule 'XYZ999'" in result.output


def test_rules_folder_is_a_path_not_a_subcommand(tmp_path, monkeypatch):
    """This repository has a rules/ folder: `newslint rules` must lint it."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "x.txt").write_text("Leave a Comment\n")
    monkeypatch.chdir(tmp_path)
    result = invoke("--select", "CHR104", "rules")
    assert result.output.startswith("rules/x.txt:1:1: CHR104")


def test_help_teaches():
    output = invoke("--help").output
    for needle in ("--select", "--list-rules", "--explain", "Exit status", "Examples:"):
        assert needle in output


def test_console_script_and_python_m_run_in_a_real_process(tmp_path):
    (tmp_path / "a.txt").write_text("Leave a Comment\n")
    script = Path(sys.executable).with_name("newslint")
    for command in ([str(script)], [sys.executable, "-m", "newslint"]):
        done = subprocess.run(command + ["--select", "CHR104", "a.txt"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 1, done.stderr
        assert done.stdout.startswith("a.txt:1:1: CHR104")
        assert done.stderr == ""
