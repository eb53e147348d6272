"""--fix --output FILE: the fixed corpus of a JSONL or WARC input, written to
a new file through the real CLI (real gzip/zstd streams, real warcio
archives). The input is never rewritten."""
import gzip
import io
import json
import os
import shutil

import pytest
import zstandard
from click.testing import CliRunner

from conftest import FIX_PACK as PACK, project_with_pack, require_corpus
from newslint import fixer, inputs
from newslint.cli import main

# Lines of a corpus as a scraper wrote them: key orders, escapes, a BOM and
# CRLF endings vary; some lines are not records at all.
LINES = [
    b'\xef\xbb\xbf{"id": "a1", "text": "Talks wiht allies.\\nShare", "meta": {"text": "wiht"}}\r\n',
    b'{"text":"Caf\\u00e9 talks","id":"a2"}\n',                        # nothing to fix: copied as is
    b'{"url": "https://e.org/3", "text": "Caf\xc3\xa9 \xe2\x80\x9cwiht\xe2\x80\x9d cr\xc3\xa8me.", "n": 3}\n',
    b'\n',
    b'{not json\n',
    b'{"id": "a5", "text": "teh end wiht \\"quotes\\" and \\u00e9\\ud83c\\udf0d"}\n',
]


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_with_pack(tmp_path, monkeypatch, PACK)


def run(*args):
    return CliRunner().invoke(main, ["--jobs", "1", *args])


def corpus(project, name="in.jsonl", lines=LINES):
    (project / name).write_bytes(b"".join(lines))
    return project / name


def test_only_the_text_of_fixed_records_changes(project):
    source = corpus(project)
    result = run("--fix", "--output", "out.jsonl", "in.jsonl")
    assert source.read_bytes() == b"".join(LINES)
    assert (project / "out.jsonl").read_bytes() == b"".join([
        b'\xef\xbb\xbf{"id": "a1", "text": "Talks with allies.\\nShare", "meta": {"text": "wiht"}}\r\n',
        LINES[1],
        b'{"url": "https://e.org/3", "text": "Caf\xc3\xa9 \xe2\x80\x9cwith\xe2\x80\x9d cr\xc3\xa8me.", "n": 3}\n',
        LINES[3],
        LINES[4],
        b'{"id": "a5", "text": "the end with \\"quotes\\" and \\u00e9\\ud83c\\udf0d"}\n',
    ])
    assert "Fixed 4 diagnostics." in result.stderr
    assert "out.jsonl: note: fixed corpus written: 4 records, 3 with fixes" in result.stderr
    # What is left: the unsafe menu line, in the output; the malformed line, in the input. Exit 2 for that.
    assert result.stdout.splitlines()[:2] == ["in.jsonl:5:1: INP001 malformed JSON record: Expecting property name "
                                              "enclosed in double quotes at column 2 [unreadable-record]",
                                              "out.jsonl:1:43: TST002 menu [test-menu]"]
    assert result.exit_code == 2


def test_unsafe_fixes_follow_the_same_rules_as_text_files(project):
    corpus(project, lines=[LINES[0]])
    result = run("--fix", "--unsafe-fixes", "--output", "out.jsonl", "in.jsonl")
    assert (project / "out.jsonl").read_bytes() == \
        b'\xef\xbb\xbf{"id": "a1", "text": "Talks with allies.\\n", "meta": {"text": "wiht"}}\r\n'
    assert result.exit_code == 0 and result.stdout == "All checks passed (1 file).\n"


def test_fixing_the_output_again_changes_nothing(project):
    corpus(project)
    run("--fix", "--unsafe-fixes", "--output", "once.jsonl.gz", "in.jsonl")
    result = run("--fix", "--unsafe-fixes", "--output", "twice.jsonl.gz", "once.jsonl.gz")
    assert (project / "twice.jsonl.gz").read_bytes() == (project / "once.jsonl.gz").read_bytes()
    assert "Fixed" not in result.stderr and "0 with fixes" in result.stderr


def test_the_report_of_a_fix_run_is_the_report_of_the_output(project):
    """The diagnostics left after --fix point at the output file, where the
    fixed text is: linting the output afterwards reports the same."""
    corpus(project, lines=[line for line in LINES if line != b"{not json\n"])
    fixed = run("--format", "json", "--fix", "--output", "out.jsonl", "in.jsonl")
    after = run("--format", "json", "out.jsonl")
    assert json.loads(fixed.stdout) == json.loads(after.stdout)
    assert [(d["path"], d["line"], d["column"], d["record"]) for d in json.loads(after.stdout)] == \
        [("out.jsonl", 1, LINES[0].index(b"Share") - 2, "a1")]  # columns count characters, not the BOM
    assert fixed.exit_code == after.exit_code == 1


@pytest.mark.parametrize("source, output, compress, decompress", [
    ("in.jsonl.gz", "out.jsonl.zst", gzip.compress,
     lambda b: zstandard.ZstdDecompressor().decompressobj().decompress(b)),
    ("in.jsonl.zst", "out.jsonl.gz", lambda b: zstandard.ZstdCompressor().compress(b), gzip.decompress),
    ("in.jsonl.gz", "out.jsonl", gzip.compress, lambda b: b),
])
def test_the_output_is_compressed_as_its_own_name_says(project, source, output, compress, decompress):
    (project / source).write_bytes(compress(b"".join(LINES)))
    run("--fix", "--output", output, source)
    plain = run("--fix", "--output", "plain.jsonl", source)
    assert plain.exit_code == 2  # the malformed line
    assert decompress((project / output).read_bytes()) == (project / "plain.jsonl").read_bytes()
    assert b'"text": "Talks with allies.' in (project / "plain.jsonl").read_bytes()


def test_an_over_long_line_is_copied_in_pieces_and_a_last_line_keeps_its_missing_newline(project, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_RECORD", 100)
    monkeypatch.setattr(fixer, "COPY_PIECE", 7)
    long_line = json.dumps({"id": "long", "text": "wiht " * 50}).encode() + b"\n"
    corpus(project, lines=[LINES[1], long_line, b'{"text": "wiht it"}'])
    result = run("--fix", "--output", "out.jsonl", "in.jsonl")
    assert (project / "out.jsonl").read_bytes() == LINES[1] + long_line + b'{"text": "with it"}'
    assert "in.jsonl:2:1: INP001 record longer than 100 bytes skipped" in result.stdout


def test_jobs_write_the_same_output(project):
    corpus(project, lines=LINES + LINES[1:] * 30)  # a BOM only on the first line
    run("--fix", "--output", "one.jsonl", "in.jsonl")
    two = CliRunner().invoke(main, ["--jobs", "2", "--fix", "--output", "two.jsonl", "in.jsonl"])
    assert (project / "one.jsonl").read_bytes() == (project / "two.jsonl").read_bytes()
    assert (project / "one.jsonl").read_bytes().count(b"wiht") == 1  # in `meta`, which is not the text
    assert "fixed corpus written: 94 records, 63 with fixes" in two.stderr


def write_warc(path, pages):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for uri, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def page(paragraph: str) -> bytes:
    body = ("<p>The council met on Tuesday and talked about the budget for the coming year at length.</p>"
            f"<p>{paragraph}</p>")
    return f"<html><body><article><h1>Council budget</h1>{body}</article></body></html>".encode()


def test_a_warc_becomes_a_jsonl_of_its_fixed_texts(project):
    write_warc(project / "crawl.warc.gz", [
        ("https://e.org/a", page("Residents spoke wiht the mayor after the meeting.")),
        ("https://e.org/b", b"\xff\xfea\x00\x00\xd8"),  # cannot be decoded
        ("https://e.org/c", page("Residents went home after the meeting."))])
    result = run("--fix", "--text-field", "body", "--id-field", "url", "--output", "texts.jsonl", "crawl.warc.gz")
    records = [json.loads(line) for line in (project / "texts.jsonl").read_text(encoding="utf-8").splitlines()]
    intro = "Council budget\nThe council met on Tuesday and talked about the budget for the coming year at length.\n"
    assert [(r["url"], r["body"]) for r in records] == [
        ("https://e.org/a", intro + "Residents spoke with the mayor after the meeting."),
        ("https://e.org/c", intro + "Residents went home after the meeting.")]
    assert [list(r) for r in records] == [["url", "warc_record_offset", "body"]] * 2
    assert records[0]["warc_record_offset"] == 0 and records[1]["warc_record_offset"] > 0
    assert result.stdout.startswith("crawl.warc.gz:1:1: INP001 response https://e.org/b at byte ")
    assert result.exit_code == 2
    again = run("--fix", "--text-field", "body", "--id-field", "url", "--output", "again.jsonl", "texts.jsonl")
    assert (project / "again.jsonl").read_bytes() == (project / "texts.jsonl").read_bytes()
    assert again.exit_code == 0


def test_diff_shows_each_records_fixes_and_writes_nothing(project):
    corpus(project)
    result = run("--diff", "in.jsonl")
    assert result.stdout.startswith(
        "--- a/in.jsonl (record a1)\n+++ b/in.jsonl (record a1)\n@@ -1,2 +1,2 @@\n-Talks wiht allies.\n"
        "+Talks with allies.\n Share\n\\ No newline at end of file\n"
        "--- a/in.jsonl (record line 3)\n+++ b/in.jsonl (record line 3)\n")
    assert result.stdout.count("--- a/") == 3
    assert "in.jsonl:5:1: INP001 malformed JSON record" in result.stderr  # not lost without a report
    assert result.exit_code == 2
    assert sorted(os.listdir(project)) == [".newslint.yaml", "in.jsonl", "pack.yaml"]
    corpus(project, lines=[LINES[0]])
    assert run("--diff", "in.jsonl").exit_code == 1


@pytest.mark.parametrize("args, message", [
    (["--fix", "in.jsonl"], "in.jsonl: JSONL and WARC inputs are never rewritten in place: "
                            "add --output FILE to write the fixed corpus there"),
    (["--fix", "--input-format", "jsonl", "in.data"], "in.data: JSONL and WARC inputs are never rewritten"),
    (["--output", "out.jsonl", "in.jsonl"], "--output writes the corpus that --fix fixed: use it with --fix"),
    (["--diff", "--output", "out.jsonl", "in.jsonl"], "--output writes the corpus that --fix fixed"),
    (["--fix", "--output", "out.jsonl", "in.jsonl", "b.jsonl"], "--output takes exactly one JSONL or WARC input, "
                                                                "not 2 paths"),
    (["--fix", "--output", "out.jsonl", "."], "--output is for a JSONL or WARC input; . is not one"),
    (["--fix", "--output", "out.jsonl", "a.txt"], "a.txt is not one (text files are fixed in place)"),
    (["--fix", "--output", "./in.jsonl", "in.jsonl"], "--output ./in.jsonl is the input itself"),
    (["--fix", "--output", "link.jsonl", "in.jsonl"], "--output link.jsonl is the input itself"),
    (["--fix", "--output", "out.warc.gz", "in.jsonl"], "the fixed corpus is JSONL: name it .jsonl"),
    (["--fix", "--output", "out.jsonl", "--stdin-filename", "x.jsonl", "-"], "standard input cannot be"),
])
def test_usage_errors_exit_2_and_write_nothing(project, args, message):
    corpus(project)
    shutil.copy(project / "in.jsonl", project / "in.data")
    (project / "a.txt").write_text("wiht\n")
    os.symlink("in.jsonl", project / "link.jsonl")
    before = {path.name: path.read_bytes() for path in project.iterdir() if path.is_file()}
    result = CliRunner().invoke(main, args, input="")
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output
    assert {path.name: path.read_bytes() for path in project.iterdir() if path.is_file()} == before


def test_jsonl_found_in_a_folder_is_reported_not_rewritten(project):
    """The error above is for a file named on the command line; `--fix` on a
    folder fixes its text files and reports its corpora."""
    (project / "docs").mkdir()
    (project / "docs" / "c.jsonl").write_text('{"id": 1, "text": "Talks wiht allies."}\n')
    (project / "docs" / "a.txt").write_text("Talks wiht allies.\n")
    result = run("--fix", "docs")
    assert (project / "docs" / "c.jsonl").read_text() == '{"id": 1, "text": "Talks wiht allies."}\n'
    assert (project / "docs" / "a.txt").read_text() == "Talks with allies.\n"
    assert result.exit_code == 1 and result.stdout.startswith("docs/c.jsonl:1:26: TST001 wiht -> with")


def test_an_interrupted_write_leaves_no_output_and_an_old_output_intact(project):
    """The temporary file cannot be created (a folder is in its way): the
    existing output is untouched, the error names it, and exit is 2."""
    corpus(project, lines=[LINES[0]])
    (project / "out.jsonl").write_text("old\n")
    (project / "out.jsonl.newslint-tmp").mkdir()
    result = run("--fix", "--output", "out.jsonl", "in.jsonl")
    assert (project / "out.jsonl").read_text() == "old\n"
    assert result.exit_code == 2 and "out.jsonl: error: the fixed corpus was not written:" in result.stderr


def test_an_input_that_cannot_be_read_to_its_end_writes_no_output(project):
    data = gzip.compress(b"".join([LINES[0]] * 3000))
    (project / "cut.jsonl.gz").write_bytes(data[:len(data) // 2])
    result = run("--fix", "--output", "out.jsonl", "cut.jsonl.gz")
    assert not (project / "out.jsonl").exists() and not (project / "out.jsonl.newslint-tmp").exists()
    assert "out.jsonl: error: the fixed corpus was not written: cut.jsonl.gz could not be read to its end" \
        in result.stderr
    assert result.exit_code == 2


def test_a_real_corpus_is_fixed_as_its_texts_would_be(tmp_path, monkeypatch):
    """A JSONL of real scraped pages: each output record is the input record
    with its text fixed exactly as `--fix` fixes that text in a .txt file,
    every other byte the same; fixing the output again changes nothing."""
    pages = [json.loads(line) for line in
             (require_corpus() / "pages.jsonl").read_text(encoding="utf-8").splitlines()[:8]]
    monkeypatch.chdir(tmp_path)
    lines = [json.dumps({"id": p["id"], "url": p["url"], "text": p["noisy_text"], "lang": p["lang_guess"]})
             for p in pages]
    (tmp_path / "pages.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "texts").mkdir()
    for number, item in enumerate(pages):
        (tmp_path / "texts" / f"{number:02d}.txt").write_text(item["noisy_text"], encoding="utf-8")
    fixed = CliRunner().invoke(main, ["--no-cache", "--fix", "--output", "fixed.jsonl", "pages.jsonl"])
    CliRunner().invoke(main, ["--no-cache", "--fix", "texts"])
    expected = [json.dumps({"id": p["id"], "url": p["url"],
                            "text": (tmp_path / "texts" / f"{n:02d}.txt").read_text(encoding="utf-8"),
                            "lang": p["lang_guess"]}) for n, p in enumerate(pages)]
    output = (tmp_path / "fixed.jsonl").read_text(encoding="utf-8").split("\n")
    assert output == expected + [""]
    changed = sum(a != b for a, b in zip(lines, expected))
    assert changed >= 2 and f"{changed} with fixes" in fixed.stderr
    again = CliRunner().invoke(main, ["--no-cache", "--fix", "--output", "again.jsonl", "fixed.jsonl"])
    assert (tmp_path / "again.jsonl").read_bytes() == (tmp_path / "fixed.jsonl").read_bytes()
    assert "Fixed" not in again.stderr and fixed.exit_code == again.exit_code == 1
