"""--fix and --unsafe-fixes, run through the real CLI on real files."""
import os
import stat

import pytest
from click.testing import CliRunner

from conftest import FIX_PACK as PACK, project_with_pack
from newslint.cli import main



@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_with_pack(tmp_path, monkeypatch, PACK)


def run(*args, stdin=None):
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_safe_fixes_only_by_default_and_crlf_kept(project):
    path = project / "a.txt"
    path.write_bytes(b"Talks wiht teh allies.\r\nShare\r\nThe end.\r\n")
    result = run("--fix", "a.txt")
    assert path.read_bytes() == b"Talks with the allies.\r\nShare\r\nThe end.\r\n"
    assert result.exit_code == 1  # the unsafe chrome line is still reported
    assert "a.txt:2:1: TST002 [*] menu" in result.output
    assert "Fixed 2 diagnostics." in result.output


def test_unsafe_fixes_remove_whole_lines_and_nothing_else(project):
    path = project / "a.txt"
    original = "First paragraph.\nShare\nSecond paragraph wiht text.\nLeave a Comment"
    path.write_text(original)
    result = run("--fix", "--unsafe-fixes", "a.txt")
    assert path.read_text() == "First paragraph.\nSecond paragraph with text.\n"
    assert result.exit_code == 0


def test_fixing_twice_is_a_no_op(project):
    path = project / "a.txt"
    path.write_text("wiht wiht\nShare\n")
    run("--fix", "--unsafe-fixes", "a.txt")
    once = path.read_bytes()
    result = run("--fix", "--unsafe-fixes", "a.txt")
    assert path.read_bytes() == once == b"with with\n"
    assert "Fixed" not in result.output


def test_a_file_without_fixes_is_not_rewritten(project):
    path = project / "a.txt"
    path.write_text("Clean text.\n")
    before = path.stat().st_mtime_ns
    run("--fix", "a.txt")
    assert path.stat().st_mtime_ns == before


def test_fix_keeps_encoding_bom_and_mode(project):
    path = project / "a.txt"
    path.write_bytes("\ufeffCafé wiht crème.\n".encode("utf-8"))
    os.chmod(path, 0o640)
    run("--fix", "a.txt")
    assert path.read_bytes() == "\ufeffCafé with crème.\n".encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    legacy = project / "b.txt"
    legacy.write_bytes("Le café était fermé wiht les élèves, à côté de l’école.\n".encode("cp1252"))
    run("--fix", "b.txt")
    assert legacy.read_bytes() == "Le café était fermé with les élèves, à côté de l’école.\n".encode("cp1252")


def test_fix_on_stdin_prints_the_fixed_text(project):
    result = CliRunner().invoke(main, ["--fix", "-"], input="teh end\n")
    assert result.stdout.startswith("the end\n")
    assert result.exit_code == 0


def test_diff_prints_the_fixes_and_writes_nothing(project):
    path = project / "a.txt"
    path.write_text("Talks wiht allies.\nShare\n")
    result = run("--diff", "a.txt")
    assert result.exit_code == 1
    assert result.stdout == ("--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n-Talks wiht allies.\n"
                             "+Talks with allies.\n Share\n")
    assert path.read_text() == "Talks wiht allies.\nShare\n"
    assert "\n-Share\n" in run("--diff", "--unsafe-fixes", "a.txt").stdout


def test_diff_exits_zero_when_there_is_nothing_to_fix(project):
    (project / "a.txt").write_text("Clean.\nShare\n")
    result = run("--diff", "a.txt")
    assert (result.exit_code, result.stdout) == (0, "")


def test_an_interrupted_write_leaves_the_original_intact(project):
    """The temporary file cannot be created (a folder is in its way): the
    original is untouched, the error names the file, and exit is 2."""
    path = project / "a.txt"
    path.write_text("Talks wiht allies.\n")
    (project / "a.txt.newslint-tmp").mkdir()
    result = CliRunner().invoke(main, ["--fix", "a.txt"])
    assert path.read_text() == "Talks wiht allies.\n"
    assert result.exit_code == 2 and "a.txt: error: cannot write fixes" in result.stderr


def test_jsonl_input_is_never_rewritten(project):
    """Fixes of records go to --output FILE (tests/test_corpus_fix.py)."""
    path = project / "c.jsonl"
    path.write_text('{"id": 1, "text": "Talks wiht allies."}\n')
    result = CliRunner().invoke(main, ["--fix", "c.jsonl"])
    assert path.read_text() == '{"id": 1, "text": "Talks wiht allies."}\n'
    assert result.exit_code == 2 and "never rewritten in place: add --output FILE" in result.stderr
