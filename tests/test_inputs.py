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
from newslint import inputs
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
               for r in records if r["code"] != "INP001"]
    lines = raw.split("\n")
    starts = [lines[0].index("eleven"), lines[3].index("eleven"), lines[4].index("café")]
    assert located == [("a1", 1, starts[0] + 1, starts[0] + 18, 2, 11),
                       ("a3", 4, starts[1] + 1, starts[1] + 18, 1, 29),
                       ("a4", 5, starts[2] + 1, starts[2] + 11, 1, 3)]
    assert [(r["line"], r["record"], r["message"]) for r in records if r["code"] == "INP001"] == [
        (2, "line 2", "malformed JSON record: Expecting property name enclosed in double quotes at column 2"),
        (3, "a2", "record has no field `text`")]
    assert result.stderr == "" and result.exit_code == 2


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


# -- records that cannot be read: INP001 -----------------------------------------------
def test_each_unreadable_record_is_one_inp001_diagnostic_and_the_others_are_linted(project, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_RECORD", 3000)
    lines = ['{"id": "a", "text": "We walked eleven kilometres."}',
             '{not json',
             '{"id": "b", "body": "the text is elsewhere"}',
             '{"id": "c", "text": 5}',
             '{"id": "d", "text": null}',
             '[1, 2]',
             '"just a string"',
             "[" * 1400 + "]" * 1400,  # deeper than Python's recursion limit
             json.dumps({"id": "f", "text": "x" * 4000}),
             '{"id": "g", "text": "eleven kilometres" ',
             '{"id": "h", "text": "Then eleven kilometres more."}']
    (project / "c.jsonl").write_text("\n".join(lines) + "\n")
    result, records = run_json("c.jsonl")
    assert [(r["line"], r["column"], r["end_line"], r["end_column"], r["record"], r["code"], r["message"])
            for r in records] == [
        (1, 32, 1, 49, "a", "TST001", "distance"),
        (2, 1, 2, 10, "line 2", "INP001",
         "malformed JSON record: Expecting property name enclosed in double quotes at column 2"),
        (3, 1, 3, 45, "b", "INP001", "record has no field `text`"),
        (4, 1, 4, 23, "c", "INP001", "record field `text` is a number, not a string"),
        (5, 1, 5, 26, "d", "INP001", "record field `text` is null, not a string"),
        (6, 1, 6, 7, "line 6", "INP001", "record is an array, not a JSON object"),
        (7, 1, 7, 16, "line 7", "INP001", "record is a string, not a JSON object"),
        (8, 1, 8, 2801, "line 8", "INP001", "JSON record nested too deeply"),
        (9, 1, 9, 2, "line 9", "INP001", "record longer than 3,000 bytes skipped"),
        (10, 1, 10, 41, "line 10", "INP001",
         "malformed JSON record: Expecting ',' delimiter at column 41"),
        (11, 27, 11, 44, "h", "TST001", "distance")]
    assert {(r["name"], r["category"], r["severity"]) for r in records if r["code"] == "INP001"} == \
        {("unreadable-record", "input", "error")}
    assert result.stderr == "" and result.exit_code == 2


def unreadable_project(project):
    (project / "c.jsonl").write_text('{"id": "a", "text": "eleven kilometres"}\n{not json\n')
    return project


def test_inp001_appears_in_every_output_format(project):
    import jsonschema

    unreadable_project(project)
    invoke = lambda *args: CliRunner().invoke(main, [*args, "c.jsonl"])  # noqa: E731
    message = "malformed JSON record: Expecting property name enclosed in double quotes at column 2"
    text = invoke("--format", "text")
    assert text.stdout.splitlines()[1] == f"c.jsonl:2:1: INP001 {message} [unreadable-record]"
    sarif = json.loads(invoke("--format", "sarif").stdout)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    run_log = sarif["runs"][0]
    (rule,) = [r for r in run_log["tool"]["driver"]["rules"] if r["id"] == "INP001"]
    assert (rule["name"], rule["defaultConfiguration"]["level"], rule["properties"]["tags"]) == \
        ("unreadable-record", "error", ["input"])
    assert rule["helpUri"].endswith("docs/rules.md#inp001") and "## Why is this bad?" in rule["help"]["markdown"]
    (result,) = [r for r in run_log["results"] if r["ruleId"] == "INP001"]
    assert run_log["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "INP001"
    assert (result["level"], result["message"]["text"]) == ("error", message + ".")
    assert result["locations"][0]["physicalLocation"]["region"] == \
        {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 10}
    assert invoke("--format", "github").stdout.splitlines()[1] == \
        f"::error file=c.jsonl,line=2,endLine=2,col=1,endColumn=10,title=INP001 unreadable-record::{message}"
    (issue,) = [i for i in json.loads(invoke("--format", "gitlab").stdout) if i["check_name"] == "INP001"]
    assert (issue["severity"], issue["location"]) == ("major", {"path": "c.jsonl", "lines": {"begin": 2, "end": 2}})
    assert invoke("--statistics").stdout == "     1  TST001   test-distance\n     1  INP001   unreadable-record\n"
    assert {invoke("--format", fmt).exit_code for fmt in ("text", "json", "sarif", "github", "gitlab")} == {2}


def test_a_warc_response_that_cannot_be_read_is_inp001(project, monkeypatch):
    html = ARTICLE.read_bytes()
    monkeypatch.setattr(inputs, "MAX_RECORD", len(html) + 10)
    write_warc(project / "crawl.warc.gz", [
        ("https://example.org/utf16", "text/html", b"\xff\xfea\x00\x00\xd8"),  # a BOM, then a lone surrogate
        ("https://example.org/huge", "text/html", html + b" " * 20),
        ("https://example.org/a", "text/html", html),
    ])
    result, records = run_json("crawl.warc.gz")
    assert [(r["code"], r["line"], r["column"], r["record"]) for r in records] == [
        ("INP001", 1, 1, "https://example.org/utf16"), ("INP001", 1, 1, "https://example.org/huge"),
        ("TST001", 3, 23, "https://example.org/a")]
    offsets = [r["record_offset"] for r in records]
    assert offsets[0] == 0 and offsets[0] < offsets[1] < offsets[2]
    assert records[0]["message"] == ("response https://example.org/utf16 at byte 0: cannot decode: invalid "
                                     "utf-16-le after its BOM (unexpected end of data)")
    assert records[1]["message"] == (f"response https://example.org/huge at byte {offsets[1]}: "
                                     f"HTML body longer than {len(html) + 10:,} bytes skipped")
    assert result.exit_code == 2


def test_inp001_exits_2_whatever_the_baseline_cache_or_exit_zero(project):
    unreadable_project(project)
    invoke = lambda *args: CliRunner().invoke(main, [*args, "c.jsonl"])  # noqa: E731
    assert invoke("--exit-zero").exit_code == 2
    written = invoke("--write-baseline", "base.json")
    assert written.exit_code == 2 and written.stdout.startswith("c.jsonl:2:1: INP001 ")
    entries = json.loads((project / "base.json").read_text())["diagnostics"]
    assert [entry["code"] for entry in entries] == ["TST001"]  # an input error is never baselined
    checked = invoke("--baseline", "base.json")
    assert checked.exit_code == 2 and checked.stdout.splitlines()[0].startswith("c.jsonl:2:1: INP001 ")
    assert "1 diagnostics are in the baseline" in checked.stderr
    first, replayed = invoke(), invoke()
    assert list((project / ".newslint_cache").rglob("*"))  # the second run replayed the cache
    assert first.stdout == replayed.stdout and first.exit_code == replayed.exit_code == 2


def test_inp001_is_listed_explained_and_always_on(project):
    listing = CliRunner().invoke(main, ["--list-rules"]).stdout.splitlines()
    assert any(line.split() == ["INP001", "unreadable-record", "input", "always", "-"] for line in listing)
    assert listing[-2:] == ["Input checks (always on: they cannot be selected or ignored):",
                            "  INP001: Flags a record of a JSONL or WARC input that newslint cannot read, "
                            "and so did not lint."]
    explained = CliRunner().invoke(main, ["--explain", "INP001"]).stdout
    assert explained.startswith("INP001 (unreadable-record)\n\nCategory: input. Severity: error. "
                                "Always on (an input check). Fix: none.\n")
    for section in ("## What it does", "## Why is this bad?", "## Example"):
        assert section in explained
    for args in (["--ignore", "INP001"], ["--select", "INP"], ["--extend-select", "unreadable-record"]):
        refused = CliRunner().invoke(main, [*args, "c.jsonl"])
        assert refused.exit_code == 2
        assert "names an input check (INP001), which is always on" in refused.stderr


def test_inp001_is_an_engine_check_without_a_text_check():
    from newslint.rule import Rule, RuleDefinitionError

    check = inputs.UNREADABLE_RECORD
    assert (check.engine, check.check, check.corpus, check.default) == (True, None, None, True)
    with pytest.raises(RuleDefinitionError, match="engine check INP002 is reported by the engine"):
        Rule("INP002", "other-input", "input", lambda doc, options: (), engine=True)
    with pytest.raises(RuleDefinitionError, match="needs either a check or a corpus index"):
        Rule("INP002", "other-input", "input", None)


def test_show_text_reports_unreadable_records(project):
    unreadable_project(project)
    result = CliRunner().invoke(main, ["--show-text", "c.jsonl"])
    assert result.stdout == "==> c.jsonl record a <==\n1  eleven kilometres\n"
    assert result.stderr == ("c.jsonl:2:1: INP001 malformed JSON record: Expecting property name enclosed in "
                             "double quotes at column 2 [unreadable-record]\n")
    assert result.exit_code == 2
