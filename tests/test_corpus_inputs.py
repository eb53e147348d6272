"""HTML and JSONL input on the real pages of the dev corpus (../shared/corpus):
every diagnostic must point at the place in the file where its text is."""
import json
import re

import pytest
from click.testing import CliRunner

from conftest import require_corpus
from newslint.cli import main
from newslint.inputs import extract_main_text
from newslint.config import Config


def lint_json(*args):
    result = CliRunner().invoke(main, ["--format", "json", "--select", "ALL", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def first_word(text: str) -> str:
    match = re.search(r"\w+", text)
    return match.group() if match else ""


def test_html_pages_diagnostics_point_at_their_words_in_the_source():
    pages = sorted((require_corpus() / "html").glob("*.html"))
    checked = located = 0
    for page in pages:
        html = page.read_text(encoding="utf-8", errors="replace")
        text = extract_main_text(html, Config())
        text_lines = text.split("\n")
        source_lines = html.split("\n")
        for record in lint_json(str(page)):
            checked += 1
            flagged = text_lines[record["text_line"] - 1][record["text_column"] - 1:]
            word = first_word(flagged)
            source = source_lines[record["line"] - 1]
            if word and source[record["column"] - 1:].lower().startswith(word.lower()):
                located += 1
    assert checked >= 10
    # Best effort by design: trafilatura may rewrite text; most must still land on their word.
    assert located / checked >= 0.8, (located, checked)


def test_a_jsonl_corpus_built_from_the_pages_locates_every_diagnostic(tmp_path):
    corpus = require_corpus()
    records = [json.loads(line) for line in (corpus / "pages.jsonl").read_text(encoding="utf-8").splitlines()[:40]]
    raw_lines = [json.dumps({"id": r["id"], "text": r["noisy_text"]}) for r in records]  # ASCII escapes throughout
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(raw_lines) + "\n", encoding="utf-8")
    diagnostics = lint_json(str(path))
    assert len(diagnostics) > 100
    for record in diagnostics:
        raw = raw_lines[record["line"] - 1]
        text = records[record["line"] - 1]["noisy_text"]
        assert record["record"] == records[record["line"] - 1]["id"]
        offset = sum(len(line) + 1 for line in text.split("\n")[:record["text_line"] - 1]) + record["text_column"] - 1
        expected = json.dumps(text[offset])[1:-1]  # the flagged character as it is written in the file
        assert raw[record["column"] - 1:].startswith(expected), record
