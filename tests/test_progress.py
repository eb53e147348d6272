"""The progress line: shown only on a terminal, and what it says."""
import io

from click.testing import CliRunner

from newslint.cli import main
from newslint.progress import Progress


def test_the_line_reports_documents_rate_files_and_eta():
    meter = Progress(total_files=4, stream=io.StringIO())
    meter.started = 100.0
    meter.documents, meter.files = 50, 1
    assert meter.line(110.0) == "50 docs, 5 docs/s, 1/4 files, ETA 30 s"


def test_nothing_is_shown_when_stderr_is_not_a_terminal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for number in range(5):
        (tmp_path / f"{number}.txt").write_text("Plain text.\n")
    result = CliRunner().invoke(main, ["--no-cache", "."])
    assert result.stderr == ""
