"""HTML, JSONL and WARC input through the real CLI: real trafilatura, real
gzip/zstd streams, real warcio archives."""
import gzip
import io
import json
import shutil

import pytest
import zstandard
from click.testing import CliRunner

from conftest import ROOT, project_with_pack
from newslint.cli import main

PACK = """\
rules:
  - code: TST001
    name: test-distance
    category: chrome
    kind: existence
    message: "distance"
    phrases: ["eleven kilometres", "café crème"]
"""
ARTICLE = ROOT / "tests" / "data" / "article.html"


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_with_pack(tmp_path, monkeypatch, PACK)


def run_json(*args, stdin=None):
    result = CliRunner().invoke(main, ["--format", "json", *args], input=stdin, catch_exceptions=False)
    return result, json.loads(result.stdout or "[]")


def test_html_main_text_is_linted_and_located_in_the_source(project):
    shutil.copy(ARTICLE, project / "page.html")
    result, (record,) = run_json("page.html")
    source_line = ARTICLE.read_text().split("\n")[record["line"] - 1]
    assert record["line"] == 17 and source_line.index("eleven kilometres") == record["column"] - 1
    assert (record["text_line"], record["text_column"]) == (3, 23)
    assert result.exit_code == 1


def test_html_chrome_outside_the_main_text_is_not_linted(project):
    """The <script> and <footer> text never reaches the rules."""
    (project / "pack.yaml").write_text(PACK.replace('["eleven kilometres", "café crème"]', '["All rights reserved"]'))
    shutil.copy(ARTICLE, project / "page.html")
    assert run_json("page.html")[1] == []


def test_html_extraction_options_come_from_config(project):
    (project / ".newslint.yaml").write_text("rule-paths: [pack.yaml]\nselect: [TST]\nhtml-extraction: {fast: yes}\n")
    shutil.copy(ARTICLE, project / "page.html")
    assert len(run_json("page.html")[1]) == 1
    (project / ".newslint.yaml").write_text("html-extraction: {nope: 1}\n")
    result = CliRunner().invoke(main, ["page.html"])
    assert result.exit_code == 2 and "html-extraction option `nope`" in result.output


def test_html_without_main_text_is_an_error_and_the_run_goes_on(project):
    (project / "empty.html").write_text("<html><head><title>x</title></head><body><script>1</script></body></html>")
    (project / "b.txt").write_text("eleven kilometres\n")
    result, records = run_json("empty.html", "b.txt")
    assert result.exit_code == 2
    assert "empty.html: error: no main text found" in result.stderr
    assert [r["path"] for r in records] == ["b.txt"]


def jsonl_lines():
    return [json.dumps({"id": "a1", "text": "Line one.\nWe walked eleven kilometres."}),
            "{not json",
            json.dumps({"id": "a2", "body": "no text field"}),
            json.dumps({"id": "a3", "text": "Tab\tand \"quotes\" and é then eleven kilometres"}, ensure_ascii=True),
            json.dumps({"meta": {"text": "eleven kilometres"}, "id": "a4", "text": "🌍 café crème"},
                       ensure_ascii=False)]


def test_jsonl_records_are_located_on_their_line_in_the_file(project):
    raw = "\n".join(jsonl_lines()) + "\n"
    (project / "corpus.jsonl").write_text(raw, encoding="utf-8")
    result, records = run_json("corpus.jsonl")
    located = [(r["record"], r["line"], r["column"], r["end_column"], r["text_line"], r["text_column"])
               for r in records]
    lines = raw.split("\n")
    starts = [lines[0].index("eleven"), lines[3].index("eleven"), lines[4].index("café")]
    assert located == [("a1", 1, starts[0] + 1, starts[0] + 18, 2, 11),
                       ("a3", 4, starts[1] + 1, starts[1] + 18, 1, 29),
                       ("a4", 5, starts[2] + 1, starts[2] + 11, 1, 3)]
    assert "corpus.jsonl: error: line 2: malformed JSON record" in result.stderr
    assert "corpus.jsonl: error: line 3: record has no string field `text`" in result.stderr
    assert result.exit_code == 2


@pytest.mark.parametrize("suffix, compress", [(".jsonl.gz", gzip.compress),
                                              (".jsonl.zst", lambda b: zstandard.ZstdCompressor().compress(b))])
def test_compressed_jsonl(project, suffix, compress):
    (project / f"corpus{suffix}").write_bytes(compress((jsonl_lines()[0] + "\n").encode()))
    _, (record,) = run_json(f"corpus{suffix}")
    assert (record["path"], record["record"], record["line"]) == (f"corpus{suffix}", "a1", 1)


def test_text_and_id_fields_can_be_chosen(project):
    (project / "c.jsonl").write_text(json.dumps({"key": "k9", "body": "eleven kilometres"}) + "\n")
    _, (record,) = run_json("--text-field", "body", "--id-field", "key", "c.jsonl")
    assert (record["record"], record["column"]) == ("k9", 24)


def test_truncated_gzip_is_an_error(project):
    data = gzip.compress(("\n".join(jsonl_lines()) + "\n").encode())
    (project / "broken.jsonl.gz").write_bytes(data[:len(data) // 2])
    result, _ = run_json("broken.jsonl.gz")
    assert result.exit_code == 2 and "broken.jsonl.gz: error:" in result.stderr


def test_stdin_filename_picks_the_format_and_the_reported_path(project):
    _, (record,) = run_json("--stdin-filename", "feed/x.jsonl", "-", stdin=jsonl_lines()[0] + "\n")
    assert (record["path"], record["record"]) == ("feed/x.jsonl", "a1")


def test_input_format_forces_a_reader(project):
    (project / "corpus.data").write_text(jsonl_lines()[0] + "\n")
    _, (record,) = run_json("--input-format", "jsonl", "corpus.data")
    assert record["record"] == "a1"


def write_warc(path, pages):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for uri, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_warc_html_responses_are_extracted_and_located_by_uri(project):
    html = ARTICLE.read_bytes()
    write_warc(project / "crawl.warc.gz", [
        ("https://example.org/a", "text/html; charset=utf-8", html),
        ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://example.org/b", "text/html", html.replace(b"eleven kilometres", b"nine kilometres")),
    ])
    result, records = run_json("crawl.warc.gz")
    assert [(r["record"], r["line"]) for r in records] == [("https://example.org/a", 3)]
    assert records[0]["record_offset"] == 0
    assert result.exit_code == 1


def test_a_file_that_is_not_a_warc_is_an_error(project):
    (project / "fake.warc").write_text("this is not an archive\n")
    result, _ = run_json("fake.warc")
    assert result.exit_code == 2 and "fake.warc: error: cannot read WARC" in result.stderr


def test_show_text_prints_what_is_linted(project):
    shutil.copy(ARTICLE, project / "page.html")
    (project / "c.jsonl").write_text(jsonl_lines()[0] + "\n")
    result = CliRunner().invoke(main, ["--show-text", "page.html", "c.jsonl"])
    lines = result.stdout.splitlines()
    assert lines[0] == "==> page.html <=="
    assert lines[1] == "1  Council approves new tram line after two years of debate"
    assert lines[-3:] == ["==> c.jsonl record a1 <==", "1  Line one.", "2  We walked eleven kilometres."]
    assert result.exit_code == 0
