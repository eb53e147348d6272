"""HTML and JSONL input on the real pages of the dev corpus (../shared/corpus):
every diagnostic must point at the place in the file where its text is."""
import json
import re

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


def test_broken_records_of_a_real_corpus_are_one_diagnostic_each_and_the_rest_is_linted(tmp_path):
    """Three records of a JSONL built from real pages are broken as exports
    break them; each gives exactly one INP001 on its line, and every other
    record is reported exactly as in the intact corpus."""
    pages = [json.loads(line) for line in
             (require_corpus() / "pages.jsonl").read_text(encoding="utf-8").splitlines()[:10]]
    lines = [json.dumps({"id": p["id"], "text": p["noisy_text"]}) for p in pages]
    (tmp_path / "intact.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    broken = list(lines)
    broken[2] = lines[2][:len(lines[2]) // 2]  # cut in the middle of the text
    broken[5] = json.dumps({"id": pages[5]["id"], "body": pages[5]["noisy_text"]})  # a renamed field
    broken[8] = json.dumps({"id": pages[8]["id"], "text": pages[8]["noisy_text"].split("\n")})  # a list of lines
    (tmp_path / "broken.jsonl").write_text("\n".join(broken) + "\n", encoding="utf-8")
    run = lambda name: CliRunner().invoke(main, ["--no-cache", "--format", "json", str(tmp_path / name)])  # noqa: E731
    result = run("broken.jsonl")
    found = json.loads(result.stdout)
    quote = lines[2].index('"text": "') + len('"text": ')  # where the cut string starts
    unreadable = [(d["line"], d["column"], d["end_column"], d["record"], d["message"])
                  for d in found if d["code"] == "INP001"]
    assert unreadable == [
        (3, 1, len(broken[2]) + 1, "line 3",
         f"malformed JSON record: Unterminated string starting at column {quote + 1}"),
        (6, 1, len(broken[5]) + 1, pages[5]["id"], "record has no field `text`"),
        (9, 1, len(broken[8]) + 1, pages[8]["id"], "record field `text` is an array, not a string")]
    assert result.exit_code == 2

    def per_record(diagnostics):
        return [(d["line"], d["column"], d["code"], d["message"]) for d in diagnostics
                if d["code"] != "INP001" and d["line"] not in (3, 6, 9)]

    assert per_record(found) == per_record(json.loads(run("intact.jsonl").stdout))
    assert len(per_record(found)) > 50
